import type { CalendarFile, Text } from '../flow/schema';
import { nextFactoryEdition } from './factoryEdition';
import { dayIn, isoDay, isoMonth } from './zonedDate';

type Lang = keyof Text;
type Say = (key: string, vars: Record<string, string | number>) => string;

/** Whether the next Booster cohort (`booster.next_cohort_start`) is still to start, today on the operator's clock. */
export function boosterCohortUpcoming(calendar: CalendarFile, now: Date): boolean {
  return calendar.booster.next_cohort_start >= isoDay(dayIn(now, calendar.time_zone));
}

/** This month's Explorers theme: the last one listed from this month or before (the first one before the list starts). */
export function explorersTheme(calendar: CalendarFile, now: Date): Text {
  const month = isoMonth(dayIn(now, calendar.time_zone));
  const themes = calendar.explorers.themes;
  return [...themes].reverse().find((t) => t.from <= month)?.theme ?? themes[0].theme;
}

/** Formatters are costly to build and placeholders are computed on every turn: one per language and shape. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function monthFormat(lang: Lang, withYear: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withYear}`;
  let format = formatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = withYear ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'long', timeZone: 'UTC' };
    format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', options);
    formatters.set(key, format);
  }
  return format;
}

/** A month's name in the language, from the runtime's locale data ("octobre", "October"). */
export const monthName = (month: number, lang: Lang): string => monthFormat(lang, false).format(new Date(Date.UTC(2000, month - 1, 1)));

/** "mars 2027" / "March 2027" for a `YYYY-MM-DD` day. */
export function monthAndYear(isoDate: string, lang: Lang): string {
  const [year, month] = isoDate.split('-').map(Number);
  return monthFormat(lang, true).format(new Date(Date.UTC(year, month - 1, 1)));
}

/**
 * The calendar placeholders texts may insert (CALENDAR_PLACEHOLDERS of src/flow/checkCalendar.ts),
 * worded with texts.yaml through `say`: `factory_edition` ("octobre–novembre 2027"),
 * `booster_next_cohort` (a sentence naming the start month, or saying it is to be announced
 * once that date has passed), `explorers_theme` (this month's theme).
 */
export function calendarVars(calendar: CalendarFile, now: Date, lang: Lang, say: Say): Record<string, string> {
  const edition = nextFactoryEdition(calendar, now);
  const first = monthName(edition.months[0], lang);
  const last = monthName(edition.months[edition.months.length - 1], lang);
  const cohortKey = boosterCohortUpcoming(calendar, now) ? 'booster_next_cohort' : 'booster_next_cohort_unknown';
  return {
    factory_edition: say('factory_edition', { months: first === last ? first : `${first}–${last}`, first_month: first, last_month: last, year: edition.year }),
    booster_next_cohort: say(cohortKey, { month: monthAndYear(calendar.booster.next_cohort_start, lang) }),
    explorers_theme: explorersTheme(calendar, now)[lang],
  };
}
