import { cleanInput } from './clean';
import { invalid, safeParser, value } from './result';
import type { Parser } from './types';

export const MAX_TEXT_LENGTH = 2000;

/**
 * Free text: control and invisible characters stripped, whitespace collapsed, 1 to 2,000
 * characters (counted as code points, so an emoji counts once).
 */
export const parseText: Parser<string> = safeParser((input) => {
  const text = cleanInput(input);
  if (!text) return invalid('empty');
  if ([...text].length > MAX_TEXT_LENGTH) return invalid('too_long');
  return value(text);
}, Number.POSITIVE_INFINITY);
