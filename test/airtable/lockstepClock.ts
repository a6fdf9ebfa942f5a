import type { Clock } from '../../src/airtable/rateLimiter';

/**
 * Virtual time for several actors at once (two syncers, each one request at a time): time
 * stands still while any actor works (a request in flight, a store read), and moves to the
 * earliest wake-up only once every actor is asleep. So a request reaches the stand-in at the
 * very time its slot was given, and what the stand-in logs per second is what the limiter
 * allowed, however slow the machine.
 */
export class LockstepClock implements Clock {
  private t: number;
  private actors = 0;
  private sleepers: { until: number; resolve: () => void }[] = [];
  private scheduled = false;

  constructor(start = 1_000_000) {
    this.t = start;
  }

  now = (): number => this.t;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { until: this.t + Math.max(0, ms), resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          reject(signal.reason);
        },
        { once: true },
      );
      this.schedule();
    });

  /** Runs `work` as one actor: time waits for it whenever it is not asleep. */
  async actor<T>(work: () => Promise<T>): Promise<T> {
    this.actors++;
    try {
      return await work();
    } finally {
      this.actors--;
      this.schedule();
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.sleepers.length || this.sleepers.length < this.actors) return;
      const next = Math.min(...this.sleepers.map((s) => s.until));
      this.t = Math.max(this.t, next);
      const due = this.sleepers.filter((s) => s.until <= this.t);
      this.sleepers = this.sleepers.filter((s) => s.until > this.t);
      for (const s of due) s.resolve();
    });
  }
}
