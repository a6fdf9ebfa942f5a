/** Calendar arithmetic on plain days: deadlines and years are read in French local time. */

export interface Day {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const TIME_ZONE = 'Europe/Paris';
let parisFormat: Intl.DateTimeFormat | null | undefined;

/** The calendar day of `now` in Paris (a late-evening UTC clock is already tomorrow there). */
export function today(now: Date): Day {
  if (parisFormat === undefined) {
    try {
      parisFormat = new Intl.DateTimeFormat('en-CA', {
        timeZone: TIME_ZONE,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
      });
    } catch {
      parisFormat = null; // Node built without time-zone data: fall back to UTC.
    }
  }
  if (parisFormat) {
    const parts = Object.fromEntries(parisFormat.formatToParts(now).map((p) => [p.type, p.value]));
    return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
  }
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isRealDay(d: Day): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

export function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Days since the last Monday: 0 on a Monday, 6 on a Sunday (weeks start on Monday in France). */
export function daysSinceMonday(d: Day): number {
  return (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
}

/** Month arithmetic ignoring the day: November + 3 → February of next year. */
export function addMonths(d: { year: number; month: number }, n: number): { year: number; month: number } {
  const index = d.year * 12 + (d.month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Negative, zero or positive like a comparator; a missing day compares as the whole month. */
export function compareMonth(a: { year: number; month: number }, b: { year: number; month: number }): number {
  return a.year * 12 + a.month - (b.year * 12 + b.month);
}

export function compareDay(a: Day, b: Day): number {
  return compareMonth(a, b) || a.day - b.day;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoMonth(d: { year: number; month: number }): string {
  return `${pad(d.year, 4)}-${pad(d.month)}`;
}

export function isoDay(d: Day): string {
  return `${isoMonth(d)}-${pad(d.day)}`;
}

/** A Date at local noon of a day, the reference date Recognizers-Text reads with local getters. */
export function localNoon(d: Day): Date {
  return new Date(d.year, d.month - 1, d.day, 12);
}
