import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../log';
import { clearCookie, cookieHeader, readCookie, SESSION_COOKIE, SIGN_IN_COOKIE } from '../auth/cookies';
import { LOGIN_PATH, type LocalLink } from '../auth/localLink';
import { type OidcClient, SIGN_IN_MS, SignInExpired } from '../auth/oidcClient';
import { newSession, readSession, sessionCookie } from '../auth/session';
import { CALLBACK_PATH, type CookieSettings, type AllowList } from '../auth/settings';
import { judgeSignIn, type SignInVerdict, type Staff, staffLabel } from '../auth/staff';
import { forbiddenPage, type SignInNotice, signInPage } from './authPages';
import { type AuthTexts, pickLanguage } from './authTexts';
import { redirect, sendHtml } from './respond';
import { safeReturnTo } from './studioPaths';

export interface SignInDeps {
  cookies: CookieSettings;
  texts: AuthTexts;
  log: Logger;
  now: () => number;
}

/** The sign-in cookie lives only on the callback's path, for as long as a sign-in may take. */
const SIGN_IN_COOKIE_PATH = '/studio/auth';

function signedIn(res: Response, deps: SignInDeps, staff: Staff, returnTo: string, extraCookies: string[] = []): void {
  const now = deps.now();
  deps.log.info({ staff: staffLabel(staff) }, 'studio: signed in');
  redirect(res, returnTo, [sessionCookie(deps.cookies.key, newSession(staff, now), now, deps.cookies.secure), ...extraCookies]);
}

/** Already signed in: /studio/login just goes on to where the browser was going. */
const hasSession = (req: Request, deps: SignInDeps): boolean => readSession(deps.cookies.key, readCookie(req.headers, SESSION_COOKIE), deps.now()).ok;

function showSignIn(req: Request, res: Response, deps: SignInDeps, mode: 'local' | 'oidc', status: number, returnTo: string, notice?: SignInNotice, cookies: string[] = []): void {
  const page = signInPage({ texts: deps.texts, lang: pickLanguage(req), here: returnTo }, { mode, returnTo, notice });
  sendHtml(res, status, page, cookies);
}

/**
 * Local mode: GET /studio/login?token=… with the printed token signs in as the local staff member
 * (once: the token is then replaced and a new link printed); anything else shows the sign-in page.
 */
export function registerLocalSignIn(server: Server, deps: SignInDeps, link: LocalLink, localName: string): void {
  server.get(LOGIN_PATH, async (req: Request, res: Response) => {
    const query = new URL(req.url ?? '/', 'http://local').searchParams;
    const returnTo = safeReturnTo(query.get('returnTo'));
    const token = query.get('token');
    if (link.spend(token)) return signedIn(res, deps, { id: `local:${localName}`, name: localName }, returnTo);
    if (!token && hasSession(req, deps)) return redirect(res, returnTo);
    if (token) deps.log.warn('studio: a spent or wrong local sign-in token was used');
    showSignIn(req, res, deps, 'local', 401, returnTo, token ? 'local_spent' : undefined);
  });
}

/**
 * OpenID Connect: GET /studio/login sends the browser to the provider (authorization code +
 * PKCE); GET /studio/auth/callback checks everything openid-client checks (state, nonce, PKCE,
 * ID token signature, issuer, audience, expiry), then lets in listed staff and shows everyone
 * else a 403 page saying who they are signed in as and whom to ask.
 */
export function registerOidcSignIn(server: Server, deps: SignInDeps, client: OidcClient, allow: AllowList): void {
  const { cookies, log } = deps;
  const clearPending = clearCookie(SIGN_IN_COOKIE, SIGN_IN_COOKIE_PATH, cookies.secure);

  server.get(LOGIN_PATH, async (req: Request, res: Response) => {
    const query = new URL(req.url ?? '/', 'http://local').searchParams;
    const returnTo = safeReturnTo(query.get('returnTo'));
    const chooseAccount = query.get('account') === 'choose';
    if (!chooseAccount && hasSession(req, deps)) return redirect(res, returnTo);
    try {
      const { url, cookie } = await client.start(returnTo, deps.now(), chooseAccount);
      redirect(res, url.href, [cookieHeader(SIGN_IN_COOKIE, cookie, { path: SIGN_IN_COOKIE_PATH, maxAge: SIGN_IN_MS / 1000, secure: cookies.secure })]);
    } catch (err) {
      log.error({ reason: errorSummary(err) }, 'studio: the OpenID provider cannot be reached (discovery failed)');
      showSignIn(req, res, deps, 'oidc', 503, returnTo, 'unavailable');
    }
  });

  server.get(CALLBACK_PATH, async (req: Request, res: Response) => {
    const query = new URL(req.url ?? '/', 'http://local').searchParams;
    let returnTo: string;
    let verdict: SignInVerdict;
    try {
      const result = await client.finish(query, readCookie(req.headers, SIGN_IN_COOKIE), deps.now());
      returnTo = result.returnTo;
      verdict = judgeSignIn(result.claims, allow);
    } catch (err) {
      // Only the error's kind and code: its details may quote claims (personal data).
      log.warn({ reason: errorSummary(err) }, 'studio: sign-in failed');
      return showSignIn(req, res, deps, 'oidc', 401, safeReturnTo(undefined), 'failed', [clearPending]);
    }
    if (verdict.allowed) return signedIn(res, deps, verdict.staff, returnTo, [clearPending]);
    log.warn('studio: sign-in refused (not on STUDIO_ALLOWED_EMAILS nor in STUDIO_ALLOWED_GROUPS)');
    const page = forbiddenPage({ texts: deps.texts, lang: pickLanguage(req), here: returnTo }, verdict.shownAs, returnTo);
    sendHtml(res, 403, page, [clearPending]);
  });
}

/** What a log may say of a sign-in error: its class and OAuth code, never its details. */
function errorSummary(err: unknown): Record<string, string | undefined> {
  if (err instanceof SignInExpired) return { name: err.name };
  const e = err as { name?: string; code?: string; error?: string };
  return { name: e?.name, code: e?.code, error: typeof e?.error === 'string' ? e.error : undefined };
}
