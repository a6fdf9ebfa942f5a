import { createHash } from 'node:crypto';
import { z } from 'zod';
import { clearCookie, cookieHeader, SESSION_COOKIE } from './cookies';
import { randomToken, sign, verify } from './signedValue';
import { type Staff, staffSchema } from './staff';

/** A session ends after 8 hours without a request, and 24 hours after sign-in in any case. */
export const IDLE_MS = 8 * 3600_000;
export const ABSOLUTE_MS = 24 * 3600_000;
export const SESSION_PATH = '/studio';
const PURPOSE = 'studio-session';

/** What the signed session cookie carries (no server-side store: any instance can read it). */
export const sessionSchema = z.object({
  staff: staffSchema,
  /** Sent back in X-CSRF-Token with every write. */
  csrf: z.string().min(32),
  /** Sign-in and last request, epoch ms. */
  signedInAt: z.number(),
  seenAt: z.number(),
  /** The studio's language once asked for (`?lang=` on any studio request); else the browser's. */
  lang: z.enum(['fr', 'en']).optional(),
});
export type Session = z.infer<typeof sessionSchema>;

export type SessionRead = { ok: true; session: Session } | { ok: false; why: 'missing' | 'invalid' | 'expired' };

export const newSession = (staff: Staff, now: number): Session => ({ staff, csrf: randomToken(), signedInAt: now, seenAt: now });

/**
 * What tells one sign-in from another (the same person in two browsers has two): derived from
 * the session's random CSRF token, which it never reveals. What the server binds to a session.
 */
export const sessionKey = (session: Pick<Session, 'csrf'>): string => createHash('sha256').update(`studio-session-key\n${session.csrf}`).digest('base64url');

/** The session in a cookie value: checks the signature, the shape and both expiries. */
export function readSession(key: Buffer, cookie: string | undefined, now: number): SessionRead {
  if (!cookie) return { ok: false, why: 'missing' };
  const parsed = sessionSchema.safeParse(verify(key, PURPOSE, cookie));
  if (!parsed.success) return { ok: false, why: 'invalid' };
  const session = parsed.data;
  // A session "from the future" is a forged clock or a misconfigured instance: refuse it too.
  const fresh = now - session.seenAt < IDLE_MS && now - session.signedInAt < ABSOLUTE_MS && session.signedInAt <= now;
  return fresh ? { ok: true, session } : { ok: false, why: 'expired' };
}

/** The Set-Cookie that keeps a session going from `now` (the idle delay restarts). */
export function sessionCookie(key: Buffer, session: Session, now: number, secure: boolean): string {
  const renewed: Session = { ...session, seenAt: now };
  const maxAge = Math.min(IDLE_MS, session.signedInAt + ABSOLUTE_MS - now) / 1000;
  return cookieHeader(SESSION_COOKIE, sign(key, PURPOSE, renewed), { path: SESSION_PATH, maxAge, secure });
}

export const clearSessionCookie = (secure: boolean): string => clearCookie(SESSION_COOKIE, SESSION_PATH, secure);
