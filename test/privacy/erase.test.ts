import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eraseFromAirtable } from '../../src/airtable/erase';
import { createAirtableRequest } from '../../src/airtable/http';
import { say } from '../../src/engine/texts';
import { plainText } from '../../src/engine/userText';
import { PROJECT_ROOT } from '../../src/paths';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { FakeAirtable } from '../airtable/fakeAirtable';
import { BASE, seedBase, TOKEN } from '../airtable/helpers';
import { type AirtableServer, startAirtableServer } from '../airtable/serverWorld';
import { type BotServer, type CaptureChannel, sharedFlow } from '../support/channelHarness';
import { talk } from '../support/talk';
import { makeTempDir } from '../stores/tempDir';

const run = promisify(execFile);

/** Plays the shortest journey that records a need: a call-back request mid-journey. */
async function recordCallback(say: ReturnType<typeof talk>, rna: string): Promise<string> {
  await say('bonjour', 'Acceptez-vous');
  await say('oui', 'Quel est son nom');
  await say('Entraide Scolaire Roubaix', 'forme juridique');
  await say('association', 'RNA');
  await say(rna, 'code postal');
  await say('59100 Roubaix', 'année');
  await say('2007', 'salariés');
  await say("parler à quelqu'un", 'Quel est votre nom');
  await say('Fatima Zahra Bennani', 'téléphone');
  const replies = await say('06 11 22 33 44', 'référence');
  return /PBL-\d{4}-\d{5}/.exec(replies)![0];
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the user is told when the copy in the staff base is on its way out: the text of dialogs/texts.yaml, reference in place. */
function teamCopyText(reference: string): string {
  return plainText(say(sharedFlow(), 'erase_incomplete', 'fr', { references: reference, count: 1 }));
}

const scriptEnv = (dataDir: string, url?: string) => ({
  PATH: process.env.PATH ?? '',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...(url ? { AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: url } : {}),
});
const script = (name: string) => path.join(PROJECT_ROOT, 'dist', 'scripts', `${name}.js`);

describe('right to erasure: "supprimer mes données"', () => {
  let server: AirtableServer;
  let fake: FakeAirtable;
  let url: string;
  let channel: CaptureChannel;
  let bot: BotServer;
  beforeAll(async () => {
    server = await startAirtableServer();
    ({ fake, url, channel, bot } = server);
  });
  afterAll(() => server.stop());
  const needsIn = (reference: string) => fake.records('Besoins').filter((r) => r.fields['Référence'] === reference);
  const structureOf = (rna: string) => fake.records('Structures').filter((s) => s.fields.RNA === rna);

  it('erases everything here at once, says the copy in the staff base goes shortly, and the server deletes it in the background', async () => {
    const say = talk(() => bot.url, channel, 'conv-erase', 'webchat');
    const reference = await recordCallback(say, 'W593001231');
    await until(() => needsIn(reference).length === 1, 'the need in Airtable');
    expect(structureOf('W593001231')[0].fields).toMatchObject({ Contact: 'Fatima Zahra Bennani' });

    await say('je voudrais supprimer mes données', 'Voulez-vous vraiment supprimer');
    await say('oui', teamCopyText(reference));
    expect(await bot.app.journal.byConversation('conv-erase')).toEqual([]);
    expect(await bot.app.journal.get(reference)).toBeUndefined();

    await until(() => needsIn(reference).length === 0 && structureOf('W593001231').length === 0, 'the erasure in Airtable');
    // Nothing of the journey is left: the conversation starts again from the consent question.
    await say('bonjour', 'Acceptez-vous');
    const deletes = fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes.some((p) => p.startsWith(`/v0/${BASE}/Besoins/rec`))).toBe(true);
  });

  it("changing one's mind keeps everything", async () => {
    const say = talk(() => bot.url, channel, 'conv-keep', 'webchat');
    const reference = await recordCallback(say, 'W593001232');
    await say('supprimer mes données', 'Voulez-vous vraiment supprimer');
    await say('non', 'on continue');
    expect((await bot.app.journal.get(reference))?.conversationId).toBe('conv-keep');
  });

  it('with Airtable down: answered at once with the local data gone, shown by needs:status, deleted in Airtable once it is back', async () => {
    const say = talk(() => bot.url, channel, 'conv-outage', 'webchat');
    const reference = await recordCallback(say, 'W593001233');
    await until(() => needsIn(reference).length === 1, 'the need in Airtable');

    let down = true;
    fake.fault = () => (down ? { status: 503, body: { error: { type: 'SERVICE_UNAVAILABLE' } } } : undefined);
    await say('effacer mes données', 'Voulez-vous vraiment supprimer');
    const ok = fake.requests.length;
    await say('oui', teamCopyText(reference));
    // Answered with Airtable failing every request: nothing was deleted there yet, everything here is gone.
    expect(fake.requests.slice(ok).filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(needsIn(reference)).toHaveLength(1);
    expect(await bot.app.journal.get(reference)).toBeUndefined();

    await until(() => fake.requests.length > ok, 'a first try of the erasure');
    const { stdout } = await run(process.execPath, [script('needs-status')], { env: scriptEnv(bot.dataDir, url) });
    expect(stdout).toMatch(/Erasures in Airtable: waiting 1, done \d+, given up 0\./);
    expect(stdout).toContain(`- needs ${reference} (queued `);
    expect(stdout).toContain(`\`npm run needs:erase -- ${reference}\` runs it now`);

    down = false;
    await until(() => needsIn(reference).length === 0 && structureOf('W593001233').length === 0, 'the erasure in Airtable after the outage', 60_000);
  }, 120_000);

  it('needs:erase says so when the reference is unknown, and shows its usage without one', async () => {
    const env = scriptEnv(bot.dataDir);
    await expect(run(process.execPath, [script('needs-erase'), 'PBL-2026-99999'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No need PBL-2026-99999 found') });
    await expect(run(process.execPath, [script('needs-erase')], { env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run needs:erase') });
  });
});

describe('npm run needs:erase, for staff', () => {
  it('finishes an erasure still waiting for Airtable, and erases a conversation from one of its references', async () => {
    const server = await startAirtableServer();
    const { fake, url, channel, bot } = server;
    const needsIn = (reference: string) => fake.records('Besoins').filter((r) => r.fields['Référence'] === reference);
    try {
      const say = talk(() => bot.url, channel, 'conv-queued', 'webchat');
      const first = await recordCallback(say, 'W593001234');
      const second = await recordCallback(talk(() => bot.url, channel, 'conv-staff', 'webchat'), 'W593001235');
      await until(() => needsIn(first).length === 1 && needsIn(second).length === 1, 'both needs in Airtable');

      fake.fault = () => ({ status: 503 });
      await say('supprimer mes données', 'Voulez-vous vraiment supprimer');
      await say('oui', teamCopyText(first));
      expect(await bot.app.journal.get(first)).toBeUndefined();
      // The server is stopped (its worker with it) before Airtable comes back: staff finish the job.
      await server.stopBot();
      fake.fault = undefined;

      const queued = await run(process.execPath, [script('needs-erase'), first], { env: scriptEnv(bot.dataDir, url) });
      expect(queued.stdout).toContain(`${first} was erased here already; its erasure in Airtable is still waiting: running it now.`);
      expect(queued.stdout).toContain('Airtable: 1 need(s) deleted, 1 structure(s) deleted');
      expect(needsIn(first)).toEqual([]);

      const staff = await run(process.execPath, [script('needs-erase'), second], { env: scriptEnv(bot.dataDir, url) });
      expect(staff.stdout).toContain(`Erased the conversation of ${second} here`);
      expect(staff.stdout).toContain('Airtable: 1 need(s) deleted, 1 structure(s) deleted');
      expect(needsIn(second)).toEqual([]);

      const status = await run(process.execPath, [script('needs-status')], { env: scriptEnv(bot.dataDir, url) });
      expect(status.stdout).toContain('Erasures in Airtable: waiting 0, done 2, given up 0.');
    } finally {
      await server.stop();
    }
  }, 120_000);
});

describe('eraseFromAirtable keeps a structure other needs use', () => {
  it('deletes the conversation\'s needs, clears the structure\'s contact fields, and keeps the other need', async () => {
    const fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
    seedBase(fake);
    const url = await fake.start();
    try {
      const [structure] = fake.seedRecords('Structures', [{ Nom: 'Asso "du coin"', Contact: 'Sam Martin', Email: 'sam@example.org', Téléphone: '0612345678', Ville: 'Lyon' }]);
      fake.seedRecords('Besoins', [
        { Référence: 'PBL-2026-00001', Conversation: 'conv "a"\\', Structure: [structure.id] },
        { Référence: 'PBL-2026-00002', Conversation: 'conv-b', Structure: [structure.id] },
      ]);
      const request = createAirtableRequest({ token: TOKEN, endpointUrl: url, maxAttempts: 1 });
      const out = await eraseFromAirtable(request, BASE, { conversationId: 'conv "a"\\', references: [] });
      expect(out).toEqual({ needs: ['PBL-2026-00001'], structuresDeleted: 0, structuresCleared: 1 });
      expect(fake.records('Besoins').map((r) => r.fields['Référence'])).toEqual(['PBL-2026-00002']);
      const kept = fake.records('Structures')[0].fields;
      expect(kept).toMatchObject({ Nom: 'Asso "du coin"', Ville: 'Lyon' });
      for (const f of ['Contact', 'Email', 'Téléphone']) expect(kept[f] ?? null).toBeNull();
    } finally {
      await fake.close();
    }
  });
});

describe('npm run data:purge', () => {
  it('removes conversations not touched for the given age and keeps the others', async () => {
    const tmp = makeTempDir();
    try {
      const dataDir = path.join(tmp.dir, 'data');
      const db = openDatabase(dataDir);
      const long = new Date(Date.now() - 120 * 86_400_000);
      await new SqliteStorage(db, () => long).write({ 'webchat/conversations/old/': { journey: { phase: 'asking' } } });
      await new SqliteStorage(db).write({ 'webchat/conversations/new/': { journey: { phase: 'asking' } } });
      closeDatabase(db);
      const script = path.join(PROJECT_ROOT, 'dist', 'scripts', 'data-purge.js');
      const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
      const { stdout } = await run(process.execPath, [script, '--older-than', '90d'], { env });
      expect(stdout).toContain('Purged 1 conversation(s)');
      const check = openDatabase(dataDir);
      const left = await new SqliteStorage(check).read(['webchat/conversations/old/', 'webchat/conversations/new/']);
      closeDatabase(check);
      expect(Object.keys(left)).toEqual(['webchat/conversations/new/']);
      await expect(run(process.execPath, [script, '--older-than', 'soon'], { env })).rejects.toMatchObject({ code: 2 });
    } finally {
      tmp.cleanup();
    }
  });
});
