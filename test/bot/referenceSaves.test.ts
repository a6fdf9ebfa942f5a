import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteConversationReferences } from '../../src/stores/sqlite/sqliteConversationReferences';
import { BotServer, CaptureChannel, postActivity } from '../support/channelHarness';
import { userMessage } from '../support/journeyStart';

/**
 * The conversation reference (where the bot can write to the conversation later) is written when
 * it is new or changed, not on every turn: the bot keeps a digest of the last one saved in the
 * conversation state. Seen here by removing the stored row behind the bot's back: a turn with the
 * same reference does not write it again, a turn from another service URL does.
 */
describe('conversation reference saves', () => {
  const channel = new CaptureChannel();
  const other = new CaptureChannel();
  let bot: BotServer;
  let db: Database;
  beforeAll(async () => {
    await channel.start();
    await other.start();
    bot = new BotServer();
    await bot.start();
    db = openDatabase(bot.dataDir);
  }, 60_000);
  afterAll(async () => {
    closeDatabase(db);
    await bot?.stop();
    await channel.stop();
    await other.stop();
  });

  it('writes the reference on the first turn and when it changes, not on turns that repeat it', async () => {
    const references = new SqliteConversationReferences(db);
    const send = async (text: string, via: CaptureChannel) => {
      expect(await postActivity(bot.url, userMessage(via, 'ref-1', text))).toBe(200);
    };
    await send('bonjour', channel);
    expect((await references.get('ref-1'))?.serviceUrl).toBe(channel.url);

    await references.erase('ref-1');
    await send('oui', channel);
    expect(await references.get('ref-1')).toBeUndefined();

    await send('Les Jardins Partagés', other);
    expect((await references.get('ref-1'))?.serviceUrl).toBe(other.url);
  });
});
