import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { envSchema, listenHost } from '../../src/config/env';
import { BotProcess, freePort } from '../support/botProcess';
import { BotServer, postActivity } from '../support/channelHarness';
import { activitiesUrl, call, type DlActivity, openSession, pollUntil } from '../web/support/directLineClient';

/**
 * Issue 13, door 1c: local mode (no credentials, no authentication) is an explicit choice, listens
 * on loopback, replies only to its own local Direct Line (or, with LOCAL_EMULATOR, to this
 * machine), and its Bot Connector routes take posts from its own bot only.
 */

/** A server on loopback that records every request it gets: an internal service a forger would aim at. */
class Victim {
  readonly seen: string[] = [];
  private server = http.createServer((req, res) => {
    this.seen.push(`${req.method} ${req.url}`);
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"x"}');
  });
  url = '';
  async start(): Promise<void> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/`;
  }
  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

const message = (serviceUrl: string, conversationId = 'c-forged'): Partial<Activity> => ({
  type: 'message',
  id: `m-${Math.random()}`,
  channelId: 'emulator',
  serviceUrl,
  conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'user-1', name: 'User' },
  recipient: { id: 'bot', name: 'Bot' },
  text: 'bonjour',
});

/** The addresses (hex, as /proc/net/tcp writes them) this machine listens on at `port`. */
function listeningOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[3] === '0A' && cols[1]?.endsWith(`:${hexPort}`))
      .map((cols) => cols[1].split(':')[0]),
  );
}

/** How a start ends: its exit code, or 'serving' once /healthz answers (the process is then stopped). */
async function outcome(proc: BotProcess): Promise<number | 'serving'> {
  const exited = once(proc.child!, 'exit').then(([code]) => code as number);
  const serving = proc.waitFor('/healthz', 200).then(
    () => 'serving' as const,
    () => exited,
  );
  try {
    return await Promise.race([exited, serving]);
  } finally {
    await proc.stop();
  }
}

describe('start-up without credentials', () => {
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bot-local-'));

  it('refuses to start when NODE_ENV is not set, and says what to set', async () => {
    const proc = new BotProcess(await freePort(), dataDir());
    proc.start({ NODE_ENV: '', MicrosoftAppId: '' });
    expect(await outcome(proc)).toBe(1);
    expect(proc.output).toContain('Refusing to start');
    expect(proc.output).toContain('MicrosoftAppId');
    expect(proc.output).toContain('NODE_ENV=development');
  });

  it('`npm start` is a local trial (NODE_ENV=development when unset), listening on 127.0.0.1 only', async () => {
    const proc = new BotProcess(await freePort(), dataDir());
    proc.start({ NODE_ENV: '', MicrosoftAppId: '', HOST: '' }, 'scripts/start.js');
    try {
      await proc.waitFor('/healthz', 200);
      expect(listeningOn(proc.port)).toEqual(['0100007F']);
      // Logged once listening: the line may reach us just after /healthz's answer.
      await proc.waitForOutput('local mode');
      expect(proc.output).toContain('local mode');
    } finally {
      await proc.stop();
    }
  });

  it('`npm start` keeps a NODE_ENV that is set: production without credentials still refuses', async () => {
    const proc = new BotProcess(await freePort(), dataDir());
    proc.start({ NODE_ENV: 'production', MicrosoftAppId: '' }, 'scripts/start.js');
    expect(await outcome(proc)).toBe(1);
    expect(proc.output).toContain('Refusing to start');
  });

  it('listens on loopback in local mode, on every interface with credentials, on HOST when set', () => {
    const env = (vars: Record<string, string>) => envSchema.parse({ NODE_ENV: 'development', ...vars });
    expect(listenHost(env({}))).toBe('127.0.0.1');
    expect(listenHost(env({ MicrosoftAppId: 'app-id' }))).toBe('0.0.0.0');
    expect(listenHost(env({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
    expect(listenHost(env({ MicrosoftAppId: 'app-id', HOST: '10.1.2.3' }))).toBe('10.1.2.3');
    expect(envSchema.safeParse({ HOST: 'not a host!' }).success).toBe(false);
  });
});

/** A bot in local mode and a victim on loopback, for the tests of one describe block. */
function localBotAndVictim(env: Record<string, string>): { bot: BotServer; victim: Victim } {
  const victim = new Victim();
  const bot = new BotServer({ env });
  beforeAll(async () => {
    await victim.start();
    await bot.start();
  }, 90_000);
  afterAll(async () => {
    await bot.stop();
    await victim.stop();
  });
  return { bot, victim };
}

describe('local mode replies only to its own serviceUrl', () => {
  const { bot, victim } = localBotAndVictim({ LOCAL_EMULATOR: 'false' });

  it('refuses with 403 an activity naming any other serviceUrl, and posts nothing anywhere', async () => {
    const forged = [victim.url, 'http://169.254.169.254/', 'https://smba.trafficmanager.net/emea/', `${bot.url}/`, `${bot.url}/local/not-the-secret/`];
    for (const serviceUrl of forged) {
      const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(serviceUrl)) });
      const text = await res.text();
      expect([serviceUrl, res.status]).toEqual([serviceUrl, 403]);
      expect(JSON.parse(text)).toEqual({ error: 'Forbidden', message: expect.stringContaining('LOCAL_EMULATOR') });
    }
    // A turn's replies are posted before /api/messages answers: had one run, the victim would have them.
    expect(victim.seen).toEqual([]);
  });

  it('the local Direct Line still works: it stamps the server\'s own serviceUrl', async () => {
    const session = await openSession(bot.url);
    await pollUntil(bot.url, session, undefined, (a) => a.some((x) => x.text?.includes('Acceptez-vous')));
    expect(bot.app.localServiceUrl!()).toMatch(new RegExp(`^${bot.url}/local/[\\w-]{43}/$`));
  });

  it('a forged "bot" post to the connector routes without the secret is a 404 and reaches no conversation', async () => {
    const session = await openSession(bot.url);
    const conversation = encodeURIComponent(session.conversationId);
    const forged = { type: 'message', text: 'Votre session a expiré : https://evil.example', from: { id: 'bot', role: 'bot' } };
    for (const route of [`/v3/conversations/${conversation}/activities`, `/local/not-the-secret/v3/conversations/${conversation}/activities`, `/local//v3/conversations/${conversation}/activities/x`]) {
      const answer = await call(`${bot.url}${route}`, { method: 'POST', body: forged });
      expect([route, answer.status]).toEqual([route, 404]);
    }
    // With the secret (which only this process knows), a malformed reply is still a 400.
    const own = bot.app.localServiceUrl!();
    expect((await call(`${own}v3/conversations/${conversation}/activities/x`, { method: 'POST', body: { text: 'no type' } })).status).toBe(400);
    expect((await call(`${own}v3/conversations/local-unknown/activities`, { method: 'POST', body: forged })).status).toBe(404);
    const history = await call<{ activities: DlActivity[] }>(activitiesUrl(bot.url, session.conversationId), { token: session.token });
    expect(history.body.activities.some((a) => a.text?.includes('evil.example'))).toBe(false);
  });
});

describe('local mode with LOCAL_EMULATOR (the Bot Framework Emulator, the tests)', () => {
  const { bot, victim } = localBotAndVictim({ LOCAL_EMULATOR: 'true' });

  it('also replies to http on this machine\'s loopback, and to nothing else', async () => {
    expect(await postActivity(bot.url, message(victim.url, 'c-emulator'))).toBe(200);
    expect(victim.seen.length).toBeGreaterThan(0);
    victim.seen.length = 0;
    const elsewhere = ['http://10.0.0.1:3978/', 'https://127.0.0.1:4000/', 'http://localhost.evil.example/', 'http://user:pw@127.0.0.1:9/', 'ftp://127.0.0.1/'];
    for (const serviceUrl of elsewhere) expect([serviceUrl, await postActivity(bot.url, message(serviceUrl))]).toEqual([serviceUrl, 403]);
    expect(victim.seen).toEqual([]);
  });
});
