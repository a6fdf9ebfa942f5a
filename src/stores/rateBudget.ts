/**
 * The request budget of an outside service, shared by every process that uses the same store:
 * Airtable allows 5 requests per second per base, whoever sends them (the sync, the status
 * watcher and the erasures of every instance, and the scripts beside them), and wants 30 s of
 * silence from all of them after a 429.
 *
 * Each store keeps, per key, the start times of the requests in the current window and the end
 * of any lockout, and applies `takeSlot` atomically (SQLite: in an IMMEDIATE transaction;
 * Azure: an eTag-checked blob). Times are the callers' epoch milliseconds: the instances' clocks
 * must agree to within the limiter's margin (NTP does far better).
 */

export interface BudgetRule {
  /** Requests allowed in any window. */
  limit: number;
  windowMs: number;
}

export interface BudgetState {
  /** Start times in the window, oldest first. */
  starts: number[];
  pausedUntil: number;
}

export interface RateBudgetStore {
  /** Takes a slot for `key` if the window and any lockout allow it now: 0; else how long to wait (nothing taken). */
  take(key: string, rule: BudgetRule, now: number): Promise<number>;
  /** No slot is given for `key` before `until` (extends, never shortens, a lockout). */
  pauseUntil(key: string, until: number): Promise<void>;
}

/** The decision itself, the same for every store: the new state, and 0 or the wait. */
export function takeSlot(state: BudgetState, rule: BudgetRule, now: number): { state: BudgetState; waitMs: number } {
  if (now < state.pausedUntil) return { state, waitMs: state.pausedUntil - now };
  // A start "in the future" (another clock slightly ahead) still counts, for at most a window.
  const starts = state.starts.filter((t) => now - t < rule.windowMs && t - now < rule.windowMs).sort((a, b) => a - b);
  if (starts.length < rule.limit) return { state: { starts: [...starts, now], pausedUntil: state.pausedUntil }, waitMs: 0 };
  return { state: { starts, pausedUntil: state.pausedUntil }, waitMs: Math.min(rule.windowMs, Math.max(1, starts[starts.length - rule.limit] + rule.windowMs - now)) };
}

export const emptyBudget = (): BudgetState => ({ starts: [], pausedUntil: 0 });
