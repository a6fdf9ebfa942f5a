import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response, Server } from 'restify';
import type { Env } from '../config/env';
import { forwardedProto } from '../http/clientAddress';
import { announcesBody } from '../http/jsonBody';
import type { Logger } from '../log';

/** Receiving a whole request (headers and body) may take this long; answering may take longer. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 20_000;
const HSTS = 'max-age=31536000';

/**
 * What every request goes through, whatever its route: a request target restify cannot parse is
 * a 400 (restify would throw it out of the process), HEAD is GET without a body, a body nobody
 * reads closes the connection instead of being drained, security headers, and error answers
 * that never carry internal text.
 */
export function installHttpGuards(server: Server, { env, log }: { env: Pick<Env, 'PUBLIC_URL' | 'TRUST_PROXY'>; log: Logger }): void {
  server.server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.server.headersTimeout = HEADERS_TIMEOUT_MS;

  // restify's `first` handlers run before it parses anything (missing from @types/restify 8).
  const early = server as Server & { first(handler: (req: IncomingMessage, res: ServerResponse) => boolean): void };
  early.first((req, res) => {
    if (!parsableTarget(req)) {
      answerRaw(res, 400, { error: 'BadRequest', message: 'malformed request target or Host header' });
      return false;
    }
    // Node drops the body of a HEAD answer by itself (the response was made for a HEAD).
    if (req.method === 'HEAD') req.method = 'GET';
    // The body reader takes this back once it has read the whole body.
    if (announcesBody(req)) res.setHeader('connection', 'close');
    res.setHeader('x-content-type-options', 'nosniff');
    if (overTls(req, env)) res.setHeader('strict-transport-security', HSTS);
    return true;
  });

  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) log.error({ err, method: req.method, route: req.getRoute?.()?.path }, 'request failed');
    if (!res.headersSent) {
      const message = status >= 500 ? 'internal error: the server could not answer this request' : (GENERIC[status] ?? 'request refused');
      const code = status >= 500 ? 'InternalError' : (err.name || 'BadRequest').replace(/Error$/, '');
      // Direct Line clients read `{ error: { code, message } }`; everything else `{ error, message }`.
      res.send(status, String(req.url).startsWith('/v3/directline') ? { error: { code, message } } : { error: code, message });
    }
    callback();
  });
}

const GENERIC: Record<number, string> = {
  400: 'bad request',
  404: 'no such route',
  405: 'method not allowed on this route',
  406: 'not acceptable',
  413: 'request too large',
  415: 'unsupported media type',
};

/** Whether restify can build the URL of this request (it throws on an absolute target like `http://[::1/x`, or such a Host). */
function parsableTarget(req: IncomingMessage): boolean {
  const url = req.url ?? '/';
  const base = `http://${req.headers.host || 'localhost'}`;
  try {
    // As restify's Request.getUrl does.
    if (url.startsWith('/')) new URL(base + url);
    else new URL(url, base);
    return true;
  } catch {
    return false;
  }
}

/** Whether the client reached us over TLS: on the socket, through a trusted proxy, or by the public address. */
function overTls(req: IncomingMessage, env: Pick<Env, 'PUBLIC_URL' | 'TRUST_PROXY'>): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (env.PUBLIC_URL?.startsWith('https:')) return true;
  return forwardedProto(req, env.TRUST_PROXY) === 'https';
}

/** An answer before restify has dressed the response (first handlers run before it does). */
function answerRaw(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('connection', 'close');
  res.end(JSON.stringify(body));
}
