/** A calendar day. */
export interface CalendarDay {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The day it is at `now` on the clock of `timeZone` (dialogs/calendar.yaml's `time_zone`): a
 * late-evening UTC instant is already tomorrow in Paris.
 */
export function dayIn(now: Date, timeZone: string): CalendarDay {
  // A turn asks for the same instants many times (each step walked reads the years since a date,
  // the calendar's texts read today): the last few are remembered.
  const key = `${now.getTime()} ${timeZone}`;
  let day = recent.get(key);
  if (!day) {
    day = computeDayIn(now, timeZone);
    if (recent.size >= 16) recent.clear();
    recent.set(key, day);
  }
  return { ...day };
}

const recent = new Map<string, CalendarDay>();

function computeDayIn(now: Date, timeZone: string): CalendarDay {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: 'year' | 'month' | 'day'): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11`: sorts like the months it names. */
export const isoMonth = (d: { year: number; month: number }): string => `${pad(d.year, 4)}-${pad(d.month)}`;

/** `2026-11-23`: sorts like the days it names. */
export const isoDay = (d: CalendarDay): string => `${isoMonth(d)}-${pad(d.day)}`;
