import { approxNounValue, isHedged, withoutHedges } from './approx';
import { cleanInput } from './clean';
import { foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { containsPhrase, isPhrase, startsWithPhrase } from './phrases';
import { recognizeNumbers, resolvedNumber, type ModelResult } from './recognizers';
import { invalid, localeOf, safeParser, value } from './result';
import type { Locale, Parsed, Parser } from './types';

const NOBODY = bothLanguages('nobody');
const JUST_ME = bothLanguages('justMe');
const DONT_KNOW = bothLanguages('dontKnow');

const MAX_COUNT = 10_000_000;
const PLAIN_NUMBER = /^(?:\d{1,3}(?: \d{3})+|\d+)(?:,\d+)?$/;
// A minus sign not preceded by a number, so "2 - 3" stays a range.
export const NEGATIVE = /(?:^|[^\d\s])\s*-\s*\d/;
// What may separate the two ends of a range: "10 à 15", "entre 10 et 15", "10-15", "10 or 15".
const RANGE_GAP = /^\s*(?:a|-|\/|ou|et|to|or|and)\s*$/;

/** Numbers the recognizer found, with their match, in reading order. */
function recognizedNumbers(text: string, locale: Locale): { n: number; result: ModelResult }[] {
  return recognizeNumbers(text, locale)
    .map((result) => ({ n: resolvedNumber(result), result }))
    .filter(({ n }) => Number.isFinite(n));
}

export interface ReadNumber {
  n: number;
  /** Only ranges are approximate here; hedges ("environ") are the caller's to read. */
  approx: boolean;
  /** The number was written in words. */
  echo: boolean;
}

/**
 * One number in free text (words or digits), or a range whose low end is kept
 * ("entre 10 et 15" → 10, approx). Also used for amounts and years written in words.
 */
export function readNumber(input: string, locale: Locale): ReadNumber | 'ambiguous' | undefined {
  const text = cleanInput(input);
  const found = recognizedNumbers(text, locale);
  if (found.length === 0) return undefined;
  if (found.every(({ n }) => n === found[0].n)) {
    return { n: found[0].n, approx: false, echo: !/^[\d\s.,]+$/.test(found[0].result.text) };
  }
  if (found.length === 2) {
    const [low, high] = found;
    const gap = foldText(text.slice(low.result.end + 1, high.result.start));
    if (RANGE_GAP.test(gap) && low.n < high.n) return { n: low.n, approx: true, echo: true };
  }
  return 'ambiguous';
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
