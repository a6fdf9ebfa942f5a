import { yearsSince } from '../../src/domain/yearsActive';

describe('yearsSince', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('counts calendar years', () => {
    expect(yearsSince(2012, now)).toBe(14);
    expect(yearsSince(2025, now)).toBe(1);
    expect(yearsSince(2026, now)).toBe(0);
  });

  it('is never negative', () => {
    expect(yearsSince(2031, now)).toBe(0);
    expect(yearsSince(Number.NaN, now)).toBe(0);
  });

  it('reads the year on the Paris clock', () => {
    expect(yearsSince(2026, new Date('2026-12-31T23:30:00Z'))).toBe(1);
  });
});
