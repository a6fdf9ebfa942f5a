/**
 * Where the user is ("Étape 2 sur 4 · Votre situation"): above the first question of each counted
 * section, in that question's own message (never an extra one), never while a call back collects
 * its details, in the conversation's language, and not at all when the flow turns it off.
 */
import { runTurn, type TurnResult } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { plainText } from '../../src/engine/userText';
import type { Flow } from '../../src/flow/model';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();
const withoutProgress: Flow = { ...flow, settings: { ...flow.settings, show_progress: false } };
const NOW = new Date('2026-11-23T09:00:00Z');
const JOURNEY = ['bonjour', 'oui', 'Les Jardins Partagés', 'association', 'passer', '75011 Paris', '2012', '2', '10', 'passer', '1', 'passer', 'stable', '2',
  'Nous voulons refaire notre site web vieillissant.', 'oui', 'rien', 'ponctuel', "pas d'échéance", 'pas de budget', 'Sam Martin', 'sam@example.org', '06 12 34 56 78'];

function play(f: Flow, texts: string[]): TurnResult[] {
  let state: ConversationState | undefined;
  let n = 0;
  return texts.map((text) => {
    const r = runTurn(f, state, { kind: 'message', text }, { now: NOW, conversationId: 'progress', channel: 'Site web', nextReference: () => `PBL-2026-${String(++n).padStart(5, '0')}` });
    state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
    return r;
  });
}

const PROGRESS = /^(?:Étape|Step) (\d+) (?:sur|of) (\d+) · (.+)$/m;

test('each counted section is announced once, in order, in the message of its first question', () => {
  const turns = play(flow, JOURNEY);
  const counted = flow.sections.filter((s) => s.progress);
  expect(counted.length).toBeLessThan(flow.sections.length); // the welcome is not a step
  const seen: string[] = [];
  for (const r of turns) {
    for (const m of r.messages) {
      const match = PROGRESS.exec(plainText(m.text));
      if (!match) continue;
      expect(m.type).toBe('question');
      // The line comes first, then a blank line, then the question itself.
      expect(plainText(m.text).startsWith(`${match[0]}\n\n`)).toBe(true);
      expect(m.type === 'question' && counted[Number(match[1]) - 1].steps.some((s) => s.id === m.stepId)).toBe(true);
      expect(match[2]).toBe(String(counted.length));
      seen.push(match[3]);
    }
  }
  expect(seen).toEqual(counted.map((s) => s.title.fr));
});

test('no extra message: the same number of messages each turn as with the progress off, and none of them says it when off', () => {
  const on = play(flow, JOURNEY);
  const off = play(withoutProgress, JOURNEY);
  expect(on.map((r) => r.messages.length)).toEqual(off.map((r) => r.messages.length));
  for (const r of off) for (const m of r.messages) expect(plainText(m.text)).not.toMatch(PROGRESS);
});

test('not while a call back collects its details, and said in English in an English conversation', () => {
  const callback = play(flow, ['bonjour', 'oui', 'Les Jardins Partagés', 'rappelez-moi']);
  const asked = callback[3].messages.map((m) => plainText(m.text)).join('\n');
  expect(asked).toMatch(/Quel est votre nom/);
  expect(asked).not.toMatch(PROGRESS);

  const english = play(flow, ['hello', 'english please', 'yes']);
  const shown = english.flatMap((r) => r.messages.map((m) => plainText(m.text))).join('\n');
  const first = flow.sections.find((s) => s.progress)!;
  expect(shown).toContain(`Step 1 of ${flow.sections.filter((s) => s.progress).length} · ${first.title.en}`);
});
