import { type BudgetRule, type BudgetState, emptyBudget, type RateBudgetStore, takeSlot } from '../rateBudget';
import { retryOnConflict } from './blobErrors';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

const PREFIX = 'rate-budgets/';

/**
 * The shared request budget in Azure Blob Storage: one small JSON blob per key, read and
 * written back with If-Match, so that two instances never grant the same slot (the loser of a
 * race reads again). Chosen over electing one instance to make every request: the scripts and
 * every instance's status watcher and erasures call Airtable too, and all of them must share
 * the one budget.
 */
export class BlobRateBudget implements RateBudgetStore {
  constructor(private readonly container: Container) {}

  take(key: string, rule: BudgetRule, now: number): Promise<number> {
    return this.update(key, (state) => takeSlot(state, rule, now));
  }

  async pauseUntil(key: string, until: number): Promise<void> {
    await this.update(key, (state) => ({ state: { ...state, pausedUntil: Math.max(state.pausedUntil, until) }, waitMs: 0 }));
  }

  private async update(key: string, decide: (state: BudgetState) => { state: BudgetState; waitMs: number }): Promise<number> {
    await this.container.ensure();
    const blob = this.container.client.getBlockBlobClient(PREFIX + encodeURIComponent(key));
    return retryOnConflict(async () => {
      const stored = await downloadText(blob);
      const state = stored ? (JSON.parse(stored.text) as BudgetState) : emptyBudget();
      const out = decide(state);
      if (out.state !== state) {
        await uploadText(blob, JSON.stringify(out.state), {
          blobHTTPHeaders: { blobContentType: 'application/json' },
          conditions: stored ? { ifMatch: stored.etag } : { ifNoneMatch: '*' },
        });
      }
      return out.waitMs;
    });
  }
}
