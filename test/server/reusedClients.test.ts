import type { Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import { botAuthentication } from '../../src/server/botAuth';
import { ReusingBotFrameworkAuthentication } from '../../src/server/reusedClients';
import { readEnv } from '../../src/config/env';

/**
 * The adapter's clients outlive the turn (src/server/reusedClients.ts): botbuilder's own
 * authentication, as the server configures it, wrapped; only the keeping is ours.
 */
const local = () => new ReusingBotFrameworkAuthentication(botAuthentication(readEnv({ NODE_ENV: 'test' })));
const activity = (serviceUrl: string): Activity =>
  ({ type: 'message', channelId: 'webchat', serviceUrl, conversation: { id: 'c-1' }, from: { id: 'u' }, recipient: { id: 'b' } }) as Activity;
const forBot = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

/** Where a client sends (protected in the typings; the field botbuilder's own requests are built from). */
const baseUriOf = (client: ConnectorClient) => (client as unknown as { baseUri: string }).baseUri;

async function clientOf(auth: ReusingBotFrameworkAuthentication, serviceUrl: string, audience?: string): Promise<ConnectorClient> {
  const result = await auth.authenticateRequest(activity(serviceUrl), '');
  return result.connectorFactory!.create(serviceUrl, audience ?? result.audience);
}

test('one Bot Connector client per serviceUrl and audience, across turns', async () => {
  const auth = local();
  const first = await clientOf(auth, 'http://127.0.0.1:1/a');
  expect(baseUriOf(first)).toBe('http://127.0.0.1:1/a');
  expect(await clientOf(auth, 'http://127.0.0.1:1/a')).toBe(first);
  const other = await clientOf(auth, 'http://127.0.0.1:1/b');
  expect(other).not.toBe(first);
  expect(baseUriOf(other)).toBe('http://127.0.0.1:1/b');
  expect(await clientOf(auth, 'http://127.0.0.1:1/a', 'another-audience')).not.toBe(first);
  // Proactive turns (status changes, evaluations) build their factory from an identity: the same clients.
  const { claimsIdentity, audience } = await auth.authenticateRequest(activity('http://127.0.0.1:1/a'), '');
  expect(await auth.createConnectorFactory(claimsIdentity).create('http://127.0.0.1:1/a', audience)).toBe(first);
});

test('one user-token client per bot', async () => {
  const auth = local();
  const client = await auth.createUserTokenClient(forBot('bot-a'));
  expect(await auth.createUserTokenClient(forBot('bot-a'))).toBe(client);
  expect(await auth.createUserTokenClient(forBot('bot-b'))).not.toBe(client);
});

test('the clients kept are bounded: the least recently used is made again', async () => {
  const auth = local();
  const first = await clientOf(auth, 'http://127.0.0.1:1/0');
  const second = await clientOf(auth, 'http://127.0.0.1:1/1');
  expect(await clientOf(auth, 'http://127.0.0.1:1/0')).toBe(first);
  for (let i = 2; i <= 64; i++) await clientOf(auth, `http://127.0.0.1:1/${i}`);
  // 65 serviceUrls: /1 was the least recently used (/0 was asked again after it).
  expect(await clientOf(auth, 'http://127.0.0.1:1/0')).toBe(first);
  expect(await clientOf(auth, 'http://127.0.0.1:1/1')).not.toBe(second);
});

test('a client that could not be made is not kept: the next turn tries again', async () => {
  const env = readEnv({ NODE_ENV: 'test', MicrosoftAppId: 'bot-a', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' });
  const auth = new ReusingBotFrameworkAuthentication(botAuthentication(env));
  // botbuilder refuses credentials for a bot other than the configured one.
  const factory = auth.createConnectorFactory(forBot('another-bot'));
  const failed = factory.create('http://127.0.0.1:1/a');
  await expect(failed).rejects.toThrow('Invalid appId');
  const again = factory.create('http://127.0.0.1:1/a');
  expect(again).not.toBe(failed);
  await expect(again).rejects.toThrow('Invalid appId');
  // The configured bot gets its client, kept.
  const ok = await auth.createConnectorFactory(forBot('bot-a')).create('http://127.0.0.1:1/a');
  expect(await auth.createConnectorFactory(forBot('bot-a')).create('http://127.0.0.1:1/a')).toBe(ok);
});
