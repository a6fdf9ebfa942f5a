import { createHash } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { ApiError } from './apiSchemas';

/** A JSON answer written as is (restify's formatters stay out: the bytes are what the ETag names). */
export function sendJson(res: Response, status: number, body: ApiError | Record<string, unknown>, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/**
 * A read answered with what `schema` makes of `body` (the route answers only what its documented
 * schema allows), an ETag over those bytes, and 304 when the client already has them.
 */
export function sendRead<S extends z.ZodType>(req: Request, res: Response, schema: S, body: z.input<S>): void {
  const text = JSON.stringify(schema.parse(body));
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (matchesETag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** If-None-Match: `*`, or a list of tags (weak ones compared by their value, as RFC 9110 says for GET). */
function matchesETag(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  return value.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}
