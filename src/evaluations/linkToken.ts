import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { isDay } from './schedule';

/**
 * The token of the link an invitation by email carries: it opens the website chat directly on
 * that evaluation. `<payload>.<signature>`, both base64url: the payload says which evaluation
 * (need, kind, end of mission), in which language, until when, with a random id (`n`) that makes
 * it single-use (src/evaluations/service.ts records each id used); the signature is an
 * HMAC-SHA256 of the payload with the server's key (EVALUATION_LINK_SECRET), so nobody can make
 * or change a link. Not secret from its reader (the association it was sent to).
 */
const payloadSchema = z
  .object({
    /** The need's reference. */
    r: z.string().min(1).max(40),
    k: z.enum(['hot', 'medium']),
    /** « Fin de mission », YYYY-MM-DD. */
    d: z.string().refine(isDay),
    l: z.enum(['fr', 'en']),
    /** The need's conversation: whose data the answers are (erasure). */
    c: z.string().max(512).optional(),
    /** The programme's value, for the first message. */
    p: z.string().max(200).optional(),
    /** Expiry, epoch seconds. */
    e: z.number().int(),
    /** Random id: the link is used once. */
    n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  })
  .strict();
export type LinkClaims = z.infer<typeof payloadSchema>;

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'expired'; claims: LinkClaims };

/** A token can be read with this many characters at most (anything longer is refused unread). */
export const MAX_TOKEN_LENGTH = 2048;

export function signLink(claims: Omit<LinkClaims, 'n'>, secret: string | Buffer): string {
  const payload = Buffer.from(JSON.stringify({ ...claims, n: randomBytes(16).toString('base64url') })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

/** The claims of a token signed with `secret`; expired ones are still read (to offer a new link for that evaluation). */
export function checkLink(token: unknown, secret: string | Buffer, now: number): LinkCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  if (parsed.data.e * 1000 <= now) return { ok: false, reason: 'expired', claims: parsed.data };
  return { ok: true, claims: parsed.data };
}

const sign = (payload: string, secret: string | Buffer): string => createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * The chat page opened by an invitation's link takes a user id marked so (`dl_ev.…`, or
 * `local_ev.…` in local mode; other ids are base64url, never with a dot): the bot then does not
 * greet with the journey's welcome, since the page asks for the evaluation at once (the event
 * `evaluation.open`).
 */
export const opensEvaluation = (members: readonly { id?: string }[] | undefined): boolean =>
  (members ?? []).some((m) => typeof m.id === 'string' && /^[a-z]+_ev\./.test(m.id));
