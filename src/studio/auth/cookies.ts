import type { IncomingHttpHeaders } from 'node:http';

/** The studio's session: sent with every /studio request, never readable by scripts. */
export const SESSION_COOKIE = 'studio_session';
/** state, nonce and PKCE verifier between /studio/login and the provider's redirect back. */
export const SIGN_IN_COOKIE = 'studio_sign_in';

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
}

/** One cookie from the Cookie header (the first one of that name), or undefined. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * A Set-Cookie value: HttpOnly (no script reads it) and SameSite=Lax (not sent with cross-site
 * writes, still sent when the provider redirects the browser back with a top-level GET).
 * The values we set are base64url and dots: nothing to quote.
 */
export function cookieHeader(name: string, value: string, { path, maxAge, secure }: CookieOptions): string {
  return [`${name}=${value}`, `Path=${path}`, `Max-Age=${Math.max(0, Math.floor(maxAge))}`, 'HttpOnly', 'SameSite=Lax', ...(secure ? ['Secure'] : [])].join('; ');
}

export const clearCookie = (name: string, path: string, secure: boolean): string => cookieHeader(name, '', { path, maxAge: 0, secure });
