import { runTurn } from '../../src/engine/machine';
import type { ConversationState, StoredAnswer } from '../../src/engine/state';
import { walk } from '../../src/engine/walk';
import { JOURNEY } from '../../scripts/bench/journeyScript';
import { freshFlow, sharedFlow } from '../support/sharedFlow';

const NOW = new Date(Date.UTC(2026, 2, 2, 10, 0));

/** A state halfway through the bench journey, and one at its end. */
function states(): ConversationState[] {
  const flow = sharedFlow();
  const out: ConversationState[] = [];
  let state: ConversationState | undefined;
  for (const [i, step] of JOURNEY.entries()) {
    state = runTurn(flow, state, { kind: 'message', text: step.text }, { now: new Date(NOW.getTime() + i * 60_000), conversationId: 'memo', channel: 'Site web', nextReference: () => 'PBL-2026-00001' }).state;
    out.push(state);
  }
  return [out[12], out[out.length - 1]];
}

/** The same walk worked out on a copy of the answers (a new object: never remembered). */
const anew = (flow: ReturnType<typeof sharedFlow>, answers: Record<string, StoredAnswer>, now: Date) => walk(flow, { ...answers }, now);
const summary = (w: ReturnType<typeof walk>) => ({ next: w.next.kind === 'step' ? w.next.step.id : w.next.kind, path: w.path.map((s) => s.id), values: w.values });

describe('walk, remembered per answers object', () => {
  it('gives the same walk again for the same answers, flow and instant, and the walk a copy of them gives', () => {
    const flow = sharedFlow();
    for (const state of states()) {
      const first = walk(flow, state.answers, NOW);
      expect(walk(flow, state.answers, NOW)).toBe(first);
      expect(summary(first)).toEqual(summary(anew(flow, state.answers, NOW)));
    }
  });

  it('walks again once an answer is replaced, added or removed, at another instant, or on another flow', () => {
    const flow = sharedFlow();
    const [midway] = states();
    const answers = { ...midway.answers };
    const first = walk(flow, answers, NOW);
    const asked = first.next.kind === 'step' ? first.next.step.id : undefined;
    expect(asked).toBeDefined();

    // Replaced: the structure now employs nobody (answering.ts replaces a stored answer, never edits it).
    const [field] = Object.keys(answers).filter((k) => k === 'employees');
    expect(field).toBe('employees');
    answers.employees = { v: 0 };
    const replaced = walk(flow, answers, NOW);
    expect(replaced).not.toBe(first);
    expect(summary(replaced)).toEqual(summary(anew(flow, answers, NOW)));
    expect(replaced.values.employees).toBe(0);

    // Added: the question asked is now answered, and the walk moves on.
    answers[asked!] = { v: null };
    const added = walk(flow, answers, NOW);
    expect(added.next).not.toEqual(replaced.next);
    expect(summary(added)).toEqual(summary(anew(flow, answers, NOW)));

    // Removed: back where it was.
    delete answers[asked!];
    expect(summary(walk(flow, answers, NOW))).toEqual(summary(replaced));

    // Another instant, another flow: worked out again.
    const later = new Date(NOW.getTime() + 1);
    expect(walk(flow, answers, later)).not.toBe(walk(flow, answers, NOW));
    const other = freshFlow();
    const onOther = walk(other, answers, NOW);
    expect(onOther).not.toBe(walk(flow, answers, NOW));
    expect(summary(onOther)).toEqual(summary(anew(flow, answers, NOW)));
  });

  it('tells a key removed and another added apart from the same answers (same count, other keys)', () => {
    const flow = sharedFlow();
    const [midway] = states();
    const answers = { ...midway.answers };
    const first = walk(flow, answers, NOW);
    const [one] = Object.keys(answers);
    const kept = answers[one];
    delete answers[one];
    answers.some_other_field = kept;
    const again = walk(flow, answers, NOW);
    expect(again).not.toBe(first);
    expect(summary(again)).toEqual(summary(anew(flow, answers, NOW)));
  });
});
