import { sign } from '../../../src/studio/auth/signedValue';
import { ABSOLUTE_MS, IDLE_MS } from '../../../src/studio/auth/session';
import { authText, loadAuthTexts } from '../../../src/studio/http/authTexts';
import { escapeHtml } from '../../../src/studio/http/respond';
import { Browser } from './support/browser';
import { type LocalStudio, startStudio } from './support/localStudio';

const json = { accept: 'application/json' };
const HOUR = 3600_000;
const texts = loadAuthTexts();

/** A browser signed in with the printed link, and the CSRF token the studio page would read. */
async function signedIn(studio: LocalStudio): Promise<{ browser: Browser; csrf: string }> {
  const browser = new Browser();
  // The printed link may name PUBLIC_URL; the test reaches the server on loopback.
  const link = new URL(studio.link());
  expect((await browser.request(`${studio.url}${link.pathname}${link.search}`)).status).toBe(303);
  const info = await browser.request(`${studio.url}/studio/auth/session`, { headers: json });
  expect(info.status).toBe(200);
  const body = JSON.parse(info.body) as { staff: unknown; csrfToken: string };
  expect(body.staff).toEqual({ id: 'local:Camille', name: 'Camille' });
  expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return { browser, csrf: body.csrfToken };
}

const cleared = (headers: Headers) => headers.getSetCookie().some((c) => /^studio_session=; Path=\/studio; Max-Age=0; HttpOnly; SameSite=Lax$/.test(c));

describe('studio sessions', () => {
  let studio: LocalStudio;
  beforeEach(async () => {
    studio = await startStudio({ STUDIO_LOCAL_NAME: 'Camille', STUDIO_SESSION_SECRET: 'a-test-secret-of-more-than-32-bytes!' });
  });
  afterEach(() => studio.close());

  test('a tampered cookie gets 401 and is cleared: changed payload, other key, garbage', async () => {
    const { browser } = await signedIn(studio);
    const good = browser.cookie('studio_session')!;
    const [payload, mac] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, staff: { id: 'local:admin', name: 'admin' } })).toString('base64url');
    const forged = [
      `${promoted}.${mac}`,
      sign(Buffer.from('another-secret-of-more-than-32-bytes!!'), 'studio-session', claims),
      // A value this server signed, but for the sign-in cookie: not a session.
      sign(Buffer.from('a-test-secret-of-more-than-32-bytes!'), 'studio-sign-in', claims),
      `${payload}.`,
      'garbage',
    ];
    for (const value of forged) {
      browser.setCookie('studio_session', value, '/studio');
      const api = await browser.request(`${studio.url}/studio/api/notes`, { headers: json });
      expect({ value, status: api.status, cleared: cleared(api.headers) }).toEqual({ value, status: 401, cleared: true });
      expect(browser.cookie('studio_session')).toBeUndefined();
    }
    // The genuine cookie still works.
    browser.setCookie('studio_session', good, '/studio');
    expect((await browser.request(`${studio.url}/studio/api/notes`, { headers: json })).status).toBe(200);
    // The page route shows the sign-in page, saying the session is no longer valid.
    browser.setCookie('studio_session', `${promoted}.${mac}`, '/studio');
    const page = await browser.request(`${studio.url}/studio/`);
    expect(page.status).toBe(401);
    expect(page.body).toContain(escapeHtml(authText(texts, 'auth.signin.expired', 'fr')));
  });

  test('8 hours without a request ends a session: 401 and cleared', async () => {
    const { browser } = await signedIn(studio);
    studio.clock.advance(IDLE_MS - 60_000);
    expect((await browser.request(`${studio.url}/studio/api/notes`, { headers: json })).status).toBe(200);
    studio.clock.advance(IDLE_MS);
    const late = await browser.request(`${studio.url}/studio/api/notes`, { headers: json });
    expect(late.status).toBe(401);
    expect(cleared(late.headers)).toBe(true);
  });

  test('each request renews the idle delay, but never past 24 hours after signing in', async () => {
    const { browser } = await signedIn(studio);
    let elapsed = 0;
    while (elapsed + 7 * HOUR < ABSOLUTE_MS) {
      studio.clock.advance(7 * HOUR);
      elapsed += 7 * HOUR;
      const res = await browser.request(`${studio.url}/studio/api/notes`, { headers: json });
      expect({ elapsed, status: res.status }).toEqual({ elapsed, status: 200 });
      // The cookie's own lifetime shrinks towards the absolute end.
      const maxAge = Number(/Max-Age=(\d+)/.exec(res.headers.getSetCookie()[0])![1]);
      expect(maxAge).toBe(Math.min(IDLE_MS, ABSOLUTE_MS - elapsed) / 1000);
    }
    studio.clock.advance(ABSOLUTE_MS - elapsed);
    const res = await browser.request(`${studio.url}/studio/api/notes`, { headers: json });
    expect(res.status).toBe(401);
  });

  test('sign-out clears the cookie; afterwards the browser is signed out', async () => {
    const { browser, csrf } = await signedIn(studio);
    const out = await browser.request(`${studio.url}/studio/logout`, { method: 'POST', headers: { ...json, 'x-csrf-token': csrf, origin: studio.url } });
    expect(out.status).toBe(200);
    expect(cleared(out.headers)).toBe(true);
    expect((await browser.request(`${studio.url}/studio/api/notes`, { headers: json })).status).toBe(401);
    // Signing out is a write: a cross-site page cannot sign someone out either.
    const again = await signedIn(studio);
    const forged = await again.browser.request(`${studio.url}/studio/logout`, { method: 'POST', headers: { ...json, origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect((await again.browser.request(`${studio.url}/studio/api/notes`, { headers: json })).status).toBe(200);
  });
});

describe('CSRF: every write to /studio needs the session token and an Origin of this server', () => {
  let studio: LocalStudio;
  beforeAll(async () => {
    studio = await startStudio({ STUDIO_LOCAL_NAME: 'Camille', PUBLIC_URL: 'http://studio.example.test:8080' });
  });
  afterAll(() => studio.close());

  const post = (browser: Browser, path: string, headers: Record<string, string>) =>
    browser.request(`${studio.url}${path}`, { method: 'POST', headers: { ...json, 'content-type': 'application/json', ...headers }, body: '{"text":"bonjour"}' });

  test('refused with 403: no token, a wrong token, no Origin nor Referer, another site, an opaque origin', async () => {
    const { browser, csrf } = await signedIn(studio);
    // The printed link uses PUBLIC_URL; the server is reached on loopback here.
    const own = studio.url;
    const cases: [string, Record<string, string>][] = [
      ['no token', { origin: own }],
      ['wrong token', { 'x-csrf-token': `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`, origin: own }],
      ['empty token', { 'x-csrf-token': '', origin: own }],
      ['no origin', { 'x-csrf-token': csrf }],
      ['other site', { 'x-csrf-token': csrf, origin: 'https://evil.example' }],
      ['look-alike', { 'x-csrf-token': csrf, origin: `${own}.evil.example` }],
      ['opaque origin, good referer', { 'x-csrf-token': csrf, origin: 'null', referer: `${own}/studio/` }],
      ['other site referer', { 'x-csrf-token': csrf, referer: 'https://evil.example/studio/' }],
    ];
    for (const [what, headers] of cases) {
      for (const path of ['/studio/api/notes', '/studio/api/unwrapped']) {
        const res = await post(browser, path, headers);
        expect({ what, path, status: res.status, code: JSON.parse(res.body).error?.code }).toEqual({ what, path, status: 403, code: 'csrf' });
      }
    }
    // Another session's token does not do either.
    const other = await signedIn(studio);
    expect((await post(browser, '/studio/api/notes', { 'x-csrf-token': other.csrf, origin: own })).status).toBe(403);
  });

  test('accepted: the token with the server own origin, with PUBLIC_URL, or with a Referer of this server', async () => {
    const { browser, csrf } = await signedIn(studio);
    const accepted: Record<string, string>[] = [{ origin: studio.url }, { origin: 'http://studio.example.test:8080' }, { referer: `${studio.url}/studio/map?x=1` }];
    for (const headers of accepted) {
      const res = await post(browser, '/studio/api/notes', { 'x-csrf-token': csrf, ...headers });
      expect(res.status).toBe(201);
      expect(JSON.parse(res.body)).toEqual({ saved: { text: 'bonjour' }, by: 'local:Camille' });
    }
  });

  test('every write is logged with the staff member; no token, cookie or other personal data in the logs', async () => {
    const { browser, csrf } = await signedIn(studio);
    const before = studio.logs.lines().length;
    expect((await post(browser, '/studio/api/notes', { 'x-csrf-token': csrf, origin: studio.url })).status).toBe(201);
    expect((await post(browser, '/studio/api/unwrapped', { 'x-csrf-token': csrf, origin: studio.url })).status).toBe(200);
    expect((await post(browser, '/studio/api/notes', { origin: studio.url })).status).toBe(403);
    const lines = studio.logs.lines().slice(before);
    expect(lines.filter((l) => l.msg === 'studio write')).toEqual([
      expect.objectContaining({ staff: 'Camille', method: 'POST', path: '/studio/api/notes', status: 201 }),
      expect.objectContaining({ staff: 'Camille', method: 'POST', path: '/studio/api/unwrapped', status: 200 }),
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 40, staff: 'Camille', path: '/studio/api/notes', problem: 'no X-CSRF-Token header' }));
    const raw = studio.logs.raw();
    const linkTokens = studio.printed.map((line) => new URL(line.split(': ')[1]).searchParams.get('token')!);
    expect(linkTokens.length).toBeGreaterThan(1);
    for (const secret of [csrf, browser.cookie('studio_session')!, ...linkTokens, 'bonjour']) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).toContain('studio: signed in');
  });
});
