import type { Logger } from '../log';

/**
 * Something else to do with the needs staff change (the mission brief on Accepté, the evaluations
 * on Fin de mission): shown every record listed, after its status was dealt with. `seen` must be
 * idempotent (a record is shown again whenever it changes, and after a failure); when it
 * rejects, the high-water mark does not move past this poll, so the record is shown again.
 */
export interface NeedObserver {
  /** Besoins fields it reads besides WATCHED_FIELDS. */
  fields: readonly string[];
  seen(record: { id: string; fields: Record<string, unknown> }, signal: AbortSignal): Promise<void>;
}

/** The fields the observers read that the watcher does not already. */
export function observedFields(observers: readonly NeedObserver[], watched: readonly string[]): string[] {
  return [...new Set(observers.flatMap((o) => o.fields))].filter((f) => !watched.includes(f));
}

/** Shows a record to every observer; false when one failed (logged, without the record's fields). */
export async function showToObservers(
  observers: readonly NeedObserver[],
  record: { id: string; fields: Record<string, unknown> },
  signal: AbortSignal,
  log: Logger,
): Promise<boolean> {
  let ok = true;
  for (const observer of observers) {
    try {
      await observer.seen(record, signal);
    } catch (err) {
      ok = false;
      log.error({ recordId: record.id, err: err instanceof Error ? err.message : String(err) }, 'a need observer failed; the need is looked at again at the next poll');
    }
  }
  return ok;
}
