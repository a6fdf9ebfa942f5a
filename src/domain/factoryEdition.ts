import type { CalendarFile } from '../flow/schema';
import { dayIn } from './zonedDate';

export interface FactoryEdition {
  year: number;
  /** 1-12, in order (dialogs/calendar.yaml `factory.edition_months`). */
  months: readonly number[];
}

/**
 * The next Probono Factory edition whose registrations are still open: this year's until the
 * end of its closing day (`factory.registrations_close`, on the operator's clock), else next
 * year's. With the default calendar (October–November, closing 30 September), a need qualified
 * on 15 September 2026 is told about 2026, one qualified in late November 2026 about 2027.
 */
export function nextFactoryEdition(calendar: CalendarFile, now: Date): FactoryEdition {
  const today = dayIn(now, calendar.time_zone);
  const [closeMonth, closeDay] = calendar.factory.registrations_close.split('-').map(Number);
  const open = today.month < closeMonth || (today.month === closeMonth && today.day <= closeDay);
  return { year: open ? today.year : today.year + 1, months: calendar.factory.edition_months };
}
