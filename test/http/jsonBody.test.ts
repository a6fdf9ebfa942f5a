import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonBody } from '../../src/http/jsonBody';

/** A loopback server answering with what the body reader made of each request. */
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const result = await readJsonBody(req, res);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(result.ok ? { ok: true, value: result.value ?? null, blank: result.value === undefined } : result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function send(body: string | Buffer, type: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
  return (await res.json()) as Record<string, unknown>;
}

describe('readJsonBody', () => {
  it('reads JSON after a byte order mark, and takes a blank body (spaces, newlines, a mark alone) as none', async () => {
    expect(await send('\uFEFF{"a":1}', 'application/json')).toEqual({ ok: true, value: { a: 1 }, blank: false });
    expect(await send(' \n\t\r ', 'application/json')).toEqual({ ok: true, value: null, blank: true });
    expect(await send('\uFEFF', 'application/json')).toEqual({ ok: true, value: null, blank: true });
    expect(await send('\u00a0\u2028', 'application/json')).toEqual({ ok: true, value: null, blank: true });
    expect(await send('  "x"  ', 'application/json')).toEqual({ ok: true, value: 'x', blank: false });
    expect(await send(' {', 'application/json')).toMatchObject({ ok: false, status: 400, message: 'the body is not valid JSON' });
  });

  it('answers each content type for itself, one after the other (the last answer kept is only for the same header)', async () => {
    const types: [string, boolean][] = [
      ['application/json', true],
      ['text/plain', false],
      ['application/json; charset=utf-8', true],
      ['application/json; charset=utf-16', false],
      ['application/json; charset=utf-16', false],
      ['APPLICATION/JSON; charset="UTF-8"', true],
      ['application/jsonx', false],
      ['application/json', true],
      ['application/json', true],
    ];
    for (const [type, json] of types) {
      const answer = await send('{"b":2}', type);
      expect({ type, answer }).toEqual({ type, answer: json ? { ok: true, value: { b: 2 }, blank: false } : { ok: false, status: 415, message: 'send the body as JSON (Content-Type: application/json)' } });
    }
  });
});
