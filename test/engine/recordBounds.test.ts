/**
 * A need always fits the record (Airtable's 100,000 characters per long text) however long the
 * conversation, and a reference is only allocated for a record that validates: a record that
 * would not is never given one; the user is told, and the failing fields (no values) are returned
 * for the transport to log.
 */
import { runTurnWithReference } from '../../src/bot/runTurnWithReference';
import { runTurn, type TurnInput, type TurnResult } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { say } from '../../src/engine/texts';
import { plainText } from '../../src/engine/userText';
import { buildNeedRecord, keepEnd } from '../../src/needs/buildRecord';
import { needRecordSchema, TEXT_MAX_CHARS } from '../../src/needs/record';
import { sharedFlow } from '../support/channelHarness';

const flow = sharedFlow();
const NOW = new Date('2026-11-23T09:00:00Z');
const CUT = say(flow, 'record.cut', 'fr');
const JOURNEY = ['bonjour', 'oui', 'Les Jardins Partagés', 'association', 'passer', '75011 Paris', '2012', '2', '10', 'passer', '1', 'passer', 'stable', '2',
  'Nous voulons refaire notre site web vieillissant.', 'oui', 'rien', 'ponctuel', "pas d'échéance", 'pas de budget', 'Sam Martin', 'sam@example.org', '06 12 34 56 78', 'non'];

/** Runs turns on a state, counting the references allocated. */
function player(start?: ConversationState) {
  let state = start;
  let allocated = 0;
  const send = (text: string): TurnResult => {
    const input: TurnInput = { kind: 'message', text };
    const r = runTurn(flow, state, input, { now: NOW, conversationId: 'bounds', channel: 'Site web', nextReference: () => `PBL-2026-${String(++allocated).padStart(5, '0')}` });
    state = JSON.parse(JSON.stringify(r.state)) as ConversationState;
    return r;
  };
  return { send, state: () => state!, allocated: () => allocated };
}

/** The state at the summary, with a transcript of 400 entries of 2,000 characters (the state's own bounds). */
function atSummaryWithLongTranscript(): ConversationState {
  const p = player();
  for (const text of JOURNEY) p.send(text);
  const state = p.state();
  expect(state.phase).toBe('summary');
  state.transcript = Array.from({ length: 400 }, (_, i) => ({ from: i % 2 ? 'bot' : 'user', text: `${String(i).padStart(3, '0')} ${'é'.repeat(1_995)}` }));
  return state;
}

describe('keepEnd', () => {
  test('a text within the limit is kept whole', () => {
    expect(keepEnd('abc\ndef', CUT)).toBe('abc\ndef');
    const exact = 'x'.repeat(TEXT_MAX_CHARS);
    expect(keepEnd(exact, CUT)).toBe(exact);
  });

  test('a longer text keeps its end, from the start of a line, after the notice', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `[user] ligne ${i} ${'x'.repeat(990)}`);
    const text = lines.join('\n');
    const cut = keepEnd(text, CUT);
    expect(cut.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(cut.startsWith(`${CUT}\n[user] ligne `)).toBe(true);
    expect(cut.endsWith(lines.at(-1)!)).toBe(true);
    expect(text.endsWith(cut.slice(CUT.length + 1))).toBe(true);
  });

  test('with no line near the cut, never half an emoji', () => {
    const text = '😀'.repeat(TEXT_MAX_CHARS);
    for (const t of [text, `x${text}`]) {
      const cut = keepEnd(t, CUT);
      expect(cut.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
      expect(cut.slice(CUT.length + 1)).toMatch(/^😀+$/u);
    }
  });
});

describe('a conversation far longer than the record allows', () => {
  test('the record keeps the end of the transcript, says it was cut, and validates', () => {
    const state = atSummaryWithLongTranscript();
    const p = player(state);
    const r = p.send('confirmer');
    expect(p.allocated()).toBe(1);
    const transcript = r.need!.Besoins.Transcript!;
    expect(transcript.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(transcript.startsWith(`${CUT}\n[`)).toBe(true);
    expect(transcript.endsWith(`[bot] 399 ${'é'.repeat(1_995)}`)).toBe(true);
    expect(needRecordSchema.safeParse(r.need).success).toBe(true);
  });

  test('a call back at the summary, then the confirmation: one reference for both', () => {
    const p = player(atSummaryWithLongTranscript());
    const callback = p.send("parler à quelqu'un");
    expect(callback.need?.Besoins).toMatchObject({ Référence: 'PBL-2026-00001', 'Rappel demandé': true });
    const done = p.send('confirmer');
    expect(done.need?.Besoins).toMatchObject({ Référence: 'PBL-2026-00001', 'Rappel demandé': true, 'Programme recommandé': 'Probono Factory' });
    expect(p.allocated()).toBe(1);
  });

  test('any other long text (a description with extra answers) is cut the same way', () => {
    const state = atSummaryWithLongTranscript();
    state.answers.description = { v: `${'début '.repeat(20_000)}fin` };
    const record = buildNeedRecord(flow, state, {
      reference: 'PBL-2026-00001',
      conversationId: 'bounds',
      channel: 'Site web',
      path: [...flow.steps],
      values: {},
      staffVars: {},
    });
    const description = record.Besoins.Description!;
    expect(description.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(description.startsWith(`${CUT}\n`)).toBe(true);
    expect(description.endsWith('fin\n\nCe que vous avez déjà essayé : rien')).toBe(true);
  });
});

describe('a record that would not validate', () => {
  /** An impossible answer no parser gives (a state from an older version, a defect): the record refuses it. */
  const broken = (): ConversationState => {
    const state = atSummaryWithLongTranscript();
    state.answers.creation_year = { v: 1066 };
    return state;
  };

  test('"confirmer" allocates no reference, records nothing, tells the user, and names the field', () => {
    const p = player(broken());
    const r = p.send('confirmer');
    expect(p.allocated()).toBe(0);
    expect(r.need).toBeUndefined();
    expect(r.invalidNeed).toEqual(['Structures.Année de création: too_small']);
    expect(r.messages.map((m) => plainText(m.text))).toEqual([say(flow, 'need_invalid', 'fr')]);
    expect(r.state.phase).toBe('summary');
    expect(r.state.reference).toBeUndefined();
  });

  test('through the transport: the journal is never asked for a reference', async () => {
    let allocations = 0;
    const r = await runTurnWithReference(flow, broken(), { kind: 'message', text: 'confirmer' }, {
      now: NOW,
      conversationId: 'bounds',
      channel: 'Site web',
      allocate: async () => `PBL-2026-${String(++allocations).padStart(5, '0')}`,
    });
    expect(allocations).toBe(0);
    expect(r.invalidNeed).toHaveLength(1);
  });

  test('a call back: the user is told, and the journey goes on without one', () => {
    const p = player(broken());
    const r = p.send('rappelez-moi');
    expect(p.allocated()).toBe(0);
    expect(r.need).toBeUndefined();
    expect(r.messages.map((m) => plainText(m.text))).toContain(say(flow, 'need_invalid', 'fr'));
    expect(r.state.callback).toBeUndefined();
  });
});
