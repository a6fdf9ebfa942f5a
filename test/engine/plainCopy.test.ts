import { runTurn } from '../../src/engine/machine';
import { plainCopy } from '../../src/engine/plainCopy';
import type { ConversationState } from '../../src/engine/state';
import { JOURNEY } from '../../scripts/bench/journeyScript';
import { sharedFlow } from '../support/sharedFlow';

/** Every object and array reachable from a value, with its path. */
function* objectsIn(value: unknown, path = '$'): Generator<[string, object]> {
  if (value === null || typeof value !== 'object') return;
  yield [path, value];
  for (const [key, inner] of Object.entries(value)) yield* objectsIn(inner, `${path}.${key}`);
}

/** The states of a whole journey (the bench's: questions, a summary, a need), as the engine leaves them. */
function journeyStates(): ConversationState[] {
  const flow = sharedFlow();
  const states: ConversationState[] = [];
  let state: ConversationState | undefined;
  for (const [i, step] of JOURNEY.entries()) {
    state = runTurn(flow, state, { kind: 'message', text: step.text }, { now: new Date(Date.UTC(2026, 2, 2, 10, i)), conversationId: 'copy', channel: 'Site web', nextReference: () => 'PBL-2026-00001' }).state;
    states.push(state);
  }
  expect(state?.phase).toBe('done');
  return states;
}

test('a state\'s copy is equal to it, key for key, and shares no object with it', () => {
  for (const state of journeyStates()) {
    const copy = plainCopy(state);
    // toStrictEqual: the same keys, undefined-valued ones included, the same types.
    expect(copy).toStrictEqual(state);
    const originals = new Set([...objectsIn(state)].map(([, o]) => o));
    for (const [path, o] of objectsIn(copy)) expect([path, originals.has(o)]).toEqual([path, false]);
  }
});

test('changing the copy leaves the state as it was', () => {
  const state = journeyStates().at(-1)!;
  const before = JSON.stringify(state);
  const copy = plainCopy(state);
  copy.answers.name = { v: 'Autre nom' };
  copy.history.push('extra');
  copy.transcript.length = 0;
  expect(JSON.stringify(state)).toBe(before);
});

test('anything but plain data inside is copied as structuredClone copies it', () => {
  const when = new Date(Date.UTC(2026, 0, 1));
  const value = { at: when, seen: new Map([['a', { n: 1 }]]), list: [new Set([1, 2])], nothing: undefined, empty: null };
  const copy = plainCopy(value);
  // structuredClone makes its copies in Node's own realm, not in the test's: compared piece by piece.
  expect(copy.at).not.toBe(when);
  expect(copy.at.getTime()).toBe(when.getTime());
  expect(copy.seen.get('a')).toEqual({ n: 1 });
  expect(copy.seen.get('a')).not.toBe(value.seen.get('a'));
  expect([...copy.list[0]]).toEqual([1, 2]);
  expect(Object.keys(copy)).toEqual(['at', 'seen', 'list', 'nothing', 'empty']);
  expect([copy.nothing, copy.empty]).toEqual([undefined, null]);
});
