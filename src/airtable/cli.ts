import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { type Env, readEnv } from '../config/env';
import { createLogger, type Logger } from '../log';
import { PROJECT_ROOT } from '../paths';
import type { RateBudgetStore } from '../stores/rateBudget';
import { AirtableApiError, type AirtableConfig, type AirtableRequest, accessHelp, airtableConfig, AirtableUnavailableError, createAirtableRequest } from './http';
import { sharedLimiters } from './rateLimiter';

/** What the Airtable scripts share: the environment (with a local .env, as `npm start` reads it) and error reports. */

export function loadScriptEnv(): Env {
  const dotenv = path.join(PROJECT_ROOT, '.env');
  if (fs.existsSync(dotenv)) process.loadEnvFile(dotenv);
  try {
    return readEnv();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

/** Logs go to stderr so that a script's own output stays readable (and pipeable). */
export function scriptLogger(env: Env): Logger {
  return createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL, pino.destination(2));
}

export function requireAirtable(env: Env): AirtableConfig {
  const config = airtableConfig(env);
  if (!config) {
    console.error('Airtable is not configured: set AIRTABLE_TOKEN and AIRTABLE_BASE_ID (see .env.example).');
    process.exit(1);
  }
  return config;
}

/** Prints why a script failed, with what to do for access problems. */
export function reportFailure(err: unknown, baseId: string): void {
  if (err instanceof AirtableApiError) {
    console.error(`Error: Airtable answered ${err.status} ${err.type}${err.airtableMessage ? `: ${err.airtableMessage}` : ''} (${err.method} ${err.path}).`);
    const help = accessHelp(err, baseId);
    if (help) console.error(help);
  } else if (err instanceof AirtableUnavailableError) {
    console.error(`Error: ${err.message}. Airtable (or the network) is unavailable: try again later.`);
  } else {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Attempts per request in a script: a person is waiting, so transient failures are not retried forever. */
export const SCRIPT_MAX_ATTEMPTS = 6;

/** A script's request function: bounded retries, and the request budget the server and every instance share. */
export function scriptRequest(config: AirtableConfig, rateBudget: RateBudgetStore, logger?: Logger): AirtableRequest {
  return createAirtableRequest({
    token: config.token,
    endpointUrl: config.endpointUrl,
    maxAttempts: SCRIPT_MAX_ATTEMPTS,
    limiter: sharedLimiters(rateBudget),
    logger,
  });
}
