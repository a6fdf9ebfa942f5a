import { NeedsSync } from '../../../src/airtable/sync';
import { createAirtableRequest } from '../../../src/airtable/http';
import { RateLimiter } from '../../../src/airtable/rateLimiter';
import type { NeedsJournal } from '../../../src/stores/needsJournal';
import { FakeAirtable } from '../../airtable/fakeAirtable';
import { BASE, captureLogger, makeRecord, seedBase, TOKEN, virtualClock } from '../../airtable/helpers';
import { needsJournalContract } from '../needsJournalContract';
import { JournalInstances, useAzurite } from './azureWorld';

/** BlobNeedsJournal against Azurite (the Azure Blob Storage emulator) on loopback. */
const { azurite, freshName } = useAzurite();
let instances: JournalInstances;
const newInstances = () => new JournalInstances(() => azurite.connectionString, freshName('needs'));

needsJournalContract('BlobNeedsJournal', {
  setup: async () => {
    instances = newInstances();
  },
  open: (now) => instances.open({ now }),
  closeAll: () => instances.closeAll(),
  teardown: () => instances.drop(),
});

describe('BlobNeedsJournal: several instances', () => {
  beforeEach(() => {
    instances = newInstances();
  });
  afterEach(async () => {
    await instances.closeAll();
    await instances.drop();
  });

  test('50 concurrent nextReference calls from two instances give 50 distinct consecutive references', async () => {
    const a = instances.open();
    const b = instances.open();
    const references = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).nextReference('PBL', 2026)));
    expect(new Set(references).size).toBe(50);
    expect([...references].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `PBL-2026-${String(i + 1).padStart(5, '0')}`));
    // And the counter goes on from there, for either instance.
    expect(await b.nextReference('PBL', 2026)).toBe('PBL-2026-00051');
  });

  test('a need claimed by one instance is not returned by the other until it is marked or released', async () => {
    const a = instances.open();
    const b = instances.open();
    for (const reference of ['R1', 'R2', 'R3']) await a.save(reference, 'conv-1', { reference });

    expect((await a.pending(2)).map((e) => e.reference)).toEqual(['R1', 'R2']);
    // b skips what a holds.
    expect((await b.pending(10)).map((e) => e.reference)).toEqual(['R3']);
    // a may ask again (its own sync loop does): it still holds its own, not b's.
    expect((await a.pending(10)).map((e) => e.reference)).toEqual(['R1', 'R2']);

    await a.markSynced('R1', 1);
    await a.markFailed('R2', 1, 'HTTP 422');
    await b.markFailed('R3', 1, 'HTTP 422');
    // Synced: gone for everyone; failed: released, so the other instance may retry it.
    expect((await b.pending(10)).map((e) => e.reference)).toEqual(['R2', 'R3']);
    expect(await a.pending(10)).toEqual([]);
  });

  test('closing an instance lets go of its claims at once', async () => {
    const a = instances.open();
    const b = instances.open();
    await a.save('R1', 'conv-1', {});
    expect(await a.pending(10)).toHaveLength(1);
    expect(await b.pending(10)).toEqual([]);
    await a.close();
    expect((await b.pending(10)).map((e) => e.reference)).toEqual(['R1']);
  });

  test('an instance re-reads a need under its claim: one synced meanwhile is not returned', async () => {
    const a = instances.open();
    const b = instances.open();
    await a.save('R1', 'conv-1', {});
    const [entry] = await a.pending(1);
    await a.markSynced('R1', entry.version);
    expect(await b.pending(10)).toEqual([]);
    expect(await b.get('R1')).toMatchObject({ syncStatus: 'synced', version: 1 });
  });

  test('a need can be saved again while another instance holds its sync claim', async () => {
    const a = instances.open();
    const b = instances.open();
    await a.save('R1', 'conv-1', { v: 1 });
    await a.pending(1);
    await expect(b.save('R1', 'conv-1', { v: 2 })).resolves.toMatchObject({ version: 2 });
    await a.markSynced('R1', 1); // the result of the old version: ignored
    expect((await b.pending(10)).map((e) => [e.reference, e.version])).toEqual([['R1', 2]]);
  });

  test('two NeedsSync, one per instance, running at once sync each of 20 needs exactly once', async () => {
    const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
    seedBase(fake);
    const url = await fake.start();
    try {
      const syncFor = (journal: NeedsJournal) => {
        const clock = virtualClock();
        const limiter = new RateLimiter({ clock });
        const { logger } = captureLogger();
        const request = createAirtableRequest({ token: TOKEN, endpointUrl: `${url}/`, clock, limiter: () => limiter, logger, random: () => 0.5 });
        return new NeedsSync({ journal, request, baseId: BASE, logger, batchSize: 3 });
      };
      const a = instances.open();
      const b = instances.open();
      const references: string[] = [];
      for (let i = 0; i < 20; i++) {
        const reference = await (i % 2 ? a : b).nextReference('PBL', 2026);
        references.push(reference);
        await (i % 2 ? b : a).save(reference, `conv-${i}`, makeRecord(reference, { RNA: `W75${String(1000000 + i)}` }));
      }

      const [reportA, reportB] = await Promise.all([syncFor(a).run(), syncFor(b).run()]);
      expect(reportA.error ?? reportB.error).toBeUndefined();
      expect(reportA.synced + reportB.synced).toBe(20);
      expect(reportA.failed + reportB.failed).toBe(0);
      // Both took part (claims split the work rather than one waiting for the other).
      expect(reportA.synced).toBeGreaterThan(0);
      expect(reportB.synced).toBeGreaterThan(0);

      // Every need was sent to Airtable in exactly one request.
      const sent = fake.requests
        .filter((r) => r.method === 'PATCH' && r.path === `/v0/${BASE}/Besoins`)
        .flatMap((r) => (r.body.records as { fields: Record<string, unknown> }[]).map((rec) => rec.fields['Référence']));
      expect([...sent].sort()).toEqual([...references].sort());
      expect(fake.records('Besoins')).toHaveLength(20);
      expect((await a.all()).map((e) => e.syncStatus)).toEqual(Array(20).fill('synced'));
    } finally {
      await fake.close();
    }
  });
});
