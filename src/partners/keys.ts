import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { PartnerKeyRecord } from '../stores/partnerKeys';

/** What a key may do: read the needs shared with its partner, see their contact details, read the published missions. */
export const SCOPES = ['needs:read', 'needs:contact', 'missions:read'] as const;
export const scopeSchema = z.enum(SCOPES);
export type Scope = z.infer<typeof scopeSchema>;
/** A new key's scopes unless told otherwise: contact details only when asked for. */
export const DEFAULT_SCOPES: readonly Scope[] = ['needs:read', 'missions:read'];

/** `pk_<16 hex id>_<43 base64url characters>`: the id finds the key, the rest proves it. */
const KEY = /^pk_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

export const hashKey = (apiKey: string): string => createHash('sha256').update(apiKey).digest('hex');

export interface NewPartnerKey {
  /** What the store keeps. */
  record: PartnerKeyRecord;
  /** Shown once to the operator, never kept. */
  apiKey: string;
  /** `whsec_…`, when the key has a webhook URL. */
  webhookSecret?: string;
}

export function newPartnerKey(partnerId: string, scopes: readonly Scope[], webhookUrl: string | undefined, now: Date): NewPartnerKey {
  const id = randomBytes(8).toString('hex');
  const apiKey = `pk_${id}_${randomBytes(32).toString('base64url')}`;
  // Standard Webhooks: "whsec_" then the base64 of a 24 to 64 byte secret.
  const webhookSecret = webhookUrl ? `whsec_${randomBytes(32).toString('base64')}` : undefined;
  const record: PartnerKeyRecord = {
    id,
    partnerId,
    keyHash: hashKey(apiKey),
    scopes: [...new Set(scopes)],
    ...(webhookUrl ? { webhookUrl, webhookSecret } : {}),
    createdAt: now.toISOString(),
  };
  return { record, apiKey, webhookSecret };
}

/** The key id inside a presented key; undefined when it does not look like one of ours. */
export const keyIdOf = (apiKey: string): string | undefined => KEY.exec(apiKey)?.[1];

/** Whether the presented key is this record's (compared in constant time), and still valid. */
export function keyMatches(record: PartnerKeyRecord, apiKey: string): boolean {
  const a = Buffer.from(record.keyHash, 'hex');
  const b = Buffer.from(hashKey(apiKey), 'hex');
  return !record.revokedAt && a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A webhook URL the bot may post to: https, or http on this machine's loopback (a partner's
 * endpoint under test). Undefined when acceptable, else why not.
 */
export function webhookUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'credentials do not belong in the URL (the webhook is signed)';
  if (url.protocol === 'https:') return undefined;
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'http:' && loopback ? undefined : 'an https URL (plain http only on this machine: localhost, 127.0.0.1, [::1])';
}
