import { createAirtableRequest } from '../../src/airtable/http';
import { SharedRateLimiter } from '../../src/airtable/rateLimiter';
import { NeedsSync } from '../../src/airtable/sync';
import type { Claims } from '../../src/stores/claims';
import type { NeedsJournal } from '../../src/stores/needsJournal';
import type { RateBudgetStore } from '../../src/stores/rateBudget';
import { FakeAirtable } from './fakeAirtable';
import { BASE, captureLogger, makeRecord, maxInAnyWindow, seedBase, TOKEN } from './helpers';
import { LockstepClock } from './lockstepClock';

/** One instance as the drain test needs it: its own journal connection, claims and budget store. */
export interface BudgetInstance {
  journal: NeedsJournal;
  claims: Claims;
  budget: RateBudgetStore;
}

/**
 * Two instances drain a backlog of needs at once, each with its own sync and request function,
 * sharing only the store (the request budget, the claims, the journal): Airtable must never see
 * more than 5 requests in any second from the two together, and after a 429 neither may send
 * anything for 30 s. Counted at the stand-in, on a lockstep clock.
 */
export async function drainWithTwoInstances(open: () => BudgetInstance): Promise<void> {
  const clock = new LockstepClock();
  const fake = new FakeAirtable({ token: TOKEN, baseId: BASE, now: clock.now });
  seedBase(fake);
  const url = await fake.start();
  try {
    const instances = [open(), open()];
    for (let i = 1; i <= 24; i++) {
      const reference = `PBL-2026-${String(i).padStart(5, '0')}`;
      await instances[i % 2].journal.save(reference, `conv-${i}`, makeRecord(reference, { RNA: `W75${String(1000000 + i)}` }));
    }
    // One 429 in the middle of the drain, to whichever instance sends the 21st request.
    fake.fault = (_req, i) => (i === 20 ? { status: 429 } : undefined);
    const syncs = instances.map(({ journal, claims, budget }) => {
      const { logger } = captureLogger();
      const limiter = new SharedRateLimiter(budget, `airtable:${BASE}`, { clock });
      const request = createAirtableRequest({ token: TOKEN, endpointUrl: url, clock, limiter: () => limiter, logger, random: () => 0.5 });
      // Small batches: many requests, so that the two instances compete for the budget.
      return new NeedsSync({ journal, claims, request, baseId: BASE, logger, batchSize: 2 });
    });
    const reports = await Promise.all(syncs.map((sync) => clock.actor(() => sync.run())));

    expect(reports.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(reports[0].synced + reports[1].synced).toBe(24);
    expect(reports[0].synced).toBeGreaterThan(0);
    expect(reports[1].synced).toBeGreaterThan(0);
    expect(fake.records('Besoins')).toHaveLength(24);
    const times = fake.requests.map((r) => r.at);
    expect(fake.requests.length).toBeGreaterThanOrEqual(36);
    // The two instances together: never more than 5 in any second…
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(5);
    // …and busy seconds did get 5: the budget was used, not just throttled.
    expect(maxInAnyWindow(times, 1000)).toBe(5);
    // After the 429, nobody at all for 30 s (but a request the other instance had on the wire already).
    const lockout = fake.requests[20].at;
    const after = times.slice(21);
    expect(after.filter((t) => t > lockout && t < lockout + 30_000)).toEqual([]);
    expect(after.filter((t) => t === lockout).length).toBeLessThanOrEqual(1);
    expect(after.some((t) => t >= lockout + 30_000)).toBe(true);
  } finally {
    await fake.close();
  }
}
