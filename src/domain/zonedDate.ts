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
  // Each turn asks at a new instant, and each step walked reads the years since a date: formatting
  // the day is the cost. The zone database's offsets and changes of offset fall on whole quarter
  // hours (since the early 20th century), so the day is the same through a UTC quarter hour: it is
  // worked out once per quarter hour, from both of its ends. Ends that disagree (an older, odd
  // offset puts midnight inside the quarter) leave that instant to be worked out alone.
  const time = now.getTime();
  if (!Number.isFinite(time)) return computeDayIn(now, timeZone);
  const start = time - (((time % QUARTER_HOUR) + QUARTER_HOUR) % QUARTER_HOUR);
  const key = `${start} ${timeZone}`;
  let day = recent.get(key);
  if (day === undefined) {
    const first = computeDayIn(new Date(start), timeZone);
    const last = computeDayIn(new Date(start + QUARTER_HOUR - 1), timeZone);
    day = first.year === last.year && first.month === last.month && first.day === last.day ? first : null;
    if (recent.size >= 16) recent.clear();
    recent.set(key, day);
  }
  return day ? { ...day } : computeDayIn(now, timeZone);
}

const QUARTER_HOUR = 15 * 60_000;
/** Per UTC quarter hour and zone: its day, or null when the day changes within it. */
const recent = new Map<string, CalendarDay | null>();

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
