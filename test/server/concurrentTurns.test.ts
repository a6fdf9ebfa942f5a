import type { Activity } from 'botbuilder';
import type { NeedRecord } from '../../src/needs/record';
import { Azurite } from '../support/azurite';
import { BotServer, CaptureChannel, postActivity, readable } from '../support/channelHarness';
import { CollidingReads } from '../support/collidingReads';
import { captureLogs } from '../support/logCapture';
import { upToEmployees, userMessage } from '../support/journeyStart';

/**
 * Two turns of one conversation at once, with bot state in Azure Blob Storage (Azurite). A proxy
 * in front of Azurite holds the first turn's read of the state until the second turn has read it
 * too: both turns work on the same version and one loses the race to save, every time. The loser
 * must run again on the winner's state (eTag retry): no answer is lost, and a retried activity
 * (same id) is still answered once.
 */
describe('concurrent turns in one conversation (eTag retry)', () => {
  const azurite = new Azurite();
  const proxy = new CollidingReads(() => azurite.port);
  const channel = new CaptureChannel();
  const logs = captureLogs();
  let bot: BotServer;
  beforeAll(async () => {
    await azurite.start();
    await proxy.start();
    await channel.start();
    bot = new BotServer({
      log: logs.log,
      env: { AZURE_STORAGE_CONNECTION_STRING: proxy.connectionString },
      clock: () => new Date('2026-11-23T10:00:00+01:00'),
    });
    await bot.start();
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
    await channel.stop();
    await proxy.stop();
    await azurite.stop();
  });

  const message = (conversationId: string, text: string, id?: string) => userMessage(channel, conversationId, text, id ? { id } : {});
  const startJourney = (conversationId: string) => upToEmployees(() => bot.url, channel, conversationId);
  const retries = (conversationId: string) =>
    logs.lines().filter((l) => l.msg === 'concurrent turn in the same conversation: running again' && l.conversationId === conversationId);

  /** Posts two activities at once, their reads of the state forced to meet; returns the replies. */
  async function collide(conversationId: string, a: Partial<Activity>, b: Partial<Activity>) {
    const met = proxy.arm(conversationId);
    const statuses = await Promise.all([postActivity(bot.url, a), postActivity(bot.url, b)]);
    await met;
    expect(statuses).toEqual([200, 200]);
    return channel.take().map(readable);
  }

  it('keeps both answers when two arrive at once, and the journey ends with one need holding both', async () => {
    const say = await startJourney('race-1');
    const replies = (await collide('race-1', message('race-1', '3'), message('race-1', '40'))).join('\n');
    // The collision happened: both reads before any write, one write refused, that turn read and wrote again.
    expect(proxy.log.get('race-1')).toEqual(['GET', 'GET', 'PUT', 'PUT', 'GET', 'PUT']);
    expect(retries('race-1')).toHaveLength(1);
    // One answer went to the employees, the other to the volunteers: the budget is asked next.
    expect(replies).toContain('bénévoles');
    expect(replies).toContain('budget');
    for (const [text, expected] of [
      ['passer', 'causes'],
      ['insertion', 'site'],
      ['passer', 'situation financière'],
      ['stable', 'Combien de personnes'],
      ['2', 'Décrivez'],
      ['Nous voulons mieux communiquer sur nos ateliers de jardinage.', 'je vous propose'],
      ['oui', 'déjà essayé'],
      ['rien', 'ponctuel'],
      ['ponctuel', 'échéance'],
      ["pas d'échéance", 'votre nom'],
      ['Camille Martin', 'e-mail'],
      ['camille@jardins-partages.fr', 'téléphone'],
      ['passer', 'Dernière question'],
      ['non', 'récapitulatif'],
      ['confirmer', 'PBL-2026-00001'],
    ]) await say(text, expected);
    const needs = (await bot.app.journal.byConversation('race-1')).map((e) => e.record as NeedRecord);
    expect(needs).toHaveLength(1);
    const { Salariés, Bénévoles } = needs[0].Structures as { Salariés: number; Bénévoles: number };
    // Which turn won depends on which write landed first; both answers are kept either way.
    expect([Salariés, Bénévoles].sort((x, y) => x - y)).toEqual([3, 40]);
  });

  it('answers a retried activity once even when both copies read the same state', async () => {
    const say = await startJourney('race-2');
    const copy = message('race-2', '4', 'same-id');
    const replies = await collide('race-2', copy, copy);
    // The second copy lost the race, read again, found its id already answered, and wrote nothing.
    expect(proxy.log.get('race-2')).toEqual(['GET', 'GET', 'PUT', 'PUT', 'GET']);
    expect(retries('race-2')).toHaveLength(1);
    expect(replies.filter((r) => r.includes('bénévoles'))).toHaveLength(1);
    // Recorded once: the next answer goes to the volunteers, not to the employees again.
    await say('12', 'budget');
  });
});
