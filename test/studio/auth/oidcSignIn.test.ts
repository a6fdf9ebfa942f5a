import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/paths';
import { authText, loadAuthTexts } from '../../../src/studio/http/authTexts';
import { escapeHtml } from '../../../src/studio/http/respond';
import { freePort } from '../../support/botProcess';
import { type Answer, Browser } from './support/browser';
import { NodeChild } from './support/childProcess';

/**
 * The production sign-in, end to end: a real OpenID provider (oidc-provider, PKCE required) and
 * the BUILT studio door (dist/, where openid-client, an ES module, can load) in child processes,
 * driven through the provider's own login and consent forms.
 */
const STAFF_GROUP = '6f1c0a3e-0000-4000-8000-000000000001';
const accounts = {
  ada: { email: 'ada@example.org', name: 'Ada Lovelace', groups: [] },
  grace: { email: 'grace@example.org', name: 'Grace Hopper', groups: ['0aa00000-0000-4000-8000-000000000009', STAFF_GROUP] },
  mallory: { email: 'mallory<b>@example.org', name: 'Mallory', groups: ['0aa00000-0000-4000-8000-000000000009'] },
};
const texts = loadAuthTexts();
const json = { accept: 'application/json' };

let provider: NodeChild;
let studio: NodeChild;
let app: string;
let issuer: string;

beforeAll(async () => {
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  const client = { clientId: 'probono-studio', clientSecret: 'a-client-secret-for-the-tests' };
  provider = new NodeChild(path.join(PROJECT_ROOT, 'test', 'support', 'oidcProvider.mjs'), [JSON.stringify({ ...client, redirectUri: `${app}/studio/auth/callback`, accounts })], {});
  issuer = await provider.waitForJson<string>('issuer');
  studio = new NodeChild(path.join(__dirname, 'support', 'studioServer.js'), [], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: String(port),
    PUBLIC_URL: app,
    STUDIO_OIDC_ISSUER: issuer,
    STUDIO_OIDC_CLIENT_ID: client.clientId,
    STUDIO_OIDC_CLIENT_SECRET: client.clientSecret,
    STUDIO_SESSION_SECRET: 'the-session-secret-of-the-oidc-tests',
    STUDIO_ALLOWED_EMAILS: 'ADA@example.org',
    STUDIO_ALLOWED_GROUPS: STAFF_GROUP,
  });
  await studio.waitForJson<number>('studioTestServer');
}, 60_000);

afterAll(async () => {
  await studio?.stop();
  await provider?.stop();
});

const isCallback = (url: URL) => url.href.startsWith(`${app}/studio/auth/callback`);

/**
 * /studio/login → the provider's login form → its consent form → our callback: its answer, or,
 * with `stopBeforeCallback`, the callback URL not yet visited.
 */
async function signIn(browser: Browser, login: string, stopBeforeCallback = false): Promise<Answer> {
  const stop = stopBeforeCallback ? { before: isCallback } : { until: isCallback };
  const start = await browser.request(`${app}/studio/login?returnTo=${encodeURIComponent('/studio/api/notes')}`);
  expect(start.status).toBe(303);
  let answer = await browser.follow(start, stop);
  for (let forms = 0; !isCallback(new URL(answer.url)) && forms < 4; forms++) {
    const posted = await browser.submitForm(answer, /name="login"/.test(answer.body) ? { login, password: 'any' } : {});
    answer = await browser.follow(posted, stop);
  }
  if (!isCallback(new URL(answer.url))) throw new Error(`never came back: ${answer.url} ${answer.status}\n${answer.body.slice(0, 300)}`);
  return answer;
}

async function session(browser: Browser): Promise<{ status: number; staff?: unknown; csrfToken?: string }> {
  const res = await browser.request(`${app}/studio/auth/session`, { headers: json });
  return { status: res.status, ...(res.status === 200 ? JSON.parse(res.body) : {}) };
}

test('the authorization request carries PKCE (S256), state and nonce; they wait in a short-lived signed cookie', async () => {
  const browser = new Browser();
  const start = await browser.request(`${app}/studio/login`);
  const to = new URL(start.headers.get('location')!);
  expect(to.origin).toBe(issuer);
  expect(Object.fromEntries(to.searchParams)).toMatchObject({
    client_id: 'probono-studio',
    response_type: 'code',
    redirect_uri: `${app}/studio/auth/callback`,
    scope: 'openid profile email',
    code_challenge_method: 'S256',
    code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    state: expect.any(String),
    nonce: expect.any(String),
  });
  expect(start.headers.getSetCookie()).toEqual([expect.stringMatching(/^studio_sign_in=[^;]+; Path=\/studio\/auth; Max-Age=600; HttpOnly; SameSite=Lax$/)]);
});

test('an allowed email signs in: back where they were going, a session cookie, the sign-in cookie gone', async () => {
  const browser = new Browser();
  const callback = await signIn(browser, 'ada');
  expect(callback.status).toBe(303);
  expect(callback.headers.get('location')).toBe('/studio/api/notes');
  const cookies = callback.headers.getSetCookie();
  expect(cookies).toContainEqual(expect.stringMatching(/^studio_session=[^;]+; Path=\/studio; Max-Age=28800; HttpOnly; SameSite=Lax$/));
  expect(cookies).toContainEqual('studio_sign_in=; Path=/studio/auth; Max-Age=0; HttpOnly; SameSite=Lax');
  expect(await session(browser)).toEqual({ status: 200, staff: { id: 'ada', email: 'ada@example.org', name: 'Ada Lovelace' }, csrfToken: expect.any(String) });
  expect((await browser.request(`${app}/studio/api/notes`, { headers: json })).status).toBe(200);
});

test('an allowed group signs in (Entra `groups` claim)', async () => {
  const browser = new Browser();
  expect((await signIn(browser, 'grace')).status).toBe(303);
  expect(await session(browser)).toMatchObject({ status: 200, staff: { id: 'grace', email: 'grace@example.org', name: 'Grace Hopper' } });
});

test('anyone else gets a 403 page saying who they are signed in as and whom to ask; no session', async () => {
  const browser = new Browser();
  const denied = await signIn(browser, 'mallory');
  expect(denied.status).toBe(403);
  expect(denied.body).toContain('<html lang="fr">');
  expect(denied.body).toContain(escapeHtml(authText(texts, 'auth.forbidden.who', 'fr', { who: 'mallory<b>@example.org' })));
  expect(denied.body).toContain('mallory&lt;b&gt;@example.org');
  expect(denied.body).toContain(escapeHtml(authText(texts, 'auth.forbidden.ask', 'fr')));
  expect(denied.body).toContain('href="/studio/login?returnTo=%2Fstudio%2Fapi%2Fnotes&amp;account=choose&amp;lang=fr"');
  expect(denied.headers.getSetCookie().some((c) => c.startsWith('studio_session='))).toBe(false);
  expect(await session(browser)).toEqual({ status: 401 });
});

test('the 403 page in English when the browser prefers it', async () => {
  const denied = await signIn(new Browser({ 'accept-language': 'en-GB,en;q=0.9' }), 'mallory');
  expect(denied.status).toBe(403);
  expect(denied.body).toContain('<html lang="en">');
  expect(denied.body).toContain(escapeHtml(authText(texts, 'auth.forbidden.ask', 'en')));
});

test('a callback that does not match the sign-in of this browser fails with 401: replayed code, no cookie, forged state', async () => {
  const browser = new Browser();
  const ok = await signIn(browser, 'ada');
  expect(ok.status).toBe(303);
  const failed = escapeHtml(authText(texts, 'auth.signin.failed', 'fr'));
  // The same callback again: the sign-in cookie is gone (and the code is spent).
  const replay = await browser.request(ok.url);
  expect(replay.status).toBe(401);
  expect(replay.body).toContain(failed);
  // Someone else's unspent code, brought to a browser that started its own sign-in.
  const victim = new Browser();
  const attacker = new Browser();
  await attacker.request(`${app}/studio/login`);
  const answer = await signIn(victim, 'ada', true);
  const crossed = await attacker.request(answer.url);
  expect(crossed.status).toBe(401);
  expect(await session(attacker)).toEqual({ status: 401 });
  // That code was good: in the browser that asked for it, it signs in.
  expect((await victim.request(answer.url)).status).toBe(303);
  // The right browser, but a forged state.
  const other = new Browser();
  const forged = new URL((await signIn(other, 'ada', true)).url);
  forged.searchParams.set('state', 'forged');
  expect((await other.request(forged.href)).status).toBe(401);
  expect(await session(other)).toEqual({ status: 401 });
  // The provider said no (e.g. the user cancelled).
  const cancelled = await new Browser().request(`${app}/studio/auth/callback?error=access_denied&state=x`);
  expect(cancelled.status).toBe(401);
});

test('a tampered session cookie gets 401 and is cleared; writes need the CSRF token and this origin', async () => {
  const browser = new Browser();
  await signIn(browser, 'ada');
  const { csrfToken } = await session(browser);
  const post = (headers: Record<string, string>) =>
    browser.request(`${app}/studio/api/notes`, { method: 'POST', headers: { ...json, 'content-type': 'application/json', ...headers }, body: '{"n":1}' });
  expect((await post({ origin: app })).status).toBe(403);
  expect((await post({ 'x-csrf-token': csrfToken!, origin: 'https://evil.example' })).status).toBe(403);
  expect((await post({ 'x-csrf-token': csrfToken!, origin: app })).status).toBe(201);

  const good = browser.cookie('studio_session')!;
  const [payload, mac] = good.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const promoted = Buffer.from(JSON.stringify({ ...claims, staff: { ...claims.staff, email: 'boss@example.org' } })).toString('base64url');
  browser.setCookie('studio_session', `${promoted}.${mac}`, '/studio');
  const tampered = await browser.request(`${app}/studio/api/notes`, { headers: json });
  expect(tampered.status).toBe(401);
  expect(tampered.headers.getSetCookie()).toContain('studio_session=; Path=/studio; Max-Age=0; HttpOnly; SameSite=Lax');
});

test('the logs name who signed in and wrote, and hold no code, token, cookie, nor a refused person', async () => {
  const browser = new Browser();
  const callback = await signIn(browser, 'ada');
  const code = new URL(callback.url).searchParams.get('code')!;
  const { csrfToken } = await session(browser);
  const writes = () => studio.jsonLines().filter((l) => l.msg === 'studio write').length;
  const before = writes();
  await browser.request(`${app}/studio/api/notes`, {
    method: 'POST',
    headers: { ...json, 'content-type': 'application/json', 'x-csrf-token': csrfToken!, origin: app },
    body: '{"n":2}',
  });
  await signIn(new Browser(), 'mallory');
  // The write's log line is written when its response finishes: wait for that line, not for time.
  await new Promise<void>((resolve) => {
    const check = () => (writes() > before ? resolve() : setTimeout(check, 20));
    check();
  });
  const lines = studio.jsonLines();
  expect(lines).toContainEqual(expect.objectContaining({ msg: 'studio: signed in', staff: 'ada@example.org' }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: 'studio write', staff: 'ada@example.org', method: 'POST', path: '/studio/api/notes', status: 201 }));
  expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/^studio: sign-in refused/) }));
  for (const secret of [code, csrfToken!, browser.cookie('studio_session')!, 'mallory', 'a-client-secret-for-the-tests', 'the-session-secret-of-the-oidc-tests']) {
    expect(studio.stdout).not.toContain(secret);
  }
});

test('a provider that cannot be reached: the sign-in page says so (503), the server keeps serving', async () => {
  const port = await freePort();
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  const lonely = new NodeChild(path.join(__dirname, 'support', 'studioServer.js'), [], {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    STUDIO_OIDC_ISSUER: nowhere,
    STUDIO_OIDC_CLIENT_ID: 'probono-studio',
    STUDIO_OIDC_CLIENT_SECRET: 'a-client-secret-for-the-tests',
    STUDIO_SESSION_SECRET: 'the-session-secret-of-the-oidc-tests',
    STUDIO_ALLOWED_EMAILS: 'ada@example.org',
  });
  try {
    await lonely.waitForJson<number>('studioTestServer');
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await new Browser().request(`http://127.0.0.1:${port}/studio/login`);
      expect(res.status).toBe(503);
      expect(res.body).toContain(escapeHtml(authText(texts, 'auth.signin.unavailable', 'fr')));
    }
    expect((await new Browser().request(`http://127.0.0.1:${port}/healthz`, { headers: json })).status).toBe(200);
    expect(lonely.jsonLines()).toContainEqual(expect.objectContaining({ level: 50, msg: expect.stringContaining('cannot be reached') }));
  } finally {
    await lonely.stop();
  }
});
