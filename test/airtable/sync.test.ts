import { createAirtableRequest } from '../../src/airtable/http';
import { RateLimiter } from '../../src/airtable/rateLimiter';
import { NeedsSync } from '../../src/airtable/sync';
import type { NeedRecord } from '../../src/needs/record';
import { BASE, makeRecord, makeWorld, maxInAnyWindow, TOKEN, type World } from './helpers';
import type { LoggedRequest } from './fakeAirtable';

describe('NeedsSync', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(() => world.close());

  const newSync = (extra: Partial<ConstructorParameters<typeof NeedsSync>[0]> = {}) =>
    new NeedsSync({ journal: world.journal, claims: world.claims, request: world.request, baseId: BASE, logger: world.logger, ...extra });
  const save = (record: NeedRecord) => world.journal.save(record.Besoins.Référence, record.Besoins.Conversation, record);
  const references = () => world.fake.records('Besoins').map((r) => r.fields['Référence']);
  const recordWrites = () => world.fake.requests.filter((r) => r.method === 'PATCH' && !r.path.startsWith('/v0/meta'));
  const onTable = (table: string) => recordWrites().filter((r) => r.path === `/v0/${BASE}/${table}`);
  const upserts = (table: string) => onTable(table).filter((r) => r.body.performUpsert);

  test('one need: the exact requests (upsert the structure, the need linked by record id, then its initial status)', async () => {
    const record = makeRecord('PBL-2026-00001', { RNA: 'W751234567' });
    await save(record);
    const report = await newSync().run();
    expect(report).toEqual({ synced: 1, failed: 0, busy: 0, aborted: false });

    const writes = recordWrites();
    expect(world.fake.requests).toHaveLength(3);
    expect(writes).toHaveLength(3);
    const [structure, need, status] = writes;
    for (const r of writes) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.query).toEqual({});
    }
    expect(structure.path).toBe(`/v0/${BASE}/Structures`);
    expect(structure.body).toEqual({
      performUpsert: { fieldsToMergeOn: ['RNA'] },
      typecast: true,
      records: [
        {
          fields: {
            Nom: 'Les Jardins Partagés',
            'Forme juridique': 'Association loi 1901',
            'Code postal': '75011',
            Ville: 'Paris',
            Territoire: 'Île-de-France',
            'Année de création': 2012,
            Salariés: 2,
            Bénévoles: 40,
            'Budget annuel (€)': 150000,
            Causes: ['Transition écologique', 'Culture'],
            'Site web': 'https://jardins.example.org',
            Contact: 'Camille Martin',
            Email: 'camille@example.org',
            Téléphone: '+33 6 12 34 56 78',
            RNA: 'W751234567',
          },
        },
      ],
    });
    const structureId = world.fake.records('Structures')[0].id;
    expect(need.path).toBe(`/v0/${BASE}/Besoins`);
    expect(need.body).toEqual({
      performUpsert: { fieldsToMergeOn: ['Référence'] },
      typecast: true,
      records: [
        {
          fields: {
            Référence: 'PBL-2026-00001',
            Éligible: true,
            Motifs: '- Structure à finalité sociale',
            Domaines: ['Communication et marketing'],
            Description: 'Refaire notre site web.',
            Nature: 'Ponctuel',
            Échéance: '2026-06-30',
            'Personnes disponibles': 2,
            'Situation financière': 'Stable',
            'Programme recommandé': 'Probono Booster',
            'Autres programmes': ['Mission freelance'],
            Canal: 'Site web',
            Langue: 'fr',
            Conversation: 'conv-PBL-2026-00001',
            Transcript: '[user] bonjour',
            'Rappel demandé': false,
            Consentement: '2026-03-01T10:00:00.000Z',
            Structure: [structureId],
          },
        },
      ],
    });
    expect(structureId).toMatch(/^rec/);
    // Staff own Statut: never in an upsert, set once on the record Airtable just created.
    const needId = world.fake.records('Besoins')[0].id;
    expect(status.path).toBe(`/v0/${BASE}/Besoins`);
    expect(status.body).toEqual({ records: [{ id: needId, fields: { Statut: 'Nouveau' } }], typecast: true });
    expect(world.fake.records('Besoins')[0].fields.Statut).toBe('Nouveau');
    expect(await world.journal.get('PBL-2026-00001')).toMatchObject({ syncStatus: 'synced', version: 1 });
    expect(world.fake.records('Besoins')[0].fields.Structure).toEqual([structureId]);
    // Nothing left: a second run sends nothing.
    const n = world.fake.requests.length;
    expect(await newSync().run()).toEqual({ synced: 0, failed: 0, busy: 0, aborted: false });
    expect(world.fake.requests).toHaveLength(n);
  });

  test('25 needs: 3 need requests of at most 10 records, never more than 5 requests in any second', async () => {
    for (let i = 1; i <= 25; i++) {
      const id = String(i).padStart(5, '0');
      // Three kinds of keys: RNA, SIREN, or name + postcode; a few needs share a structure.
      const structure =
        i % 3 === 0 ? { RNA: `W75${String(i % 6).padStart(7, '0')}` } : i % 3 === 1 ? { SIREN: `8${String(i).padStart(8, '0')}` } : { Nom: `Asso ${i % 4}` };
      await save(makeRecord(`PBL-2026-${id}`, structure));
    }
    const report = await newSync().run();
    expect(report).toEqual({ synced: 25, failed: 0, busy: 0, aborted: false });

    const needRequests = upserts('Besoins');
    expect(needRequests.map((r) => r.body.records.length)).toEqual([10, 10, 5]);
    for (const r of recordWrites()) expect(r.body.records.length).toBeLessThanOrEqual(10);
    expect(upserts('Structures').length).toBeGreaterThanOrEqual(3);
    // One status patch per batch of new needs.
    expect(onTable('Besoins').filter((r) => !r.body.performUpsert).map((r) => r.body.records.length)).toEqual([10, 10, 5]);
    expect(maxInAnyWindow(world.fake.requests.map((r) => r.at), 1000)).toBeLessThanOrEqual(5);
    expect(world.fake.requests.length).toBeGreaterThan(5);

    expect([...references()].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `PBL-2026-${String(i + 1).padStart(5, '0')}`));
    // One structure per key: 2 RNAs, 9 SIRENs, 4 names.
    expect(world.fake.records('Structures')).toHaveLength(2 + 9 + 4);
    for (const need of world.fake.records('Besoins')) {
      const [link] = need.fields.Structure as string[];
      expect(world.fake.records('Structures').some((s) => s.id === link)).toBe(true);
    }
    expect(await world.journal.pending(100)).toEqual([]);
  });

  test('a 429 storm, then 503s, resets and timeouts (some after Airtable applied the write): every need arrives exactly once', async () => {
    for (let i = 1; i <= 12; i++) await save(makeRecord(`PBL-2026-${String(i).padStart(5, '0')}`, { Nom: `Asso ${i % 5}`, 'Code postal': '69001' }));
    const script: Record<number, 'hang' | 'reset' | 'apply-then-hang' | { status: number }> = {};
    for (let i = 0; i < 6; i++) script[i] = { status: 429 };
    for (let i = 6; i < 30; i++) script[i] = { status: 503 };
    Object.assign(script, { 30: 'hang', 31: 'reset', 32: 'apply-then-hang', 33: { status: 502 }, 34: 'hang', 36: 'apply-then-hang', 37: { status: 503 }, 39: 'apply-then-hang' });
    world.fake.fault = (_: LoggedRequest, i: number) => script[i];

    const report = await newSync().run();
    expect(report).toEqual({ synced: 12, failed: 0, busy: 0, aborted: false });
    // The hangs ended as timeouts (the fake's, not real time), and were retried.
    expect(world.logLines().filter((l) => l.failure === 'timeout')).toHaveLength(5);
    const refs = references() as string[];
    expect(refs).toHaveLength(12);
    expect(new Set(refs).size).toBe(12);
    expect(world.fake.records('Structures')).toHaveLength(5);
    // After each 429, 30 s without any request.
    world.fake.requests.slice(0, 6).forEach((r, i) => expect(world.fake.requests[i + 1].at - r.at).toBeGreaterThanOrEqual(30_000));
    // The long 503 stretch backs off up to the 60 s cap (half of it with random() = 0.5).
    expect(Math.max(...world.clock.slept)).toBe(30_000);
    expect(maxInAnyWindow(world.fake.requests.map((r) => r.at), 1000)).toBeLessThanOrEqual(5);
    expect(world.logLines().filter((l) => l.msg === 'Airtable request failed; retrying').length).toBeGreaterThanOrEqual(38);
    for (const e of await world.journal.all()) expect(e.syncStatus).toBe('synced');
  });

  test("a 422 on one record: that need is failed with Airtable's message, the others are synced", async () => {
    for (let i = 1; i <= 4; i++) await save(makeRecord(`PBL-2026-0000${i}`, { Nom: `Asso ${i}` }));
    world.fake.rejectRecord = (table, fields) =>
      table === 'Besoins' && fields['Référence'] === 'PBL-2026-00003'
        ? { type: 'INVALID_VALUE_FOR_COLUMN', message: 'Field "Échéance" cannot accept the provided value' }
        : undefined;
    const report = await newSync().run();
    expect(report).toEqual({ synced: 3, failed: 1, busy: 0, aborted: false });
    expect(await world.journal.get('PBL-2026-00003')).toMatchObject({
      syncStatus: 'failed',
      syncError: 'Besoins: INVALID_VALUE_FOR_COLUMN: Field "Échéance" cannot accept the provided value',
    });
    for (const ref of ['PBL-2026-00001', 'PBL-2026-00002', 'PBL-2026-00004']) expect((await world.journal.get(ref))?.syncStatus).toBe('synced');
    expect([...references()].sort()).toEqual(['PBL-2026-00001', 'PBL-2026-00002', 'PBL-2026-00004']);
    // The batch, then each record alone.
    expect(upserts('Besoins').map((r) => r.body.records.length)).toEqual([4, 1, 1, 1, 1]);

    // Once staff fixed the base, the next run retries the failed need.
    world.fake.rejectRecord = undefined;
    expect(await newSync().run()).toEqual({ synced: 1, failed: 0, busy: 0, aborted: false });
    expect((await world.journal.get('PBL-2026-00003'))?.syncStatus).toBe('synced');
  });

  test('a field renamed by staff: the needs that use it fail with UNKNOWN_FIELD_NAME, the others go on', async () => {
    world.fake.table('Besoins').fields.find((f) => f.name === 'Nature')!.name = 'Type de besoin';
    await save(makeRecord('PBL-2026-00001'));
    await save(makeRecord('PBL-2026-00002', { Nom: 'Autre' }, { Nature: undefined }));
    const report = await newSync().run();
    expect(report).toEqual({ synced: 1, failed: 1, busy: 0, aborted: false });
    expect((await world.journal.get('PBL-2026-00001'))?.syncError).toBe('Besoins: UNKNOWN_FIELD_NAME: Unknown field name: "Nature"');
  });

  test('merge keys are values, not formulas: a name like x\', 1=1, \' or with \\ and {} finds or creates its own record only', async () => {
    const [friends, injected] = world.fake.seedRecords('Structures', [
      { Nom: 'Les Amis', Clé: 'les amis|75011', Ville: 'Paris' },
      { Nom: "x', 1=1, '", Clé: 'x 1 1|75011', Ville: 'Paris' },
    ]);
    await save(makeRecord('PBL-2026-00001', { Nom: "x', 1=1, '", Ville: 'Paris 11e' }));
    await save(makeRecord('PBL-2026-00002', { Nom: 'a\\b {c} "d" OR(1)', 'Code postal': '69001' }));
    await save(makeRecord('PBL-2026-00003', { Nom: '", ""="', 'Code postal': '13001' }));
    expect(await newSync().run()).toEqual({ synced: 3, failed: 0, busy: 0, aborted: false });

    for (const r of world.fake.requests) expect(JSON.stringify(r.query)).not.toMatch(/filterByFormula/);
    const structures = world.fake.records('Structures');
    expect(structures.map((s) => s.fields['Clé'])).toEqual(['les amis|75011', 'x 1 1|75011', 'a b c d or 1|69001', '", ""="|13001']);
    expect(friends.fields).toEqual({ Nom: 'Les Amis', Clé: 'les amis|75011', Ville: 'Paris' });
    expect(injected.fields.Ville).toBe('Paris 11e');
    const linkOf = (ref: string) => (world.fake.records('Besoins').find((b) => b.fields['Référence'] === ref)!.fields.Structure as string[])[0];
    expect(linkOf('PBL-2026-00001')).toBe(injected.id);
    expect(linkOf('PBL-2026-00002')).toBe(structures[2].id);
    expect(linkOf('PBL-2026-00003')).toBe(structures[3].id);
  });

  test('a re-saved need keeps the status staff gave it; a need first sent in version 2 still gets "Nouveau"', async () => {
    const record = makeRecord('PBL-2026-00001');
    await save(record);
    await newSync().run();
    world.fake.records('Besoins')[0].fields.Statut = 'En revue';
    await save({ ...record, Besoins: { ...record.Besoins, 'Rappel demandé': true } });
    await newSync().run();
    expect(upserts('Besoins').at(-1)!.body.records[0].fields).not.toHaveProperty('Statut');
    expect(onTable('Besoins').at(-1)!.body.performUpsert).toBeDefined();
    expect(world.fake.records('Besoins')[0].fields).toMatchObject({ Statut: 'En revue', 'Rappel demandé': true });
    expect(await world.journal.get('PBL-2026-00001')).toMatchObject({ syncStatus: 'synced', version: 2 });

    const other = makeRecord('PBL-2026-00002', { Nom: 'Autre' });
    await save(other);
    await save(other);
    await newSync().run();
    const last = world.fake.requests.at(-1)!;
    expect(last.body).toEqual({ records: [{ id: world.fake.records('Besoins')[1].id, fields: { Statut: 'Nouveau' } }], typecast: true });
    expect(world.fake.records('Besoins')[1].fields.Statut).toBe('Nouveau');
  });

  test('a callback asked before the name: its own structure record, keyed by the reference', async () => {
    await save({ Structures: { Contact: 'Sam', Téléphone: '0612345678' }, Besoins: { ...makeRecord('PBL-2026-00009').Besoins, 'Rappel demandé': true } });
    await newSync().run();
    expect(world.fake.records('Structures')[0].fields).toEqual({ Contact: 'Sam', Téléphone: '0612345678', Clé: 'besoin:PBL-2026-00009' });
  });

  test('an invalid token or base stops the run and leaves the needs pending', async () => {
    await save(makeRecord('PBL-2026-00001'));
    world.fake.forbidden = true;
    const report = await newSync().run();
    expect(report.synced).toBe(0);
    expect(report.error).toMatch(/403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND/);
    expect((await world.journal.get('PBL-2026-00001'))?.syncStatus).toBe('pending');
  });

  test('start() catches up at boot and runs in the background; stop() ends it even in the middle of an outage', async () => {
    await save(makeRecord('PBL-2026-00001'));
    const sync = newSync();
    sync.start(20);
    await waitFor(async () => (await world.journal.get('PBL-2026-00001'))?.syncStatus === 'synced');
    await save(makeRecord('PBL-2026-00002', { Nom: 'Deux' }));
    sync.poke();
    await waitFor(async () => (await world.journal.get('PBL-2026-00002'))?.syncStatus === 'synced');

    await sync.stop();
    // An outage whose retry waits never end on their own (a clock that only moves when told):
    // stop() returning at all shows it does not wait for them.
    world.fake.fault = () => ({ status: 503 });
    let waiting = 0;
    const frozen = {
      now: () => 0,
      sleep: (_ms: number, signal?: AbortSignal) =>
        new Promise<void>((_resolve, reject) => {
          waiting++;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    };
    const stuckRequest = createAirtableRequest({ token: TOKEN, endpointUrl: world.url, clock: frozen, limiter: () => new RateLimiter({ clock: frozen }), logger: world.logger });
    const stuck = new NeedsSync({ journal: world.journal, claims: world.claims, request: stuckRequest, baseId: BASE, logger: world.logger });
    await save(makeRecord('PBL-2026-00003', { Nom: 'Trois' }));
    const before = world.fake.requests.length;
    stuck.start(10);
    await waitFor(() => world.fake.requests.length > before && waiting > 0);
    await stuck.stop();
    expect((await world.journal.get('PBL-2026-00003'))?.syncStatus).toBe('pending');
    // Its claim was given back: another syncer can take the need at once.
    expect(await world.openClaims().acquire('need:PBL-2026-00003')).toBeDefined();
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
