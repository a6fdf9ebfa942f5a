import { dayIn } from './zonedDate';

/** Whole calendar years between `year` and now (on the operator's clock); 0 for a future or unusable year. */
export function yearsSince(year: number, now: Date, timeZone: string): number {
  if (!Number.isFinite(year)) return 0;
  return Math.max(0, dayIn(now, timeZone).year - year);
}
