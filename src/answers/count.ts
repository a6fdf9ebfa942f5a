import { approxNounValue, isHedged, withoutHedges } from './approx';
import { cleanInput } from './clean';
import { foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { containsPhrase, isPhrase, startsWithPhrase } from './phrases';
import { MODEL_ONLY } from './lexicon/numbers';
import { findNumbers, type NumberSpan } from './numberWords';
import { recognizeNumbers, resolvedNumber } from './recognizers';
import { invalid, localeOf, otherLocale, safeParser, value } from './result';
import type { Locale, Parsed, Parser } from './types';

const NOBODY = bothLanguages('nobody');
const JUST_ME = bothLanguages('justMe');
const DONT_KNOW = bothLanguages('dontKnow');
const SELF = bothLanguages('self');
const PEOPLE = new Set(bothLanguages('people'));
const ONE_DETERMINERS = new Set(bothLanguages('oneDeterminers'));
// What joins the people of "le trésorier, la présidente et moi", "me and my colleague".
const PEOPLE_SEPARATOR = /\s*(?:[,;&+]|(?<![\p{L}])(?:et|and|avec|with|ainsi que|plus)(?![\p{L}]))\s*/iu;
// A first name, as typed: "Julie et moi".
const FIRST_NAME = /^\p{Lu}[\p{Ll}'-]+$/u;
const MAX_WORDS_AFTER_NOUN = 3;

const MAX_COUNT = 10_000_000;
const PLAIN_NUMBER = /^(?:\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?$/;
// A minus sign not preceded by a number, so "2 - 3" stays a range.
export const NEGATIVE = /(?:^|[^\d\s])\s*-\s*\d/;
// What may separate the two ends of a range: "10 à 15", "entre 10 et 15", "10-15", "10 or 15".
const RANGE_GAP = /^\s*(?:a|-|\/|ou|et|to|or|and)\s*$/;

// An indefinite article the number model reads as 1 ("on a un petit budget"), unless a unit
// follows it ("un euro", "one euro").
const ARTICLE = /^(?:un|une|a|an)$/;
const UNIT_AFTER = /^\s*(?:€|eur(?:os?)?(?![\p{L}])|\$|dollars?|livres?|pounds?)/u;

/**
 * Numbers in the text, in reading order: our own reader first (digits and number words of both
 * languages); the English number model (once warm, see recognizers.ts) only for what it does not
 * read ("a third", "two point five") or when it finds nothing. A fraction or decimal in words that
 * no model read is not a number we can be sure of: nothing is returned, and the question is asked
 * again with an example.
 */
export function numbersIn(text: string, locale: Locale): NumberSpan[] {
  const own = findNumbers(text);
  const beyondUs = MODEL_ONLY.test(foldText(text));
  if (own.length > 0 && !beyondUs) return own;
  for (const language of [locale, otherLocale(locale)]) {
    const found = recognizeNumbers(text, language)
      .map((r) => ({ n: resolvedNumber(r), start: r.start, end: r.end + 1, text: r.text }))
      .filter(({ n }) => Number.isFinite(n));
    if (found.length > 0) return found;
  }
  // "trois quarts", "deux virgule cinq": what we read of it ("trois", "deux") would be wrong.
  return beyondUs ? [] : own;
}

export interface ReadNumber {
  n: number;
  /** Only ranges are approximate here; hedges ("environ") are the caller's to read. */
  approx: boolean;
  /** The number was written in words. */
  echo: boolean;
  /** The high end of a range ("entre 10 et 15" → 15). */
  high?: number;
}

/**
 * One number in free text (words or digits), or a range whose low end is kept
 * ("entre 10 et 15" → 10, approx). Also used for amounts and years written in words.
 * 'article' when the only "numbers" were articles read as such (`articles` option).
 */
export function readNumber(input: string, locale: Locale): ReadNumber | 'ambiguous' | undefined;
/** `articles`: "un"/"une" is an article, not the number 1, unless a currency follows ("un euro"). */
export function readNumber(
  input: string,
  locale: Locale,
  options: { articles: true },
): ReadNumber | 'ambiguous' | 'article' | undefined;
export function readNumber(
  input: string,
  locale: Locale,
  options: { articles?: boolean } = {},
): ReadNumber | 'ambiguous' | 'article' | undefined {
  const text = cleanInput(input);
  let found = numbersIn(text, locale);
  if (options.articles) {
    const numbers = found.filter(({ text: t, end }) => !ARTICLE.test(foldText(t)) || UNIT_AFTER.test(foldText(text.slice(end))));
    if (numbers.length === 0 && found.length > 0) return 'article';
    found = numbers;
  }
  if (found.length === 0) return undefined;
  if (found.every(({ n }) => n === found[0].n)) {
    return { n: found[0].n, approx: false, echo: !/^[\d\s.,]+$/.test(found[0].text) };
  }
  if (found.length === 2) {
    const [low, high] = found;
    const gap = foldText(text.slice(low.end, high.start));
    if (RANGE_GAP.test(gap) && low.n < high.n) return { n: low.n, approx: true, echo: true, high: high.n };
  }
  return 'ambiguous';
}

/** How many people a person noun names: "la présidente" 1, "deux collègues" 2; undefined if none. */
function mention(part: string, locale: Locale): { n: number; singular: boolean } | undefined {
  const words = foldWords(part).replace(/'(?=\p{L})/gu, "' ");
  if (isPhrase(words, SELF)) return { n: 1, singular: true };
  if (FIRST_NAME.test(part)) return { n: 1, singular: true };
  let tokens = words.split(' ');
  let n = 1;
  let singular = true;
  if (ONE_DETERMINERS.has(tokens[0])) {
    tokens = tokens.slice(1);
  } else if (!PEOPLE.has(tokens[0])) {
    // "deux collègues", "3 bénévoles": a number of people.
    const number = /^\d+$/.test(tokens[0]) ? Number(tokens[0]) : numbersIn(tokens[0], locale)[0]?.n;
    if (number === undefined) return undefined;
    n = number;
    singular = false;
    tokens = tokens.slice(1);
  }
  // The person noun comes first, maybe in several words ("chargée de mission"), then a few more
  // words ("de l'association", a first name).
  for (let size = Math.min(3, tokens.length); size >= 1; size--) {
    const noun = tokens.slice(0, size).join(' ');
    const known = PEOPLE.has(noun) || (!singular && PEOPLE.has(noun.replace(/[sx]$/, '')));
    if (known && tokens.length - size <= MAX_WORDS_AFTER_NOUN) {
      return Number.isInteger(n) && n >= 1 ? { n, singular } : undefined;
    }
  }
  return undefined;
}

/**
 * People counted by naming them: "la présidente et moi" → 2, "le trésorier, la présidente et moi"
 * → 3, "moi et deux collègues" → 3, "la trésorière" → 1. Every part must name people, at least
 * one of them singly (so "3 bénévoles et 2 salariés" stays two different counts).
 */
function namedPeople(input: string, locale: Locale): number | undefined {
  const parts = cleanInput(input)
    .replace(/[.!]+$/, '')
    .split(PEOPLE_SEPARATOR)
    .filter((p) => p !== '');
  // One part alone counts only as a person noun ("la présidente"); a first name could be anything.
  if (parts.length === 1 && (FIRST_NAME.test(parts[0]) || isPhrase(foldWords(parts[0]), SELF))) return undefined;
  const mentions = parts.map((p) => mention(p, locale));
  if (mentions.some((m) => m === undefined) || !mentions.some((m) => m!.singular)) return undefined;
  if (parts.every((p) => FIRST_NAME.test(p))) return undefined; // names alone could be anything
  return mentions.reduce((sum, m) => sum + m!.n, 0);
}

/** A non-negative integer count of people, with the approximations French speakers use. */
function readCount(input: string, locale: Locale): Parsed<number> {
  const folded = foldText(input);
  if (!folded) return invalid('empty');
  if (NEGATIVE.test(folded)) return invalid('negative');
  const words = foldWords(folded);
  const hasDigit = /\d/.test(folded);
  if (!hasDigit && startsWithPhrase(words, NOBODY)) return value(0, { echo: true });
  if (isPhrase(words, JUST_ME)) return value(1, { echo: true });
  const named = namedPeople(input, locale);
  if (named !== undefined) return checked(named, false, true);

  const noun = approxNounValue(folded);
  if (noun !== undefined) return value(noun, { approx: true, echo: true });

  const hedged = isHedged(folded);
  const bare = withoutHedges(folded);
  // Fast path: plain digits never need Recognizers-Text.
  if (PLAIN_NUMBER.test(bare)) return checked(Number(bare.replace(/ /g, '').replace(',', '.')), hedged, hedged);
  if (!hasDigit && containsPhrase(words, DONT_KNOW)) return invalid('unknown');

  const read = readNumber(input, locale);
  if (read === 'ambiguous') return invalid('ambiguous');
  if (!read) return invalid('not_understood');
  return checked(read.n, hedged || read.approx, hedged || read.echo);
}

function checked(n: number, approx: boolean, echo: boolean): Parsed<number> {
  if (n < 0) return invalid('negative');
  if (n > MAX_COUNT) return invalid('implausible');
  const rounded = Math.round(n);
  // "2,5 ETP" is a real answer: keep it as the nearest whole count, flagged approximate.
  return value(rounded, { approx: approx || rounded !== n, echo: echo || rounded !== n });
}

export const parseCount: Parser<number> = safeParser((input, ctx) => readCount(input, localeOf(ctx)));

/** How many units in "il y a dix ans", "dans une quinzaine de jours", "a year ago". */
export function readUnits(phrase: string, locale: Locale): { n: number; approx: boolean } | undefined {
  if (/^(?:a|an|one|un|une)$/.test(foldWords(phrase))) return { n: 1, approx: false };
  const r = readCount(phrase, locale);
  return r.status === 'value' ? { n: r.value, approx: r.approx } : undefined;
}
