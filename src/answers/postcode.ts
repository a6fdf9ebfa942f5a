import { cleanInput } from './clean';
import { invalid, safeParser, value } from './result';
import type { Parsed, Parser, PostcodeAnswer } from './types';

// Five digits, optionally typed "75 011"; not part of a longer number such as a phone.
const CODE = /(?<![\d])(\d{2}) ?(\d{3})(?![\d])/g;
// Around the town: spaces and punctuation.
const EDGES = /^[\s,;:/–-]+|[\s,;:.!?/–-]+$/g;
// Brackets around the code or the town: "Lille (59000)", "13005 (Marseille)"; "Paris (11e)" keeps its own.
const BRACKETS = /^[)\]]+|[([]+$/g;
const WRAPPED = /^[([](.*)[)\]]$/;
// Labels and lead-ins typed before a town: "ville : Paris", "à Marseille", "we are in Lyon",
// "nous sommes basés à Lille". At the start only: "sur", "en" are also inside towns ("Boulogne sur Mer").
const leadIn = (words: string) =>
  new RegExp(
    '^(?:(?:nous sommes|on est|je suis|we are|we\'re|i am|i\'m|based|situ[ée]e?s?|bas[ée]e?s?|located|implant[ée]e?s?|install[ée]e?s?)\\s+)*' +
      `(?:${words})\\s*:?\\s+(?=\\p{L})`,
    'iu',
  );
const LEAD_IN = leadIn('ville|commune|town|city|à|au|in|at|near|près de|pres de');
// Before the code, "a" may be "à" typed without its accent ("a Marseille 13005"); after the code
// it is more likely the town itself or a word of it, kept as typed.
const LEAD_IN_BEFORE = leadIn('ville|commune|town|city|à|a|au|in|at|near|près de|pres de');
// A town: up to six words, the first a letter; "Paris 11e", "Saint-Denis", "L'Île-Saint-Denis".
const TOWN = /^\p{L}[\p{L}'’.-]*(?: (?:\p{L}[\p{L}'’.-]*|\d{1,2}(?:e|er|ème|eme))){0,5}$/u;
// A town typed before the code with no lead-in must look like a proper noun ("Issy-les-Moulineaux 92130").
const PROPER = /^\p{Lu}/u;
const NOT_A_TOWN = /^(?:code|cp|c\.p\.|postal|code postal|postcode|zip|zip code|france)$/i;
// The country, often typed after the town: "13005 Marseille, France".
const COUNTRY = /[\s,]+france$/i;

/**
 * The town in what was typed before or after the code, or undefined. After the code anything with
 * a letter is kept as typed ("75011 Paris (11e)"); before it, only what looks like a town.
 */
function town(raw: string, before: boolean): string | undefined {
  let t = raw.replace(EDGES, '').replace(COUNTRY, '').replace(EDGES, '');
  t = WRAPPED.test(t) ? t.replace(WRAPPED, '$1') : t.replace(BRACKETS, '');
  t = t.replace(EDGES, '');
  const lead = (before ? LEAD_IN_BEFORE : LEAD_IN).exec(t);
  if (lead) t = t.slice(lead[0].length);
  else if (before && !PROPER.test(t)) return undefined;
  t = t.replace(EDGES, '').slice(0, 100).trim();
  if (!/\p{L}/u.test(t) || NOT_A_TOWN.test(t)) return undefined;
  return !before || TOWN.test(t) ? t : undefined;
}

/**
 * A French postcode (01000-98999), with the town when typed next to it, in either order and with
 * any punctuation: "13005 Marseille", "Marseille 13005", "à Marseille, 13005", "Lille (59000)".
 */
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
  const before = text.slice(0, m.index);
  const name = town(after, false) ?? town(before, true);
  return value(name ? { postcode, town: name } : { postcode });
}

export const parsePostcode: Parser<PostcodeAnswer> = safeParser((input) => readPostcode(input));
