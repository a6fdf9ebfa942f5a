import { parseOptions } from '../../scripts/bench/options';

describe('npm run bench options', () => {
  it('plays every level in two rounds by default, --quick too, and as many as --rounds asks', () => {
    expect(parseOptions([]).rounds).toBe(2);
    expect(parseOptions(['--quick']).rounds).toBe(2);
    expect(parseOptions(['--rounds', '4', '--users', '50']).rounds).toBe(4);
    // The journeys per user are per round: a level's journeys are not divided between its rounds.
    expect(parseOptions(['--rounds', '3']).levels).toEqual([
      { users: 1, journeys: 10 },
      { users: 10, journeys: 30 },
      { users: 50, journeys: 100 },
    ]);
  });

  it('refuses a round count that is not a positive number, saying how to call it', () => {
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/--rounds: expected a positive number, got "0"[\s\S]*usage: npm run bench/);
    expect(() => parseOptions(['--rounds', 'two'])).toThrow(/--rounds: expected a positive number/);
    expect(() => parseOptions(['--rounds'])).toThrow(/--rounds needs a value/);
  });
});
