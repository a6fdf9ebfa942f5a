import type { EvaluationSettings } from '../flow/afterNeedSchema';
import type { EvaluationType } from '../needs/evaluationRecord';

/**
 * When the evaluations of a mission are due, on the operator's clock: the hot one
 * `hot_after_days` after « Fin de mission », the medium-term one `medium_after_months` after it,
 * each at `send_at` (dialogs/evaluation/flow.yaml) in the calendar's time zone. Pure.
 */
export const EVALUATION_KINDS = ['hot', 'medium'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** The `Type` option staff see in Airtable. */
export const TYPE_OF: Readonly<Record<EvaluationKind, EvaluationType>> = { hot: 'À chaud', medium: 'Moyen terme' };

export const isEvaluationKind = (v: unknown): v is EvaluationKind => v === 'hot' || v === 'medium';

/** A day as Airtable writes a date field: `YYYY-MM-DD`, a real day. */
export function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The day `months` later, on the last day of the month when it has no such day (31 January + 1 month: 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))));
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return iso(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The instant of `time` (HH:MM) on `day` in `timeZone`, in epoch ms (daylight saving time included). */
export function zonedInstant(day: string, time: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, h, min);
  // The zone's offset at that wall time; asked twice so that a day when the clocks change lands right.
  let at = wall - offsetAt(wall, timeZone);
  at = wall - offsetAt(at, timeZone);
  return at;
}

/** The day it is at `at` in `timeZone`. */
export function dayAt(at: number, timeZone: string): string {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** When the invitation of this kind is due for a mission that ended on `missionEnd`. */
export function invitationDue(missionEnd: string, kind: EvaluationKind, settings: EvaluationSettings, timeZone: string): number {
  const day = kind === 'hot' ? addDays(missionEnd, settings.hot_after_days) : addMonths(missionEnd, settings.medium_after_months);
  return zonedInstant(day, settings.send_at, timeZone);
}

/** The reminder of an invitation sent at `sentAt`: `reminder_after_days` later, at `send_at`. */
export function reminderDue(sentAt: number, settings: EvaluationSettings, timeZone: string): number {
  return zonedInstant(addDays(dayAt(sentAt, timeZone), settings.reminder_after_days), settings.send_at, timeZone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** How far ahead of UTC the zone's clock is at `at` (ms). */
function offsetAt(at: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

const iso = (d: Date): string => d.toISOString().slice(0, 10);
