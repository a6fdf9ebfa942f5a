import type { ServerResponse } from 'node:http';

/**
 * The studio's pages (the editor and its try pane): scripts from this server only and never
 * inline; styles may be injected at run time (the code editor, the map, Web Chat do so); the
 * try pane is a frame of this server; only this server may frame a studio page.
 */
export const STUDIO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** An HTML page of the studio: never cached (it names the current bundle), framed by this server only. */
export function sendStudioHtml(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('content-security-policy', STUDIO_CSP);
  // Same-origin requests keep their Referer (the write checks' fallback to Origin); nothing leaves the site.
  res.setHeader('referrer-policy', 'same-origin');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(html);
}

/** A plain sentence for operators (the page is not built, a file is missing). */
export function sendPlain(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(`${text}\n`);
}
