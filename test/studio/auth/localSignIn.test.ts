import { authText, loadAuthTexts } from '../../../src/studio/http/authTexts';
import { escapeHtml } from '../../../src/studio/http/respond';
import { Browser } from './support/browser';
import { type LocalStudio, startStudio } from './support/localStudio';

const texts = loadAuthTexts();
const html = (key: Parameters<typeof authText>[1], lang: 'fr' | 'en') => escapeHtml(authText(texts, key, lang));
const json = { accept: 'application/json' };

describe('local sign-in: the one-time link printed at start', () => {
  let studio: LocalStudio;
  beforeEach(async () => {
    studio = await startStudio({ STUDIO_LOCAL_NAME: 'Camille' });
  });
  afterEach(() => studio.close());

  test('the link is printed once listening: a plain line with a 256-bit token, on the address the server listens on', () => {
    expect(studio.printed).toHaveLength(1);
    expect(studio.printed[0]).toMatch(new RegExp(`^Studio sign-in link \\(works once\\): ${studio.url}/studio/login\\?token=[A-Za-z0-9_-]{43}$`));
  });

  test('the link signs in once, as the local staff member; used again it does not; a fresh link works for another browser', async () => {
    const first = studio.link();
    const browser = new Browser();
    const signIn = await browser.request(first);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/studio/');
    const setCookie = signIn.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/^studio_session=[^;]+; Path=\/studio; Max-Age=28800; HttpOnly; SameSite=Lax$/);
    expect(signIn.headers.get('referrer-policy')).toBe('no-referrer');

    const home = await browser.request(`${studio.url}/studio/`, { headers: json });
    expect(home.status).toBe(200);
    expect(JSON.parse(home.body)).toEqual({ page: 'home', staff: { id: 'local:Camille', name: 'Camille' } });

    // A new link was printed; the used one is spent, in any browser.
    expect(studio.printed).toHaveLength(2);
    const second = studio.link();
    expect(second).not.toBe(first);
    const replay = await new Browser().request(first);
    expect(replay.status).toBe(401);
    expect(replay.body).toContain(html('auth.signin.local_spent', 'fr'));
    expect(replay.headers.getSetCookie()).toEqual([]);

    const other = new Browser();
    expect((await other.request(second)).status).toBe(303);
    expect((await other.request(`${studio.url}/studio/api/notes`, { headers: json })).status).toBe(200);
  });

  test('a wrong token signs nobody in and leaves the printed link valid', async () => {
    const link = studio.link();
    const wrong = await new Browser().request(link.replace(/token=.*/, `token=${'A'.repeat(43)}`));
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain(html('auth.signin.local_spent', 'fr'));
    expect((await new Browser().request(link)).status).toBe(303);
  });

  test('no session: 401 JSON for data calls, the sign-in page (French first, English on request) for pages', async () => {
    const api = await new Browser().request(`${studio.url}/studio/api/notes`, { headers: json });
    expect(api.status).toBe(401);
    expect(JSON.parse(api.body)).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('/studio/login') } });

    const fr = await new Browser().request(`${studio.url}/studio/`);
    expect(fr.status).toBe(401);
    expect(fr.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(fr.body).toContain('<html lang="fr">');
    expect(fr.body).toContain(`<h1>${html('auth.signin.heading', 'fr')}</h1>`);
    expect(fr.body).toContain(html('auth.signin.local', 'fr'));
    expect(fr.body).toContain('href="/studio/?lang=en"');

    const en = await new Browser().request(`${studio.url}/studio/?lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain(html('auth.signin.local', 'en'));
    const preferred = await new Browser().request(`${studio.url}/studio/`, { headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' } });
    expect(preferred.body).toContain(html('auth.signin.local', 'en'));
    const french = await new Browser().request(`${studio.url}/studio/`, { headers: { 'accept-language': 'de, fr;q=0.8, en;q=0.7' } });
    expect(french.body).toContain('<html lang="fr">');
  });

  test('every /studio route is behind the gate, even one registered without staffOnly, however its path is spelt', async () => {
    for (const path of ['/studio/api/unwrapped', '/%73tudio/api/unwrapped', '/STUDIO/api/unwrapped', '//studio/api/unwrapped', '/x/../studio/api/unwrapped', '/studio/./api/unwrapped']) {
      for (const method of ['GET', 'POST']) {
        const res = await new Browser().request(`${studio.url}${path}`, { method, headers: json });
        expect({ path, method, status: res.status, reached: res.body.includes('reached') }).toEqual({ path, method, status: 401, reached: false });
      }
    }
    expect((await new Browser().request(`${studio.url}/healthz`, { headers: json })).status).toBe(200);
  });

  test('a GET on a write route is refused (a link or an image cannot trigger a write)', async () => {
    const browser = new Browser();
    await browser.request(studio.link());
    const res = await browser.request(`${studio.url}/studio/api/notes/purge`, { headers: json });
    expect(res.status).toBe(405);
  });
});

describe('local sign-in behind an https PUBLIC_URL', () => {
  test('the link uses PUBLIC_URL and the session cookie is Secure', async () => {
    const studio = await startStudio({ PUBLIC_URL: 'https://bot.example.org/' });
    try {
      expect(studio.link()).toMatch(/^https:\/\/bot\.example\.org\/studio\/login\?token=/);
      const token = new URL(studio.link()).search;
      const res = await new Browser().request(`${studio.url}/studio/login${token}`);
      expect(res.status).toBe(303);
      expect(res.headers.getSetCookie()[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await studio.close();
    }
  });
});

describe('production without STUDIO_OIDC_*: the studio is closed', () => {
  test('every /studio route answers 404, the sign-in route and unwrapped routes included; nothing is printed', async () => {
    const studio = await startStudio({ NODE_ENV: 'production' });
    try {
      for (const path of ['/studio', '/studio/', '/studio/login?token=x', '/studio/auth/callback', '/studio/api/unwrapped', '/Studio/api/notes']) {
        for (const method of ['GET', 'POST']) {
          const res = await new Browser().request(`${studio.url}${path}`, { method, headers: json });
          expect({ path, method, status: res.status }).toEqual({ path, method, status: 404 });
        }
      }
      expect((await new Browser().request(`${studio.url}/healthz`, { headers: json })).status).toBe(200);
      expect(studio.printed).toEqual([]);
    } finally {
      await studio.close();
    }
  });
});
