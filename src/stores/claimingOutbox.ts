import type { Claims } from './claims';
import {
  type ClaimedTask,
  type EnqueueOptions,
  type FailOutcome,
  type Outbox,
  OutboxConflictError,
  type OutboxTask,
  type TaskFilter,
} from './outbox';
import type { TaskRecords } from './taskRecords';

/** The claim that gives one worker one task. */
export const taskClaim = (kind: string, id: string): string => `outbox:${kind}:${id}`;

/** Errors can quote the outside service at length: the outbox keeps the start. */
const MAX_ERROR_LENGTH = 2000;

/**
 * The outbox's behaviour (src/stores/outbox.ts), written once over a store's TaskRecords and
 * Claims: SQLite and Azure Blob Storage differ only in how they keep records and leases.
 */
export class ClaimingOutbox implements Outbox {
  /** The revision each claimed task was read at (its next write must find it unchanged). */
  private readonly revisions = new WeakMap<ClaimedTask, string>();

  constructor(
    private readonly records: TaskRecords,
    private readonly claims: Claims,
    private readonly now: () => number = Date.now,
  ) {}

  async enqueue<P>(kind: string, id: string, payload: P, options: EnqueueOptions = {}): Promise<{ task: OutboxTask<P>; created: boolean }> {
    if (!kind || !id) throw new RangeError('an outbox task needs a kind and an id');
    const t = this.now();
    const at = new Date(t).toISOString();
    const task: OutboxTask<P> = { kind, id, status: 'pending', payload, attempts: 0, nextAttemptAt: options.notBefore ?? t, createdAt: at, updatedAt: at };
    if (options.subject !== undefined) task.subject = options.subject;
    if (await this.records.insert(task)) return { task, created: true };
    const existing = await this.records.get(kind, id);
    if (!existing) throw new Error(`The outbox task ${kind}/${id} exists but cannot be read`);
    return { task: existing.task as OutboxTask<P>, created: false };
  }

  async get<P = unknown>(kind: string, id: string): Promise<OutboxTask<P> | undefined> {
    return (await this.records.get(kind, id))?.task as OutboxTask<P> | undefined;
  }

  async claimDue<P = unknown>(kind: string, limit: number): Promise<ClaimedTask<P>[]> {
    const out: ClaimedTask<P>[] = [];
    for (const due of await this.records.due(kind, this.now())) {
      if (out.length >= limit) break;
      const claimed = await this.claimAndRead<P>(kind, due.id, true);
      if (claimed && claimed !== 'busy') out.push(claimed);
    }
    return out;
  }

  claimOne<P = unknown>(kind: string, id: string): Promise<ClaimedTask<P> | 'busy' | undefined> {
    return this.claimAndRead<P>(kind, id, false);
  }

  async checkpoint<P>(claimed: ClaimedTask<P>, payload: P): Promise<void> {
    await this.write(claimed, { ...claimed.task, payload });
  }

  async complete(claimed: ClaimedTask, result?: Record<string, unknown>): Promise<void> {
    const { payload: _dropped, lastError: _over, ...rest } = claimed.task;
    const done: OutboxTask = { ...rest, status: 'done' };
    if (result) done.result = result;
    await this.finish(claimed, done);
  }

  async fail(claimed: ClaimedTask, error: string, outcome: FailOutcome): Promise<void> {
    const task: OutboxTask = { ...claimed.task, attempts: claimed.task.attempts + 1, lastError: error.slice(0, MAX_ERROR_LENGTH) };
    if ('giveUp' in outcome) task.status = 'gave_up';
    else task.nextAttemptAt = outcome.retryAt;
    await this.finish(claimed, task);
  }

  async defer(claimed: ClaimedTask, retryAt: number, reason: string): Promise<void> {
    await this.finish(claimed, { ...claimed.task, nextAttemptAt: retryAt, lastError: reason.slice(0, MAX_ERROR_LENGTH) });
  }

  async release(claimed: ClaimedTask): Promise<void> {
    await claimed.claim.release();
  }

  async nextDue(kind: string): Promise<number | undefined> {
    return (await this.records.due(kind, Number.MAX_SAFE_INTEGER))[0]?.nextAttemptAt;
  }

  list<P = unknown>(filter: TaskFilter = {}): Promise<OutboxTask<P>[]> {
    return this.records.list(filter) as Promise<OutboxTask<P>[]>;
  }

  erase(filter: TaskFilter): Promise<number> {
    if (!Object.values(filter).some((v) => v !== undefined)) throw new RangeError('erase needs a filter: it never empties the whole outbox');
    return this.records.delete(filter);
  }

  purgeFinished(before: number): Promise<number> {
    const cutoff = new Date(before).toISOString();
    return this.records.delete({}, (task) => task.status !== 'pending' && task.updatedAt < cutoff);
  }

  private async claimAndRead<P>(kind: string, id: string, dueOnly: boolean): Promise<ClaimedTask<P> | 'busy' | undefined> {
    const claim = await this.claims.acquire(taskClaim(kind, id));
    if (!claim) return 'busy';
    // Read again under the claim: another worker may have finished it since the listing.
    const stored = await this.records.get(kind, id).catch(async (err: unknown) => {
      await claim.release();
      throw err;
    });
    if (!stored || stored.task.status !== 'pending' || (dueOnly && stored.task.nextAttemptAt > this.now())) {
      await claim.release();
      return undefined;
    }
    const claimed: ClaimedTask<P> = { task: stored.task as OutboxTask<P>, claim };
    this.revisions.set(claimed, stored.revision);
    return claimed;
  }

  private async finish(claimed: ClaimedTask, task: OutboxTask): Promise<void> {
    try {
      await this.write(claimed, task);
    } finally {
      await claimed.claim.release();
    }
  }

  private async write<P>(claimed: ClaimedTask<P>, task: OutboxTask<P>): Promise<void> {
    const revision = this.revisions.get(claimed);
    if (revision === undefined) throw new Error('not a task this outbox claimed');
    const next = { ...task, updatedAt: new Date(this.now()).toISOString() };
    const written = await this.records.replace(next as OutboxTask, revision);
    if (written === undefined) throw new OutboxConflictError(task.kind, task.id);
    claimed.task = next;
    this.revisions.set(claimed, written);
  }
}
