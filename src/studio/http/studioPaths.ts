import { CALLBACK_PATH } from '../auth/settings';
import { LOGIN_PATH } from '../auth/localLink';

export const STUDIO_HOME = '/studio/';
export const LOGOUT_PATH = '/studio/logout';
export const SESSION_INFO_PATH = '/studio/auth/session';
/** The try pane's Direct Line (Web Chat talking to the draft): its writes carry a bearer token instead of X-CSRF-Token. */
export const TRY_DIRECT_LINE_BASE = '/studio/try/directline';
/** The only /studio routes open without a session: they are how one gets a session. */
const OPEN_PATHS = new Set([LOGIN_PATH, CALLBACK_PATH]);

/**
 * The path as the router may understand it: percent-decoded, dot segments resolved, slashes
 * collapsed, lowercased. Deciding "is this the studio?" on this form means no spelling of a
 * studio address (`/%73tudio/…`, `//studio`, `/STUDIO`, `/x/../studio`) slips past the gate.
 */
export function normalizedPath(url: string | undefined): string {
  // Not `new URL(url, base)`: it would read `//studio/x` as the host "studio".
  const target = url ?? '/';
  const raw = target.startsWith('/') ? target.split(/[?#]/)[0] : pathOfAbsolute(target);
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    // Malformed escapes: judge the raw form; the router will not find such a route either.
  }
  return new URL(decoded.replace(/[\\/]+/g, '/'), 'http://local').pathname.toLowerCase();
}

/** An absolute-form request target (`http://host/path`, as sent to proxies). */
function pathOfAbsolute(target: string): string {
  try {
    return new URL(target).pathname;
  } catch {
    return '/';
  }
}

export const isStudioPath = (path: string): boolean => path === '/studio' || path.startsWith('/studio/');
export const isOpenPath = (path: string): boolean => OPEN_PATHS.has(path);
export const isBearerWritePath = (path: string): boolean => path.startsWith(`${TRY_DIRECT_LINE_BASE}/`);

/**
 * Where to send the browser after signing in: a studio page of this server, never another site
 * (`//evil.example`, `https://…`) nor the sign-in routes themselves; the studio's home otherwise.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return STUDIO_HOME;
  const url = new URL(value, 'http://local');
  const path = normalizedPath(value);
  if (url.origin !== 'http://local' || !isStudioPath(path) || isOpenPath(path)) return STUDIO_HOME;
  return `${url.pathname}${url.search}`;
}

/** The path and query of a request (what a sign-in page's links come back to). */
export const pathAndQuery = (url: string | undefined): string => {
  const parsed = new URL(url ?? '/', 'http://local');
  return `${parsed.pathname}${parsed.search}`;
};
