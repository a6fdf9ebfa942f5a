import type { Activity } from 'botbuilder';
import { BotServer, CaptureChannel, postActivity, readable, servedDuringSuite } from '../support/channelHarness';
import { captureLogs } from '../support/logCapture';
import { upToEmployees, userMessage } from '../support/journeyStart';

/**
 * Input the bot must survive without a 500, a crash or a lost answer, through the real server,
 * adapter and SQLite store. Replies arrive at a local channel (CaptureChannel).
 */
describe('hardening of POST /api/messages', () => {
  const channel = new CaptureChannel();
  const logs = captureLogs();
  const bot = new BotServer({ log: logs.log });
  const message = (conversationId: string, text: string, extra: Partial<Activity> = {}) => userMessage(channel, conversationId, text, extra);
  const raw = (body: string, contentType = 'application/json') =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
  const startJourney = (conversationId: string) => upToEmployees(() => bot.url, channel, conversationId);

  servedDuringSuite(channel, bot);
  beforeEach(() => channel.take());

  it('refuses a body over the size limit with 413 and keeps serving', async () => {
    const res = await raw(JSON.stringify(message('c-big', 'x'.repeat(300 * 1024))));
    expect(res.status).toBe(413);
    expect(await postActivity(bot.url, message('c-big', 'bonjour'))).toBe(200);
  });

  it('answers malformed JSON and non-activities with 400, never a 500', async () => {
    expect((await raw('{"type": "message", ')).status).toBe(400);
    expect((await raw('[]')).status).toBe(400);
    expect((await raw('"hello"')).status).toBe(400);
    // Not JSON at all: refused before reading (415), the same as any other content type.
    expect((await raw('hello', 'text/plain')).status).toBe(415);
    const noConversation = message('c-x', 'bonjour') as Record<string, unknown>;
    delete noConversation.conversation;
    const res = await raw(JSON.stringify(noConversation));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'BadRequest', message: expect.stringContaining('conversation') });
    expect((await raw(JSON.stringify({ ...message('c-x', 'hi'), serviceUrl: 'not a url' }))).status).toBe(400);
    expect((await raw(JSON.stringify({ ...message('c-x', 'hi'), type: 42 }))).status).toBe(400);
    expect(channel.take()).toEqual([]);
  });

  it('answers every malformed activity shape with a 4xx (or ignores it), never a 5xx nor internal text', async () => {
    const base = message('c-shapes', 'bonjour') as Record<string, unknown>;
    const shapes: Record<string, unknown>[] = [
      { conversation: 'c-shapes' },
      { conversation: { id: 42 } },
      { conversation: null },
      { from: 'user-1' },
      { from: { id: { nested: true } } },
      { recipient: 7 },
      { channelId: ['msteams'] },
      { serviceUrl: 'javascript:alert(1)' },
      { serviceUrl: 42 },
      { id: { toString: 'x' } },
      { text: 42 },
      { text: { fr: 'bonjour' } },
      { timestamp: 'not a date' },
      { localTimestamp: 12 },
      { entities: 'mention' },
      { entities: [null, 3] },
      { attachments: 'image.png' },
      { attachments: [null] },
      { channelData: ['x'] },
      { value: { a: { b: { c: { d: [1, 2, { e: null }] } } } } },
      { membersAdded: 'everyone' },
      { membersAdded: [null] },
      { type: 'conversationUpdate', membersAdded: [{ id: 5 }] },
      { type: 'invoke', name: { x: 1 } },
      { type: 'invoke', name: 'adaptiveCard/action', value: 'not an object' },
      { type: 'messageReaction', reactionsAdded: 'thumbs' },
      { suggestedActions: 'x' },
      { __proto__: { polluted: true } } as Record<string, unknown>,
      { constructor: { prototype: { polluted: true } } },
    ];
    for (const change of shapes) {
      const res = await raw(JSON.stringify({ ...base, id: `shape-${JSON.stringify(change)}`, ...change }));
      const body = await res.text();
      expect([change, res.status < 500]).toEqual([change, true]);
      expect(body).not.toMatch(/TypeError|RangeError|ZodError|at [\w.<>]+ \(|Cannot read/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A well-formed invoke the bot does not handle gets the Bot Framework's answer for it.
    const invoke = await raw(JSON.stringify({ ...base, id: 'shape-invoke', type: 'invoke', name: 'task/fetch', value: {} }));
    expect([invoke.status, await invoke.json()]).toEqual([501, { error: 'NotImplemented', message: expect.any(String) }]);
    expect(logs.lines().filter((l) => l.msg === 'turn failed' && l.conversationId === 'c-shapes')).toEqual([]);
    expect(await postActivity(bot.url, message('c-shapes-after', 'bonjour'))).toBe(200);
  });

  it('ignores unknown activity types and non-text messages politely', async () => {
    expect(await postActivity(bot.url, message('c-odd', '', { type: 'somethingNew' }))).toBe(200);
    expect(channel.take()).toEqual([]);
    expect(await postActivity(bot.url, message('c-odd', '', { text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'x' }] }))).toBe(200);
    expect(channel.take().map(readable).join('\n')).toContain('messages écrits');
  });

  it('answers a message over 2,000 characters with "too long" and stores nothing of it', async () => {
    const say = await startJourney('c-long');
    expect(await postActivity(bot.url, message('c-long', '3 '.repeat(1500)))).toBe(200);
    expect(channel.take().map(readable).join('\n')).toContain('moins de 2\u202f000 caractères');
    await say('3', 'bénévoles');
  });

  it('answers and records a channel retry (same activity id) once, even when both copies arrive at once', async () => {
    const say = await startJourney('c-dup');
    const retried = message('c-dup', '4');
    const statuses = await Promise.all([postActivity(bot.url, retried), postActivity(bot.url, retried)]);
    expect(statuses).toEqual([200, 200]);
    const replies = channel.take().map(readable);
    expect(replies.filter((r) => r.includes('bénévoles'))).toHaveLength(1);
    expect(await postActivity(bot.url, retried)).toBe(200);
    expect(channel.take()).toEqual([]);
    // The journey went one step on, not two: the next answer is the volunteers'.
    await say('12', 'budget');
  });

  // In one process a SQLite turn reads and saves without yielding, so turns cannot interleave; the
  // eTag retry itself is exercised where reads are real I/O (test/server/concurrentTurns.test.ts).
  it('applies two turns of one conversation that arrive at once, with no lost update', async () => {
    await startJourney('c-race');
    const statuses = await Promise.all([
      postActivity(bot.url, message('c-race', '3')),
      postActivity(bot.url, message('c-race', '40')),
    ]);
    expect(statuses).toEqual([200, 200]);
    const replies = channel.take().map(readable).join('\n');
    // Both answers were kept: the journey is two questions further (volunteers, then budget).
    expect(replies).toContain('bénévoles');
    expect(replies).toContain('budget');
  });

  it('slows a flooding conversation down, tells it once, and leaves the others alone', async () => {
    const strict = new BotServer({ log: logs.log, env: { RATE_LIMIT_BURST: '6', RATE_LIMIT_PER_MINUTE: '6' } });
    await strict.start();
    try {
      await flooding(strict);
    } finally {
      await strict.stop();
    }
  });
  const flooding = async (bot: BotServer) => {
    const flood = Array.from({ length: 20 }, () => message('c-flood', 'bonjour'));
    const other = message('c-calm', 'bonjour');
    const statuses = await Promise.all([...flood.map((a) => postActivity(bot.url, a)), postActivity(bot.url, other)]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const replies = channel.take();
    const toFlood = replies.filter((r) => r.conversation?.id === 'c-flood').map(readable);
    expect(toFlood.filter((r) => r.includes('très vite'))).toHaveLength(1);
    // At most the burst was answered.
    expect(toFlood.filter((r) => r.includes('Acceptez-vous')).length).toBeLessThanOrEqual(6);
    expect(replies.filter((r) => r.conversation?.id === 'c-calm').map(readable).join('\n')).toContain('Acceptez-vous');
    expect(logs.lines().some((l) => l.msg === 'conversation flooding: activity dropped' && l.conversationId === 'c-flood')).toBe(true);
  };

  it('logs a channel that refuses replies (5xx) and loses no answer', async () => {
    const say = await startJourney('c-5xx');
    channel.failWith = 502;
    try {
      expect(await postActivity(bot.url, message('c-5xx', '2'))).toBe(200);
    } finally {
      channel.failWith = undefined;
    }
    expect(channel.take()).toEqual([]);
    expect(logs.lines().some((l) => l.msg === 'turn failed' && l.conversationId === 'c-5xx')).toBe(true);
    // The answer "2" was saved before the replies failed: the next message answers the next question.
    await say('15', 'budget');
  });
});
