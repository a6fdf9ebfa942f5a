import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { BotProcess, freePort } from '../support/botProcess';
import { CaptureChannel, postActivity, readable } from '../support/channelHarness';
import { useAzurite } from '../stores/azure/azureWorld';
import { type StudioClient, signInWith } from './support/studioWorld';

/**
 * Two real bot processes (the built server) on one Azure Storage (Azurite on loopback): staff
 * edit and publish in the studio of one; the other serves the new version to new conversations
 * within 10 s, and its studio lists the version.
 */
describe('studio with two instances on Azure Storage', () => {
  const { azurite } = useAzurite();
  const PREFIX = `studio-two-${process.pid}`;
  const NEW_WORDING = 'Pour commencer, parlons de votre structure. Quel est son nom ?';
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'studio-azure-')));
  const channel = new CaptureChannel();
  let bots: BotProcess[] = [];

  beforeAll(async () => {
    await channel.start();
    bots = await Promise.all(dataDirs.map(async (dir) => new BotProcess(await freePort(), dir)));
    for (const bot of bots) bot.start({ AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER_PREFIX: PREFIX });
    await Promise.all(bots.map((bot) => bot.waitFor('/readyz', 200, 180_000)));
  }, 240_000);
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await channel.stop();
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Signs in to one process with the link it printed on its standard output. */
  const signIn = (bot: BotProcess): Promise<StudioClient> => {
    const links = [...bot.output.matchAll(/^Studio sign-in link \(works once\): (\S+)$/gm)];
    if (!links.length) throw new Error(`no sign-in link printed:\n${bot.output}`);
    return signInWith(bot.url, links[links.length - 1][1]);
  };

  let conversations = 0;
  /** A new conversation on one process: what it asks after the consent. */
  const nameQuestion = async (bot: BotProcess): Promise<string> => {
    const id = `conv-${++conversations}`;
    const say = async (text: string) => {
      const activity: Partial<Activity> = {
        type: 'message',
        id: `${id}-${text}`,
        text,
        channelId: 'emulator',
        serviceUrl: channel.url,
        conversation: { id, isGroup: false, conversationType: 'personal', name: '' },
        from: { id: 'user-1', name: 'User' },
        recipient: { id: 'bot', name: 'Bot' },
      };
      const status = await postActivity(bot.url, activity);
      if (status !== 200) throw new Error(`answered ${status}:\n${bot.output}`);
      return channel.take().map(readable).join('\n');
    };
    await say('bonjour');
    return say('oui');
  };

  test('a publish on one instance is served by the other within 10 s', async () => {
    expect(await nameQuestion(bots[1])).toContain('Commençons par votre structure. Quel est son nom\u202f?');
    const staff = await signIn(bots[0]);
    const draft = (await staff.get('/studio/api/journey')).body.draft;
    expect(draft.basedOn).toBe(1);
    const edited = await staff.send('PATCH', '/studio/api/draft', {
      revision: draft.revision,
      ops: [{ op: 'set', file: 'dialogs/steps/02-structure.yaml', path: ['steps', 0, 'ask', 'fr'], value: NEW_WORDING }],
    });
    expect(edited.status).toBe(200);
    const published = await staff.send('POST', '/studio/api/publish', { revision: edited.body.revision, comment: 'Accueil plus chaleureux', confirm: [] });
    expect(published.body).toEqual({ version: 2 });
    const publishedAt = Date.now();
    // The publishing instance serves it at once.
    expect(await nameQuestion(bots[0])).toContain(NEW_WORDING);

    // The other one within its refresh delay: new conversations until one gets it.
    let served = '';
    while (!served.includes(NEW_WORDING)) {
      if (Date.now() - publishedAt > 10_000) throw new Error(`the second instance still asks:\n${served}`);
      served = await nameQuestion(bots[1]);
    }
    // Its studio sees the same versions, and a draft based on the new live one.
    const other = await signIn(bots[1]);
    const versions = (await other.get('/studio/api/versions')).body;
    expect(versions.map((v: { number: number; live: boolean; author: string }) => [v.number, v.live, v.author])).toEqual([
      [2, true, 'local'],
      [1, false, 'repository'],
    ]);
    expect((await other.get('/studio/api/journey')).body.draft).toMatchObject({ revision: 0, basedOn: 2 });
  }, 120_000);
});
