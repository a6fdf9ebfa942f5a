import type { Claim, Claims } from './claims';

/** What a store offers to hold a named lease; LeasedClaims adds the renewal and the bookkeeping. */
export interface LeaseBackend {
  /** How long a lease lives without renewal. */
  readonly leaseMs: number;
  /** True when this process now holds `name` (it was free or had lapsed). */
  tryAcquire(name: string): Promise<boolean>;
  /** True when still held and extended; false when lost for sure; throws when the store cannot say. */
  renew(name: string): Promise<boolean>;
  /** Gives `name` back if this process still holds it. */
  release(name: string): Promise<void>;
}

export interface LeasedClaimsOptions {
  /** Local time, to tell when an unrenewable claim may have lapsed. Default Date.now. */
  now?: () => number;
  /** Renew held claims this often. Default a third of the lease. 0: never on its own (tests call renewAll). */
  renewEveryMs?: number;
}

interface Held {
  controller: AbortController;
  renewedAt: number;
}

/**
 * Claims over any LeaseBackend, written once for SQLite and Azure: refuses a name this process
 * already holds (the server's sync and its erasure worker exclude each other too), renews what
 * it holds in the background, and aborts a claim's signal as soon as it may be lost.
 */
export class LeasedClaims implements Claims {
  private readonly held = new Map<string, Held>();
  private readonly now: () => number;
  private readonly renewEveryMs: number;
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;

  constructor(
    private readonly backend: LeaseBackend,
    options: LeasedClaimsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    // Timers take at most 2^31 - 1 ms.
    this.renewEveryMs = Math.min(options.renewEveryMs ?? Math.floor(backend.leaseMs / 3), 2 ** 31 - 1);
  }

  async acquire(name: string): Promise<Claim | undefined> {
    if (this.held.has(name)) return undefined;
    // Reserved before the store answers: a second caller in this process cannot slip in meanwhile.
    const entry: Held = { controller: new AbortController(), renewedAt: this.now() };
    this.held.set(name, entry);
    let ok = false;
    try {
      ok = await this.backend.tryAcquire(name);
    } finally {
      if (!ok) this.held.delete(name);
    }
    if (!ok) return undefined;
    entry.renewedAt = this.now();
    this.startTimer();
    return {
      name,
      signal: entry.controller.signal,
      release: async () => {
        if (this.held.get(name) !== entry) return;
        this.held.delete(name);
        entry.controller.abort(new Error(`claim ${name} released`));
        // Not given back (store unreachable): it lapses by itself.
        await this.backend.release(name).catch(() => undefined);
      },
    };
  }

  renewAll(): Promise<void> {
    this.renewing ??= this.renewEach().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const names = [...this.held.keys()];
    for (const [name, entry] of this.held) entry.controller.abort(new Error(`claim ${name} released at shutdown`));
    this.held.clear();
    await Promise.all(names.map((name) => this.backend.release(name).catch(() => undefined)));
  }

  private async renewEach(): Promise<void> {
    await Promise.all(
      [...this.held].map(async ([name, entry]) => {
        let held: boolean | undefined;
        try {
          held = await this.backend.renew(name);
        } catch {
          // The store did not answer: still ours until the lease may have run out.
          held = this.now() - entry.renewedAt < this.backend.leaseMs ? undefined : false;
        }
        if (this.held.get(name) !== entry) return;
        if (held === true) entry.renewedAt = this.now();
        if (held === false) {
          this.held.delete(name);
          entry.controller.abort(new Error(`claim ${name} lost: not renewed in time`));
        }
      }),
    );
    if (!this.held.size && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private startTimer(): void {
    if (this.timer || !this.renewEveryMs) return;
    this.timer = setInterval(() => void this.renewAll(), this.renewEveryMs);
    this.timer.unref();
  }
}
