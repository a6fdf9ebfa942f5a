import { cleanInput } from './clean';
import { invalid, safeParser, value } from './result';
import type { Parsed, Parser } from './types';

// Practical address syntax (not full RFC 5322): dotted local part, dotted domain, alphabetic TLD.
const EMAIL = /(?<![\w.+-])([a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?![\w-])/gi;

/**
 * An email address, also inside a sentence ("c'est contact@x.fr"). Stored lower-cased whole:
 * domains are case-insensitive and mail providers treat local parts so in practice, which keeps
 * one association from being stored twice.
 */
function readEmail(input: string): Parsed<string> {
  const text = cleanInput(input).replace(/mailto:/gi, '');
  if (!text) return invalid('empty');
  const found = new Set([...text.matchAll(EMAIL)].map((m) => `${m[1]}@${m[2]}`.toLowerCase()));
  if (found.size > 1) return invalid('ambiguous');
  const [email] = found;
  if (!email || email.length > 254 || email.split('@')[0].length > 64) return invalid('format');
  return value(email);
}

export const parseEmail: Parser<string> = safeParser((input) => readEmail(input));
