import { BotServer } from '../support/channelHarness';
import { captureLogs } from '../support/logCapture';
import { TOKEN_RATE } from '../../src/web/tokenRoute';
import { call } from './support/directLineClient';
import { FakeAzureDirectLine } from './support/fakeAzureDirectLine';

const SECRET = 'dl-secret-Zq81xk';

/** POST /api/directline/token against a fake Azure Direct Line on loopback. */
describe('token route, production mode (DIRECT_LINE_SECRET set)', () => {
  const azure = new FakeAzureDirectLine();
  const logs = captureLogs('info');
  let server: BotServer;
  beforeAll(async () => {
    await azure.start();
    server = new BotServer({ env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT_URL: `${azure.url}/v3/directline` }, log: logs.log });
    await server.start();
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await azure.stop();
  });
  beforeEach(() => {
    azure.answer = 'ok';
    azure.seen.length = 0;
  });

  test('exchanges the secret server-side for a token bound to a fresh dl_ user; the browser never sees the secret', async () => {
    const answer = await call<Record<string, unknown>>(`${server.url}/api/directline/token`, { method: 'POST', body: { user: { id: 'dl_chosen-by-browser' } } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(azure.seen).toHaveLength(1);
    const [request] = azure.seen;
    expect(request).toMatchObject({ method: 'POST', url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    const sent = JSON.parse(request.body);
    expect(Object.keys(sent)).toEqual(['user']);
    expect(sent.user.id).toMatch(/^dl_[\w-]{16}$/);
    expect(sent.user.id).not.toBe('dl_chosen-by-browser');
    expect(answer.body).toEqual({ mode: 'azure', token: 'azure-token-1', userId: sent.user.id, expiresIn: 1800, domain: `${azure.url}/v3/directline` });
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);

    // Each page load gets its own user.
    await call(`${server.url}/api/directline/token`, { method: 'POST' });
    expect(JSON.parse(azure.seen[1].body).user.id).not.toBe(sent.user.id);
  });

  test('a page opened by an evaluation link gets a user marked for it (no welcome); any other purpose is ignored', async () => {
    await call(`${server.url}/api/directline/token`, { method: 'POST', body: { purpose: 'evaluation' } });
    await call(`${server.url}/api/directline/token`, { method: 'POST', body: { purpose: 'welcome-me' } });
    const [marked, plain] = azure.seen.map((r) => JSON.parse(r.body).user.id as string);
    expect(marked).toMatch(/^dl_ev\.[\w-]{16}$/);
    expect(plain).toMatch(/^dl_[\w-]{16}$/);
  });

  test('the page allows the Azure endpoint and no other (Content-Security-Policy)', async () => {
    const page = await call<string>(`${server.url}/`);
    expect(page.body).toContain('"mode":"azure"');
    expect(page.body).not.toContain(SECRET);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${new URL(azure.url).origin} ws://${new URL(azure.url).host}`);
    expect(csp).toContain("script-src 'self';");
  });

  test('POST only', async () => {
    expect((await call(`${server.url}/api/directline/token`)).status).toBe(405);
    expect(azure.seen).toEqual([]);
  });

  test('Azure failing or unreachable: 502 with a JSON error and a log line, never the secret nor a token', async () => {
    azure.answer = 500;
    const refused = await call<{ error: { code: string; message: string } }>(`${server.url}/api/directline/token`, { method: 'POST' });
    expect(refused.status).toBe(502);
    expect(refused.body.error.code).toBe('DirectLineUnavailable');
    expect(JSON.stringify(refused.body)).not.toContain(SECRET);
    expect(logs.lines().some((l) => l.level === 40 && l.status === 500 && String(l.msg).includes('Direct Line token exchange failed'))).toBe(true);

    azure.answer = 'ok';
    await azure.stop();
    try {
      const unreachable = await call<{ error: { code: string } }>(`${server.url}/api/directline/token`, { method: 'POST' });
      expect(unreachable.status).toBe(502);
      expect(unreachable.body.error.code).toBe('DirectLineUnavailable');
    } finally {
      await azure.start().catch(() => undefined);
    }
    expect(logs.raw()).toContain('Azure could not be reached');
    expect(logs.raw()).not.toContain(SECRET);
    expect(logs.raw()).not.toMatch(/azure-token-\d/);
  });

});

describe('token route rate limit (per client address)', () => {
  const token = (url: string, headers: Record<string, string> = {}) => call<{ error?: { code: string } }>(`${url}/api/directline/token`, { method: 'POST', headers });

  test(`${TOKEN_RATE.burst} sessions in a burst, then 429 with Retry-After; a forged X-Forwarded-For changes nothing`, async () => {
    const server = new BotServer();
    await server.start();
    try {
      for (let i = 0; i < TOKEN_RATE.burst; i += 1) expect((await token(server.url, { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(200);
      const limited = await token(server.url, { 'x-forwarded-for': '10.9.9.9' });
      expect(limited.status).toBe(429);
      expect(limited.body.error?.code).toBe('TooManyRequests');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await server.stop();
    }
  }, 90_000);

  test('behind a trusted proxy (TRUST_PROXY), each client address has its own bucket', async () => {
    const server = new BotServer({ env: { TRUST_PROXY: 'true' } });
    await server.start();
    try {
      const proxied = (client: string) => token(server.url, { 'x-forwarded-for': `203.0.113.7, ${client}` });
      for (let i = 0; i < TOKEN_RATE.burst; i += 1) expect((await proxied('198.51.100.1:52311')).status).toBe(200);
      expect((await proxied('198.51.100.1:40000')).status).toBe(429);
      expect((await proxied('198.51.100.2')).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
