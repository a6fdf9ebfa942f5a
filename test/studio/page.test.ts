import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOT_BUILT } from '../../src/studio/page/studioPage';
import { rawRequest } from '../server/rawHttp';
import { type StudioClient, StudioServer } from './support/studioWorld';

/**
 * The studio page as the server hands it out: the build of the page (dist/studio/, made by its
 * own esbuild step; here a small one written by the test), its assets, the headers of studio
 * pages, and a plain 503 until the page is built.
 */
describe('studio page: /studio and /studio/assets/*', () => {
  const built = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-page-'));
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'studio-none-'));
  const HTML = '<!doctype html><html lang="fr"><head><script src="/studio/assets/index-AB12CD34.js" type="module"></script></head><body><div id="root"></div></body></html>';
  fs.mkdirSync(path.join(built, 'assets'));
  fs.writeFileSync(path.join(built, 'index.html'), HTML);
  fs.writeFileSync(path.join(built, 'assets', 'index-AB12CD34.js'), 'console.log("studio");');
  fs.writeFileSync(path.join(built, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  fs.writeFileSync(path.join(built, 'secret.txt'), 'not an asset');

  const withBuild = new StudioServer({ studioPageDir: built });
  const withoutBuild = new StudioServer({ studioPageDir: empty });
  let staff: StudioClient;
  let other: StudioClient;
  beforeAll(async () => {
    await Promise.all([withBuild.start(), withoutBuild.start()]);
    [staff, other] = await Promise.all([withBuild.signIn(), withoutBuild.signIn()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([withBuild.stop(), withoutBuild.stop()]);
    for (const dir of [built, empty]) fs.rmSync(dir, { recursive: true, force: true });
  });

  const page = { accept: 'text/html' };

  test('GET /studio and any page address: the built page, never cached, scripts from this server only, framed by it only', async () => {
    for (const address of ['/studio', '/studio/', '/studio/journey/legal_form', '/studio/insights?version=2']) {
      const answer = await staff.get(address, page);
      expect([address, answer.status]).toEqual([address, 200]);
      expect(answer.text).toBe(HTML);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      const csp = answer.headers.get('content-security-policy')!;
      for (const directive of ["script-src 'self'", "frame-src 'self'", "frame-ancestors 'self'", "object-src 'none'"]) expect(csp).toContain(directive);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    }
    // Not pages: the API's unknown routes say so in JSON.
    const api = await staff.get('/studio/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not_found');
    // Without a session: the sign-in page.
    expect((await fetch(`${withBuild.url}/studio`, { headers: page })).status).toBe(401);
  });

  test('GET /studio/assets/*: hashed files cached for a year, others revalidated; nothing outside assets/', async () => {
    const js = await staff.get('/studio/assets/index-AB12CD34.js');
    expect(js.status).toBe(200);
    expect(js.text).toBe('console.log("studio");');
    expect(js.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const again = await staff.get('/studio/assets/index-AB12CD34.js', { 'if-none-match': js.headers.get('etag')! });
    expect(again.status).toBe(304);
    const svg = await staff.get('/studio/assets/logo.svg');
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.headers.get('cache-control')).toBe('no-cache');
    for (const address of ['/studio/assets/missing-ZZ99ZZ99.js', '/studio/assets/.hidden', '/studio/assets/a%2f..%2f..%2fsecret.txt']) {
      const answer = await staff.get(address);
      expect([address, answer.status]).toEqual([address, 404]);
    }
    // Sent as is (fetch would resolve the dots): whatever answers, never the file beside assets/.
    const cookie = `studio_session=${staff.browser.cookie('studio_session')}`;
    for (const target of ['/studio/assets/../secret.txt', '/studio/assets/%2e%2e/secret.txt', '/studio/assets/..%2fsecret.txt', '/studio/assets/%2e%2e%2fsecret.txt']) {
      const answer = await rawRequest(withBuild.url, { path: target, headers: { cookie } });
      expect([target, answer.body]).not.toEqual([target, expect.stringContaining('not an asset')]);
    }
  });

  test('until the page is built: 503 with a plain sentence saying how', async () => {
    for (const address of ['/studio', '/studio/versions', '/studio/assets/index-AB12CD34.js']) {
      const answer = await other.get(address, page);
      expect([address, answer.status]).toEqual([address, 503]);
      expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(answer.text.trim()).toBe(NOT_BUILT);
    }
    // The API does not need the page.
    expect((await other.get('/studio/api/me')).status).toBe(200);
  });
});
