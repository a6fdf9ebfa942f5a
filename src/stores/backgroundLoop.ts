import type { Logger } from '../log';

/**
 * Runs a pass now, then `intervalMs` after the end of each pass, until `stop()`; `poke()` starts
 * the next pass early (at once when the loop waits, right after the current pass when one is
 * running: what it was poked for may have come too late for that pass). `signal` is aborted by
 * `stop()`, so a pass waiting or retrying gives up.
 */
export class BackgroundLoop {
  private controller = new AbortController();
  private loop?: Promise<void>;
  private wake?: () => void;
  private stopped = false;
  private poked = false;

  constructor(
    private readonly name: string,
    private readonly log: Logger,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** `intervalMs` may be a function, asked after each pass (e.g. for the time the next task is due). */
  start(pass: () => Promise<unknown>, intervalMs: number | (() => number)): void {
    if (this.loop) return;
    this.stopped = false;
    if (this.controller.signal.aborted) this.controller = new AbortController();
    this.loop = this.run(pass, intervalMs).catch((err) => this.log.error({ err }, `${this.name} loop ended`));
  }

  poke(): void {
    this.poked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort(new Error(`${this.name} stopped`));
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(pass: () => Promise<unknown>, intervalMs: number | (() => number)): Promise<void> {
    while (!this.stopped) {
      this.poked = false;
      await pass();
      if (this.stopped) break;
      if (this.poked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, typeof intervalMs === 'number' ? intervalMs : intervalMs());
        timer.unref?.();
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = undefined;
    }
  }
}
