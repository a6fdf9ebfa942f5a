import type { Logger } from '../log';
import { BackgroundLoop } from './backgroundLoop';
import type { ClaimedTask, Outbox, OutboxTask } from './outbox';

/**
 * Drains one kind of outbox task with a handler, in the background or on demand: the delivery
 * half of the outbox pattern (src/stores/outbox.ts), written once for every kind.
 *
 * A pass claims the due tasks of its kind (a batch at a time) and hands each to the handler
 * once: success completes the task; a thrown error is a failed attempt, retried after a back-off
 * that doubles per attempt up to a cap, until the kind's policy gives up (a TaskFailedForGood is
 * given up at once); a TaskDeferred is
 * not a failure (e.g. what the task needs is held by another worker) and is tried again
 * soon, uncounted. The handler gets a signal that aborts when the worker stops or the task's
 * claim is lost: it must then stop, and the task is left due for the next holder.
 */

export interface TaskPolicy {
  /** Failed attempts before the task is given up for good. Infinity: never (it waits, visible to staff). */
  maxAttempts: number;
  /** Back-off after the first failure; doubles with each failed attempt. */
  backoffBaseMs: number;
  backoffCapMs: number;
}

export interface TaskContext<P> {
  task: OutboxTask<P>;
  /** Aborted when the worker stops or the claim on the task is lost. */
  signal: AbortSignal;
  /** Saves progress: the next attempt gets this payload. */
  checkpoint(payload: P): Promise<void>;
}

/** Does the work of one task; resolves with what to keep as its result (no personal data). */
export type TaskHandler<P> = (payload: P, context: TaskContext<P>) => Promise<Record<string, unknown> | void>;

/** Thrown by a handler that cannot run now through no failure of its own: retried after `retryInMs`, not counted. */
export class TaskDeferred extends Error {
  constructor(
    readonly retryInMs: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'TaskDeferred';
  }
}

/**
 * Thrown by a handler whose task can never succeed (a recipient the mail server refuses for good):
 * given up at once, whatever the policy, with this message as its last error.
 */
export class TaskFailedForGood extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TaskFailedForGood';
  }
}

export type TaskOutcome = 'done' | 'failed' | 'gave_up' | 'deferred' | 'aborted';

export interface PassReport {
  done: number;
  failed: number;
  gaveUp: number;
  deferred: number;
  aborted: boolean;
  /** The pass stopped early on a store failure. */
  error?: string;
}

export interface OutboxWorkerOptions<P> {
  outbox: Outbox;
  kind: string;
  handler: TaskHandler<P>;
  policy: TaskPolicy;
  logger: Logger;
  /** Epoch ms, for next-attempt times (the outbox's clock). Default Date.now. */
  now?: () => number;
  /** In [0, 1): the jitter of the back-off. */
  random?: () => number;
  /** Tasks claimed at a time. Default 10. */
  batchSize?: number;
}

export class OutboxWorker<P> {
  private readonly background: BackgroundLoop;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly batchSize: number;
  private current?: Promise<PassReport>;
  /** When the next task of the kind is due, as the last pass found it. */
  private nextDue?: number;

  constructor(private readonly o: OutboxWorkerOptions<P>) {
    this.background = new BackgroundLoop(`outbox ${o.kind}`, o.logger);
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.batchSize = Math.max(1, o.batchSize ?? 10);
  }

  /** One pass over the due tasks; never throws; a pass already going is shared. */
  runDue(): Promise<PassReport> {
    this.current ??= this.pass().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  /** Handles one pending task now, due or not (an operator asked); 'busy' when another worker holds it, undefined when there is none. */
  async runOne(id: string): Promise<TaskOutcome | 'busy' | undefined> {
    const claimed = await this.o.outbox.claimOne<P>(this.o.kind, id);
    if (!claimed || claimed === 'busy') return claimed;
    return this.handle(claimed);
  }

  /** Runs a pass now, then after each one when the next task is due, `intervalMs` at most, until `stop()`. */
  start(intervalMs: number): void {
    this.background.start(
      () => this.runDue(),
      () => (this.nextDue === undefined ? intervalMs : Math.min(intervalMs, Math.max(0, this.nextDue - this.now()))),
    );
  }

  /** Asks for a pass now (e.g. right after a task was enqueued). */
  poke(): void {
    this.background.poke();
  }

  async stop(): Promise<void> {
    await this.background.stop();
    await this.current;
  }

  /** When a task that failed `attempts` times is tried again: doubling back-off, capped, with jitter (at least half). */
  retryAt(attempts: number): number {
    const { backoffBaseMs, backoffCapMs } = this.o.policy;
    const delay = Math.min(backoffCapMs, backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return this.now() + Math.round(delay * (0.5 + this.random() / 2));
  }

  private async pass(): Promise<PassReport> {
    const report: PassReport = { done: 0, failed: 0, gaveUp: 0, deferred: 0, aborted: false };
    const seen = new Set<string>();
    try {
      for (;;) {
        if (this.background.signal.aborted) {
          report.aborted = true;
          break;
        }
        const batch = await this.o.outbox.claimDue<P>(this.o.kind, this.batchSize);
        const fresh = batch.filter((c) => !seen.has(c.task.id));
        // Each task is tried once per pass, even if it is due again at once.
        await Promise.all(batch.filter((c) => seen.has(c.task.id)).map((c) => this.o.outbox.release(c)));
        if (!fresh.length) break;
        for (const [i, claimed] of fresh.entries()) {
          seen.add(claimed.task.id);
          if (this.background.signal.aborted) {
            report.aborted = true;
            await Promise.all(fresh.slice(i).map((c) => this.o.outbox.release(c)));
            return report;
          }
          const outcome = await this.handle(claimed);
          if (outcome === 'done') report.done++;
          else if (outcome === 'failed') report.failed++;
          else if (outcome === 'gave_up') report.gaveUp++;
          else if (outcome === 'deferred') report.deferred++;
          else report.aborted = true;
        }
      }
      this.nextDue = await this.o.outbox.nextDue(this.o.kind);
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
      this.o.logger.error({ kind: this.o.kind, err: report.error }, 'outbox pass stopped early; the tasks stay due');
    }
    return report;
  }

  private async handle(claimed: ClaimedTask<P>): Promise<TaskOutcome> {
    const { outbox, kind, logger } = this.o;
    const { task } = claimed;
    const signal = AbortSignal.any([this.background.signal, claimed.claim.signal]);
    try {
      let result: Record<string, unknown> | void;
      try {
        result = await this.o.handler(task.payload as P, { task, signal, checkpoint: (payload) => outbox.checkpoint(claimed, payload) });
      } catch (err) {
        if (signal.aborted) {
          await outbox.release(claimed);
          return 'aborted';
        }
        if (err instanceof TaskDeferred) {
          await outbox.defer(claimed, this.now() + err.retryInMs, err.message);
          logger.info({ kind, id: task.id, reason: err.message, retryInMs: err.retryInMs }, 'outbox task deferred');
          return 'deferred';
        }
        const error = err instanceof Error ? err.message : String(err);
        const attempts = task.attempts + 1;
        if (attempts >= this.o.policy.maxAttempts || err instanceof TaskFailedForGood) {
          await outbox.fail(claimed, error, { giveUp: true });
          logger.error({ kind, id: task.id, attempts, error }, 'outbox task given up');
          return 'gave_up';
        }
        const retryAt = this.retryAt(attempts);
        await outbox.fail(claimed, error, { retryAt });
        logger.warn({ kind, id: task.id, attempts, error, retryAt: new Date(retryAt).toISOString() }, 'outbox task failed; retried later');
        return 'failed';
      }
      await outbox.complete(claimed, result ?? undefined);
      logger.info({ kind, id: task.id }, 'outbox task done');
      return 'done';
    } catch (err) {
      // The store failed, or the claim lapsed and another worker wrote the task: it stays as the store has it.
      await outbox.release(claimed).catch(() => undefined);
      logger.error({ kind, id: task.id, err: err instanceof Error ? err.message : String(err) }, 'outbox task outcome not recorded');
      return 'aborted';
    }
  }
}
