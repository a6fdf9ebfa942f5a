import { dayIn } from '../../src/domain/zonedDate';

/**
 * dayIn works the day out once per UTC quarter hour: checked, minute by minute around local
 * midnights and changes of offset, against Intl asked about each instant alone. Fixed dates:
 * the same on any day the suite runs.
 */
function reference(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const MINUTE = 60_000;

/** Every minute (and a second either side of it) from `from` for `minutes`. */
function instants(from: string, minutes: number): Date[] {
  const start = Date.parse(from);
  const out: Date[] = [];
  for (let m = 0; m < minutes; m++) out.push(new Date(start + m * MINUTE - 1000), new Date(start + m * MINUTE), new Date(start + m * MINUTE + 29_999));
  return out;
}

const CASES: [string, string, number][] = [
  // Around local midnight, and the night of a change of offset (Paris: 29 March and 25 October 2026).
  ['Europe/Paris', '2026-11-23T22:40:00Z', 50],
  ['Europe/Paris', '2026-03-28T22:40:00Z', 200],
  ['Europe/Paris', '2026-10-24T21:40:00Z', 200],
  // Offsets of half and three quarters of an hour, and a 30-minute change of offset.
  ['Asia/Kolkata', '2026-11-23T18:10:00Z', 40],
  ['Asia/Kathmandu', '2026-11-23T18:00:00Z', 40],
  ['Pacific/Chatham', '2026-11-23T10:45:00Z', 60],
  ['America/St_Johns', '2026-11-24T03:10:00Z', 40],
  ['Australia/Lord_Howe', '2026-04-04T14:30:00Z', 120],
  // The day Samoa skipped (30 December 2011).
  ['Pacific/Apia', '2011-12-29T09:40:00Z', 60],
  // An offset that is not whole quarter hours (Liberia, -0:44:30 until 1972): midnight falls inside a quarter.
  ['Africa/Monrovia', '1970-06-01T00:20:00Z', 60],
  ['UTC', '1969-12-31T23:40:00Z', 40],
];

test.each(CASES)('%s from %s: every minute the day Intl gives', (zone, from, minutes) => {
  for (const at of instants(from, minutes)) {
    expect({ at: at.toISOString(), day: dayIn(at, zone) }).toEqual({ at: at.toISOString(), day: reference(at, zone) });
  }
});

test('the day handed out is a copy: changing it changes no later answer', () => {
  const at = new Date('2026-11-23T10:00:00Z');
  const day = dayIn(at, 'Europe/Paris');
  day.day = 1;
  expect(dayIn(at, 'Europe/Paris')).toEqual({ year: 2026, month: 11, day: 23 });
});

test('an invalid date is refused as Intl refuses it', () => {
  expect(() => dayIn(new Date(Number.NaN), 'Europe/Paris')).toThrow(RangeError);
});
