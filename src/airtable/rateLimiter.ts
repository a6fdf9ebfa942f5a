import type { RateBudgetStore } from '../stores/rateBudget';

/**
 * Time and the request budget of an Airtable base.
 *
 * Airtable allows 5 requests per second per base and, after a 429, wants 30 s of silence from
 * everyone using the base. Every request to a base goes through that base's limiter, whoever
 * makes it: the background sync, the status watcher, the erasures, the scripts. The server and
 * the scripts share one budget across processes and instances through their store
 * (`SharedRateLimiter`); `limiterFor` is the process-local default (tests, tools without a store).
 */

/** Time as the limiter and the retry policy see it; tests inject a virtual one. */
export interface Clock {
  /** Milliseconds (epoch or any monotonic origin). */
  now(): number;
  /** Resolves after `ms`, or rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface RateLimiterOptions {
  /** Requests allowed in any window. Default 5 (Airtable's per-base limit). */
  limit?: number;
  /** Window length. Default 1000 ms. */
  windowMs?: number;
  /**
   * Added to the window so that network jitter cannot squeeze 6 arrivals into Airtable's
   * second. Default 100 ms.
   */
  marginMs?: number;
  clock?: Clock;
}

/** What the request function needs of a base's limiter. */
export interface RequestLimiter {
  /** Waits for a slot and takes it. Rejects (and gives up its turn) when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** No request starts before `ms` from now (extends, never shortens, a pause in progress). */
  pauseFor(ms: number): void | Promise<void>;
}

/**
 * A sliding-window limiter: a request may start when fewer than `limit` requests started in the
 * last `windowMs + marginMs`. Callers are served in arrival order. `pauseFor` silences every
 * caller (the 30 s after a 429).
 */
export class RateLimiter implements RequestLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly starts: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimiterOptions = {}) {
    this.limit = options.limit ?? 5;
    this.windowMs = (options.windowMs ?? 1000) + (options.marginMs ?? 100);
    this.clock = options.clock ?? realClock;
  }

  /** Waits for a slot and takes it. Rejects (and gives up its turn) when `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** No request starts before `ms` from now (extends, never shortens, a pause in progress). */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.clock.now();
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now, signal);
        continue;
      }
      while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await this.clock.sleep(this.starts[0] + this.windowMs - now, signal);
    }
  }
}

const limiters = new Map<string, RateLimiter>();

/** The process-wide limiter of a base (created on first use with the real clock). */
export function limiterFor(baseId: string): RateLimiter {
  let limiter = limiters.get(baseId);
  if (!limiter) {
    limiter = new RateLimiter();
    limiters.set(baseId, limiter);
  }
  return limiter;
}

/**
 * The limiter of a base shared through the store (src/stores/rateBudget.ts) by every process
 * using it. Callers of one process still queue in arrival order before asking the store.
 */
export class SharedRateLimiter implements RequestLimiter {
  private readonly rule: { limit: number; windowMs: number };
  private readonly clock: Clock;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: RateBudgetStore,
    private readonly key: string,
    options: RateLimiterOptions = {},
  ) {
    this.rule = { limit: options.limit ?? 5, windowMs: (options.windowMs ?? 1000) + (options.marginMs ?? 100) };
    this.clock = options.clock ?? realClock;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  pauseFor(ms: number): Promise<void> {
    return this.store.pauseUntil(this.key, this.clock.now() + ms);
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const waitMs = await this.store.take(this.key, this.rule, this.clock.now());
      if (waitMs === 0) return;
      await this.clock.sleep(waitMs, signal);
    }
  }
}

/** One shared limiter per base, on the given store (what `createAirtableRequest` takes as `limiter`). */
export function sharedLimiters(store: RateBudgetStore, options: RateLimiterOptions = {}): (baseId: string) => SharedRateLimiter {
  const byBase = new Map<string, SharedRateLimiter>();
  return (baseId) => {
    let limiter = byBase.get(baseId);
    if (!limiter) {
      limiter = new SharedRateLimiter(store, `airtable:${baseId}`, options);
      byBase.set(baseId, limiter);
    }
    return limiter;
  };
}
