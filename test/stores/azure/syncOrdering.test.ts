import { createAirtableRequest } from '../../../src/airtable/http';
import { RateLimiter } from '../../../src/airtable/rateLimiter';
import { NeedsSync } from '../../../src/airtable/sync';
import { blobClaims } from '../../../src/stores/azure/blobClaims';
import { Container } from '../../../src/stores/azure/container';
import type { LeasedClaims } from '../../../src/stores/leasedClaims';
import type { NeedsJournal } from '../../../src/stores/needsJournal';
import { FakeAirtable } from '../../airtable/fakeAirtable';
import { BASE, captureLogger, makeRecord, seedBase, TOKEN, virtualClock } from '../../airtable/helpers';
import { JournalInstances, useAzurite } from './azureWorld';

/**
 * Two instances on one Azure Storage (Azurite), each with its own sync: one sends a need and
 * its batch outlasts the claim's lease (15 s) while the other keeps trying; the claim is renewed
 * under the live writer, so the other never sends the need meanwhile, and the versions reach
 * Airtable in order.
 */
const { azurite, freshName } = useAzurite();

test('a claim outliving its lease under a live writer: the other instance never sends an older or a parallel version', async () => {
  const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
  seedBase(fake);
  const url = await fake.start();
  const instances = new JournalInstances(() => azurite.connectionString, freshName('order'));
  const claims: LeasedClaims[] = [];
  const instance = () => {
    const journal = instances.open();
    const c = blobClaims(new Container(azurite.connectionString, instances.containerName), { leaseSeconds: 15 });
    claims.push(c);
    const clock = virtualClock();
    const limiter = new RateLimiter({ clock });
    const { logger } = captureLogger();
    const request = createAirtableRequest({ token: TOKEN, endpointUrl: url, clock, limiter: () => limiter, logger, random: () => 0.5 });
    return { journal, sync: new NeedsSync({ journal, claims: c, request, baseId: BASE, logger }) };
  };
  const sent = (reference: string) =>
    fake.requests
      .filter((r) => r.method === 'PATCH' && r.path === `/v0/${BASE}/Besoins` && r.body?.performUpsert)
      .flatMap((r) => (r.body.records as { fields: Record<string, unknown> }[]).filter((x) => x.fields['Référence'] === reference).map((x) => x.fields.Description));
  const save = (journal: NeedsJournal, v: string) => journal.save('PBL-2026-00001', 'conv-1', makeRecord('PBL-2026-00001', { RNA: 'W751234567' }, { Description: v }));
  try {
    const a = instance();
    const b = instance();
    await save(a.journal, 'version 1');
    const slow = fake.holdFirst((req) => req.method === 'PATCH' && req.path === `/v0/${BASE}/Besoins` && req.body?.performUpsert);
    const running = a.sync.run();
    await slow.arrived;
    const since = Date.now();
    await save(b.journal, 'version 2');

    // Instance b tries again and again for longer than one lease: the need is always busy.
    let tries = 0;
    while (Date.now() - since < 20_000) {
      expect(await b.sync.run()).toMatchObject({ synced: 0, failed: 0, busy: 1 });
      tries++;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(tries).toBeGreaterThan(5);
    expect(sent('PBL-2026-00001')).toEqual(['version 1']);

    slow.release();
    expect(await running).toMatchObject({ synced: 1 });
    expect(await b.journal.get('PBL-2026-00001')).toMatchObject({ version: 2, syncStatus: 'pending' });
    expect(await b.sync.run()).toMatchObject({ synced: 1, busy: 0 });
    expect(sent('PBL-2026-00001')).toEqual(['version 1', 'version 2']);
    expect(fake.records('Besoins')[0].fields.Description).toBe('version 2');
  } finally {
    await Promise.all(claims.map((c) => c.close()));
    await instances.closeAll();
    await instances.drop();
    await fake.close();
  }
}, 90_000);
