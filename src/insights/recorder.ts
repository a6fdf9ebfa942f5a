import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import type { InsightsStore, InsightsVersion } from '../stores/insightsStore';
import { advanceTrack, type TurnFacts } from './advance';
import { Batches } from './batches';
import { dayIn } from './day';
import { type InsightsTrack, insightsTrackSchema, SUMMARY_NODE } from './track';

export interface RecorderOptions {
  /** The operator's time zone: journeys are counted by the day they started there. */
  timeZone: string;
  /** How often the changes kept in memory are written (one transaction or one blob). Default 1 s. */
  flushIntervalMs?: number;
  /**
   * With a shared store (several instances): how long a turn may wait for another instance to
   * store the previous change of its conversation before that journey stops being counted. Default 3 s.
   */
  hopWaitMs?: number;
  log?: Logger;
  /** This run's writer id (tests); default random. */
  writer?: string;
}

/** One turn's insights, ready: save `track` with the state, then `commit()`; or `abort()` if the state was not saved. */
export interface PreparedTurn {
  track: InsightsTrack | undefined;
  commit(): void;
  abort(): void;
}

/**
 * Records insights for the transport, turn by turn. Changes are summed in memory and written in
 * one batch every `flushIntervalMs` and on `close()`: per turn, the cost is the walk and a few
 * map updates, never I/O (except, with several instances, a rare wait described below).
 *
 * A crash loses at most the batches not yet written (one flush interval of counts); never a
 * need, never an answer. So that a lost change can never make a later one subtract what was not
 * added, each track remembers the batch of its latest change: when the next turn finds it was
 * not stored (a past run of this store's single writer, or another instance that did not store
 * it within `hopWaitMs`), that journey stops being counted where it stood.
 */
export class InsightsRecorder {
  readonly writer: string;
  private readonly batches: Batches;
  private readonly hopWaitMs: number;
  private readonly dayOf: (at: Date) => string;
  private readonly versions = new Map<number, InsightsVersion>();
  /** Highest seq known stored, per other writer. */
  private readonly stored = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly store: InsightsStore,
    private readonly options: RecorderOptions,
  ) {
    dayIn(options.timeZone, new Date()); // an unknown zone fails now, not at the first turn
    this.writer = options.writer ?? randomBytes(9).toString('base64url');
    this.hopWaitMs = options.hopWaitMs ?? 3000;
    this.dayOf = (at) => dayIn(options.timeZone, at);
    this.batches = new Batches(store, this.writer, options.log);
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  /**
   * The insights of one turn. `previous` is the track saved with the state before the turn
   * (anything unreadable counts as none).
   */
  async prepare(previous: unknown, facts: TurnFacts): Promise<PreparedTurn> {
    this.know(facts);
    const parsed = previous === undefined ? undefined : insightsTrackSchema.safeParse(previous);
    if (parsed && !parsed.success) this.options.log?.warn({ issues: parsed.error.issues.length }, 'insights: unreadable track ignored');
    const track = parsed?.success ? parsed.data : undefined;
    const lost = track?.status === 'open' && track.batch !== undefined && !(await this.isStored(track.batch));
    if (lost) this.options.log?.info({ writer: track.batch!.writer, seq: track.batch!.seq }, 'insights: a journey whose last change was not stored is no longer counted');
    const next = advanceTrack(track, facts, this.dayOf, lost);
    if (!next.changes.size || !next.track) return { track: next.track, commit: () => {}, abort: () => {} };
    const reservation = this.batches.reserve();
    const saved: InsightsTrack = { ...next.track, batch: { writer: this.writer, seq: reservation.seq } };
    return { track: saved, commit: () => reservation.commit(next.changes), abort: () => reservation.abort() };
  }

  /** Writes what is in memory now. */
  flush(): Promise<void> {
    return this.batches.flush([...this.versions.values()]);
  }

  /**
   * Stops the timer and writes everything (call before closing the store), giving up after
   * `closeTimeoutMs`: a shutdown never hangs on a store that went away (counts only, never a need).
   */
  async close(closeTimeoutMs = 5_000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), closeTimeoutMs);
      timer.unref();
    });
    const outcome = await Promise.race([this.batches.drain([...this.versions.values()]), gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') this.options.log?.error({ closeTimeoutMs }, 'insights: the store did not answer while closing; the last counts are lost');
  }

  /** Remembers what reading a version needs (its resume delay and node order), written with the next batch. */
  private know(facts: TurnFacts): void {
    if (this.versions.has(facts.version)) return;
    this.versions.set(facts.version, {
      version: facts.version,
      resumeAfterMinutes: facts.flow.settings.resume_after_minutes,
      nodes: [...facts.flow.steps.map((s) => s.id), SUMMARY_NODE],
    });
  }

  /** Whether the batch holding a track's latest change is stored (or will be, with this run's next write). */
  private async isStored(batch: { writer: string; seq: number }): Promise<boolean> {
    // This run's own batches: stored, or still in memory and written with (or before) this turn's change.
    if (batch.writer === this.writer) return true;
    if ((this.stored.get(batch.writer) ?? 0) >= batch.seq) return true;
    const deadline = Date.now() + (this.store.shared ? this.hopWaitMs : 0);
    for (let pause = 50; ; pause = Math.min(pause * 2, 500)) {
      const through = await this.store.committedThrough(batch.writer);
      this.stored.set(batch.writer, through);
      if (through >= batch.seq) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
