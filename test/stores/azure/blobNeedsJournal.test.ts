import { NeedsSync } from '../../../src/airtable/sync';
import { createAirtableRequest } from '../../../src/airtable/http';
import { RateLimiter } from '../../../src/airtable/rateLimiter';
import { blobClaims } from '../../../src/stores/azure/blobClaims';
import { Container } from '../../../src/stores/azure/container';
import type { LeasedClaims } from '../../../src/stores/leasedClaims';
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

  test('two NeedsSync, one per instance, running at once sync each of 20 needs exactly once', async () => {
    const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
    seedBase(fake);
    const url = await fake.start();
    const opened: LeasedClaims[] = [];
    try {
      const syncFor = (journal: NeedsJournal) => {
        const clock = virtualClock();
        const limiter = new RateLimiter({ clock });
        const { logger } = captureLogger();
        const request = createAirtableRequest({ token: TOKEN, endpointUrl: `${url}/`, clock, limiter: () => limiter, logger, random: () => 0.5 });
        // Each instance with its own claims on the shared container.
        const claims = blobClaims(new Container(azurite.connectionString, instances.containerName));
        opened.push(claims);
        return new NeedsSync({ journal, claims, request, baseId: BASE, logger, batchSize: 3 });
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
      await Promise.all(opened.map((c) => c.close()));
      await fake.close();
    }
  });

  test('a pass that skips failed needs leaves no claim behind, and a failed-retry pass reads each need once: the other instance retries every one', async () => {
    const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
    seedBase(fake);
    const url = await fake.start();
    const opened: LeasedClaims[] = [];
    const instance = (journal: NeedsJournal) => {
      const clock = virtualClock();
      const limiter = new RateLimiter({ clock });
      const { logger } = captureLogger();
      const request = createAirtableRequest({ token: TOKEN, endpointUrl: url, clock, limiter: () => limiter, logger, random: () => 0.5 });
      const claims = blobClaims(new Container(azurite.connectionString, instances.containerName));
      opened.push(claims);
      return new NeedsSync({ journal, claims, request, baseId: BASE, logger });
    };
    try {
      const a = instances.open();
      for (let i = 1; i <= 25; i++) {
        const reference = `PBL-2026-${String(i).padStart(5, '0')}`;
        await a.save(reference, `conv-${i}`, makeRecord(reference, { RNA: `W75${String(1000000 + i)}` }));
      }
      // A field staff renamed: every need fails.
      fake.table('Besoins').fields.find((f) => f.name === 'Nature')!.name = 'Type de besoin';
      const syncA = instance(a);
      expect(await syncA.run()).toMatchObject({ synced: 0, failed: 25 });
      // The background's passes between two failed-retry passes leave failed needs alone, and hold none of them.
      expect(await syncA.run({ includeFailed: false })).toMatchObject({ synced: 0, failed: 0, busy: 0 });

      // Staff fix the base, then run needs:sync from another instance: it sees and retries every failed need.
      fake.table('Besoins').fields.find((f) => f.name === 'Type de besoin')!.name = 'Nature';
      const b = instances.open();
      const calls = { get: 0, unsynced: 0, pending: 0 };
      // The journal itself, counting its calls on the way.
      const counted = new Proxy(b, {
        get(target, name) {
          const value = Reflect.get(target, name) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (typeof name === 'string' && name in calls) calls[name as keyof typeof calls]++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
      expect(await instance(counted).run()).toMatchObject({ synced: 25, failed: 0, busy: 0 });
      // One listing, one read per need: the requests grow with n, not n².
      expect(calls).toEqual({ get: 25, unsynced: 1, pending: 0 });
      expect(fake.records('Besoins')).toHaveLength(25);
    } finally {
      await Promise.all(opened.map((c) => c.close()));
      await fake.close();
    }
  });
});
