import { nextFactoryEdition } from '../../src/domain/factoryEdition';
import { loadFlow } from '../../src/flow/load';
import type { CalendarFile } from '../../src/flow/schema';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

/** The shipped calendar (dialogs/calendar.yaml): October–November, registrations close on 30 September, Paris time. */
const shipped = loadFlow(DIALOGS_DIR, CARDS_DIR).calendar;

describe('nextFactoryEdition: the next edition whose registrations are still open', () => {
  it.each([
    ['2026-03-01T12:00:00Z', 2026],
    ['2026-09-15T12:00:00Z', 2026],
    // Late November 2026: registrations for 2026 closed on 30 September.
    ['2026-11-24T12:00:00Z', 2027],
    ['2026-10-01T12:00:00Z', 2027],
    ['2027-01-01T12:00:00Z', 2027],
    // The last second of 30 September in Paris (UTC+2 in summer) …
    ['2026-09-30T21:59:59Z', 2026],
    // … and midnight on 1 October in Paris, still 30 September in UTC.
    ['2026-09-30T22:00:00Z', 2027],
    // New Year's Eve in UTC is already the next year in Paris: still before its closing day.
    ['2026-12-31T23:30:00Z', 2027],
  ])('%s → %d', (iso, year) => {
    expect(nextFactoryEdition(shipped, new Date(iso))).toEqual({ year, months: [10, 11] });
  });

  it('follows the calendar staff set: closing day, months and time zone', () => {
    const later: CalendarFile = { ...shipped, factory: { edition_months: [11, 12], registrations_close: '11-15' } };
    expect(nextFactoryEdition(later, new Date('2026-11-15T12:00:00Z'))).toEqual({ year: 2026, months: [11, 12] });
    expect(nextFactoryEdition(later, new Date('2026-11-16T12:00:00Z')).year).toBe(2027);
    // 30 September 23:30 UTC is already 1 October in Paris, still 30 September in New York.
    const instant = new Date('2026-09-30T23:30:00Z');
    expect(nextFactoryEdition(shipped, instant).year).toBe(2027);
    expect(nextFactoryEdition({ ...shipped, time_zone: 'America/New_York' }, instant).year).toBe(2026);
  });
});
