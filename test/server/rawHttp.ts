import { once } from 'node:events';
import http from 'node:http';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  /** Sent as is: any request target, even one no URL parser accepts. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** A chunked body: `chunk` written `count` times, waiting for the socket to drain. */
  chunks?: { chunk: Buffer; count: number };
}

/**
 * One HTTP/1.1 request on its own connection, exactly as given (fetch would normalise the target,
 * add or unpack encodings). Rejects when the connection fails before an answer.
 */
export function rawRequest(baseUrl: string, init: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  // Node frames a body itself for POST only: say how a GET's body is framed.
  const headers = { ...init.headers };
  if (init.chunks) headers['transfer-encoding'] ??= 'chunked';
  else if (init.body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: init.method ?? 'GET', path: init.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!init.chunks) {
      req.end(init.body);
      return;
    }
    const { chunk, count } = init.chunks;
    void (async () => {
      for (let i = 0; i < count && !req.destroyed; i += 1) {
        if (!req.write(chunk)) await Promise.race([once(req, 'drain'), once(req, 'close')]);
      }
      if (!req.destroyed) req.end();
    })().catch(() => undefined);
  });
}
