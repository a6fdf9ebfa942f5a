import fs from 'node:fs';
import http from 'node:http';
import vm from 'node:vm';
import zlib from 'node:zlib';
import restify from 'restify';
import { say } from '../../src/engine/texts';
import { CARDS_DIR } from '../../src/paths';
import { registerPages } from '../../src/web/pages';
import { loadWebStyle } from '../../src/web/style';
import { findWebchatBundle } from '../../src/web/webchatBundle';
import { BotServer, sharedFlow } from '../support/channelHarness';
import { captureLogs } from '../support/logCapture';

/** A raw GET (fetch would ask for gzip and unpack it on its own). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('the chat page, the widget script and the Web Chat bundle', () => {
  const server = new BotServer();
  beforeAll(() => server.start(), 90_000);
  afterAll(() => server.stop());
  const flow = sharedFlow();

  test('GET /: French, titled, labelled, the settings of local mode, nothing from another site', async () => {
    const page = await get(`${server.url}/`);
    const html = page.body.toString();
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`<title>${say(flow, 'web.page_title', 'fr')}</title>`);
    expect(html).toContain(`<h1>${say(flow, 'web.heading', 'fr')}</h1>`);
    expect(html).toContain('<main');
    expect(html).toContain(`aria-label="${say(flow, 'web.chat_label', 'fr').replace(/'/g, '&#39;')}"`);
    const config = JSON.parse(/<script id="chat-config" type="application\/json">(.*?)<\/script>/.exec(html)![1]);
    expect(config).toMatchObject({ mode: 'local', embed: false, locale: 'fr-FR', styleOptions: { hideUploadButton: true } });
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('{{');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(page.headers['x-frame-options']).toBeUndefined();
  });

  test('GET /?lang=en and /?embed=1', async () => {
    const en = (await get(`${server.url}/?lang=en`)).body.toString();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain(`<title>${say(flow, 'web.page_title', 'en')}</title>`);
    expect(en).toContain('"locale":"en-GB"');
    const embed = (await get(`${server.url}/?embed=1`)).body.toString();
    expect(embed).toContain('<body class="embed">');
    expect(embed).toContain('"embed":true');
  });

  test('GET /webchat.js: the npm bundle, cached, revalidated by ETag, gzipped on demand', async () => {
    const file = fs.readFileSync(findWebchatBundle()!);
    const plain = await get(`${server.url}/webchat.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=86400');
    expect(plain.body.equals(file)).toBe(true);
    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await get(`${server.url}/webchat.js`, { 'if-none-match': etag });
    expect([again.status, again.body.length]).toEqual([304, 0]);
    const gzipped = await get(`${server.url}/webchat.js`, { 'accept-encoding': 'gzip, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.body.length).toBeLessThan(file.length / 2);
    expect(zlib.gunzipSync(gzipped.body).equals(file)).toBe(true);
  });

  test('GET /widget.js: valid JavaScript carrying the texts and colours, loadable by other sites', async () => {
    const widget = await get(`${server.url}/widget.js`);
    const source = widget.body.toString();
    expect(widget.status).toBe(200);
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(source).not.toContain('__PROBONO_WIDGET_CONFIG__');
    expect(() => new vm.Script(source)).not.toThrow();
    for (const lang of ['fr', 'en'] as const) expect(source).toContain(JSON.stringify(say(flow, 'web.bubble_open', lang)));
    expect(source).toContain(loadWebStyle(CARDS_DIR).colors.accent);
    for (const route of ['/chat.js', '/chat.css']) expect((await get(`${server.url}${route}`)).status).toBe(200);
  });

  test('without the bundle: a log line, GET /webchat.js is 404, the rest still serves', async () => {
    const logs = captureLogs('info');
    const bare = restify.createServer();
    registerPages(bare, { flow: () => flow, style: loadWebStyle(CARDS_DIR), mode: 'local', log: logs.log, directLineEndpoint: 'https://directline.botframework.com/v3/directline', webchatBundle: '/nonexistent/webchat.js' });
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
      expect((await get(`${url}/webchat.js`)).status).toBe(404);
      expect((await get(`${url}/`)).status).toBe(200);
      expect(logs.lines().some((l) => l.level === 50 && String(l.msg).startsWith('Web Chat bundle not found'))).toBe(true);
    } finally {
      await new Promise<void>((r) => bare.close(() => r()));
    }
  });
});
