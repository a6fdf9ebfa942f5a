import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type Activity, TurnContext } from 'botbuilder';
import { ConnectorClient } from 'botframework-connector';
import { capabilitiesOf } from '../../src/bot/channels';
import { toActivities } from '../../src/bot/render';
import { readEnv } from '../../src/config/env';
import { runTurn } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { botAuthentication } from '../../src/server/botAuth';
import { postingRepliesAsJson } from '../../src/server/jsonReplies';
import { ReusingBotFrameworkAuthentication } from '../../src/server/reusedClients';
import { JOURNEY } from '../../scripts/bench/journeyScript';
import { sharedFlow } from '../support/sharedFlow';

/**
 * Replies posted as JSON (src/server/jsonReplies.ts) make the request botbuilder's own
 * operation makes: compared, request by request, with the unchanged client on a Bot Connector
 * stand-in on loopback, for every reply of a whole journey on each channel's rendering.
 */
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  text: string;
}

const ACCEPTED = () => ({ status: 200, body: { id: 'reply-id' } });

/** A Bot Connector on loopback: records each request, answers what `answer` says (default: 200 and the reply's id). */
class ConnectorStandIn {
  readonly seen: Seen[] = [];
  answer: (n: number) => { status: number; body?: unknown } = ACCEPTED;
  private readonly server = http.createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => {
      this.seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: text ? JSON.parse(text) : undefined, text });
      const { status, body } = this.answer(this.seen.length);
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  url = '';

  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  take(): Seen[] {
    return this.seen.splice(0);
  }
}

/** Signs as Bot Framework credentials do (the token itself comes from Entra ID, outside our edge). */
const signing = { signRequest: async <R extends { headers: { set(name: string, value: string): void } }>(request: R) => (request.headers.set('authorization', 'Bearer token-of-the-bot'), request) };

const connector = new ConnectorStandIn();
beforeAll(() => connector.start());
afterAll(() => connector.stop());
beforeEach(() => connector.take());

/** What botbuilder's unchanged client sends, and what the same client sends with replies as JSON. */
function clients(serviceUrl: string): { sdk: ConnectorClient; json: ConnectorClient } {
  const options = { baseUri: serviceUrl };
  return { sdk: new ConnectorClient(signing as never, options), json: postingRepliesAsJson(new ConnectorClient(signing as never, options), serviceUrl) };
}

/** Every reply of the bench's whole journey (questions, buttons, the summary, the result), as the channel gets it. */
function journeyReplies(channelId: string, serviceUrl: string, conversationId: string): Partial<Activity>[] {
  const flow = sharedFlow();
  const reference = { channelId, serviceUrl, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'bot-1', name: 'Bot' }, user: { id: 'user-1', name: 'User' }, locale: 'fr-FR' };
  let state: ConversationState | undefined;
  const replies: Partial<Activity>[] = [];
  for (const [i, step] of JOURNEY.entries()) {
    const result = runTurn(flow, state, { kind: 'message', text: step.text }, { now: new Date(Date.UTC(2026, 0, 5, 9, 0, i)), conversationId, channel: 'Site web', nextReference: () => 'PBL-2026-00001' });
    state = result.state;
    for (const activity of toActivities(flow, result.messages, capabilitiesOf(channelId))) {
      replies.push(TurnContext.applyConversationReference({ ...activity, replyToId: `user-activity-${i}` }, { ...reference, activityId: `user-activity-${i}` }));
    }
  }
  expect(state?.phase).toBe('done');
  return replies;
}

/** What must be the same: the method, path and query, the body, and the headers a Bot Connector reads. */
const request = (s: Seen) => ({
  method: s.method,
  url: s.url,
  body: s.body,
  contentType: s.headers['content-type'],
  conversationHeader: s.headers['x-ms-conversation-id'],
  authorization: s.headers.authorization,
});

test.each(['webchat', 'msteams', 'slack'])('%s: every reply of a whole journey is the request botbuilder makes', async (channelId) => {
  // A Teams-like id (colons, a semicolon) and a serviceUrl with a path and no final slash, as Teams gives.
  const serviceUrl = `${connector.url}/emea`;
  const conversationId = 'a:1Xb-Zq_9;messageid=1700000000000';
  const { sdk, json } = clients(serviceUrl);
  const replies = journeyReplies(channelId, serviceUrl, conversationId);
  expect(replies.length).toBeGreaterThanOrEqual(JOURNEY.length);
  for (const reply of replies) {
    const viaSdk = await sdk.conversations.replyToActivity(conversationId, reply.replyToId!, reply);
    const viaJson = await json.conversations.replyToActivity(conversationId, reply.replyToId!, reply);
    expect({ ...viaJson }).toEqual({ ...viaSdk });
  }
  const seen = connector.take();
  expect(seen).toHaveLength(2 * replies.length);
  for (let i = 0; i < seen.length; i += 2) {
    expect(request(seen[i + 1])).toEqual(request(seen[i]));
  }
  expect(seen[0].url).toBe('/emea/v3/conversations/a%3A1Xb-Zq_9%3Bmessageid%3D1700000000000/activities/user-activity-0');
  expect(request(seen[1])).toMatchObject({ conversationHeader: conversationId, authorization: 'Bearer token-of-the-bot' });
});

test('a message that starts a conversation (no activity to reply to), and a serviceUrl ending with a slash', async () => {
  const serviceUrl = `${connector.url}/`;
  const { sdk, json } = clients(serviceUrl);
  const [reply] = journeyReplies('webchat', serviceUrl, 'conversation é');
  delete reply.replyToId;
  expect({ ...(await json.conversations.sendToConversation('conversation é', reply)) }).toEqual({ ...(await sdk.conversations.sendToConversation('conversation é', reply)) });
  const [viaSdk, viaJson] = connector.take();
  expect(request(viaJson)).toEqual(request(viaSdk));
  expect(viaJson.url).toBe('/v3/conversations/conversation%20%C3%A9/activities');
});

test('a serviceUrl with a query string keeps it, after the path', async () => {
  const serviceUrl = `${connector.url}/api?region=emea`;
  const { sdk, json } = clients(serviceUrl);
  const [reply] = journeyReplies('msteams', serviceUrl, 'c-5');
  await sdk.conversations.replyToActivity('c-5', 'a-1', reply);
  await json.conversations.replyToActivity('c-5', 'a-1', reply);
  const [viaSdk, viaJson] = connector.take();
  expect(request(viaJson)).toEqual(request(viaSdk));
  expect(viaJson.url).toBe('/api/v3/conversations/c-5/activities/a-1?region=emea');
});

test("a channel's refusal is the same error, with its code and message", async () => {
  const { sdk, json } = clients(connector.url);
  const [reply] = journeyReplies('msteams', connector.url, 'c-2');
  const failure = async (client: ConnectorClient) => {
    const error = await client.conversations.replyToActivity('c-2', 'a-1', reply).then(
      () => undefined,
      (err: unknown) => err as { name: string; message: string; statusCode: number; code?: string },
    );
    return error && { name: error.name, message: error.message, statusCode: error.statusCode, code: error.code };
  };
  connector.answer = () => ({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } });
  const refused = await failure(json);
  expect(refused).toEqual(await failure(sdk));
  expect(refused).toEqual({ name: 'RestError', message: 'The bot is not part of the conversation roster.', statusCode: 403, code: 'BotNotInConversationRoster' });
  // No body to read: the status alone.
  connector.answer = () => ({ status: 404 });
  expect(await failure(json)).toEqual(await failure(sdk));
  expect((await failure(json))?.statusCode).toBe(404);
  // A status the Bot Connector never answers with success (204) is refused by both.
  connector.answer = () => ({ status: 204 });
  expect((await failure(json))?.statusCode).toBe(204);
  expect((await failure(sdk))?.statusCode).toBe(204);
  connector.answer = ACCEPTED;
});

test('a Bot Connector that is briefly unavailable gets the reply again (the client\'s retry policy)', async () => {
  const { json } = clients(connector.url);
  const [reply] = journeyReplies('webchat', connector.url, 'c-3');
  connector.answer = (n) => (n === 1 ? { status: 503 } : { status: 200, body: { id: 'after-retry' } });
  expect(await json.conversations.replyToActivity('c-3', 'a-1', reply)).toEqual({ id: 'after-retry' });
  expect(connector.take()).toHaveLength(2);
  connector.answer = ACCEPTED;
});

test("the server's adapter posts replies as JSON: the clients it keeps are wrapped", async () => {
  const auth = new ReusingBotFrameworkAuthentication(botAuthentication(readEnv({ NODE_ENV: 'test' })));
  const activity = { type: 'message', channelId: 'webchat', serviceUrl: connector.url, conversation: { id: 'c-4' }, from: { id: 'u' }, recipient: { id: 'b' } } as Activity;
  const { connectorFactory, audience } = await auth.authenticateRequest(activity, '');
  const client = await connectorFactory!.create(connector.url, audience);
  const [reply] = journeyReplies('webchat', connector.url, 'c-4');
  // botbuilder's serializer writes the fields in its schema's order, and its answer carries a hidden `_response`.
  expect(Object.getOwnPropertyNames(await client.conversations.replyToActivity('c-4', 'a-1', reply))).toEqual(['id']);
  expect(connector.take().map((s) => s.text)).toEqual([JSON.stringify(reply)]);
  expect(Object.getOwnPropertyNames(await clients(connector.url).sdk.conversations.replyToActivity('c-4', 'a-1', reply))).toEqual(['id', '_response']);
  expect(connector.take()[0].text).not.toBe(JSON.stringify(reply));
});
