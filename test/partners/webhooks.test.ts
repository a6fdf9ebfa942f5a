import { newPartnerKey, type Scope } from '../../src/partners/keys';
import { WEBHOOK_POLICY, webhookWorker } from '../../src/partners/webhookDelivery';
import { PartnerWebhooks, WEBHOOK_KIND, webhookId } from '../../src/partners/webhooks';
import { ClaimingOutbox } from '../../src/stores/claimingOutbox';
import type { LeasedClaims } from '../../src/stores/leasedClaims';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { SqlitePartnerKeys } from '../../src/stores/sqlite/sqlitePartnerKeys';
import { SqliteTaskRecords } from '../../src/stores/sqlite/sqliteTaskRecords';
import { captureLogger } from '../airtable/helpers';
import { makeTempDir } from '../stores/tempDir';
import { runBuiltScript } from '../support/builtScript';
import { sharedRecord } from './records';
import { OpenApiCheck } from './openApiCheck';
import { PartnerEndpoint } from './partnerEndpoint';

const REF = 'PBL-2026-00042';

/** Partners' webhooks from a real SQLite outbox to a partner endpoint on loopback that verifies every signature. */
describe('partner webhooks', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;
  let claims: LeasedClaims;
  let endpoint: PartnerEndpoint;
  let now: number;
  const log = captureLogger();
  const openapi = new OpenApiCheck();

  let outbox: ClaimingOutbox;
  let journal: SqliteNeedsJournal;
  let keys: SqlitePartnerKeys;
  let webhooks: PartnerWebhooks;

  beforeEach(async () => {
    temp = makeTempDir();
    db = openDatabase(temp.dir);
    now = Date.UTC(2026, 2, 1, 10);
    claims = sqliteClaims(db, { now: () => now, leaseMs: 365 * 86_400_000 });
    outbox = new ClaimingOutbox(new SqliteTaskRecords(db), claims, () => now);
    journal = new SqliteNeedsJournal(db, () => new Date(now));
    keys = new SqlitePartnerKeys(db);
    webhooks = new PartnerWebhooks({ outbox, keys, journal, delayMs: 0, now: () => now });
    endpoint = new PartnerEndpoint();
    await endpoint.start();
  });
  afterEach(async () => {
    // Whatever reached the partner is what the OpenAPI document promises.
    for (const r of endpoint.received) openapi.webhook(r.body.type, r.body);
    await endpoint.stop();
    await claims.close();
    closeDatabase(db);
    temp.cleanup();
  });

  /** A key whose webhooks go to `/hooks/<name>` of the endpoint (none without a name). */
  async function key(partner: string, scopes: Scope[], hook?: string) {
    const k = newPartnerKey(partner, scopes, hook ? `${endpoint.url}/hooks/${hook}` : undefined, new Date(now));
    await keys.add(k.record);
    if (hook) endpoint.secrets.set(`/hooks/${hook}`, k.webhookSecret!);
    return k;
  }
  // Signed with the real clock (receivers check the timestamp); retried on the test's clock. The
  // timeout only ends the endpoint's deliberate hang: ample for a loopback answer on a busy machine.
  const worker = () => webhookWorker({ outbox, keys, journal, logger: log.logger, clock: () => now, random: () => 0.5, timeoutMs: 3_000 });

  /** The bot process stops and starts again on the same data (its claims released as a stop does). */
  async function restartBot(): Promise<void> {
    await claims.close();
    closeDatabase(db);
    db = openDatabase(temp.dir);
    claims = sqliteClaims(db, { now: () => now, leaseMs: 365 * 86_400_000 });
    outbox = new ClaimingOutbox(new SqliteTaskRecords(db), claims, () => now);
    journal = new SqliteNeedsJournal(db, () => new Date(now));
    keys = new SqlitePartnerKeys(db);
    webhooks = new PartnerWebhooks({ outbox, keys, journal, delayMs: 0, now: () => now });
  }

  it('need.recorded, signed as Standard Webhooks says: 500s and a timeout, then each key\'s delivery arrives once, with one id for every attempt', async () => {
    await key('freelance', ['needs:read', 'needs:contact'], 'full');
    await key('freelance', ['needs:read'], 'plain');
    await key('freelance', ['needs:read']); // no webhook URL
    await key('freelance', ['missions:read'], 'missions-only');
    await key('other', ['needs:read'], 'other-partner');
    const revoked = await key('freelance', ['needs:read'], 'revoked');
    const entry = await journal.save(REF, 'conv-42', sharedRecord(REF, 'freelance'));
    await keys.revoke(revoked.record.id, new Date(now));
    expect(await webhooks.needSaved(entry)).toBe(2);
    // The same save told twice queues nothing more.
    expect(await webhooks.needSaved(entry)).toBe(0);

    endpoint.script = ['fail', 'fail', 'hang'];
    const w = worker();
    expect(await w.runDue()).toMatchObject({ failed: 2 });
    now += 3_600_000;
    expect(await w.runDue()).toMatchObject({ failed: 1, done: 1 });
    now += 3_600_000;
    expect(await w.runDue()).toMatchObject({ done: 1 });
    now += 86_400_000;
    expect(await w.runDue()).toMatchObject({ done: 0, failed: 0 });

    expect(endpoint.unverified).toEqual([]);
    // Whichever key came second in the second pass met the hang: it took one more attempt.
    const tries = (p: string) => endpoint.received.filter((r) => r.path === p).map((r) => r.answered);
    expect([tries('/hooks/full'), tries('/hooks/plain')].sort((a, b) => a.length - b.length)).toEqual([
      ['fail', 'ok'],
      ['fail', 'hang', 'ok'],
    ]);
    expect(endpoint.received.every((r) => r.path === '/hooks/full' || r.path === '/hooks/plain')).toBe(true);
    expect(endpoint.delivered().map((r) => r.path).sort()).toEqual(['/hooks/full', '/hooks/plain']);
    // One event, one id: every attempt, every key of the partner.
    const id = webhookId('freelance', REF, '1', 'need.recorded');
    expect(new Set(endpoint.received.map((r) => r.id))).toEqual(new Set([id]));
    const [full] = endpoint.delivered('/hooks/full');
    expect(full.body).toMatchObject({ type: 'need.recorded', data: { reference: REF, version: 1, programme: 'Mission freelance', contact: { email: 'camille@example.org' } } });
    expect(endpoint.delivered('/hooks/plain')[0].body.data).not.toHaveProperty('contact');
    const tasks = await outbox.list({ kind: WEBHOOK_KIND });
    expect(tasks.map((t) => [t.status, t.subject])).toEqual([
      ['done', 'conv-42'],
      ['done', 'conv-42'],
    ]);
    expect(tasks.map((t) => t.attempts).sort()).toEqual([1, 2]);

    // A new version is a new event.
    const v2 = await journal.save(REF, 'conv-42', sharedRecord(REF, 'freelance', true, { Description: 'v2' }));
    expect(await webhooks.needSaved(v2)).toBe(2);
    expect(await w.runDue()).toMatchObject({ done: 2 });
    expect(new Set(endpoint.delivered().slice(2).map((r) => r.id))).toEqual(new Set([webhookId('freelance', REF, '2', 'need.recorded')]));
  });

  it('the bot stopped mid-attempt, restarted during an outage of the partner: delivered once, every attempt with the same id', async () => {
    await key('freelance', ['needs:read'], 'k');
    const entry = await journal.save(REF, 'conv-42', sharedRecord(REF, 'freelance'));
    expect(await webhooks.needSaved(entry)).toBe(1);
    // The partner takes the request and never answers; the bot stops meanwhile.
    endpoint.script = ['hang'];
    const stopping = worker();
    const pass = stopping.runDue();
    await endpoint.waitForReceived(1);
    await stopping.stop();
    expect(await pass).toMatchObject({ done: 0, failed: 0, aborted: true });

    await restartBot();
    // The restarted bot is told of the same save again (e.g. a turn replayed): nothing more queued.
    expect(await webhooks.needSaved((await journal.get(REF))!)).toBe(0);
    await endpoint.stop(); // the partner is down: nothing listens
    expect(await worker().runDue()).toMatchObject({ failed: 1 });
    const [waiting] = await outbox.list({ kind: WEBHOOK_KIND });
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^could not reach the partner/) });

    await endpoint.start();
    expect(await worker().runDue()).toMatchObject({ done: 0, failed: 0 }); // not due before its back-off
    now = waiting.nextAttemptAt;
    expect(await worker().runDue()).toMatchObject({ done: 1 });
    now += 7 * 86_400_000;
    expect(await worker().runDue()).toMatchObject({ done: 0, failed: 0 });

    expect(endpoint.unverified).toEqual([]);
    const id = webhookId('freelance', REF, '1', 'need.recorded');
    expect(endpoint.received.map((r) => [r.id, r.answered, r.body.type, r.body.data.reference])).toEqual([
      [id, 'hang', 'need.recorded', REF],
      [id, 'ok', 'need.recorded', REF],
    ]);
    expect((await outbox.list({ kind: WEBHOOK_KIND })).map((t) => [t.status, t.attempts])).toEqual([['done', 1]]);
  });

  it('nothing for a need without consent, routed elsewhere, or erased (or its key revoked) before its webhook left', async () => {
    const k = await key('freelance', ['needs:read'], 'k');
    const refused = await journal.save('PBL-2026-00001', 'c1', sharedRecord('PBL-2026-00001', 'freelance', false));
    const other = await journal.save('PBL-2026-00002', 'c2', sharedRecord('PBL-2026-00002', 'other'));
    expect(await webhooks.needSaved(refused)).toBe(0);
    expect(await webhooks.needSaved(other)).toBe(0);
    const erased = await journal.save('PBL-2026-00003', 'c3', sharedRecord('PBL-2026-00003', 'freelance'));
    expect(await webhooks.needSaved(erased)).toBe(1);
    await journal.erase('PBL-2026-00003');
    expect(await worker().runDue()).toMatchObject({ done: 1 });
    expect(endpoint.received).toEqual([]);
    expect((await outbox.list({ kind: WEBHOOK_KIND }))[0].result).toEqual({ dropped: 'the need is no longer in the journal' });
    const later = await journal.save('PBL-2026-00004', 'c4', sharedRecord('PBL-2026-00004', 'freelance'));
    expect(await webhooks.needSaved(later)).toBe(1);
    await keys.revoke(k.record.id, new Date(now));
    expect(await worker().runDue()).toMatchObject({ done: 1 });
    expect(endpoint.received).toEqual([]);
    expect((await outbox.list({ kind: WEBHOOK_KIND, subject: 'c4' }))[0].result).toEqual({ dropped: 'the key was revoked or has no webhook any more' });
  });

  it('need.status_changed once per status staff set (never for Nouveau), with its own id', async () => {
    await key('freelance', ['needs:read'], 'k');
    await journal.save(REF, 'conv-42', sharedRecord(REF, 'freelance'));
    await journal.save('PBL-2026-00009', 'conv-9', sharedRecord('PBL-2026-00009', 'freelance', false));
    expect(await webhooks.statusSeen(REF, 'Nouveau')).toBe(0);
    expect(await webhooks.statusSeen(REF, 'En revue')).toBe(1);
    expect(await webhooks.statusSeen(REF, 'En revue')).toBe(0);
    expect(await webhooks.statusSeen(REF, 'Accepté')).toBe(1);
    // Back to a value already told: not told again (as for the association, see the OpenAPI document).
    expect(await webhooks.statusSeen(REF, 'En revue')).toBe(0);
    expect(await webhooks.statusSeen('PBL-2026-00009', 'Accepté')).toBe(0);
    expect(await webhooks.statusSeen('PBL-2026-99999', 'Accepté')).toBe(0);
    expect(await worker().runDue()).toMatchObject({ done: 2 });
    expect(endpoint.delivered().map((r) => [r.id, r.body.type, r.body.data])).toEqual([
      [webhookId('freelance', REF, 'status:En revue', 'need.status_changed'), 'need.status_changed', { reference: REF, status: 'En revue' }],
      [webhookId('freelance', REF, 'status:Accepté', 'need.status_changed'), 'need.status_changed', { reference: REF, status: 'Accepté' }],
    ]);
  });

  it('retried with back-off for more than a day, then given up and shown by needs:status', async () => {
    // The shortest the policy can wait in all (the back-off's jitter at its lowest).
    const shortest = webhookWorker({ outbox, keys, journal, logger: log.logger, clock: () => 0, random: () => 0 });
    let waited = 0;
    for (let attempt = 1; attempt < WEBHOOK_POLICY.maxAttempts; attempt++) waited += shortest.retryAt(attempt);
    expect(waited).toBeGreaterThan(24 * 3_600_000);

    await key('freelance', ['needs:read'], 'down');
    await webhooks.needSaved(await journal.save(REF, 'conv-42', sharedRecord(REF, 'freelance')));
    endpoint.script = Array(WEBHOOK_POLICY.maxAttempts).fill('fail');
    const w = worker();
    const first = now;
    for (let attempt = 1; attempt < WEBHOOK_POLICY.maxAttempts; attempt++) {
      expect(await w.runDue()).toMatchObject({ failed: 1 });
      now = (await outbox.list({ kind: WEBHOOK_KIND }))[0].nextAttemptAt;
    }
    expect(now - first).toBeGreaterThan(24 * 3_600_000);
    expect(await w.runDue()).toMatchObject({ gaveUp: 1 });
    expect(endpoint.received).toHaveLength(WEBHOOK_POLICY.maxAttempts);
    expect(new Set(endpoint.received.map((r) => r.id)).size).toBe(1);

    closeDatabase(db);
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: temp.dir, LOG_LEVEL: 'warn' };
    const { code, stdout } = await runBuiltScript('needs-status', [], env, temp.dir);
    expect(code).toBe(0);
    expect(stdout).toContain('Partner webhooks (retried for more than a day, then given up): waiting 0, done 0, given up 1.');
    expect(stdout).toContain(`need.recorded of ${REF} to partner freelance`);
    expect(stdout).toContain('Last error: the partner answered 500');
    db = openDatabase(temp.dir);
  });
});
