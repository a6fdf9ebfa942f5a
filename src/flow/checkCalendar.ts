import { issue } from './issues';
import type { CodedFlowIssue } from './model';
import type { CalendarFile } from './schema';

/** Placeholders computed from dialogs/calendar.yaml that the questions' and rules' texts may insert. */
export const CALENDAR_PLACEHOLDERS = ['factory_edition', 'factory_registrations', 'booster_next_cohort', 'explorers_theme'] as const;
/** Texts of texts.yaml the calendar placeholders are made from. */
export const CALENDAR_TEXT_KEYS = [
  'factory_edition',
  'factory_registrations_open',
  'factory_registrations_closed',
  'factory_registrations_later',
  'booster_next_cohort',
  'booster_next_cohort_unknown',
] as const;

/** Whether this runtime knows the IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A day that exists in that year (month 1-12). */
const isRealDate = (year: number, month: number, day: number): boolean => {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
};
/** A day of the year (29 February allowed: a leap year has it). */
const isRealDay = (month: number, day: number): boolean => isRealDate(2024, month, day);

const ascending = (values: readonly (number | string)[]): boolean => values.every((v, i) => i === 0 || values[i - 1] < v);

/** The checks of calendar.yaml its schema cannot express. */
export function checkCalendar(calendar: CalendarFile, file: string): CodedFlowIssue[] {
  const issues: CodedFlowIssue[] = [];
  const zone = calendar.time_zone;
  if (!isTimeZone(zone)) {
    issues.push(issue(file, 'time_zone', 'calendar.unknown_time_zone', `unknown time zone "${zone}" (an IANA name such as Europe/Paris)`, { zone }));
  }

  const months = calendar.factory.edition_months;
  if (!ascending(months)) {
    issues.push(issue(file, 'factory.edition_months', 'calendar.months_order', 'months must be listed once each, in calendar order (e.g. [10, 11])'));
  }
  const close = calendar.factory.registrations_close;
  const [closeMonth, closeDay] = close.split('-').map(Number);
  if (!isRealDay(closeMonth, closeDay)) {
    issues.push(issue(file, 'factory.registrations_close', 'calendar.invalid_day', `${close} is not a day of the year`, { day: close }));
  } else if (closeMonth > Math.max(...months)) {
    // The edition is named by the year registrations close in: they must close before it ends.
    issues.push(issue(file, 'factory.registrations_close', 'calendar.close_after_edition', `registrations close (${close}) after the edition ends`, { close }));
  }

  const cohort = calendar.booster.next_cohort_start;
  const [cohortYear, cohortMonth, cohortDay] = cohort.split('-').map(Number);
  if (!isRealDate(cohortYear, cohortMonth, cohortDay)) {
    issues.push(issue(file, 'booster.next_cohort_start', 'calendar.invalid_day', `${cohort} is not a date`, { day: cohort }));
  }

  if (!ascending(calendar.explorers.themes.map((t) => t.from))) {
    issues.push(issue(file, 'explorers.themes', 'calendar.months_order', 'themes must be listed in month order, each month once'));
  }
  return issues;
}
