import { randomBytes } from 'node:crypto';
import type { Env } from '../../config/env';

/**
 * How staff sign in to the studio:
 * - `oidc`: OpenID Connect (Microsoft Entra ID), every STUDIO_OIDC_* set;
 * - `local`: development or test without any STUDIO_OIDC_*: a one-time link printed at start;
 * - `closed`: production without any STUDIO_OIDC_*: every /studio route answers 404.
 */
export type StudioAuthSettings =
  | { mode: 'closed' }
  | (CookieSettings & { mode: 'local'; localName: string })
  | (CookieSettings & { mode: 'oidc'; oidc: OidcSettings; allow: AllowList });

export interface CookieSettings {
  /** The HMAC-SHA256 key of every studio cookie. */
  key: Buffer;
  /** `Secure` cookies (PUBLIC_URL is https). */
  secure: boolean;
  /** The origin of PUBLIC_URL, if set: writes from it pass the Origin check. */
  publicOrigin?: string;
  /** PUBLIC_URL without a trailing slash, if set. */
  publicUrl?: string;
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** `${PUBLIC_URL}/studio/auth/callback`, registered with the provider. */
  redirectUri: string;
}

/** Both compared lowercased (emails are case-insensitive; Entra group object ids are GUIDs). */
export interface AllowList {
  emails: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export const CALLBACK_PATH = '/studio/auth/callback';

const OIDC_VARIABLES = ['STUDIO_OIDC_ISSUER', 'STUDIO_OIDC_CLIENT_ID', 'STUDIO_OIDC_CLIENT_SECRET'] as const;

const list = (value: string | undefined, fold: (s: string) => string = (s) => s): Set<string> =>
  new Set(
    (value ?? '')
      .split(',')
      .map((s) => fold(s.trim()))
      .filter(Boolean),
  );

/**
 * The start-up check: what is missing for the studio's sign-in, in plain English, one line per
 * variable. Any line means the server must refuse to start (a half-configured OIDC sign-in would
 * otherwise fall open or lock everyone out without saying why).
 */
export function studioAuthProblems(env: Env): string[] {
  const oidcSet = OIDC_VARIABLES.filter((name) => env[name]);
  if (!oidcSet.length) return [];
  const problems = OIDC_VARIABLES.filter((name) => !env[name]).map(
    (name) => `${name}: required with ${oidcSet.join(', ')} (the studio's OpenID Connect sign-in)`,
  );
  if (!env.STUDIO_SESSION_SECRET) problems.push('STUDIO_SESSION_SECRET: required with the OpenID Connect sign-in (at least 32 bytes, e.g. `openssl rand -base64 48`)');
  if (!env.PUBLIC_URL) problems.push(`PUBLIC_URL: required with the OpenID Connect sign-in (the redirect URI is PUBLIC_URL + ${CALLBACK_PATH})`);
  if (!list(env.STUDIO_ALLOWED_EMAILS).size && !list(env.STUDIO_ALLOWED_GROUPS).size) {
    problems.push('STUDIO_ALLOWED_EMAILS or STUDIO_ALLOWED_GROUPS: name at least one staff email or Entra group object id, or nobody can enter the studio');
  }
  if (env.STUDIO_OIDC_ISSUER && !isSecureOrLoopback(new URL(env.STUDIO_OIDC_ISSUER))) {
    problems.push('STUDIO_OIDC_ISSUER: must be https (plain http is accepted for a loopback address only)');
  }
  return problems;
}

/** The studio's sign-in settings; throws with every problem if `studioAuthProblems` finds any. */
export function studioAuthSettings(env: Env): StudioAuthSettings {
  const problems = studioAuthProblems(env);
  if (problems.length) throw new Error(`The studio's sign-in is not fully configured:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  const cookies: CookieSettings = {
    // Locally a key per start is enough: sessions end with the process, and a new link is printed.
    key: env.STUDIO_SESSION_SECRET ? Buffer.from(env.STUDIO_SESSION_SECRET, 'utf8') : randomBytes(32),
    secure: publicUrl?.startsWith('https:') ?? false,
    publicOrigin: publicUrl ? new URL(publicUrl).origin : undefined,
    publicUrl,
  };
  if (env.STUDIO_OIDC_ISSUER) {
    return {
      ...cookies,
      mode: 'oidc',
      oidc: {
        issuer: new URL(env.STUDIO_OIDC_ISSUER),
        clientId: env.STUDIO_OIDC_CLIENT_ID!,
        clientSecret: env.STUDIO_OIDC_CLIENT_SECRET!,
        redirectUri: `${publicUrl}${CALLBACK_PATH}`,
      },
      allow: { emails: list(env.STUDIO_ALLOWED_EMAILS, (s) => s.toLowerCase()), groups: list(env.STUDIO_ALLOWED_GROUPS, (s) => s.toLowerCase()) },
    };
  }
  if (env.NODE_ENV === 'production') return { mode: 'closed' };
  return { ...cookies, mode: 'local', localName: env.STUDIO_LOCAL_NAME };
}

/** Plain http is only acceptable to a provider on this machine (tests, a local IdP). */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
}
