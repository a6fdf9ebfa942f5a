import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { PROJECT_ROOT } from '../../paths';
import { etagOf } from '../../web/webchatBundle';
import type { StudioAuth } from '../http/registerStudioAuth';
import { sendError } from '../http/respond';
import { sendPlain, sendStudioHtml } from './pageHeaders';

/** Where the page's build (esbuild, `npm run build`) puts it: index.html and assets/. */
export const STUDIO_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'studio');

export const NOT_BUILT = 'the studio page is not built: run npm run build';

/** /studio/<first segment>/… that is not the page: the API, the try pane, sign-in, the assets themselves. */
const NOT_PAGES = new Set(['api', 'try', 'auth', 'assets', 'login', 'logout']);

const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/** esbuild's `[name]-[hash]` names: their content never changes, browsers keep them a year. */
const HASHED = /-[A-Z0-9]{8,}\.[a-z0-9]+$/i;
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * GET /studio and every /studio/* page address (the page routes itself in the browser) answer
 * the built page, dist/studio/index.html; GET /studio/assets/* its files. Until the page is
 * built: 503 with a sentence saying how. Behind the studio's gate like every /studio route.
 */
export function registerStudioPage(server: Server, auth: StudioAuth, dir = STUDIO_BUILD_DIR): void {
  const page = auth.staffOnly(async (req, res) => {
    const first = new URL(req.url ?? '/', 'http://local').pathname.split('/').filter(Boolean)[1];
    if (first && NOT_PAGES.has(first.toLowerCase())) return sendError(res, 404, 'not_found', 'no such studio route');
    let html: string;
    try {
      html = await fs.readFile(path.join(dir, 'index.html'), 'utf8');
    } catch {
      return sendPlain(res, 503, NOT_BUILT);
    }
    sendStudioHtml(res, 200, html);
  });
  server.get('/studio', page);
  server.get('/studio/*', page);

  server.get(
    '/studio/assets/*',
    auth.staffOnly(async (req, res) => serveAsset(req, res, dir)),
  );
}

async function serveAsset(req: Request, res: Response, dir: string): Promise<void> {
  const segments = new URL(req.url ?? '/', 'http://local').pathname.split('/').slice(3).map(decodeSegment);
  if (!segments.length || !segments.every((s) => s !== undefined && SAFE_SEGMENT.test(s))) return sendPlain(res, 404, 'no such studio asset');
  const file = path.join(dir, 'assets', ...(segments as string[]));
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    const built = await fs.stat(path.join(dir, 'index.html')).then(() => true, () => false);
    return sendPlain(res, built ? 404 : 503, built ? 'no such studio asset' : NOT_BUILT);
  }
  const etag = etagOf(body);
  res.setHeader('content-type', TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
  res.setHeader('cache-control', HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('etag', etag);
  res.setHeader('x-content-type-options', 'nosniff');
  const known = String(req.headers['if-none-match'] ?? '');
  res.statusCode = known.split(',').some((t) => t.trim().replace(/^W\//, '') === etag) ? 304 : 200;
  res.end(res.statusCode === 304 ? undefined : body);
}

function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}
