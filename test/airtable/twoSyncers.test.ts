import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { NeedsSync } from '../../src/airtable/sync';
import { PROJECT_ROOT } from '../../src/paths';
import type { LoggedRequest } from './fakeAirtable';
import { BASE, makeRecord, makeWorld, TOKEN, type World } from './helpers';

const run = promisify(execFile);

/**
 * Two syncers on one SQLite file: the server's (in this process) and `npm run needs:sync` (the
 * built script, a child process) run by staff beside it. A need's versions must reach Airtable
 * in order whatever their timing, and a late version must not undo a staff decision.
 */
describe('the server and needs:sync on one SQLite file', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(() => world.close());

  const cli = async () => {
    const dataDir = path.dirname(world.db.name);
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: world.url, LOG_LEVEL: 'warn' };
    return (await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'needs-sync.js')], { env })).stdout;
  };
  const sentDescriptions = (reference: string) =>
    world.fake.requests
      .filter((r: LoggedRequest) => r.method === 'PATCH' && r.path === `/v0/${BASE}/Besoins` && r.body?.performUpsert)
      .flatMap((r) => (r.body.records as { fields: Record<string, unknown> }[]).filter((x) => x.fields['Référence'] === reference).map((x) => x.fields.Description));

  test('never an older version over a newer one: needs:sync leaves a need the server is sending, and sends the newer version after', async () => {
    const reference = 'PBL-2026-00001';
    const save = (v: string) => world.journal.save(reference, 'conv-1', makeRecord(reference, { RNA: 'W751234567' }, { Description: v }));
    await save('version 1');

    // The server's sync sends version 1; Airtable is slow to take it.
    const slow = world.fake.holdFirst((req) => req.method === 'PATCH' && req.path === `/v0/${BASE}/Besoins` && req.body?.performUpsert);
    const server = new NeedsSync({ journal: world.journal, claims: world.claims, request: world.request, baseId: BASE, logger: world.logger });
    const serverRun = server.run();
    await slow.arrived;

    // Meanwhile the user changes the need (version 2), and staff run needs:sync.
    await save('version 2');
    const first = await cli();
    expect(first).toContain('Synced: 0. Failed: 0. Still to sync: 1 pending, 0 failed.');
    expect(first).toContain('1 need(s) were being sent by the server (or another instance) at the same time: left to it.');
    expect(sentDescriptions(reference)).toEqual(['version 1']);

    // Version 1 lands; staff review the need at once.
    slow.release();
    expect(await serverRun).toMatchObject({ synced: 1, failed: 0 });
    const [record] = world.fake.records('Besoins');
    expect(record.fields).toMatchObject({ Description: 'version 1', Statut: 'Nouveau' });
    world.fake.edit('Besoins', record.id, { Statut: 'En revue' });
    // The result for version 1 did not mark version 2 as sent.
    expect(await world.journal.get(reference)).toMatchObject({ version: 2, syncStatus: 'pending' });

    expect(await cli()).toContain('Synced: 1. Failed: 0. Still to sync: 0 pending, 0 failed.');
    expect(sentDescriptions(reference)).toEqual(['version 1', 'version 2']);
    expect(world.fake.records('Besoins')).toHaveLength(1);
    expect(world.fake.records('Besoins')[0].fields).toMatchObject({ Description: 'version 2', Statut: 'En revue' });
    expect(await world.journal.get(reference)).toMatchObject({ version: 2, syncStatus: 'synced' });
  }, 60_000);
});
