import type { StatusNotifications } from '../stores/conversationReferences';

/**
 * What was done once for a need, for good: the brief and the preparation message queued, each evaluation
 * scheduled, answered, every follow-up stopped. Outbox tasks are purged some time after they
 * are over, so their ids alone cannot say "never again"; these marks stay (they hold a
 * reference and a word, no personal data).
 *
 * Kept in the store of the status watcher's "told once" pairs (StatusNotifications, SQLite or
 * Azure, shared by every instance): a mark is a (reference, `followup:<what>`) pair, which no
 * status of the Besoins table can collide with.
 */
export class FollowUpLedger {
  constructor(
    private readonly notifications: StatusNotifications,
    private readonly now: () => number = Date.now,
  ) {}

  has(reference: string, what: string): Promise<boolean> {
    return this.notifications.wasNotified(reference, key(what));
  }

  /** Idempotent: the first mark stays. */
  mark(reference: string, what: string): Promise<void> {
    return this.notifications.markNotified(reference, key(what), new Date(this.now()));
  }
}

const key = (what: string): string => `followup:${what}`;

/** The marks, by name. */
export const MARKS = {
  brief: 'brief',
  preparation: 'preparation',
  /** Every follow-up of the need ends ("stop"). */
  stopped: 'stopped',
  /** An evaluation of this kind is scheduled for this end date. */
  evaluationScheduled: (kind: string, missionEnd: string) => `evaluation:${kind}:${missionEnd}`,
  /** An evaluation of this kind was answered, or declined: no invitation or reminder of that kind any more. */
  evaluationClosed: (kind: string) => `evaluation:${kind}:closed`,
} as const;
