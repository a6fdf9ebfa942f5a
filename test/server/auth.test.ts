import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { BotProcess, freePort } from '../support/botProcess';
import { BotServer, CaptureChannel } from '../support/channelHarness';

/**
 * With an app id, /api/messages only takes activities carrying a Bot Framework token that the
 * real CloudAdapter validates. The channel's signing keys are published by a local OpenID
 * metadata server (BotOpenIdMetadata), so the test signs tokens as the Bot Connector would —
 * and forges and expires them.
 */
const APP_ID = '00000000-1111-2222-3333-444444444444';
const ISSUER = 'https://api.botframework.com';
const KID = 'test-key-1';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
function sign(claims: Record<string, unknown>, privateKey: crypto.KeyObject, kid = KID): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), privateKey);
  return `${head}.${body}.${b64url(signature)}`;
}

describe('Bot Framework authentication on /api/messages', () => {
  const channelKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forgerKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const channel = new CaptureChannel();
  let metadata: http.Server;
  let bot: BotServer;

  beforeAll(async () => {
    const jwk = channelKey.publicKey.export({ format: 'jwk' });
    metadata = http.createServer((req, res) => {
      const base = `http://127.0.0.1:${(metadata.address() as { port: number }).port}`;
      res.setHeader('content-type', 'application/json');
      if (req.url === '/openid') res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
      else if (req.url === '/keys') res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e }] }));
      else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    metadata.listen(0, '127.0.0.1');
    await once(metadata, 'listening');
    await channel.start();
    bot = new BotServer({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
        BotOpenIdMetadata: `http://127.0.0.1:${(metadata.address() as { port: number }).port}/openid`,
      },
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
    metadata.close();
  });

  const activity = (): Partial<Activity> => ({
    type: 'message',
    id: `a-${crypto.randomUUID()}`,
    text: 'bonjour',
    channelId: 'msteams',
    serviceUrl: channel.url,
    conversation: { id: 'conv-auth', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'User' },
    recipient: { id: `28:${APP_ID}`, name: 'Bot' },
  });
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: APP_ID,
    nbf: now() - 60,
    exp: now() + 3600,
    serviceurl: channel.url,
    ...over,
  });
  const post = async (authorization?: string) => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(activity()),
    });
    await res.text();
    return res.status;
  };

  it('refuses an activity without a token', async () => {
    expect(await post()).toBe(401);
  });

  it('refuses a forged token (signed with another key under the same key id)', async () => {
    expect(await post(`Bearer ${sign(claims(), forgerKey.privateKey)}`)).toBe(401);
  });

  it('refuses an expired token', async () => {
    // Well past the 5-minute clock tolerance.
    expect(await post(`Bearer ${sign(claims({ nbf: now() - 7200, exp: now() - 3600 }), channelKey.privateKey)}`)).toBe(401);
  });

  it('refuses a token issued for another bot, or by another issuer', async () => {
    expect(await post(`Bearer ${sign(claims({ aud: 'another-bot' }), channelKey.privateKey)}`)).toBe(401);
    expect(await post(`Bearer ${sign(claims({ iss: 'https://evil.example' }), channelKey.privateKey)}`)).toBe(401);
  });

  it('refuses garbage in the Authorization header', async () => {
    expect(await post('Bearer not.a.jwt')).toBe(401);
    expect(await post('Basic dXNlcjpwYXNz')).toBe(401);
  });

  it('accepts a token the channel signed', async () => {
    // The turn runs; its replies need an outgoing token from Entra ID, which this closed machine cannot reach.
    expect(await post(`Bearer ${sign(claims(), channelKey.privateKey)}`)).toBe(200);
  });
});

describe('start-up in production', () => {
  const start = async (env: Record<string, string>) => {
    const proc = new BotProcess(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'bot-prod-')));
    proc.start({ NODE_ENV: 'production', MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: '', MicrosoftAppTenantId: '', ...env });
    return proc;
  };
  const exitOf = async (proc: BotProcess) => {
    const [code] = (await once(proc.child!, 'exit')) as [number];
    return code;
  };

  it('refuses to start without MicrosoftAppId and says why', async () => {
    const proc = await start({});
    expect(await exitOf(proc)).toBe(1);
    expect(proc.output).toContain('Refusing to start');
    expect(proc.output).toContain('MicrosoftAppId');
  });

  it('refuses SingleTenant without a tenant id', async () => {
    const proc = await start({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' });
    expect(await exitOf(proc)).toBe(1);
    expect(proc.output).toContain('MicrosoftAppTenantId');
  });

  it('starts with a user-assigned managed identity (no password)', async () => {
    const proc = await start({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555' });
    try {
      await proc.waitFor('/healthz', 200);
    } finally {
      await proc.stop();
    }
  });
});
