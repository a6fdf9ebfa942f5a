import { randomBytes } from 'node:crypto';
import type { Env } from '../config/env';

/**
 * The links of evaluation invitations by mail: signed with EVALUATION_LINK_SECRET, pointing at
 * PUBLIC_URL. They are on with Airtable (which schedules evaluations) and EVALUATIONS_BY_MAIL.
 */
export function evaluationMailOn(env: Pick<Env, 'AIRTABLE_TOKEN' | 'AIRTABLE_BASE_ID' | 'EVALUATIONS_BY_MAIL'>): boolean {
  return Boolean(env.AIRTABLE_TOKEN && env.AIRTABLE_BASE_ID && env.EVALUATIONS_BY_MAIL);
}

/** Why the server must not start, if anything: in production a link must survive a restart and lead somewhere. */
export function evaluationProblems(env: Env): string[] {
  if (env.NODE_ENV !== 'production' || !evaluationMailOn(env)) return [];
  const problems: string[] = [];
  if (!env.EVALUATION_LINK_SECRET) problems.push('EVALUATION_LINK_SECRET: required in production when evaluations are sent by mail (at least 32 bytes, e.g. `openssl rand -base64 48`), or set EVALUATIONS_BY_MAIL=false');
  if (!env.PUBLIC_URL) problems.push('PUBLIC_URL: required in production when evaluations are sent by mail (the links in the mails open the chat there), or set EVALUATIONS_BY_MAIL=false');
  return problems;
}

/** The key links are signed with: EVALUATION_LINK_SECRET, or a random one per start (links then die with the process). */
export function linkSecret(env: Pick<Env, 'EVALUATION_LINK_SECRET'>): { secret: string | Buffer; random: boolean } {
  return env.EVALUATION_LINK_SECRET ? { secret: env.EVALUATION_LINK_SECRET, random: false } : { secret: randomBytes(32), random: true };
}
