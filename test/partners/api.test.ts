import { createLogger } from '../../src/log';
import { newPartnerKey, type Scope } from '../../src/partners/keys';
import { PARTNER_API_BASE } from '../../src/partners/openapi';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { SqlitePartnerKeys } from '../../src/stores/sqlite/sqlitePartnerKeys';
import type { PublishedMission } from '../../src/stores/publishedMissions';
import { makeRecord } from '../airtable/helpers';
import { sharedRecord } from './records';
import { ServerWorld } from '../mail/serverWorld';
import { OpenApiCheck } from './openApiCheck';

const ref = (n: number) => `PBL-2026-${String(n).padStart(5, '0')}`;

/** The partner read API on the real server: keys, scopes, sharing, pagination, ETag, rate; every answer checked against the OpenAPI document. */
describe('partner API', () => {
  const openapi = new OpenApiCheck();
  const logged: string[] = [];
  let world: ServerWorld;
  let db: Database;
  let journal: SqliteNeedsJournal;
  let keys: SqlitePartnerKeys;
  let t = Date.UTC(2026, 2, 1, 10);
  const missions: PublishedMission[] = [];

  beforeAll(async () => {
    world = new ServerWorld(
      { PARTNER_API_RATE_PER_MINUTE: '1000' },
      { log: createLogger('debug', { write: (s: string) => void logged.push(s) }), publishedMissions: { list: async () => missions } },
    );
    await world.start();
    db = openDatabase(world.dataDir);
    // Each save a millisecond later: an order the test knows.
    journal = new SqliteNeedsJournal(db, () => new Date((t += 1000)));
    keys = new SqlitePartnerKeys(db);
  });
  afterAll(async () => {
    closeDatabase(db);
    await world.stop();
    await world.cleanup();
  });

  async function key(scopes: Scope[], partner = 'freelance'): Promise<string> {
    const k = newPartnerKey(partner, scopes, undefined, new Date(t));
    await keys.add(k.record);
    return k.apiKey;
  }

  async function get(path: string, apiKey?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
    const url = `${world.url}${PARTNER_API_BASE}${path}`;
    const res = await fetch(url, { headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...headers } });
    const body = await openapi.answer('get', url, res);
    return { status: res.status, body, headers: res.headers };
  }

  it('serves its OpenAPI 3.1 document, valid, the one the tests check answers against', async () => {
    await openapi.validateDocument();
    const res = await fetch(`${world.url}${PARTNER_API_BASE}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(openapi.doc);
    expect(openapi.doc.openapi).toBe('3.1.0');
  });

  it('401 without a key, with one that is not a key, unknown or revoked; 403 outside its scope', async () => {
    const missionsOnly = await key(['missions:read']);
    const needsOnly = await key(['needs:read']);
    const revokedKey = newPartnerKey('freelance', ['needs:read'], undefined, new Date(t));
    await keys.add(revokedKey.record);
    await keys.revoke(revokedKey.record.id, new Date(t));
    const forged = needsOnly.replace(/.{4}$/, 'AAAA');
    for (const [apiKey, label] of [[undefined, 'none'], ['not-a-key', 'junk'], [forged, 'forged'], [revokedKey.apiKey, 'revoked']] as const) {
      const r = await get('/needs', apiKey);
      expect({ label, status: r.status, error: r.body.error }).toEqual({ label, status: 401, error: 'Unauthorized' });
      expect(r.headers.get('www-authenticate')).toBe('Bearer realm="partners"');
    }
    expect((await get('/needs', missionsOnly)).body).toEqual({ error: 'Forbidden', message: 'this key lacks the scope needs:read (ask the operator for a key with it)' });
    expect((await get('/missions', needsOnly)).status).toBe(403);
    expect((await get(`/needs/${ref(1)}`, missionsOnly)).status).toBe(403);
    expect(await get('/missions', missionsOnly)).toMatchObject({ status: 200, body: { data: [], nextCursor: null } });
  });

  it('serves only the needs shared with the caller\'s partner, with their contact details only with needs:contact', async () => {
    await journal.save(ref(101), 'conv-101', sharedRecord(ref(101), 'freelance'));
    await journal.save(ref(102), 'conv-102', sharedRecord(ref(102), 'freelance', false));
    await journal.save(ref(103), 'conv-103', makeRecord(ref(103)));
    await journal.save(ref(104), 'conv-104', sharedRecord(ref(104), 'other'));
    await journal.save(ref(105), 'conv-105', sharedRecord(ref(105), 'freelance'));
    await journal.erase(ref(105));
    const reader = await key(['needs:read']);
    const contactReader = await key(['needs:read', 'needs:contact']);
    const since = new Date(Date.UTC(2026, 2, 1, 10)).toISOString();
    const plain = await get(`/needs?since=${since}`, reader);
    const ours = plain.body.data.filter((n: { reference: string }) => Number(n.reference.slice(-5)) > 100);
    expect(ours.map((n: { reference: string }) => n.reference)).toEqual([ref(101)]);
    expect(ours[0]).toMatchObject({
      version: 1,
      programme: 'Mission freelance',
      sharedAt: '2026-03-01T10:05:00.000Z',
      need: { nature: 'Réalisation technique', providerBudgetEuros: 8000, domains: ['Communication et marketing'], callbackRequested: false },
      structure: { name: 'Les Jardins Partagés', postcode: '75011', causes: ['Transition écologique', 'Culture'] },
    });
    expect(ours[0]).not.toHaveProperty('contact');
    expect(JSON.stringify(plain.body)).not.toMatch(/camille@example\.org|Motifs|Transcript/);
    const withContact = await get(`/needs/${ref(101)}`, contactReader);
    expect(withContact.body.contact).toEqual({ name: 'Camille Martin', email: 'camille@example.org', phone: '+33 6 12 34 56 78' });
    for (const n of [102, 103, 104, 105]) expect((await get(`/needs/${ref(n)}`, contactReader)).body).toMatchObject({ error: 'NotFound' });
    expect((await get('/needs/not-a-reference', reader)).status).toBe(400);
  });

  it('pages with cursors that never repeat nor skip a need while needs are saved, saved again and added meanwhile', async () => {
    const reader = await key(['needs:read']);
    const start = new Date(t + 1).toISOString();
    for (let n = 201; n <= 207; n++) await journal.save(ref(n), `conv-${n}`, sharedRecord(ref(n), 'freelance'));
    const q = `since=${start}&limit=3`;
    const seen: string[] = [];
    let page = await get(`/needs?${q}`, reader);
    seen.push(...page.body.data.map((n: { reference: string }) => n.reference));
    // Meanwhile: a need already served and one still ahead are saved again, a new one arrives.
    await journal.save(ref(201), 'conv-201', sharedRecord(ref(201), 'freelance', true, { Description: 'v2' }));
    await journal.save(ref(205), 'conv-205', sharedRecord(ref(205), 'freelance', true, { Description: 'v2' }));
    await journal.save(ref(208), 'conv-208', sharedRecord(ref(208), 'freelance'));
    // …and more, concurrently with the client reading the following pages.
    const writer = (async () => {
      for (let n = 209; n <= 214; n++) await journal.save(ref(n), `conv-${n}`, sharedRecord(ref(n), 'freelance'));
    })();
    let pages = 1;
    while (page.body.nextCursor) {
      page = await get(`/needs?since=${start}&limit=3&cursor=${page.body.nextCursor}`, reader);
      seen.push(...page.body.data.map((n: { reference: string }) => n.reference));
      pages++;
      expect(page.body.data.length).toBeLessThanOrEqual(3);
    }
    await writer;
    expect(new Set(seen).size).toBe(seen.length);
    for (let n = 201; n <= 208; n++) expect(seen).toContain(ref(n));
    // In the order they were first recorded.
    expect(seen).toEqual([...seen].sort());
    expect(pages).toBeGreaterThanOrEqual(3);
    // The need saved again ahead of the cursor was served in its new version.
    const v2 = await get(`/needs/${ref(205)}`, reader);
    expect(v2.body).toMatchObject({ version: 2, need: { description: 'v2' } });

    // A cursor is bound to its query, and is not something to forge.
    const first = await get(`/needs?${q}`, reader);
    expect((await get(`/needs?limit=3&cursor=${first.body.nextCursor}`, reader)).body).toMatchObject({ error: 'BadRequest', message: expect.stringMatching(/another query/) });
    expect((await get(`/needs?${q}&cursor=bm90LWEtY3Vyc29y`, reader)).status).toBe(400);
    expect((await get('/needs?limit=0', reader)).status).toBe(400);
    expect((await get('/needs?since=yesterday', reader)).status).toBe(400);
    expect((await get('/needs?limit=2&limit=3', reader)).body.message).toBe('limit: given more than once');
    expect((await get('/needs?page=2', reader)).body.message).toBe('unknown parameter page');
  });

  it('since: only the needs saved at or after it', async () => {
    const reader = await key(['needs:read']);
    await journal.save(ref(301), 'conv-301', sharedRecord(ref(301), 'freelance'));
    const between = new Date(t + 500).toISOString();
    await journal.save(ref(302), 'conv-302', sharedRecord(ref(302), 'freelance'));
    const page = await get(`/needs?since=${between}`, reader);
    expect(page.body.data.map((n: { reference: string }) => n.reference)).toEqual([ref(302)]);
  });

  it('ETag: 304 while nothing changed (strong or weak, in a list), a new one once a need is saved again', async () => {
    const reader = await key(['needs:read']);
    await journal.save(ref(401), 'conv-401', sharedRecord(ref(401), 'freelance'));
    const since = new Date(t - 10).toISOString();
    const first = await get(`/needs?since=${since}`, reader);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get(`/needs?since=${since}`, reader, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(`/needs?since=${since}`, reader, { 'if-none-match': `"nope", W/${etag}` })).status).toBe(304);
    const one = await get(`/needs/${ref(401)}`, reader);
    expect((await get(`/needs/${ref(401)}`, reader, { 'if-none-match': one.headers.get('etag')! })).status).toBe(304);
    await journal.save(ref(401), 'conv-401', sharedRecord(ref(401), 'freelance', true, { Description: 'changed' }));
    const changed = await get(`/needs?since=${since}`, reader, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('serves the published missions, paged', async () => {
    const reader = await key(['missions:read']);
    missions.push(
      { needReference: ref(2), title: 'B', structure: 'Une association\nà Lyon', problem: 'p', expectedResult: 'r', skills: ['Numérique et outils'], format: 'Marathon', createdAt: '2026-03-02T00:00:00.000Z' },
      { needReference: ref(1), title: 'A', structure: 's', problem: 'p', expectedResult: 'r', skills: [], format: 'f', deadline: '2026-06-30', createdAt: '2026-03-01T00:00:00.000Z' },
    );
    const first = await get('/missions?limit=1', reader);
    expect(first.body.data.map((m: PublishedMission) => m.title)).toEqual(['A']);
    const second = await get(`/missions?limit=1&cursor=${first.body.nextCursor}`, reader);
    expect(second.body).toMatchObject({ data: [{ title: 'B' }], nextCursor: null });
  });

  it('never logs a key', async () => {
    const reader = await key(['needs:read']);
    await get('/needs', reader);
    await get('/needs', `${reader}x`);
    // `pk_<hex id>_<base64url>`: the secret is everything after the id (base64url may hold `_`, even first).
    const secret = reader.split('_').slice(2).join('_');
    expect(secret).toHaveLength(43);
    expect(logged.join('\n')).not.toContain(secret);
    // Only its digest is kept.
    const rows = db.prepare('SELECT * FROM partner_keys').all();
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  afterAll(() => {
    // Every answer above went through the document's check.
    expect(openapi.checked).toBeGreaterThan(30);
  });
});

describe('partner API rate', () => {
  it('429 past PARTNER_API_RATE_PER_MINUTE for that key only, with Retry-After, and served again once that wait is over', async () => {
    const openapi = new OpenApiCheck();
    // The server's clock, moved by the test only: the budget refills when the test says so.
    let now = Date.UTC(2026, 2, 1, 10);
    const world = new ServerWorld({ PARTNER_API_RATE_PER_MINUTE: '2' }, { clock: () => new Date(now) });
    await world.start();
    const db = openDatabase(world.dataDir);
    try {
      const keys = new SqlitePartnerKeys(db);
      const a = newPartnerKey('freelance', ['needs:read'], undefined, new Date(now));
      const b = newPartnerKey('freelance', ['needs:read'], undefined, new Date(now));
      await keys.add(a.record);
      await keys.add(b.record);
      const get = async (apiKey: string) => {
        const url = `${world.url}${PARTNER_API_BASE}/needs`;
        const res = await fetch(url, { headers: { authorization: `Bearer ${apiKey}` } });
        return { res, body: (await openapi.answer('get', url, res)) as { error?: string } };
      };
      expect((await get(a.apiKey)).res.status).toBe(200);
      expect((await get(a.apiKey)).res.status).toBe(200);
      const limited = await get(a.apiKey);
      expect(limited.res.status).toBe(429);
      expect(limited.res.headers.get('retry-after')).toBe('30');
      expect(limited.body.error).toBe('TooManyRequests');
      expect((await get(b.apiKey)).res.status).toBe(200);
      now += 29_000;
      expect((await get(a.apiKey)).res.status).toBe(429);
      now += 1_000;
      expect((await get(a.apiKey)).res.status).toBe(200);
      expect((await get(a.apiKey)).res.status).toBe(429);
    } finally {
      closeDatabase(db);
      await world.stop();
      await world.cleanup();
    }
  });
});
