import { DEFAULT_SEED, fuzzSeed } from './settings';

describe('the fuzz seed (FUZZ_SEED)', () => {
  test('fixed by default, so that CI runs the same cases every time', () => {
    expect(fuzzSeed(undefined)).toBe(DEFAULT_SEED);
    expect(fuzzSeed('')).toBe(DEFAULT_SEED);
  });

  test('an integer replays that seed; "random" explores with a new integer seed', () => {
    expect(fuzzSeed('-123456')).toBe(-123456);
    expect(Number.isSafeInteger(fuzzSeed('random'))).toBe(true);
  });

  test.each(['abc', '1.5', '1e400'])('"%s" is refused with a message', (value) => {
    expect(() => fuzzSeed(value)).toThrow(`FUZZ_SEED: "${value}" is neither an integer nor "random"`);
  });
});
