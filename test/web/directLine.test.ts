import { BotServer } from '../support/channelHarness';
import { activitiesUrl, call, type DlActivity, openSession, pollUntil } from './support/directLineClient';

/**
 * The local Direct Line over HTTP, in front of the real server (restify, CloudAdapter, bot,
 * SQLite): the bot's replies come back through the Bot Connector routes of the same server.
 */
describe('local Direct Line 3.0 endpoint (no DIRECT_LINE_SECRET, no MicrosoftAppId)', () => {
  const server = new BotServer();
  beforeAll(() => server.start(), 90_000);
  afterAll(() => server.stop());
  const botText = (activities: DlActivity[]) => activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '').join('\n');

  test('starting a conversation brings the welcome into its history', async () => {
    const session = await openSession(server.url);
    expect(session.conversationId).toMatch(/^local-[\w-]{20,}$/);
    expect(session.userId).toMatch(/^local_[\w-]+$/);
    const { activities } = await pollUntil(server.url, session, undefined, (a) => botText(a).includes('Acceptez-vous'));
    const welcome = activities.find((a) => a.text?.includes('Acceptez-vous'))!;
    expect(welcome.from.role).toBe('bot');
    expect(welcome.id.startsWith(`${session.conversationId}|`)).toBe(true);
  });

  test('a posted message comes back with its clientActivityID, then the reply, with watermark semantics', async () => {
    const session = await openSession(server.url);
    const first = await pollUntil(server.url, session, undefined, (a) => botText(a).includes('Acceptez-vous'));

    const posted = await call<{ id: string }>(activitiesUrl(server.url, session.conversationId), {
      method: 'POST',
      token: session.token,
      // The browser claims another user id: the token's user wins.
      body: { type: 'message', text: 'oui', from: { id: 'somebody-else', role: 'user' }, channelData: { clientActivityID: 'client-42' } },
    });
    expect(posted.status).toBe(200);

    const after = await pollUntil(server.url, session, first.watermark, (a) => botText(a).includes('Quel est son nom'));
    const [echo, ...replies] = after.activities;
    expect(echo).toMatchObject({ id: posted.body.id, type: 'message', text: 'oui', channelData: { clientActivityID: 'client-42' } });
    expect(echo.from).toEqual({ id: session.userId, role: 'user' });
    expect(replies.every((r) => r.from.role === 'bot' && r.replyToId === echo.id)).toBe(true);

    // Nothing new after the latest watermark; the whole history without one, in order.
    const none = await call<{ activities: DlActivity[]; watermark: string }>(activitiesUrl(server.url, session.conversationId, after.watermark), { token: session.token });
    expect(none.body).toEqual({ activities: [], watermark: after.watermark });
    const all = await call<{ activities: DlActivity[]; watermark: string }>(activitiesUrl(server.url, session.conversationId), { token: session.token });
    expect(all.body.activities.map((a) => a.id)).toEqual([...first.activities, ...after.activities].map((a) => a.id));
    expect(all.body.watermark).toBe(after.watermark);
    // A watermark in the middle gives what follows it.
    const fromEcho = await call<{ activities: DlActivity[] }>(activitiesUrl(server.url, session.conversationId, first.watermark), { token: session.token });
    expect(fromEcho.body.activities[0].id).toBe(echo.id);
  });

  test('opening the same conversation twice welcomes once; typing is neither kept nor forwarded', async () => {
    const session = await openSession(server.url);
    const again = await call<{ conversationId: string }>(`${server.url}/v3/directline/conversations`, { method: 'POST', token: session.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(session.conversationId);
    const typing = await call(activitiesUrl(server.url, session.conversationId), { method: 'POST', token: session.token, body: { type: 'typing' } });
    expect(typing.status).toBe(200);
    const posted = await call(activitiesUrl(server.url, session.conversationId), { method: 'POST', token: session.token, body: { type: 'message', text: 'oui' } });
    expect(posted.status).toBe(200);
    const { activities } = await pollUntil(server.url, session, undefined, (a) => botText(a).includes('Quel est son nom'));
    expect(activities.filter((a) => a.text?.includes('Acceptez-vous'))).toHaveLength(1);
    expect(activities.some((a) => a.type === 'typing' && a.from.role === 'user')).toBe(false);
  });

  test('a token opens only its own conversation: none is 401, another one 403, an unknown conversation 404', async () => {
    const a = await openSession(server.url);
    const b = await openSession(server.url);
    const noToken = await call<{ error: { code: string } }>(activitiesUrl(server.url, a.conversationId));
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('Unauthorized');
    expect((await call(activitiesUrl(server.url, a.conversationId), { token: b.token })).status).toBe(403);
    expect((await call(activitiesUrl(server.url, a.conversationId), { method: 'POST', token: b.token, body: { type: 'message', text: 'intrus' } })).status).toBe(403);
    expect((await call(activitiesUrl(server.url, a.conversationId), { token: 'made-up' })).status).toBe(403);
    const unknown = await call<{ error: { code: string } }>(activitiesUrl(server.url, 'local-doesnotexist'), { token: a.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NotFound');
    expect((await call(`${server.url}/v3/directline/conversations`, { method: 'POST', token: 'made-up' })).status).toBe(403);
    expect((await call(`${server.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(401);
    expect((await call(`${server.url}/v3/directline/tokens/refresh`, { method: 'POST', token: 'made-up' })).status).toBe(403);
    const refreshed = await call<{ conversationId: string; token: string }>(`${server.url}/v3/directline/tokens/refresh`, { method: 'POST', token: a.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ conversationId: a.conversationId, token: a.token });
    // The intruder's message never reached a's history.
    const history = await call<{ activities: DlActivity[] }>(activitiesUrl(server.url, a.conversationId), { token: a.token });
    expect(history.body.activities.some((x) => x.text === 'intrus')).toBe(false);
  });

  test('malformed requests get 400 with a JSON error, never a 500', async () => {
    const s = await openSession(server.url);
    const url = activitiesUrl(server.url, s.conversationId);
    const bad: { body?: unknown; rawBody?: string; headers?: Record<string, string> }[] = [
      { rawBody: '{"type": "message", "text": ' },
      { body: { type: 42 } },
      { body: { type: 'message', text: { nested: true } } },
      { body: ['message'] },
      { body: { type: 'message', text: 'x'.repeat(10_001) } },
      { body: { type: 'message', text: 'photo', attachments: [{ contentType: 'image/png', contentUrl: 'blob:x' }] } },
      { body: { type: 'message', channelData: 'not an object' } },
    ];
    for (const request of bad) {
      const answer = await call<Record<string, unknown>>(url, { method: 'POST', token: s.token, ...request });
      expect([answer.status, typeof answer.body]).toEqual([400, 'object']);
      expect(JSON.stringify(answer.body)).toMatch(/message/i);
    }
    // Not JSON: refused before reading, as on every route.
    const notJson = await call<{ error: { code: string } }>(url, { method: 'POST', token: s.token, rawBody: 'type=message', headers: { 'content-type': 'text/plain' } });
    expect([notJson.status, notJson.body.error.code]).toEqual([415, 'UnsupportedMediaType']);
    const badWatermark = await call<{ error: { code: string } }>(`${url.replace(/\?.*$/, '')}?watermark=abc`, { token: s.token });
    expect(badWatermark.status).toBe(400);
    expect(badWatermark.body.error.code).toBe('BadArgument');
    const other = await call<{ token: string }>(`${server.url}/api/directline/token`, { method: 'POST' });
    const badStart = await call(`${server.url}/v3/directline/conversations`, { method: 'POST', token: other.body.token, body: { user: 'not an object' } });
    expect(badStart.status).toBe(400);
    // Nothing of it reached the bot: the conversation still holds the welcome only.
    const history = await call<{ activities: DlActivity[] }>(url, { token: s.token });
    expect(history.body.activities.filter((a) => a.from.role === 'user')).toEqual([]);
  });

  test('the Bot Connector routes take replies for local conversations only, under the server\'s secret path', async () => {
    const s = await openSession(server.url);
    const own = server.app.localServiceUrl!();
    const unknown = await call(`${own}v3/conversations/teams-conversation-1/activities`, { method: 'POST', body: { type: 'message', text: 'spoof' } });
    expect(unknown.status).toBe(404);
    const malformed = await call(`${own}v3/conversations/${encodeURIComponent(s.conversationId)}/activities/x`, { method: 'POST', body: { text: 'no type' } });
    expect(malformed.status).toBe(400);
  });
});

describe('the local endpoint is off when the bot is configured for Azure', () => {
  test.each([
    ['DIRECT_LINE_SECRET is set', { DIRECT_LINE_SECRET: 'a-secret', DIRECT_LINE_ENDPOINT_URL: 'http://127.0.0.1:9/v3/directline' }, 502, 'azure'],
    ['MicrosoftAppId is set', { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'pw' }, 503, 'off'],
  ])('%s: its routes answer 404', async (_why, env, tokenStatus, pageMode) => {
    const server = new BotServer({ env });
    await server.start();
    try {
      expect((await call(`${server.url}/v3/directline/conversations`, { method: 'POST', token: 'x' })).status).toBe(404);
      expect((await call(`${server.url}/v3/directline/conversations/local-x/activities`, { token: 'x' })).status).toBe(404);
      expect((await call(`${server.url}/v3/conversations/local-x/activities`, { method: 'POST', body: { type: 'message' } })).status).toBe(404);
      expect(server.app.localServiceUrl).toBeUndefined();
      // The token route asks Azure (here unreachable: 502), or says the chat is not configured (503).
      expect((await call(`${server.url}/api/directline/token`, { method: 'POST' })).status).toBe(tokenStatus);
      // The page knows: Azure tokens, or "the chat is unavailable".
      expect((await call<string>(`${server.url}/`)).body).toContain(`"mode":"${pageMode}"`);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
