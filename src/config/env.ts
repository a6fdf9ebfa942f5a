import net from 'node:net';
import { z } from 'zod';

/** Comma-separated origins (`https://www.example.org`), each checked: the sites allowed to frame the chat. */
const originList = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
    for (const entry of entries) {
      if (!isOrigin(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin: scheme and host only, e.g. https://www.example.org` });
    }
    return entries.map((e) => e.replace(/\/$/, ''));
  });

function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** TRUST_PROXY: how many proxies in front of the server append to X-Forwarded-For (`true` = 1, `false` = 0). */
const proxyHops = z.preprocess(
  (v) => (typeof v === 'string' && /^(true|false)$/i.test(v.trim()) ? (v.trim().toLowerCase() === 'true' ? 1 : 0) : v),
  z.coerce.number().int('a number of proxies (0, 1, 2…), or true / false').min(0).max(10),
);

/** The environment contract (../shared/contracts.md, .env.example). */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** No default: without credentials the server runs only with NODE_ENV development or test (see startupProblems). */
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  /** The interface to listen on; default 127.0.0.1 in local mode, 0.0.0.0 otherwise (see listenHost). */
  HOST: z
    .string()
    .refine((h) => net.isIP(h) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(h), 'an IP address or a host name, e.g. 127.0.0.1 or 0.0.0.0')
    .optional(),
  /** The address people reach (https://bot.example.org): with https, answers carry Strict-Transport-Security. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://bot.example.org' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Where the journey is read from (defaults: the project's dialogs/ and cards/). */
  DIALOGS_DIR: z.string().min(1).optional(),
  CARDS_DIR: z.string().min(1).optional(),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['SingleTenant', 'UserAssignedMSI', 'MultiTenant', '']).default(''),
  MicrosoftAppTenantId: z.string().default(''),
  /** Where the Bot Connector's token signing keys are published (sovereign clouds; tests). Default: public Azure. */
  BotOpenIdMetadata: z.string().url().optional(),
  /** Flood control per conversation: a burst of this many activities, then this many per minute. */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().min(1).default(60),
  AIRTABLE_TOKEN: z.string().optional(),
  AIRTABLE_BASE_ID: z.string().optional(),
  AIRTABLE_ENDPOINT_URL: z.string().url().default('https://api.airtable.com'),
  DIRECT_LINE_SECRET: z.string().optional(),
  /** Azure Direct Line (token exchange, and where the browser talks in production); tests point it at a fake. */
  DIRECT_LINE_ENDPOINT_URL: z.string().url().default('https://directline.botframework.com/v3/directline'),
  /** Proxies in front of the server (see clientAddress): 0 ignores X-Forwarded-For. */
  TRUST_PROXY: proxyHops.default(0),
  /** Local mode only: also accept activities whose serviceUrl is on this machine (the Bot Framework Emulator, tests). */
  LOCAL_EMULATOR: z.stringbool().default(false),
  /** The sites allowed to show the chat in a frame (the widget); the server's own origin always is. */
  WIDGET_ALLOWED_ORIGINS: originList,
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
  /** The Teams app's id in the package `npm run teams:package` writes (a GUID); default: derived from MicrosoftAppId. */
  TEAMS_APP_ID: z.string().optional(),
  /** Names the blob containers (`<prefix>-state`, `-needs`, `-status`) when AZURE_STORAGE_CONNECTION_STRING is set. */
  AZURE_STORAGE_CONTAINER_PREFIX: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,49}$/, '2-50 lowercase letters, digits or single hyphens')
    .default('qualification-bot'),
  /** Studio sign-in (OpenID Connect, Microsoft Entra ID): https://login.microsoftonline.com/<tenant id>/v2.0 */
  STUDIO_OIDC_ISSUER: z.string().url().optional(),
  STUDIO_OIDC_CLIENT_ID: z.string().optional(),
  STUDIO_OIDC_CLIENT_SECRET: z.string().optional(),
  /** Who may enter the studio: emails and Entra group object ids, comma-separated. */
  STUDIO_ALLOWED_EMAILS: z.string().optional(),
  STUDIO_ALLOWED_GROUPS: z.string().optional(),
  /** Signs the studio's cookies (HMAC-SHA256); required with OIDC, random per start otherwise. */
  STUDIO_SESSION_SECRET: z
    .string()
    .refine((s) => Buffer.byteLength(s) >= 32, 'at least 32 bytes (e.g. `openssl rand -base64 48`)')
    .optional(),
  /** The name of the staff member who signs in with the local one-time link. */
  STUDIO_LOCAL_NAME: z.string().min(1).default('local'),
  /** Where mails go: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Without it, .eml files under DATA_DIR/outbox/. */
  SMTP_URL: z
    .string()
    .refine((u) => /^smtps?:\/\/[^/\s]+/i.test(u) && URL.canParse(u), 'smtp://user:password@host:port or smtps://… (credentials URL-encoded)')
    .optional(),
  /** The sender of every mail: an address, or "Name <address>". */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<\s*[^\s<>@]+@[^\s<>@]+\s*>|[^\s<>@]+@[^\s<>@]+)$/, 'an address, or "Name <address>", e.g. Probono Lab <bonjour@probono-lab.org>')
    .default('Probono Lab <no-reply@localhost>'),
  /** Requests a minute per partner API key (per instance), after a burst of as many. */
  PARTNER_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Evaluations of missions: invite by email (with a link to the website chat) when the conversation cannot be written to. */
  EVALUATIONS_BY_MAIL: z.stringbool().default(true),
  /** Signs the evaluation links of those emails (HMAC-SHA256); required in production when they are on, random per start otherwise. */
  EVALUATION_LINK_SECRET: z
    .string()
    .refine((s) => Buffer.byteLength(s) >= 32, 'at least 32 bytes (e.g. `openssl rand -base64 48`)')
    .optional(),
});
export type Env = z.infer<typeof envSchema>;

/**
 * Local mode: no MicrosoftAppId, by explicit choice (NODE_ENV development or test). Activities are
 * then not authenticated, so the server listens on loopback by default and replies only to its
 * own local Direct Line (and, with LOCAL_EMULATOR, to the Emulator on this machine).
 */
export const isLocalMode = (env: Pick<Env, 'MicrosoftAppId' | 'NODE_ENV'>): boolean =>
  !env.MicrosoftAppId && (env.NODE_ENV === 'development' || env.NODE_ENV === 'test');

/** Where the server listens: HOST, else loopback in local mode and every interface otherwise. */
export const listenHost = (env: Pick<Env, 'HOST' | 'MicrosoftAppId' | 'NODE_ENV'>): string =>
  env.HOST ?? (isLocalMode(env) ? '127.0.0.1' : '0.0.0.0');

/**
 * Why the server must not start, if anything: without credentials activities are not
 * authenticated, which is only acceptable as an explicit local trial; in production every
 * credential the app type needs must be set.
 */
export function startupProblems(env: Env): string[] {
  const problems: string[] = [];
  if (!env.MicrosoftAppId && !isLocalMode(env)) {
    problems.push(
      `MicrosoftAppId: not set, with NODE_ENV ${env.NODE_ENV ?? 'not set'}. Set the Azure Bot's credentials (MicrosoftAppId, ` +
        'MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId), or NODE_ENV=development for a local trial ' +
        '(unauthenticated, on 127.0.0.1)',
    );
  }
  // Real mail needs a real sender: the default one would be refused or read as spam.
  if (env.SMTP_URL && /@localhost>?$/.test(env.MAIL_FROM)) {
    problems.push('MAIL_FROM: set the sender of the mails (e.g. Probono Lab <bonjour@probono-lab.org>) when SMTP_URL is set');
  }
  if (env.NODE_ENV !== 'production' || !env.MicrosoftAppId) return problems;
  const type = env.MicrosoftAppType || 'MultiTenant';
  // A user-assigned managed identity has no password; the other types authenticate with one.
  if (type !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push(`MicrosoftAppPassword: required when NODE_ENV=production with MicrosoftAppType ${type}`);
  }
  if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && !env.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required with MicrosoftAppType ${type}`);
  }
  return problems;
}

/** Reads the environment, or throws a message naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
}
