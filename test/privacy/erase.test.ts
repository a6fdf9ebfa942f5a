import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { eraseFromAirtable } from '../../src/airtable/erase';
import { createAirtableRequest } from '../../src/airtable/http';
import { PROJECT_ROOT } from '../../src/paths';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteStorage } from '../../src/stores/sqlite/sqliteStorage';
import { FakeAirtable } from '../airtable/fakeAirtable';
import { BASE, seedBase, TOKEN } from '../airtable/helpers';
import { BotServer, CaptureChannel } from '../support/channelHarness';
import { talk } from '../support/talk';
import { makeTempDir } from '../stores/tempDir';

const run = promisify(execFile);

/** Plays the shortest journey that records a need: a call-back request mid-journey. */
async function recordCallback(say: ReturnType<typeof talk>, rna: string): Promise<string> {
  await say('bonjour', 'Acceptez-vous');
  await say('oui', 'nom');
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

describe('right to erasure: "supprimer mes données" and npm run needs:erase', () => {
  let fake: FakeAirtable;
  let url: string;
  const channel = new CaptureChannel();
  let bot: BotServer;
  beforeAll(async () => {
    fake = new FakeAirtable({ token: TOKEN, baseId: BASE });
    seedBase(fake);
    url = await fake.start();
    await channel.start();
    bot = new BotServer({ env: { AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: url } });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
    await fake.close();
  });
  const needsIn = (reference: string) => fake.records('Besoins').filter((r) => r.fields['Référence'] === reference);

  it('erases the need in Airtable, the journal, the state and the conversation reference, after a confirmation', async () => {
    const say = talk(() => bot.url, channel, 'conv-erase', 'webchat');
    const reference = await recordCallback(say, 'W593001231');
    await until(() => needsIn(reference).length === 1, 'the need in Airtable');
    expect(fake.records('Structures').some((s) => s.fields.Contact === 'Fatima Zahra Bennani')).toBe(true);

    await say('je voudrais supprimer mes données', 'Voulez-vous vraiment supprimer');
    await say('oui', "C'est fait : toutes les données de cette conversation sont supprimées");

    expect(needsIn(reference)).toEqual([]);
    expect(fake.records('Structures').some((s) => JSON.stringify(s.fields).includes('Bennani'))).toBe(false);
    expect(await bot.app.journal.byConversation('conv-erase')).toEqual([]);
    // Nothing of the journey is left: the conversation starts again from the consent question.
    await say('bonjour', 'Acceptez-vous');
    const deletes = fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    expect(deletes.some((p) => p.startsWith(`/v0/${BASE}/Besoins/rec`))).toBe(true);
  });

  it('changing one\'s mind keeps everything', async () => {
    const say = talk(() => bot.url, channel, 'conv-keep', 'webchat');
    const reference = await recordCallback(say, 'W593001232');
    await say('supprimer mes données', 'Voulez-vous vraiment supprimer');
    await say('non', 'on continue');
    expect((await bot.app.journal.get(reference))?.conversationId).toBe('conv-keep');
  });

  it('with Airtable down: local data is erased, the user is told what is left, and staff finish with needs:erase', async () => {
    const say = talk(() => bot.url, channel, 'conv-outage', 'webchat');
    const reference = await recordCallback(say, 'W593001233');
    await until(() => needsIn(reference).length === 1, 'the need in Airtable');

    fake.fault = () => ({ status: 422, body: { error: { type: 'INVALID_REQUEST', message: 'refused for the test' } } });
    await say('effacer mes données', 'Voulez-vous vraiment supprimer');
    await say('oui', `pour y effacer votre demande ${reference}`);
    fake.fault = undefined;
    expect(await bot.app.journal.get(reference)).toBeUndefined();
    expect(needsIn(reference)).toHaveLength(1);

    const { stdout } = await run(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'scripts', 'needs-erase.js'), reference], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: bot.dataDir, AIRTABLE_TOKEN: TOKEN, AIRTABLE_BASE_ID: BASE, AIRTABLE_ENDPOINT_URL: url, LOG_LEVEL: 'warn' },
    });
    expect(stdout).toContain(`Erased the conversation of ${reference}`);
    expect(stdout).toContain('Airtable: 1 need(s) deleted, 1 structure(s) deleted');
    expect(needsIn(reference)).toEqual([]);
  });

  it('needs:erase says so when the reference is unknown, and shows its usage without one', async () => {
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: bot.dataDir, LOG_LEVEL: 'warn' };
    const script = path.join(PROJECT_ROOT, 'dist', 'scripts', 'needs-erase.js');
    await expect(run(process.execPath, [script, 'PBL-2026-99999'], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('No need PBL-2026-99999 found') });
    await expect(run(process.execPath, [script], { env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: npm run needs:erase') });
  });
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
