import { parisCalendar } from './parisCalendar';

/** The Factory ends with November: until November is over, the next edition is this year's. */
const LAST_MONTH_OF_FACTORY = 11;

/** The year of the next (or current) Probono Factory edition, October–November. */
export function nextFactoryEditionYear(now: Date): number {
  const { year, month } = parisCalendar(now);
  return month <= LAST_MONTH_OF_FACTORY ? year : year + 1;
}
