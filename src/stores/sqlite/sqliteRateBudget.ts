import { type BudgetRule, type BudgetState, emptyBudget, type RateBudgetStore, takeSlot } from '../rateBudget';
import type { Database } from './database';

/** The shared request budget in the SQLite file (table `rate_budgets`), one IMMEDIATE transaction per decision. */
export class SqliteRateBudget implements RateBudgetStore {
  private readonly select;
  private readonly upsert;

  constructor(private readonly db: Database) {
    this.select = db.prepare<[string], { starts: string; paused_until: number }>('SELECT starts, paused_until FROM rate_budgets WHERE key = ?');
    this.upsert = db.prepare<[string, string, number]>(
      `INSERT INTO rate_budgets (key, starts, paused_until) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET starts = excluded.starts, paused_until = excluded.paused_until`,
    );
  }

  async take(key: string, rule: BudgetRule, now: number): Promise<number> {
    return this.update(key, (state) => takeSlot(state, rule, now));
  }

  async pauseUntil(key: string, until: number): Promise<void> {
    this.update(key, (state) => ({ state: { ...state, pausedUntil: Math.max(state.pausedUntil, until) }, waitMs: 0 }));
  }

  private update(key: string, decide: (state: BudgetState) => { state: BudgetState; waitMs: number }): number {
    // IMMEDIATE takes the write lock before reading: two processes never grant the same slot.
    return this.db
      .transaction(() => {
        const row = this.select.get(key);
        const state = row ? { starts: JSON.parse(row.starts) as number[], pausedUntil: row.paused_until } : emptyBudget();
        const out = decide(state);
        if (out.state !== state) this.upsert.run(key, JSON.stringify(out.state.starts), out.state.pausedUntil);
        return out.waitMs;
      })
      .immediate();
  }
}
