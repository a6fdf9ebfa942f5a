import { memoized } from '../../src/answers/memo';

/** The answer readers' memory of recent texts (src/answers/memo.ts): bounded by count and by length. */
function counted(options?: Parameters<typeof memoized>[1]) {
  const calls: string[] = [];
  const fn = memoized((s: string) => (calls.push(s), s.toUpperCase()), options);
  return { fn, calls };
}

test('a text asked again is not computed again', () => {
  const { fn, calls } = counted();
  expect([fn('oui'), fn('oui'), fn('non')]).toEqual(['OUI', 'OUI', 'NON']);
  expect(calls).toEqual(['oui', 'non']);
});

test('full, the memory starts again: a text it no longer holds is computed again', () => {
  const { fn, calls } = counted({ size: 2 });
  fn('a');
  fn('b');
  fn('c');
  fn('a');
  expect(calls).toEqual(['a', 'b', 'c', 'a']);
});

test('a text longer than maxLength is computed each time, never kept', () => {
  const { fn, calls } = counted({ maxLength: 3 });
  const long = 'x'.repeat(4);
  expect([fn(long), fn(long), fn('abc'), fn('abc')]).toEqual(['XXXX', 'XXXX', 'ABC', 'ABC']);
  expect(calls).toEqual([long, long, 'abc']);
});
