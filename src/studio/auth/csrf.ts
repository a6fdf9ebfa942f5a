import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Session } from './session';
import { sameText } from './signedValue';

export const CSRF_HEADER = 'x-csrf-token';

/** GET and HEAD change nothing; every other method is a write. */
export const isWrite = (method: string | undefined): boolean => method !== 'GET' && method !== 'HEAD';

/**
 * Why a write must be refused, or undefined when it may go on: it must carry the session's token
 * in X-CSRF-Token (which another site cannot read nor set on a cross-site form) and come from a
 * page of this server (Origin, else Referer): PUBLIC_URL's origin, or the one the browser
 * addressed (the Host header, which a browser never lets a page forge).
 */
export function csrfProblem(req: IncomingMessage, session: Session, publicOrigin: string | undefined): string | undefined {
  const token = req.headers[CSRF_HEADER];
  if (typeof token !== 'string' || !token) return 'no X-CSRF-Token header';
  if (!sameText(token, session.csrf)) return 'X-CSRF-Token does not match the session';
  return originProblem(req, publicOrigin);
}

/**
 * The same check for the try pane's Direct Line, whose client (Web Chat) cannot send
 * X-CSRF-Token: instead every call carries `Authorization: Bearer <token>`, a header another
 * site cannot make a browser send (no CORS here), and the route checks the token itself.
 */
export function bearerWriteProblem(req: IncomingMessage, publicOrigin: string | undefined): string | undefined {
  if (!/^Bearer\s+\S+$/i.test((req.headers.authorization ?? '').trim())) return 'no Authorization: Bearer header';
  return originProblem(req, publicOrigin);
}

/** The write must come from a page of this server: PUBLIC_URL's origin, or the one the browser addressed. */
function originProblem(req: IncomingMessage, publicOrigin: string | undefined): string | undefined {
  const from = originOf(req);
  if (!from) return 'neither Origin nor Referer';
  const allowed = [publicOrigin, ownOrigin(req)].filter((o): o is string => Boolean(o));
  return allowed.includes(from) ? undefined : 'Origin is not this server';
}

function originOf(req: IncomingMessage): string | undefined {
  // Origin "null" (a sandboxed frame, a data: page) is present and allowed by nothing.
  if (req.headers.origin) return req.headers.origin;
  try {
    return req.headers.referer ? new URL(req.headers.referer).origin : undefined;
  } catch {
    return undefined;
  }
}

function ownOrigin(req: IncomingMessage): string | undefined {
  const host = req.headers.host;
  if (!host) return undefined;
  const tls = (req.socket as TLSSocket).encrypted === true;
  try {
    return new URL(`${tls ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return undefined;
  }
}
