import type { LeasedClaims } from '../../src/stores/leasedClaims';

/** How the contract reaches one store's claims. */
export interface ClaimsHarness {
  setup(): Promise<void>;
  /** Claims of another process on the same store (each call: a new owner). `renew: false` plays a process that stopped (never renews on its own). */
  open(options?: { renew?: boolean }): LeasedClaims;
  /** Makes the lease of `name` lapse now, as if its holder had not renewed it in time. */
  lapse(name: string): Promise<void>;
  teardown(): Promise<void>;
}

/** The Claims contract (src/stores/claims.ts), run against SQLite and Azure Blob Storage. */
export function claimsContract(name: string, harness: ClaimsHarness): void {
  describe(`${name}: the Claims contract`, () => {
    beforeEach(() => harness.setup());
    afterEach(() => harness.teardown());

    it('gives a name to one holder at a time, across processes and within one', async () => {
      const a = harness.open();
      const b = harness.open();
      const held = await a.acquire('need:R1');
      expect(held?.name).toBe('need:R1');
      expect(await b.acquire('need:R1')).toBeUndefined();
      // The same process does not get it twice either (its sync and its erasure exclude each other).
      expect(await a.acquire('need:R1')).toBeUndefined();
      // Other names are free.
      expect(await b.acquire('need:R2')).toBeDefined();
      await held!.release();
      expect(held!.signal.aborted).toBe(true);
      expect(await b.acquire('need:R1')).toBeDefined();
      await held!.release(); // a second release is harmless
    });

    it('many callers at once: exactly one gets the name', async () => {
      const owners = [harness.open(), harness.open(), harness.open()];
      const got = await Promise.all(Array.from({ length: 12 }, (_, i) => owners[i % 3].acquire('outbox:x:1')));
      expect(got.filter(Boolean)).toHaveLength(1);
    });

    it('close() gives back every claim held, and aborts their signals', async () => {
      const a = harness.open();
      const b = harness.open();
      const one = await a.acquire('n1');
      await a.acquire('n2');
      await a.close();
      expect(one!.signal.aborted).toBe(true);
      expect(await b.acquire('n1')).toBeDefined();
      expect(await b.acquire('n2')).toBeDefined();
    });

    it('a lapsed claim goes to the next process; the old holder learns it lost it at its next renewal', async () => {
      const a = harness.open({ renew: false });
      const b = harness.open();
      const stale = await a.acquire('need:R1');
      expect(await b.acquire('need:R1')).toBeUndefined();
      await harness.lapse('need:R1');
      const fresh = await b.acquire('need:R1');
      expect(fresh).toBeDefined();
      expect(stale!.signal.aborted).toBe(false);
      await a.renewAll();
      expect(stale!.signal.aborted).toBe(true);
      // Its late release does not take the claim from the new holder.
      await stale!.release();
      expect(await harness.open().acquire('need:R1')).toBeUndefined();
      expect(fresh!.signal.aborted).toBe(false);
    });

    it('a renewed claim stays with its holder', async () => {
      const a = harness.open({ renew: false });
      const held = await a.acquire('need:R1');
      await a.renewAll();
      await a.renewAll();
      expect(held!.signal.aborted).toBe(false);
      expect(await harness.open().acquire('need:R1')).toBeUndefined();
    });
  });
}
