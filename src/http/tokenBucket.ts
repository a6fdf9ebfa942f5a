/**
 * Per-key token buckets (one per conversation, or per client IP): a key may spend `capacity`
 * tokens at once, refilled at `refillPerSecond`. Buckets are kept in insertion order and the
 * oldest are dropped beyond `maxKeys`, so a flood of new keys cannot grow memory without bound
 * (a dropped key starts again with a full bucket, which only errs on the side of the user).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number; warned: boolean }>();

  constructor(
    private readonly options: { capacity: number; refillPerSecond: number; maxKeys?: number },
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Spends a token: true when allowed. `firstRefusal` tells the caller to explain once. */
  take(key: string): { allowed: boolean; firstRefusal: boolean } {
    const { capacity, refillPerSecond, maxKeys = 50_000 } = this.options;
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
      bucket.at = now;
      this.buckets.delete(key); // re-inserted below: most recently used last
    } else {
      bucket = { tokens: capacity, at: now, warned: false };
      if (this.buckets.size >= maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.warned = false;
      return { allowed: true, firstRefusal: false };
    }
    const firstRefusal = !bucket.warned;
    bucket.warned = true;
    return { allowed: false, firstRefusal };
  }
}
