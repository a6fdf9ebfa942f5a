import type { Logger } from '../log';

/**
 * Runs a pass now, then `intervalMs` after the end of each pass, until `stop()`; `poke()` starts
 * the next pass early. `signal` is aborted by `stop()`, so a pass waiting or retrying gives up.
 */
export class BackgroundLoop {
  private controller = new AbortController();
  private loop?: Promise<void>;
  private wake?: () => void;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly log: Logger,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(pass: () => Promise<unknown>, intervalMs: number): void {
    if (this.loop) return;
    this.stopped = false;
    if (this.controller.signal.aborted) this.controller = new AbortController();
    this.loop = this.run(pass, intervalMs).catch((err) => this.log.error({ err }, `${this.name} loop ended`));
  }

  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort(new Error(`${this.name} stopped`));
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async run(pass: () => Promise<unknown>, intervalMs: number): Promise<void> {
    while (!this.stopped) {
      await pass();
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, intervalMs);
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
