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
  AIRTABLE_TOKEN: z.string().optional(),
  AIRTABLE_BASE_ID: z.string().optional(),
  AIRTABLE_ENDPOINT_URL: z.string().url().default('https://api.airtable.com'),
  DIRECT_LINE_SECRET: z.string().optional(),
  AZURE_STORAGE_CONNECTION_STRING: z.string().optional(),
});
export type Env = z.infer<typeof envSchema>;

/** Reads the environment, or throws a message naming each bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
}
