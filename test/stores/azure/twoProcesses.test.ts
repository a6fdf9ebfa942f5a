import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { BlobNeedsJournal } from '../../../src/stores/azure/blobNeedsJournal';
import { Container } from '../../../src/stores/azure/container';
import { BotProcess, freePort } from '../../support/botProcess';
import { CaptureChannel, postActivity, readable } from '../../support/channelHarness';
import { asList, normalise, readScript } from '../../support/conversationScript';
import { plainSpaces, splitStored } from '../../support/storedExpectations';
import { useAzurite } from './azureWorld';

/**
 * Two real bot processes (the built server, dist/) share one Azure Storage account (Azurite on
 * loopback): a recorded conversation alternates between them turn by turn, one is killed with
 * SIGKILL mid-conversation, the other finishes it, and the need is in the Azure journal once.
 * Each process answers on its own channel (the activity's serviceUrl), so every reply is known
 * to come from the process the turn was sent to.
 */
const SCRIPT = path.join(__dirname, '..', '..', 'conversations', 'booster-ongoing-strategy.yaml');
const PREFIX = `two-proc-${process.pid}`;
const CONVERSATION = 'conv-two-processes';

describe('two bot processes on one Azure Storage', () => {
  const { azurite } = useAzurite();
  const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'bot-azure-')));
  const channels = [new CaptureChannel(), new CaptureChannel()];
  let bots: BotProcess[] = [];
  let activityCount = 0;

  /** One user message to one process; returns what that process replied (and checks the other said nothing). */
  const send = async (to: 0 | 1, text: string): Promise<string> => {
    const activity: Partial<Activity> = {
      type: 'message',
      // Unique across both processes: the bot ignores an activity id it has already seen in the conversation.
      id: `act-${++activityCount}`,
      text,
      channelId: 'emulator',
      serviceUrl: channels[to].url,
      locale: 'fr-FR',
      conversation: { id: CONVERSATION, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot', name: 'Bot' },
    };
    const status = await postActivity(bots[to].url, activity);
    if (status !== 200) throw new Error(`process ${to} answered ${status} to "${text}":\n${bots[to].output}`);
    expect(channels[1 - to].take()).toEqual([]);
    return channels[to].take().map(readable).join('\n');
  };

  beforeAll(async () => {
    await Promise.all(channels.map((c) => c.start()));
    bots = await Promise.all(dataDirs.map(async (dir) => new BotProcess(await freePort(), dir)));
    const env = { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, AZURE_STORAGE_CONTAINER_PREFIX: PREFIX };
    for (const bot of bots) bot.start(env);
    await Promise.all(bots.map((bot) => bot.waitFor('/readyz', 200, 180_000)));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    await Promise.all(channels.map((c) => c.stop()));
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('turns alternate between the processes, one is killed, the other finishes: one need, in Azure', async () => {
    for (const bot of bots) expect(bot.output).toContain('Azure Storage ready');
    const script = readScript(SCRIPT);
    // The bots run on today's date: the reference carries this year.
    const year = new Date().getUTCFullYear();
    const withYear = (s: string) => s.replace(/PBL-\d{4}-/g, `PBL-${year}-`);
    const turns = script.turns.filter((t): t is { user: string; bot?: string | string[]; not?: string | string[] } => 'user' in t);
    expect(turns).toHaveLength(script.turns.length);
    const killAt = 11; // the turn that process 1 would have answered next
    const answeredBy: number[] = [];

    for (const [i, turn] of turns.entries()) {
      if (i === killAt) await bots[1].crash();
      const to: 0 | 1 = i < killAt && i % 2 === 1 ? 1 : 0;
      const replies = normalise(await send(to, turn.user));
      answeredBy.push(to);
      const context = `turn ${i + 1} ("${turn.user}") on process ${to}; it said:\n${replies}`;
      for (const expected of asList(turn.bot).map(withYear)) {
        if (!replies.includes(normalise(expected))) throw new Error(`expected "${expected}" at ${context}`);
      }
      for (const unwanted of asList(turn.not)) {
        if (replies.includes(normalise(unwanted))) throw new Error(`did not expect "${unwanted}" at ${context}`);
      }
    }
    // Both processes carried the conversation before the kill; the survivor finished it.
    expect(answeredBy.slice(0, killAt)).toEqual(Array.from({ length: killAt }, (_, i) => i % 2));
    expect(answeredBy.slice(killAt).every((p) => p === 0)).toBe(true);

    // Exactly one need, with the right content, in the Azure journal.
    const journal = new BlobNeedsJournal(new Container(azurite.connectionString, `${PREFIX}-needs`));
    const entries = await journal.all();
    await journal.close();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ reference: `PBL-${year}-00001`, conversationId: CONVERSATION, version: 1, syncStatus: 'pending' });
    const need = entry.record as Record<'Besoins' | 'Structures', Record<string, unknown>>;
    const stored = JSON.parse(withYear(JSON.stringify(script.stored)));
    for (const table of ['Besoins', 'Structures'] as const) {
      const { plain, problems } = splitStored(need[table], stored[table] ?? {}, table);
      expect(problems).toEqual([]);
      expect(plainSpaces(need[table])).toMatchObject(plainSpaces(plain));
    }
    for (const table of ['Besoins', 'Structures'] as const) {
      for (const field of script.stored_absent?.[table] ?? []) expect(need[table]).not.toHaveProperty([field]);
    }
    expect(need.Besoins.Conversation).toBe(CONVERSATION);
    // Nothing was kept in the processes' own DATA_DIRs.
    for (const dir of dataDirs) expect(fs.readdirSync(dir)).toEqual([]);
  }, 240_000);
});
