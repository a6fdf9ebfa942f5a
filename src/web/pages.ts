import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { Locale } from '../answers/types';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import { PUBLIC_DIR } from '../paths';
import { queryOf, route } from './http';
import type { ChatMode } from './mode';
import type { WebStyle } from './style';
import { LOCALES, pickLocale, webTexts } from './texts';
import { etagOf, findWebchatBundle, gzipOf, readAsset, type StaticAsset } from './webchatBundle';

export interface PagesDeps {
  /** The live journey (its `web.` texts), read at each request: a publish changes the page too. */
  flow: () => Flow;
  style: WebStyle;
  mode: ChatMode;
  log: Logger;
  /** Azure Direct Line, which the page talks to in production (Content-Security-Policy). */
  directLineEndpoint: string;
  /** The sites allowed to frame the page (the widget's iframe), besides this server (WIDGET_ALLOWED_ORIGINS). */
  frameAncestors?: readonly string[];
  /** Where public/ is (tests may point elsewhere). */
  publicDir?: string;
  /** The Web Chat bundle file; default: found in node_modules, else vendor/. */
  webchatBundle?: string;
}

const JS = 'application/javascript; charset=utf-8';

/**
 * GET / (the chat page; `?embed=1` is the variant the widget shows in its iframe, `?lang=en` the
 * English one), GET /chat.js and /chat.css (its code and style), GET /widget.js (the bubble an
 * association site embeds with one script tag) and GET /webchat.js (the Web Chat bundle, served
 * from this server: the page loads nothing from another site).
 */
export function registerPages(server: Server, deps: PagesDeps): void {
  const publicDir = deps.publicDir ?? PUBLIC_DIR;
  const read = (name: string) => fs.readFileSync(path.join(publicDir, name), 'utf8');
  const template = read('index.html');
  const pages = new Map<string, StaticAsset>();
  for (const lang of LOCALES) {
    for (const embed of [false, true]) {
      const html = renderPage(template, deps, lang, embed);
      pages.set(`${lang}:${embed}`, { body: Buffer.from(html), etag: etagOf(html) });
    }
  }
  const csp = contentSecurityPolicy(deps.mode === 'azure' ? deps.directLineEndpoint : undefined, deps.frameAncestors ?? []);
  server.get(
    '/',
    route((req: Request, res: Response) => {
      const query = queryOf(req);
      // `?lang=` when given (the widget always gives it), else the browser's language: Web Chat
      // then sends it as the activities' locale, which the bot's welcome follows.
      const lang = query.get('lang') ?? browserLanguage(req.headers['accept-language']);
      const page = pages.get(`${pickLocale(lang)}:${query.get('embed') === '1'}`)!;
      // No X-Frame-Options: the sites of WIDGET_ALLOWED_ORIGINS show this page in the widget's
      // iframe; frame-ancestors (which supersedes it) refuses every other site.
      return serve(req, res, page, 'text/html; charset=utf-8', 'no-cache', { 'content-security-policy': csp, 'referrer-policy': 'no-referrer', vary: 'accept-encoding, accept-language' });
    }),
  );

  const chatJs = asset(read('chat.js'));
  const chatCss = asset(read('chat.css'));
  server.get('/chat.js', route((req: Request, res: Response) => serve(req, res, chatJs, JS, 'no-cache')));
  server.get('/chat.css', route((req: Request, res: Response) => serve(req, res, chatCss, 'text/css; charset=utf-8', 'no-cache')));

  const widget = asset(read('widget.js').replace('__PROBONO_WIDGET_CONFIG__', () => scriptJson(widgetConfig(deps))));
  server.get(
    '/widget.js',
    route((req: Request, res: Response) =>
      // Loaded by other sites: a short cache so that a style change reaches them within minutes.
      serve(req, res, widget, JS, 'public, max-age=300', { 'cross-origin-resource-policy': 'cross-origin', 'access-control-allow-origin': '*' }),
    ),
  );

  const bundle = deps.webchatBundle ?? findWebchatBundle();
  if (!bundle || !fs.existsSync(bundle)) {
    deps.log.error(
      { looked: bundle ?? 'node_modules/botframework-webchat/dist/webchat.js, vendor/webchat.js' },
      'Web Chat bundle not found: GET /webchat.js answers 404 and the page says the chat is unavailable',
    );
  }
  server.get(
    '/webchat.js',
    route((req: Request, res: Response) => {
      if (!bundle || !fs.existsSync(bundle)) {
        res.statusCode = 404;
        res.setHeader('content-type', JS);
        return res.end('/* Web Chat bundle not installed on this server */');
      }
      return serve(req, res, readAsset(bundle), JS, 'public, max-age=86400');
    }),
  );
}

const asset = (text: string): StaticAsset => ({ body: Buffer.from(text), etag: etagOf(text) });

/** The first language of `Accept-Language` ("en-US,en;q=0.9,fr;q=0.8") the page speaks, by preference; undefined for none. */
export function browserLanguage(header: string | string[] | undefined): string | undefined {
  const ranked = String(header ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(/^\s*q=([\d.]+)\s*$/.exec(params.find((p) => p.trim().startsWith('q=')) ?? '')?.[1] ?? 1);
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.q > 0 && (LOCALES as readonly string[]).includes(x.lang))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked[0]?.lang;
}

/** Answers with an asset: 304 when the browser has it, gzip when it accepts it. */
async function serve(req: Request, res: Response, file: StaticAsset, type: string, cacheControl: string, headers: Record<string, string> = {}): Promise<void> {
  res.setHeader('content-type', type);
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', file.etag);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('vary', 'accept-encoding');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  const known = String(req.headers['if-none-match'] ?? '');
  if (known.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  if (file.body.length > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    res.setHeader('content-encoding', 'gzip');
    res.end(await gzipOf(file));
    return;
  }
  res.end(file.body);
}

function renderPage(template: string, deps: PagesDeps, lang: Locale, embed: boolean): string {
  const texts = webTexts(deps.flow(), lang);
  const config = {
    mode: deps.mode,
    embed,
    locale: lang === 'en' ? 'en-GB' : 'fr-FR',
    styleOptions: deps.style.styleOptions,
    texts: { unavailable: texts.unavailable },
  };
  const c = deps.style.colors;
  const theme = `:root{--accent:${c.accent};--on-accent:${c.onAccent};--background:${c.background};--text:${c.text};--subtle:${c.subtle};--focus:${c.focus}}`;
  const values: Record<string, string> = {
    ...Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, escapeHtml(v)])),
    lang,
    body_class: embed ? 'embed' : 'page',
    theme,
    config: scriptJson(config),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function widgetConfig(deps: PagesDeps) {
  const texts = Object.fromEntries(LOCALES.map((lang) => [lang, webTexts(deps.flow(), lang)]));
  const { accent, onAccent, background, focus } = deps.style.colors;
  return { texts, colors: { accent, onAccent, background, focus } };
}

/** JSON safe inside a script element or a script file (no `</script>`, no HTML comment). */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * Everything from this server; Azure Direct Line too in production. Web Chat injects its styles
 * at run time (style-src 'unsafe-inline'); no script runs inline. Only this server and the
 * allowed sites may frame the page.
 */
function contentSecurityPolicy(directLineEndpoint: string | undefined, frameAncestors: readonly string[]): string {
  const connect = ["'self'"];
  if (directLineEndpoint) {
    const url = new URL(directLineEndpoint);
    connect.push(url.origin, `${url.protocol === 'http:' ? 'ws' : 'wss'}://${url.host}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
  ].join('; ');
}
