import type { AddressInfo } from 'node:net';
import type { Next, Request, Response, Server } from 'restify';
import type { Env } from '../../config/env';
import type { Logger } from '../../log';
import { LocalLink } from '../auth/localLink';
import { OidcClient } from '../auth/oidcClient';
import { clearSessionCookie, sessionKey } from '../auth/session';
import { type StudioAuthSettings, studioAuthSettings } from '../auth/settings';
import type { Staff } from '../auth/staff';
import { loadAuthTexts } from './authTexts';
import { type StaffHandler, StudioGate, staffOnlyWith } from './gate';
import { sendError, sendJson } from './respond';
import { registerLocalSignIn, registerOidcSignIn } from './signInRoutes';
import { isStudioPath, LOGOUT_PATH, normalizedPath, SESSION_INFO_PATH } from './studioPaths';

export interface StudioAuthDeps {
  env: Env;
  log: Logger;
  /** The clock of sessions and sign-ins (tests move it). */
  clock?: () => Date;
  /** Where the local sign-in link goes: a plain line on standard output by default. */
  print?: (line: string) => void;
  /** The studio's texts, the sign-in pages' among them (default studio/texts.yaml). */
  textsFile?: string;
}

export interface StudioAuth {
  mode: StudioAuthSettings['mode'];
  /** Wraps a /studio route: see `staffOnlyWith`. */
  staffOnly: (handler: StaffHandler, options?: { write?: boolean }) => (req: Request, res: Response) => Promise<void>;
  /** The session the gate let this request through with: who, and its key (sessionKey); undefined outside /studio or without a session. */
  sessionOf: (req: Request) => { staff: Staff; key: string } | undefined;
}

/**
 * The studio's door. Registers GET /studio/login, GET /studio/auth/callback (OIDC),
 * GET /studio/auth/session (who is signed in, and the CSRF token writes must send) and
 * POST /studio/logout, and a gate in front of every /studio route (see StudioGate).
 * Production without STUDIO_OIDC_*: every /studio route answers 404. Throws, naming each
 * variable, if the OIDC sign-in is half configured.
 */
export function registerStudioAuth(server: Server, deps: StudioAuthDeps): StudioAuth {
  const settings = studioAuthSettings(deps.env);
  const log = deps.log.child({ component: 'studio-auth' });
  if (settings.mode === 'closed') {
    server.pre((req: Request, res: Response, next: Next) => {
      if (!isStudioPath(normalizedPath(req.url))) return next();
      sendError(res, 404, 'not_found', 'the studio is closed: no STUDIO_OIDC_* sign-in is configured');
      return next(false);
    });
    log.warn('studio closed: NODE_ENV=production without STUDIO_OIDC_* (every /studio route answers 404)');
    return { mode: 'closed', staffOnly: () => async (_req, res) => sendError(res, 404, 'not_found', 'the studio is closed'), sessionOf: () => undefined };
  }

  const clock = deps.clock ?? (() => new Date());
  const now = () => clock().getTime();
  const texts = loadAuthTexts(deps.textsFile);
  const cookies = settings;
  const gate = new StudioGate({ cookies, mode: settings.mode, texts, log, now });
  server.pre(gate.pre);
  const staffOnly = staffOnlyWith(gate);
  const signIn = { cookies, texts, log, now };

  if (settings.mode === 'oidc') {
    registerOidcSignIn(server, signIn, new OidcClient(settings.oidc, settings.key), settings.allow);
    log.info({ issuer: settings.oidc.issuer.href }, 'studio sign-in: OpenID Connect');
  } else {
    const link = new LocalLink(deps.print ?? ((line) => process.stdout.write(`${line}\n`)));
    registerLocalSignIn(server, signIn, link, settings.localName);
    const announce = () => link.announce(settings.publicUrl ?? localOrigin(server.address() as AddressInfo));
    if (server.server.listening) announce();
    else server.server.once('listening', announce);
    log.info('studio sign-in: local one-time link (printed on standard output)');
  }

  server.get(
    SESSION_INFO_PATH,
    staffOnly((_req, res, staff, { csrfToken }) => sendJson(res, 200, { staff, csrfToken })),
  );
  server.post(
    LOGOUT_PATH,
    staffOnly((_req, res) => sendJson(res, 200, { signedOut: true }, [clearSessionCookie(cookies.secure)]), { write: true }),
  );
  return {
    mode: settings.mode,
    staffOnly,
    sessionOf: (req) => {
      const session = gate.sessionOf(req);
      return session && { staff: session.staff, key: sessionKey(session) };
    },
  };
}

/** The link people can open on this machine: a wildcard address means localhost. */
function localOrigin({ address, port }: AddressInfo): string {
  const host = ['0.0.0.0', '::', ''].includes(address) ? 'localhost' : address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}
