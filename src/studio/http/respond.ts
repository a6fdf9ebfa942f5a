import type { ServerResponse } from 'node:http';

/**
 * Headers of every answer about signing in: never cached, never framed, no Referer (a sign-in
 * link carries a token), nothing loaded from anywhere.
 */
const GUARDED: Record<string, string> = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

function write(res: ServerResponse, status: number, type: string, body: string, cookies: string[]): void {
  for (const [k, v] of Object.entries(GUARDED)) res.setHeader(k, v);
  if (cookies.length) res.setHeader('set-cookie', cookies);
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.end(body);
}

export const sendHtml = (res: ServerResponse, status: number, html: string, cookies: string[] = []): void =>
  write(res, status, 'text/html; charset=utf-8', html, cookies);

/** The API's error shape: `{ error: { code, message } }` (the message is for developers, in English). */
export const sendError = (res: ServerResponse, status: number, code: string, message: string, cookies: string[] = []): void =>
  write(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: { code, message } }), cookies);

export const sendJson = (res: ServerResponse, status: number, body: unknown, cookies: string[] = []): void =>
  write(res, status, 'application/json; charset=utf-8', JSON.stringify(body), cookies);

/** 303: the browser follows with a GET, whatever the method was. */
export function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.setHeader('location', location);
  write(res, 303, 'text/plain; charset=utf-8', '', cookies);
}

/** Does the browser want a page (a navigation) rather than data (the studio's fetch calls)? */
export const wantsPage = (accept: string | undefined): boolean => /\btext\/html\b/.test(accept ?? '');

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
