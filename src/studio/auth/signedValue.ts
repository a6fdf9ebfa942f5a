import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Values the browser keeps but cannot change: `base64url(JSON).base64url(HMAC-SHA256)`. The
 * purpose is part of what is signed, so a value signed for one cookie never passes for another.
 */
export function sign(key: Buffer, purpose: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** The value, or undefined if the text was not signed with this key for this purpose. */
export function verify(key: Buffer, purpose: string, signed: string | undefined): unknown {
  if (!signed) return undefined;
  const dot = signed.indexOf('.');
  if (dot < 1) return undefined;
  const payload = signed.slice(0, dot);
  if (!sameText(signed.slice(dot + 1), mac(key, purpose, payload))) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const mac = (key: Buffer, purpose: string, payload: string): string => createHmac('sha256', key).update(`${purpose}\n${payload}`).digest('base64url');

/** Constant-time equality of two texts of any length (both are hashed to the same length first). */
export function sameText(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A random 256-bit token, URL-safe. */
export const randomToken = (): string => randomBytes(32).toString('base64url');
