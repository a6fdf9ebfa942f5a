import type { CalendarFile, Text } from '../flow/schema';
import { type FactoryEdition, nextFactoryEdition } from './factoryEdition';
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

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "1er mars 2027", "15 mars" / "1 March 2027": a day as each language writes it (French writes
 * the first of a month as an ordinal, which Intl does not).
 */
export function dayAndMonth(year: number, month: number, day: number, lang: Lang, withYear = true): string {
  const key = `${lang}:${withYear}`;
  let format = dayFormatters.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', timeZone: 'UTC', ...(withYear ? { year: 'numeric' } : {}) };
    dayFormatters.set(key, (format = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', options)));
  }
  const text = format.format(new Date(Date.UTC(year, month - 1, day)));
  return lang === 'fr' && day === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}

/** "mars 2027" / "March 2027" for a `YYYY-MM-DD` day. */
export function monthAndYear(isoDate: string, lang: Lang): string {
  const [year, month] = isoDate.split('-').map(Number);
  return monthFormat(lang, true).format(new Date(Date.UTC(year, month - 1, 1)));
}

/**
 * The calendar placeholders texts may insert (CALENDAR_PLACEHOLDERS of src/flow/checkCalendar.ts),
 * worded with texts.yaml through `say`: `factory_edition` ("octobre–novembre 2027"),
 * `factory_registrations` (a sentence: registrations open until their closing day, closed for
 * this year's edition, or to open for the next one),
 * `booster_next_cohort` (a sentence naming the start month, or saying it is to be announced
 * once that date has passed), `explorers_theme` (this month's theme).
 */
export function calendarVars(calendar: CalendarFile, now: Date, lang: Lang, say: Say): Record<string, string> {
  const edition = nextFactoryEdition(calendar, now);
  const first = monthName(edition.months[0], lang);
  const last = monthName(edition.months[edition.months.length - 1], lang);
  const cohortKey = boosterCohortUpcoming(calendar, now) ? 'booster_next_cohort' : 'booster_next_cohort_unknown';
  const factoryEdition = say('factory_edition', { months: first === last ? first : `${first}–${last}`, first_month: first, last_month: last, year: edition.year });
  return {
    factory_edition: factoryEdition,
    factory_registrations: factoryRegistrations(calendar, now, lang, say, edition, factoryEdition),
    booster_next_cohort: say(cohortKey, { month: monthAndYear(calendar.booster.next_cohort_start, lang) }),
    explorers_theme: explorersTheme(calendar, now)[lang],
  };
}

/**
 * Where registrations stand, as a sentence: open for this year's edition (until the closing
 * day), closed while this year's edition is still to come or under way (never promise to
 * register for it), or to open later for next year's.
 */
function factoryRegistrations(calendar: CalendarFile, now: Date, lang: Lang, say: Say, edition: FactoryEdition, factoryEdition: string): string {
  const today = dayIn(now, calendar.time_zone);
  const [closeMonth, closeDay] = calendar.factory.registrations_close.split('-').map(Number);
  const vars = { factory_edition: factoryEdition, year: today.year };
  if (edition.year === today.year) return say('factory_registrations_open', { ...vars, close: dayAndMonth(today.year, closeMonth, closeDay, lang, false) });
  const lastMonth = calendar.factory.edition_months[calendar.factory.edition_months.length - 1];
  return say(today.month <= lastMonth ? 'factory_registrations_closed' : 'factory_registrations_later', vars);
}
