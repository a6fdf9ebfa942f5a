import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BotProcess, freePort } from '../support/botProcess';
import { type RawAnswer, type RawRequest, rawRequest } from './rawHttp';

/**
 * Issue 13, doors 1 and 1b, and the same class of defect on every route: what a request can do to
 * the server before anyone is authenticated. The built server runs as a child process (a crash
 * shows) with its own temporary folder (its os.tmpdir()), and its memory is read from /proc:
 * VmHWM is the highest RSS the process ever had, so a spike shows even after it is over.
 */
const MB = 1024 * 1024;
/** A generous margin: the spikes these requests caused were hundreds of MB to over a GB. */
const MEMORY_MARGIN_KB = 100 * 1024;

/** A small gzip body that inflates to `inflated` bytes of JSON whitespace. */
async function gzipBomb(inflated: number): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const spaces = Buffer.alloc(MB, 0x20);
  for (let written = 0; written < inflated; written += spaces.length) {
    if (!gzip.write(spaces)) await once(gzip, 'drain');
  }
  gzip.end();
  await once(gzip, 'end');
  return Buffer.concat(out);
}

function multipart(size: number): { body: Buffer; type: string } {
  const boundary = 'probono-upload-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x41), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('requests through the real server', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-tmpdir-'));
  let proc: BotProcess;
  let dl: { token: string; conversationId: string };
  const send = (init: RawRequest) => rawRequest(proc.url, init);
  // A serviceUrl local mode refuses (403) once the body is read: no turn runs, nothing is posted.
  const activity = (text: string) =>
    JSON.stringify({ type: 'message', id: `a-${text.length}`, channelId: 'emulator', serviceUrl: 'https://channel.example/', conversation: { id: 'c-body' }, from: { id: 'u' }, text });
  /** Every route that takes a body, with what it needs besides. */
  const bodyRoutes = (): { path: string; headers: Record<string, string> }[] => [
    { path: '/api/messages', headers: {} },
    { path: '/api/directline/token', headers: {} },
    { path: '/v3/directline/conversations', headers: { authorization: `Bearer ${dl.token}` } },
    { path: `/v3/directline/conversations/${dl.conversationId}/activities`, headers: { authorization: `Bearer ${dl.token}` } },
    { path: '/v3/directline/tokens/refresh', headers: { authorization: `Bearer ${dl.token}` } },
  ];
  const peakKb = () => proc.memoryKb().peak;

  beforeAll(async () => {
    proc = new BotProcess(await freePort(), fs.mkdtempSync(path.join(os.tmpdir(), 'bot-bodies-')));
    proc.start({ TMPDIR: tmp, LOG_LEVEL: 'warn' });
    await proc.waitFor('/readyz', 200);
    const token = (await (await fetch(`${proc.url}/api/directline/token`, { method: 'POST' })).json()) as { token: string };
    const started = await fetch(`${proc.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token.token}` } });
    dl = { token: token.token, conversationId: ((await started.json()) as { conversationId: string }).conversationId };
  }, 120_000);
  afterAll(async () => {
    await proc.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  afterEach(async () => {
    // Whatever a test sent, the server is still serving.
    expect((await send({ path: '/healthz' })).status).toBe(200);
  });

  test('a gzip bomb is refused with 415 before anything is inflated, on every route; memory stays flat', async () => {
    const bomb = await gzipBomb(200 * MB);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const before = peakKb();
    const answers = await Promise.all(
      [...bodyRoutes(), ...bodyRoutes()].map((route) =>
        send({ method: 'POST', path: route.path, headers: { ...route.headers, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bomb }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 415));
    expect(JSON.parse(answers[0].body)).toEqual({ error: 'UnsupportedMediaType', message: expect.stringContaining('Content-Encoding') });
    expect(peakKb() - before).toBeLessThan(MEMORY_MARGIN_KB);
  }, 120_000);

  test('deflate, br and any other encoding get 415 too; identity is plain JSON', async () => {
    const json = activity('bonjour');
    const encoded: [string, Buffer][] = [
      ['deflate', zlib.deflateSync(json)],
      ['br', zlib.brotliCompressSync(json)],
      ['gzip, identity', zlib.gzipSync(json)],
      ['compress', Buffer.from(json)],
    ];
    for (const [encoding, body] of encoded) {
      const answer = await send({ method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });
      expect([encoding, answer.status]).toEqual([encoding, 415]);
    }
    const plain = await send({ method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'identity' }, body: json });
    // Read and parsed: refused (403) only because of its serviceUrl, which local mode checks next.
    expect(plain.status).toBe(403);
  });

  test('a multipart upload gets 415 on every route and nothing is written to the temporary folder', async () => {
    const before = fs.readdirSync(tmp);
    const upload = multipart(500 * 1024);
    for (const route of bodyRoutes()) {
      const answer = await send({ method: 'POST', path: route.path, headers: { ...route.headers, 'content-type': upload.type }, body: upload.body });
      expect([route.path, answer.status]).toEqual([route.path, 415]);
    }
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'application/json; charset=utf-16', 'application/jsonx']) {
      const answer = await send({ method: 'POST', path: '/api/messages', headers: { 'content-type': type }, body: activity('hi') });
      expect([type, answer.status]).toEqual([type, 415]);
    }
    expect(fs.readdirSync(tmp)).toEqual(before);
  });

  test('a chunked body over the cap gets 413; a far longer one is cut off; memory stays flat', async () => {
    const before = peakKb();
    const overCap = await send({
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      chunks: { chunk: Buffer.alloc(64 * 1024, 0x20), count: 8 },
    });
    expect(overCap.status).toBe(413);
    expect(JSON.parse(overCap.body)).toEqual({ error: 'PayloadTooLarge', message: expect.stringContaining('256 kB') });
    // 64 MB chunked: the server stops reading and closes the connection (after a 413 when the client reads it in time).
    const huge = await send({
      method: 'POST',
      path: '/api/messages',
      headers: { 'content-type': 'application/json' },
      chunks: { chunk: Buffer.alloc(MB, 0x20), count: 64 },
    }).catch((err: Error) => ({ status: 'connection closed', error: err.message }));
    expect([413, 'connection closed']).toContain(huge.status);
    // A declared length far over the cap is refused before a byte is read.
    const declared = await send({ method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', 'content-length': String(50 * MB) } });
    expect(declared.status).toBe(413);
    expect(peakKb() - before).toBeLessThan(MEMORY_MARGIN_KB);
  }, 120_000);

  test('deeply nested JSON is a 400 with a plain message on every route, never a 500 nor internal text', async () => {
    const deep = (route: { path: string }) =>
      route.path.endsWith('/activities') ? `{"type":"event","name":"x","value":${nested(20_000)}}` : route.path === '/api/messages' ? nested(100_000) : `{"user":${nested(1_000)}}`;
    const answers: [string, RawAnswer][] = [];
    for (const route of bodyRoutes()) {
      answers.push([route.path, await send({ method: 'POST', path: route.path, headers: { ...route.headers, 'content-type': 'application/json' }, body: deep(route) })]);
    }
    for (const [where, answer] of answers) {
      expect([where, answer.status]).toEqual([where, 400]);
      expect(answer.body).toMatch(/nested deeper than \d+ levels/);
      expect(answer.body).not.toMatch(/RangeError|call stack|at [\w.]+ \(/);
    }
  });

  test('a request target or Host restify cannot parse is a 400, and the server stays up', async () => {
    for (const init of [{ path: 'http://[::1/x' }, { path: '/healthz', headers: { host: '[::1' } }, { path: 'http://%zz/' }]) {
      const answer = await send(init);
      expect([init, answer.status]).toEqual([init, 400]);
      expect(JSON.parse(answer.body)).toEqual({ error: 'BadRequest', message: expect.any(String) });
      expect((await send({ path: '/healthz' })).status).toBe(200);
    }
  });

  test('HEAD answers like GET without a body; OPTIONS and other methods get 405 with Allow', async () => {
    for (const route of ['/healthz', '/readyz', '/', '/widget.js', '/chat.js']) {
      const [get, head] = [await send({ path: route }), await send({ method: 'HEAD', path: route })];
      expect([route, head.status, head.body]).toEqual([route, get.status, '']);
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
    }
    const options = await send({ method: 'OPTIONS', path: '/api/messages' });
    expect([options.status, options.headers.allow]).toEqual([405, 'POST']);
    expect((await send({ method: 'DELETE', path: '/healthz' })).status).toBe(405);
    expect((await send({ method: 'PUT', path: '/api/directline/token', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(405);
  });

  test('error answers are fixed sentences: no echo of the request, no internal text', async () => {
    const marker = 'sk-live-0123456789abcdef';
    const notFound = await send({ path: `/api/${marker}?token=${marker}` });
    expect(notFound.status).toBe(404);
    expect(JSON.parse(notFound.body)).toEqual({ error: 'ResourceNotFound', message: 'no such route' });
    const answers = [
      notFound,
      await send({ method: 'POST', path: `/v3/directline/conversations/${marker}/activities`, headers: { authorization: `Bearer ${marker}` } }),
      await send({ method: 'POST', path: '/v3/directline/tokens/refresh', headers: { authorization: `Bearer ${marker}` } }),
      await send({ path: `/v3/directline/conversations/${dl.conversationId}/activities?watermark=${marker}`, headers: { authorization: `Bearer ${dl.token}` } }),
      await send({ method: 'POST', path: '/api/messages', headers: { 'content-type': 'application/json', authorization: `Bearer ${marker}` }, body: `{"type":"${marker}` }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body).not.toContain(marker);
    }
  });

  test('GET routes ignore a body, close the connection instead of draining it, and keep memory flat', async () => {
    const before = peakKb();
    const withBody = await send({ method: 'GET', path: '/healthz', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
    expect([withBody.status, withBody.headers.connection]).toEqual([200, 'close']);
    const huge = await send({ method: 'GET', path: '/readyz', chunks: { chunk: Buffer.alloc(MB, 0x20), count: 64 } }).catch((err: Error) => ({
      status: 'connection closed',
      error: err.message,
    }));
    expect([200, 'connection closed']).toContain(huge.status);
    // A query string can be no longer than the request line: Node refuses the rest.
    const longQuery = await send({ path: `/?lang=${'x'.repeat(64 * 1024)}` }).catch((err: Error) => ({ status: 'connection closed', error: err.message }));
    expect([431, 400, 414, 'connection closed']).toContain(longQuery.status);
    expect(peakKb() - before).toBeLessThan(MEMORY_MARGIN_KB);
  }, 60_000);
});
