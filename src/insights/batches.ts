import type { Logger } from '../log';
import type { InsightsStore, InsightsVersion } from '../stores/insightsStore';
import { mergeChanges, toCell } from './cells';

interface Batch {
  seq: number;
  changes: Map<string, number>;
  /** Turns prepared into this batch whose state save has not finished yet. */
  outstanding: number;
  /** A saved track names this batch: it must be written even if its changes cancelled out. */
  referenced: boolean;
  /** Sealed for writing: its content no longer changes, so a retry writes the same thing. */
  sealed: boolean;
  settled?: () => void;
}

/** A turn waits this long at most for its state to be saved before its batch is written without it. */
const SEAL_WAIT_MS = 30_000;
/** Attempts at closing before the counts in memory are given up (the store stays unreachable). */
const DRAIN_ATTEMPTS = 5;

/**
 * The recorder's batches, written in order, one at a time, each exactly once: a batch is sealed
 * before it is written and a failed write is retried with the same seq and content (the store
 * ignores a batch it already has), so a timeout that did write is never counted twice.
 *
 * A turn reserves a place in the open batch before its state is saved and commits after: a
 * batch is written once its reserved turns have committed or aborted, so a saved track never
 * names a batch that was written without its change.
 */
export class Batches {
  private open: Batch;
  private readonly waiting: Batch[] = [];
  private running?: Promise<void>;
  private queued?: Promise<void>;
  private readonly versionsWritten = new Set<number>();

  constructor(
    private readonly store: InsightsStore,
    private readonly writer: string,
    private readonly log?: Logger,
  ) {
    this.open = newBatch(1);
  }

  reserve(): { seq: number; commit(changes: ReadonlyMap<string, number>): void; abort(): void } {
    const batch = this.open;
    batch.outstanding += 1;
    let done = false;
    const settle = (changes?: ReadonlyMap<string, number>) => {
      if (done) return;
      done = true;
      if (changes) {
        if (batch.sealed) {
          // Saved after its batch was written without it: counted in a later batch.
          this.log?.warn({ seq: batch.seq }, 'insights: a turn committed after its batch was written');
          mergeChanges(this.open.changes, changes);
          this.open.referenced = true;
        } else {
          mergeChanges(batch.changes, changes);
          batch.referenced = true;
        }
      }
      batch.outstanding -= 1;
      if (batch.outstanding === 0) batch.settled?.();
    };
    return { seq: batch.seq, commit: (changes) => settle(changes), abort: () => settle() };
  }

  /** Writes the open batch and any waiting one, in order; one run at a time, and one more queued behind it at most. */
  flush(versions: InsightsVersion[]): Promise<void> {
    if (!this.running) {
      this.running = this.run(versions).finally(() => (this.running = undefined));
      return this.running;
    }
    // What was committed since the running one sealed its batch is written by the next run.
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.flush(versions);
    });
    return this.queued;
  }

  /** Flushes until nothing is left in memory (closing). */
  async drain(versions: InsightsVersion[]): Promise<void> {
    for (let attempt = 1; attempt <= DRAIN_ATTEMPTS; attempt++) {
      await this.flush(versions);
      if (this.isEmpty()) return;
    }
    this.log?.error({ batches: this.waiting.length + 1 }, 'insights: counts in memory could not be written before closing');
  }

  private isEmpty(): boolean {
    const o = this.open;
    return !this.waiting.length && !o.changes.size && !o.referenced && !o.outstanding;
  }

  private async run(versions: InsightsVersion[]): Promise<void> {
    const o = this.open;
    if (o.changes.size || o.referenced || o.outstanding) {
      this.waiting.push(o);
      this.open = newBatch(o.seq + 1);
    }
    while (this.waiting.length) {
      const batch = this.waiting[0];
      if (!batch.sealed) {
        await settled(batch);
        batch.sealed = true;
      }
      if (batch.changes.size || batch.referenced) {
        const fresh = versions.filter((v) => !this.versionsWritten.has(v.version));
        const cells = [...batch.changes].map(([key, n]) => toCell(key, n));
        try {
          await this.store.add({ writer: this.writer, seq: batch.seq, cells, versions: fresh });
        } catch (err) {
          this.log?.warn({ err, seq: batch.seq }, 'insights: could not write counts; retried at the next flush');
          return;
        }
        for (const v of fresh) this.versionsWritten.add(v.version);
      }
      this.waiting.shift();
    }
  }
}

const newBatch = (seq: number): Batch => ({ seq, changes: new Map(), outstanding: 0, referenced: false, sealed: false });

/** Resolves once the batch's reserved turns have all committed or aborted (or after SEAL_WAIT_MS). */
function settled(batch: Batch): Promise<void> {
  if (batch.outstanding === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, SEAL_WAIT_MS);
    timer.unref();
    batch.settled = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}
