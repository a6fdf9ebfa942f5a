import type { Claim } from './claims';

/**
 * The durable outbox: work for an outside service (the staff base's erasures today; mails and
 * partner webhooks next) written down before anyone is told it will happen, then delivered in
 * the background with retries and back-off, by one worker at a time across every process.
 *
 * The contract, for whoever adds a kind of task:
 * - `enqueue(kind, id, payload)` is idempotent on (kind, id): the id is the delivery's stable
 *   identity (a Message-ID, a webhook id, "the erasure of these needs"). Enqueuing an id that
 *   exists changes nothing, whatever its status: a retried request never sends twice.
 * - `claimDue(kind, limit)` hands this process due tasks (pending, next attempt time passed),
 *   each under a claim (src/stores/claims.ts) renewed while held: no other process gets the task
 *   until this one completes, fails, or releases it, or dies (then the claim lapses and the task
 *   is due again). Delivery is therefore at least once: a handler must be idempotent (upserts,
 *   deletes that accept "already gone", ids the receiver deduplicates).
 * - The holder ends each claimed task with `complete` (over: the payload is dropped, only the
 *   `result` stays), `fail` (attempt counted, last error kept, next attempt at `retryAt`, or over
 *   for good with `giveUp`, payload kept for staff), `defer` (not counted: tried again later),
 *   or `release` (untouched: due again at once). A handler working in steps can `checkpoint` a
 *   new payload so that the next attempt resumes where this one got to.
 * - Every write by a holder checks the task was not changed meanwhile (its claim lapsed and
 *   another worker took it): then it is refused with OutboxConflictError and the task keeps the
 *   other worker's outcome.
 * - `erase` deletes tasks outright (right to erasure: tasks whose `subject` is the person).
 *
 * The retry policy (back-off, when to give up) belongs to each kind: see OutboxWorker
 * (src/stores/outboxWorker.ts), which drains a kind with a handler.
 */

export type TaskStatus = 'pending' | 'done' | 'gave_up';

export interface OutboxTask<P = unknown> {
  kind: string;
  id: string;
  status: TaskStatus;
  /** What the handler needs; dropped once the task is done (kept when given up, for whoever must act on it). */
  payload?: P;
  /** Whose data the payload carries (e.g. a conversation id): `erase({ subject })` deletes the task. */
  subject?: string;
  /** Failed attempts so far. */
  attempts: number;
  /** Epoch ms: not claimed before. */
  nextAttemptAt: number;
  lastError?: string;
  /** What a finished task reports (no personal data). */
  result?: Record<string, unknown>;
  /** ISO 8601 UTC. */
  createdAt: string;
  updatedAt: string;
}

export interface ClaimedTask<P = unknown> {
  task: OutboxTask<P>;
  /** Held while the task is handled; its signal aborts if the claim is lost. */
  claim: Claim;
}

export interface EnqueueOptions {
  subject?: string;
  /** Not claimed before this time (epoch ms). Default: now. */
  notBefore?: number;
}

export interface TaskFilter {
  kind?: string;
  id?: string;
  status?: TaskStatus;
  subject?: string;
}

export type FailOutcome = { retryAt: number } | { giveUp: true };

/** A holder's write lost to another worker (the claim had lapsed): the task was left as that worker wrote it. */
export class OutboxConflictError extends Error {
  constructor(kind: string, id: string) {
    super(`The outbox task ${kind}/${id} was changed by another worker`);
    this.name = 'OutboxConflictError';
  }
}

export interface Outbox {
  /** Writes the task if (kind, id) is new; durable when it returns. `created` is false when it existed. */
  enqueue<P>(kind: string, id: string, payload: P, options?: EnqueueOptions): Promise<{ task: OutboxTask<P>; created: boolean }>;
  get<P = unknown>(kind: string, id: string): Promise<OutboxTask<P> | undefined>;
  /** Due tasks of a kind, oldest due first, at most `limit`, each claimed for this process. */
  claimDue<P = unknown>(kind: string, limit: number): Promise<ClaimedTask<P>[]>;
  /**
   * One pending task, claimed whether due or not (an operator asked for it now). 'busy' when another
   * worker holds it; undefined when there is no such pending task.
   */
  claimOne<P = unknown>(kind: string, id: string): Promise<ClaimedTask<P> | 'busy' | undefined>;
  /** Replaces the payload of a claimed task (progress of a task done in steps). */
  checkpoint<P>(claimed: ClaimedTask<P>, payload: P): Promise<void>;
  /** The task is over: payload dropped, `result` kept; the claim is released. */
  complete(claimed: ClaimedTask, result?: Record<string, unknown>): Promise<void>;
  /** One more failed attempt: retried at `retryAt`, or over for good; the claim is released. */
  fail(claimed: ClaimedTask, error: string, outcome: FailOutcome): Promise<void>;
  /** Not a failure (e.g. another holder of what it needs): tried again at `retryAt`, attempts unchanged; the claim is released. */
  defer(claimed: ClaimedTask, retryAt: number, reason: string): Promise<void>;
  /** Lets go of the task unchanged (due again at once for whoever asks). */
  release(claimed: ClaimedTask): Promise<void>;
  /** When the next pending task of a kind is due (epoch ms); undefined when there is none. */
  nextDue(kind: string): Promise<number | undefined>;
  /** Tasks matching the filter, oldest first. */
  list<P = unknown>(filter?: TaskFilter): Promise<OutboxTask<P>[]>;
  /** Deletes the tasks matching the filter (at least one field set); returns how many. */
  erase(filter: TaskFilter): Promise<number>;
  /** Deletes tasks over (done or given up) since before `before` (epoch ms); returns how many. */
  purgeFinished(before: number): Promise<number>;
}
