import { nextFactoryEditionYear } from '../../src/domain/factoryEdition';

describe('nextFactoryEditionYear', () => {
  it.each([
    ['2026-03-01T12:00:00Z', 2026],
    ['2026-10-15T12:00:00Z', 2026],
    ['2026-11-24T12:00:00Z', 2026],
    ['2026-12-01T12:00:00Z', 2027],
    ['2027-01-01T12:00:00Z', 2027],
    // The last second of November in Paris (UTC+1 in winter) …
    ['2026-11-30T22:59:59Z', 2026],
    // … and midnight on 1 December in Paris, still 30 November in UTC.
    ['2026-11-30T23:00:00Z', 2027],
    // New Year's Eve in UTC is already the next year in Paris.
    ['2026-12-31T23:30:00Z', 2027],
  ])('%s → %d', (iso, year) => {
    expect(nextFactoryEditionYear(new Date(iso))).toBe(year);
  });
});
