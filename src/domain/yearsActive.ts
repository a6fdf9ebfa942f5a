import { parisCalendar } from './parisCalendar';

/** Whole calendar years between `year` and now (Paris time); 0 for a future or unusable year. */
export function yearsSince(year: number, now: Date): number {
  if (!Number.isFinite(year)) return 0;
  return Math.max(0, parisCalendar(now).year - year);
}
