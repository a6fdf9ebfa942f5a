import { z } from 'zod';

/** The environment contract (../shared/contracts.md, .env.example). */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
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
  /** Behind a reverse proxy: rate-limit by the last X-Forwarded-For address (the one the proxy added). */
  TRUST_PROXY: z.stringbool().default(false),
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
  /** The Teams app's id in the package `npm run teams:package` writes (a GUID); default: derived from MicrosoftAppId. */
  TEAMS_APP_ID: z.string().optional(),
  /** Names the blob containers (`<prefix>-state`, `-needs`, `-status`) when AZURE_STORAGE_CONNECTION_STRING is set. */
  AZURE_STORAGE_CONTAINER_PREFIX: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,49}$/, '2-50 lowercase letters, digits or single hyphens')
    .default('qualification-bot'),
  /** The address people reach (links, sign-in redirects), e.g. https://bot.example.org; no trailing path. */
  PUBLIC_URL: z.string().url().optional(),
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
});
export type Env = z.infer<typeof envSchema>;

/**
 * In production the bot must authenticate every activity: with an empty MicrosoftAppId the
 * adapter accepts anything and posts replies to whatever serviceUrl a caller names.
 */
export function productionAuthProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  const type = env.MicrosoftAppType || 'MultiTenant';
  if (!env.MicrosoftAppId) problems.push('MicrosoftAppId: required when NODE_ENV=production (the Azure Bot\'s app id)');
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
