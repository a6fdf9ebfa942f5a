import { cleanInput } from './clean';
import { invalid, safeParser, value } from './result';
import type { Parsed, Parser } from './types';

// Overseas departments dial with their own country code: 0692 12 34 56 → +262 692 12 34 56.
const OVERSEAS: [RegExp, string][] = [
  [/^0(?:262|263|269|639|692|693)/, '262'],
  [/^0(?:590|690|691)/, '590'],
  [/^0(?:594|694)/, '594'],
  [/^0(?:596|696|697)/, '596'],
];

// A run of digits with the usual separators, optionally starting with + or 00.
const CANDIDATE = /(?:\+|\b00)?\d[\d\s.()/-]{6,}\d/g;

/** A French (or explicitly international) phone number in E.164 form, undefined otherwise. */
function toE164(raw: string): string | undefined {
  let digits = raw.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // "+33 6…", "+33 (0)6…" and "+33 06…" are national numbers typed internationally.
  if (digits.startsWith('+33')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  if (/^0[1-9]\d{8}$/.test(digits)) {
    const overseas = OVERSEAS.find(([prefix]) => prefix.test(digits));
    return `+${overseas ? overseas[1] : '33'}${digits.slice(1)}`;
  }
  // Other countries: E.164 allows 15 digits; fewer than 9 is a typo rather than a real number.
  return /^\+[1-9]\d{8,14}$/.test(digits) ? digits : undefined;
}

function readPhone(input: string): Parsed<string> {
  const text = cleanInput(input);
  if (!text) return invalid('empty');
  const numbers = new Set(
    [...text.matchAll(CANDIDATE)].map((m) => toE164(m[0])).filter((n): n is string => n !== undefined),
  );
  if (numbers.size > 1) return invalid('ambiguous');
  const [phone] = numbers;
  return phone ? value(phone) : invalid('format');
}

export const parsePhone: Parser<string> = safeParser((input) => readPhone(input));
