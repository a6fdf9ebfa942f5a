import { Azurite } from '../support/azurite';
import { BotServer, CaptureChannel, postActivity, readable } from '../support/channelHarness';
import { captureLogs } from '../support/logCapture';
import { upToEmployees, userMessage } from '../support/journeyStart';

/**
 * Two turns of one conversation at once, with bot state in Azure Blob Storage (Azurite): reads
 * and writes are real I/O, so both turns read the same state and one loses the race to save.
 * The loser must run again on the winner's state (eTag retry): no answer is lost, and a retried
 * activity (same id) is still answered once.
 */
describe('concurrent turns in one conversation (eTag retry)', () => {
  const azurite = new Azurite();
  const channel = new CaptureChannel();
  const logs = captureLogs();
  let bot: BotServer;
  beforeAll(async () => {
    await azurite.start();
    await channel.start();
    bot = new BotServer({ log: logs.log, env: { AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString } });
    await bot.start();
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await channel.stop();
    await azurite.stop();
  });

  const message = (conversationId: string, text: string, id?: string) => userMessage(channel, conversationId, text, id ? { id } : {});
  const startJourney = (conversationId: string) => upToEmployees(() => bot.url, channel, conversationId);
  const retries = () => logs.lines().filter((l) => l.msg === 'concurrent turn in the same conversation: running again').length;

  it('applies both answers when two arrive at once', async () => {
    const before = retries();
    const say = await startJourney('race-1');
    const statuses = await Promise.all([postActivity(bot.url, message('race-1', '3')), postActivity(bot.url, message('race-1', '40'))]);
    expect(statuses).toEqual([200, 200]);
    const replies = channel.take().map(readable).join('\n');
    expect(replies).toContain('bénévoles');
    expect(replies).toContain('budget');
    expect(retries()).toBeGreaterThan(before);
    // Two questions further: the budget question is the one now asked.
    await say('passer', 'causes');
  });

  it('answers a retried activity once even when both copies race', async () => {
    const say = await startJourney('race-2');
    const copy = message('race-2', '4', 'same-id');
    expect(await Promise.all([postActivity(bot.url, copy), postActivity(bot.url, copy)])).toEqual([200, 200]);
    expect(channel.take().map(readable).filter((r) => r.includes('bénévoles'))).toHaveLength(1);
    await say('12', 'budget');
  });
});
