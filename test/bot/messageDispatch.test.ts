import type { Activity } from 'botbuilder';
import { BotServer, CaptureChannel, postActivity, readable, servedDuringSuite } from '../support/channelHarness';
import { userMessage } from '../support/journeyStart';

/**
 * QualificationBot.run takes a message straight to the journey and leaves every other activity
 * to botbuilder's ActivityHandler (src/bot/qualificationBot.ts). Through the real server: a
 * message is answered once; a member added is welcomed; an invoke gets botbuilder's answer; every
 * other type is answered 200 and starts nothing.
 */
describe('how the bot dispatches activities', () => {
  const channel = new CaptureChannel();
  const bot = new BotServer({ print: () => undefined });
  const message = (conversationId: string, text: string, extra: Partial<Activity> = {}) => userMessage(channel, conversationId, text, extra);

  servedDuringSuite(channel, bot);
  beforeEach(() => channel.take());

  /** What a new conversation is told on its first "bonjour". */
  async function firstReply(conversationId: string): Promise<string[]> {
    expect(await postActivity(bot.url, message(conversationId, 'bonjour'))).toBe(200);
    return channel.take().map(readable);
  }

  it('answers a message once, with the journey, as a reply to it', async () => {
    const activity = message('dispatch-message', 'bonjour');
    expect(await postActivity(bot.url, activity)).toBe(200);
    const replies = channel.take();
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map(readable).join('\n')).toContain('Acceptez-vous');
    expect(replies.every((r) => r.replyToId === activity.id && r.conversation?.id === 'dispatch-message')).toBe(true);
    // The same activity again (a channel's retry): answered once.
    expect(await postActivity(bot.url, activity)).toBe(200);
    expect(channel.take()).toEqual([]);
  });

  it('welcomes a person added to a personal chat, through botbuilder\'s dispatch', async () => {
    const welcome = await firstReply('dispatch-reference');
    const added = message('dispatch-added', '', { type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'User' }] });
    delete added.text;
    expect(await postActivity(bot.url, added)).toBe(200);
    expect(channel.take().map(readable)).toEqual(welcome);
  });

  it('gives an invoke it does not handle botbuilder\'s answer, 501', async () => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...message('dispatch-invoke', ''), type: 'invoke', name: 'task/fetch', value: {} }),
    });
    expect(res.status).toBe(501);
    expect(channel.take()).toEqual([]);
  });

  it.each(['typing', 'messageReaction', 'messageUpdate', 'messageDelete', 'endOfConversation', 'installationUpdate', 'event', 'aNewTypeOfActivity'])(
    'answers a %s activity 200 and starts nothing',
    async (type) => {
      const conversationId = `dispatch-${type}`;
      const activity = message(conversationId, 'bonjour', { type, ...(type === 'messageReaction' ? { reactionsAdded: [{ type: 'like' }] } : {}) });
      expect(await postActivity(bot.url, activity)).toBe(200);
      expect(channel.take()).toEqual([]);
      // Its "bonjour" was not read as a message: the conversation's first message is still a first.
      expect(await firstReply(conversationId)).toEqual(await firstReply(`${conversationId}-fresh`));
    },
  );
});
