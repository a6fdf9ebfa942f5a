import { cleanInput } from './clean';
import { invalid, safeParser, value } from './result';
import type { Parsed, Parser, PostcodeAnswer } from './types';

// Five digits, optionally typed "75 011"; not part of a longer number such as a phone.
const CODE = /(?<![\d])(\d{2}) ?(\d{3})(?![\d])/g;
// A town typed before the code must look like a proper noun ("Issy-les-Moulineaux 92130").
const TOWN_BEFORE = /^\p{Lu}[\p{L}'-]*(?: \p{L}[\p{L}'-]*){0,5}$/u;
const NOT_A_TOWN = /^(?:code|cp|c\.p\.|postal|code postal)$/i;

function town(raw: string): string | undefined {
  const t = raw.replace(/^[\s,;:/–-]+|[\s,;:.!/–-]+$/g, '').slice(0, 100).trim();
  return /\p{L}/u.test(t) && !NOT_A_TOWN.test(t) ? t : undefined;
}

/** A French postcode (01000-98999), with the town when typed next to it. */
function readPostcode(input: string): Parsed<PostcodeAnswer> {
  const text = cleanInput(input);
  if (!text) return invalid('empty');
  const matches = [...text.matchAll(CODE)];
  const codes = new Set(matches.map((m) => m[1] + m[2]));
  if (codes.size === 0) return invalid('format');
  if (codes.size > 1) return invalid('ambiguous');
  const m = matches[0];
  const postcode = m[1] + m[2];
  const department = Number(postcode.slice(0, 2));
  if (department < 1 || department > 98) return invalid('format');
  const after = text.slice(m.index! + m[0].length);
  const before = text.slice(0, m.index).trim();
  const name = town(after) ?? (TOWN_BEFORE.test(before) ? town(before) : undefined);
  return value(name ? { postcode, town: name } : { postcode });
}

export const parsePostcode: Parser<PostcodeAnswer> = safeParser((input) => readPostcode(input));
