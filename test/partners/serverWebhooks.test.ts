import { newPartnerKey } from '../../src/partners/keys';
import { PARTNER_API_BASE } from '../../src/partners/openapi';
import { webhookId } from '../../src/partners/webhooks';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqlitePartnerKeys } from '../../src/stores/sqlite/sqlitePartnerKeys';
import { FakeAirtable } from '../airtable/fakeAirtable';
import { BASE, seedBase, TOKEN } from '../airtable/helpers';
import { ServerWorld, typedTurns } from '../mail/serverWorld';
import { OpenApiCheck } from './openApiCheck';
import { PartnerEndpoint } from './partnerEndpoint';

/**
 * The real server, nothing of ours replaced: a user records a need through /api/messages and
 * agrees to share it with the freelance partner; the partner's endpoint on loopback gets
 * need.recorded (signature verified), reads the same need through the API, and gets
 * need.status_changed once staff accept the need in Airtable (the stand-in).
 */
test('a need shared by a whole conversation reaches the partner as webhooks, the same as the API serves it', async () => {
  const openapi = new OpenApiCheck();
  const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
  seedBase(fake);
  const airtableUrl = await fake.start();
  const endpoint = new PartnerEndpoint();
  await endpoint.start();
  const world = new ServerWorld({ AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: airtableUrl }, { afterNeed: { deliveryDelayMs: 0 } });
  await world.start();
  try {
    const db = openDatabase(world.dataDir);
    const key = newPartnerKey('freelance', ['needs:read', 'needs:contact'], `${endpoint.url}/hooks/k`, new Date());
    try {
      await new SqlitePartnerKeys(db).add(key.record);
    } finally {
      closeDatabase(db);
    }
    endpoint.secrets.set('/hooks/k', key.webhookSecret!);

    const said = await world.play('conv-partner', typedTurns('freelance-technical-delivery-with-budget.yaml'));
    const reference = /PBL-2026-\d{5}/.exec(said.at(-1)!.join('\n'))![0];
    await endpoint.waitFor(1);
    const [recorded] = endpoint.delivered();
    expect(recorded.id).toBe(webhookId('freelance', reference, '1', 'need.recorded'));
    expect(recorded.body).toMatchObject({ type: 'need.recorded', data: { reference, version: 1, programme: 'Mission freelance', contact: { email: 'paul.girard@lesamisdelaloire.fr' } } });
    openapi.webhook('need.recorded', recorded.body);

    // What the webhook said is what the API serves.
    const url = `${world.url}${PARTNER_API_BASE}/needs/${reference}`;
    const served = await openapi.answer('get', url, await fetch(url, { headers: { authorization: `Bearer ${key.apiKey}` } }));
    expect(served).toEqual(recorded.body.data);

    // Staff accept the need in Airtable; the server's watcher polls (now, rather than in a minute).
    const airtable = world.app.airtable!;
    await airtable.sync.run();
    const [need] = fake.records('Besoins').filter((r) => r.fields['Référence'] === reference);
    fake.edit('Besoins', need.id, { Statut: 'Accepté' });
    await airtable.watcher.poll();
    await endpoint.waitFor(2);
    const changed = endpoint.delivered()[1];
    expect([changed.id, changed.body.type, changed.body.data]).toEqual([
      webhookId('freelance', reference, 'status:Accepté', 'need.status_changed'),
      'need.status_changed',
      { reference, status: 'Accepté' },
    ]);
    openapi.webhook('need.status_changed', changed.body);
    expect(endpoint.unverified).toEqual([]);
  } finally {
    await world.stop();
    await world.cleanup();
    await endpoint.stop();
    await fake.close();
  }
}, 120_000);
