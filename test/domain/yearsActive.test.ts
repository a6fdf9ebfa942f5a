import { yearsSince } from '../../src/domain/yearsActive';

describe('yearsSince', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  const paris = 'Europe/Paris';

  it('counts calendar years', () => {
    expect(yearsSince(2012, now, paris)).toBe(14);
    expect(yearsSince(2025, now, paris)).toBe(1);
    expect(yearsSince(2026, now, paris)).toBe(0);
  });

  it('is never negative', () => {
    expect(yearsSince(2031, now, paris)).toBe(0);
    expect(yearsSince(Number.NaN, now, paris)).toBe(0);
  });

  it("reads the year on the operator's clock", () => {
    const newYearsEveUtc = new Date('2026-12-31T23:30:00Z');
    expect(yearsSince(2026, newYearsEveUtc, paris)).toBe(1);
    expect(yearsSince(2026, newYearsEveUtc, 'America/New_York')).toBe(0);
  });
});
