import { envSchema, readEnv } from '../../src/config/env';
import { BotServer, withBotServer } from '../support/channelHarness';

/**
 * Issue 13, door 1f: who may frame the chat (Content-Security-Policy frame-ancestors, from
 * WIDGET_ALLOWED_ORIGINS) and Strict-Transport-Security when the client came over TLS.
 */
const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return res.headers;
};
const frameAncestors = (csp: string | null) => /(?:^|;\s*)frame-ancestors ([^;]*)/.exec(csp ?? '')?.[1];

describe('who may frame the chat page', () => {
  test('by default only the server itself; the page keeps its other protections', async () => {
    await withBotServer({}, async (server) => {
      for (const page of ['/', '/?embed=1', '/?embed=1&lang=en']) {
        const headers = await get(`${server.url}${page}`);
        const csp = headers.get('content-security-policy');
        expect([page, frameAncestors(csp)]).toEqual([page, "'self'"]);
        expect(csp).toContain("script-src 'self';");
        expect(csp).toContain("object-src 'none'");
        expect(headers.get('referrer-policy')).toBe('no-referrer');
        expect(headers.get('x-content-type-options')).toBe('nosniff');
      }
    });
  }, 90_000);

  test('WIDGET_ALLOWED_ORIGINS adds the association sites, and no other', async () => {
    await withBotServer({ env: { WIDGET_ALLOWED_ORIGINS: 'https://www.jardins-partages.fr, http://localhost:8080/' } }, async (server) => {
      const csp = (await get(`${server.url}/?embed=1`)).get('content-security-policy');
      expect(frameAncestors(csp)).toBe("'self' https://www.jardins-partages.fr http://localhost:8080");
    });
  }, 90_000);

  test('each entry must be an origin: the server refuses to start otherwise, naming it', () => {
    for (const bad of ['https://www.example.org/chat', 'www.example.org', 'javascript:alert(1)', '*', "https://a.org 'unsafe-inline'", 'https://a.org;script-src *']) {
      const parsed = envSchema.safeParse({ WIDGET_ALLOWED_ORIGINS: bad });
      expect([bad, parsed.success]).toEqual([bad, false]);
    }
    expect(() => readEnv({ WIDGET_ALLOWED_ORIGINS: 'https://ok.example, ftp://files.example' })).toThrow(/WIDGET_ALLOWED_ORIGINS: "ftp:\/\/files.example" is not an origin/);
    expect(envSchema.parse({ WIDGET_ALLOWED_ORIGINS: 'https://a.example:8443' }).WIDGET_ALLOWED_ORIGINS).toEqual(['https://a.example:8443']);
  });
});

describe('Strict-Transport-Security', () => {
  test('sent when a trusted proxy says the client came over https, never on a header nobody vouches for', async () => {
    const direct = new BotServer();
    const proxied = new BotServer({ env: { TRUST_PROXY: '2' } });
    await Promise.all([direct.start(), proxied.start()]);
    try {
      expect((await get(`${direct.url}/`)).get('strict-transport-security')).toBeNull();
      // Without TRUST_PROXY the header is the client's word: ignored.
      expect((await get(`${direct.url}/`, { 'x-forwarded-proto': 'https' })).get('strict-transport-security')).toBeNull();
      expect((await get(`${proxied.url}/`, { 'x-forwarded-proto': 'https' })).get('strict-transport-security')).toBe('max-age=31536000');
      expect((await get(`${proxied.url}/healthz`, { 'x-forwarded-proto': 'https' })).get('strict-transport-security')).toBe('max-age=31536000');
      expect((await get(`${proxied.url}/`, { 'x-forwarded-proto': 'http' })).get('strict-transport-security')).toBeNull();
    } finally {
      await Promise.all([direct.stop(), proxied.stop()]);
    }
  }, 90_000);

  test('sent on every answer when PUBLIC_URL is https', async () => {
    await withBotServer({ env: { PUBLIC_URL: 'https://bot.example.org' } }, async (server) => {
      for (const route of ['/', '/widget.js', '/healthz', '/no-such-route']) {
        expect([route, (await get(`${server.url}${route}`)).get('strict-transport-security')]).toEqual([route, 'max-age=31536000']);
      }
    });
    expect(envSchema.safeParse({ PUBLIC_URL: 'bot.example.org' }).success).toBe(false);
    expect(envSchema.safeParse({ PUBLIC_URL: 'ftp://bot.example.org' }).success).toBe(false);
  }, 90_000);
});
