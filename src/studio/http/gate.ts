import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Next, Request, Response } from 'restify';
import type { Logger } from '../../log';
import { readCookie, SESSION_COOKIE } from '../auth/cookies';
import { bearerWriteProblem, csrfProblem, isWrite } from '../auth/csrf';
import { clearSessionCookie, readSession, type Session, sessionCookie, sessionKey } from '../auth/session';
import type { CookieSettings } from '../auth/settings';
import { type Staff, staffLabel } from '../auth/staff';
import { signInPage } from './authPages';
import { type AuthTexts, pickLanguage } from './authTexts';
import { sendError, sendHtml, wantsPage } from './respond';
import { isBearerWritePath, isOpenPath, isStudioPath, normalizedPath, pathAndQuery, SESSION_INFO_PATH } from './studioPaths';

export interface GateDeps {
  cookies: CookieSettings;
  mode: 'local' | 'oidc';
  texts: AuthTexts;
  log: Logger;
  now: () => number;
}

/**
 * Runs before routing (restify `pre`) for every request whose path is the studio's, so that no
 * /studio route is ever open, whoever writes it: a valid session or 401; for a write, the CSRF
 * token and Origin check or 403; then every write is logged with the staff member's identity.
 * The session is renewed (idle delay restarted) with each request.
 */
export class StudioGate {
  private readonly sessions = new WeakMap<IncomingMessage, Session>();

  constructor(private readonly deps: GateDeps) {}

  /** The session the gate let through for this request, if any. */
  sessionOf(req: IncomingMessage): Session | undefined {
    return this.sessions.get(req);
  }

  readonly pre = (req: Request, res: Response, next: Next): void => {
    const path = normalizedPath(req.url);
    if (!isStudioPath(path) || isOpenPath(path)) return next();
    const { cookies, log, now } = this.deps;
    const at = now();
    const read = readSession(cookies.key, readCookie(req.headers, SESSION_COOKIE), at);
    if (!read.ok) {
      // A bad cookie is dropped so the browser stops sending it.
      const clear = read.why === 'missing' ? [] : [clearSessionCookie(cookies.secure)];
      if (read.why !== 'missing') log.info({ path, why: read.why }, 'studio: session refused');
      this.refuseUnauthenticated(req, res, clear, read.why === 'missing' ? undefined : 'expired');
      return next(false);
    }
    const asked = askedLanguage(req.url);
    const session: Session = asked && asked !== read.session.lang ? { ...read.session, lang: asked } : read.session;
    const staff = staffLabel(session.staff);
    if (isWrite(req.method)) {
      const problem = isBearerWritePath(path) ? bearerWriteProblem(req, cookies.publicOrigin) : csrfProblem(req, session, cookies.publicOrigin);
      if (problem) {
        log.warn({ staff, method: req.method, path, problem }, 'studio: write refused (CSRF check)');
        sendError(res, 403, 'csrf', `${problem}: writes need the session's X-CSRF-Token (GET ${SESSION_INFO_PATH}) from a page of this server`);
        return next(false);
      }
      res.once('finish', () => log.info({ staff, method: req.method, path, status: res.statusCode }, 'studio write'));
    }
    this.sessions.set(req, session);
    res.setHeader('set-cookie', sessionCookie(cookies.key, session, at, cookies.secure));
    return next();
  };

  /** 401: the sign-in page for a browser navigation, JSON for the studio's data calls. */
  private refuseUnauthenticated(req: IncomingMessage, res: ServerResponse, cookies: string[], notice?: 'expired'): void {
    if (!wantsPage(req.headers.accept)) {
      sendError(res, 401, 'unauthenticated', 'sign in to the studio first (GET /studio/login)', cookies);
      return;
    }
    const here = pathAndQuery(req.url);
    const page = signInPage({ texts: this.deps.texts, lang: pickLanguage(req), here }, { mode: this.deps.mode, returnTo: here, notice });
    sendHtml(res, 401, page, cookies);
  }
}

/** `?lang=fr|en` on a studio request: the language the session keeps from then on. */
function askedLanguage(url: string | undefined): Session['lang'] {
  const query = url?.includes('?') ? url.slice(url.indexOf('?') + 1).replace(/#.*$/, '') : '';
  const lang = new URLSearchParams(query).get('lang');
  return lang === 'fr' || lang === 'en' ? lang : undefined;
}

/** What a studio route knows of the session: its CSRF token, its key (sessionKey: what to bind server state to), its language if asked. */
export type StaffHandler = (req: Request, res: Response, staff: Staff, session: { csrfToken: string; key: string; lang?: 'fr' | 'en' }) => unknown;

/**
 * Wraps a studio route: the handler runs only for a signed-in staff member (the gate checked the
 * session and, for writes, CSRF) and receives who it is. `write: true` also refuses GET/HEAD, so
 * that a link or an image can never trigger it. Outside /studio there is no session: 401.
 */
export const staffOnlyWith =
  (gate: StudioGate) =>
  (handler: StaffHandler, options: { write?: boolean } = {}) =>
  async (req: Request, res: Response): Promise<void> => {
    const session = gate.sessionOf(req);
    if (!session) return sendError(res, 401, 'unauthenticated', 'sign in to the studio first (GET /studio/login)');
    if (options.write && !isWrite(req.method)) return sendError(res, 405, 'method_not_allowed', 'this route changes data: use POST, PUT, PATCH or DELETE');
    await handler(req, res, session.staff, { csrfToken: session.csrf, key: sessionKey(session), lang: session.lang });
  };
