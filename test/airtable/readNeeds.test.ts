import { readNeeds } from '../../src/airtable/readNeeds';
import { NeedsSync } from '../../src/airtable/sync';
import { EXPORT_COLUMNS, flattenNeed } from '../../src/needs/export';
import { BASE, makeRecord, makeWorld, type World } from './helpers';

describe('readNeeds (needs:export from Airtable)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(() => world.close());

  test('rows keyed by field names like flattenNeed, with staff edits, across pages', async () => {
    const records = Array.from({ length: 3 }, (_, i) => makeRecord(`PBL-2026-0000${i + 1}`, { Nom: `Asso ${i + 1}` }, i === 2 ? { Éligible: false } : {}));
    for (const r of records) await world.journal.save(r.Besoins.Référence, r.Besoins.Conversation, r);
    await new NeedsSync({ journal: world.journal, claims: world.claims, request: world.request, baseId: BASE, logger: world.logger }).run();
    world.fake.records('Besoins')[0].fields.Statut = 'Accepté';
    // 110 more rows made by hand in Airtable, without a reference: skipped; they force a second page.
    world.fake.seedRecords('Besoins', Array.from({ length: 110 }, () => ({ Description: 'ligne vide' })));

    const rows = await readNeeds({ request: world.request, baseId: BASE });
    const gets = world.fake.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => `${r.path} ${r.query.offset ?? ''}`.trim())).toEqual([`/v0/${BASE}/Besoins`, `/v0/${BASE}/Besoins 100`, `/v0/${BASE}/Structures`]);
    expect(rows).toHaveLength(3);
    // Airtable cannot tell an unticked box from an unasked question: both read as false.
    const expected: Record<string, unknown>[] = records.map((r) => ({ ...flattenNeed(r), "Nom dans l'annonce": false }));
    expected[0].Statut = 'Accepté';
    expect(rows).toEqual(expected);
    expect(Object.keys(rows[0])).toEqual(EXPORT_COLUMNS.filter((c) => c in rows[0]));
  });
});
