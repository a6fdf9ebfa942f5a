import { approxNounValue, isHedged, withoutHedges } from './approx';
import { cleanInput } from './clean';
import { alternation, foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { NEGATIVE, readNumber } from './count';
import { MODEL_ONLY, SCALES } from './lexicon/numbers';
import { findNumbers, readDigits } from './numberWords';
import { containsPhrase, startsWithPhrase } from './phrases';
import { recognizeCurrency, resolvedNumber } from './recognizers';
import { invalid, localeOf, otherLocale, safeParser, value } from './result';
import type { Locale, Parsed, Parser } from './types';

const NOTHING = bothLanguages('nothing');
const DONT_KNOW = bothLanguages('dontKnow');
const MAX_AMOUNT = 10_000_000_000;
// English articles are not read as numbers at all: "we have a small budget" has no amount. In a
// French conversation only before a word for a budget ("a" is also French: "il a").
const ENGLISH_ARTICLE = /(?:^| )(?:a|an)(?: |$)/;
const ENGLISH_BUDGET = /(?:^| )(?:a|an) (?:\S+ )?(?:budget|amount|sum|envelope|fund)s?(?: |$)/;

// "50k", "1,5 M", "2 millions", "3 thousand": the scales our number reader knows.
const MULTIPLIER = `(${alternation(Object.keys(SCALES))})`;
// One amount in digits: its number, multiplier and currency ("50k€", "1,5 M€", "2 millions d'euros").
const DIGITS_AMOUNT = `(?:€\\s*)?(\\d(?:[\\d ,.]*\\d)?)\\s*${MULTIPLIER}?\\s*(?:d'\\s*)?(€|euros?|eur)?`;
const PER_YEAR = "(?:\\s+(?:ht|ttc|par an|/an|annuels?|per year|a year))?";

// "50 000 €", "50k€", "1,5 M€", "2 millions d'euros", "€75,000", "3 500 euros HT".
const PLAIN_AMOUNT = new RegExp(`^${DIGITS_AMOUNT}${PER_YEAR}$`);
// "entre 100 et 150k€", "5 à 10k€", "100-150k", "de 5 à 10 000 euros", "between 5k and 10k".
const RANGE_AMOUNT = new RegExp(
  `^(?:(?:entre|de|between|from)\\s+)?${DIGITS_AMOUNT}\\s*(?:a|-|/|et|ou|to|and|or)\\s*${DIGITS_AMOUNT}${PER_YEAR}$`,
);

/**
 * The low end of a range whose unit is written once, on the high end: "entre 100 et 150k€" is
 * 100 000, "de 5 à 10 000" is 5 000, "2 à 3 millions" is 2 000 000. A low end under a hundredth
 * of the high end takes thousands until it would pass it.
 */
export function rangeLowEnd(low: number, high: number): number {
  let n = low;
  while (n > 0 && n < high / 100 && n * 1000 <= high) n *= 1000;
  return n;
}

/** A range written in digits, read as its low end; undefined when the text is not one. */
function digitsRange(bare: string): number | undefined {
  const m = RANGE_AMOUNT.exec(bare);
  if (!m) return undefined;
  const [, lowDigits, lowMultiplier, lowCurrency, highDigits, highMultiplier] = m;
  const low = readDigits(lowDigits);
  const high = readDigits(highDigits);
  if (low === undefined || high === undefined) return undefined;
  const highAmount = high * (highMultiplier ? SCALES[highMultiplier] : 1);
  const lowAmount = lowMultiplier
    ? low * SCALES[lowMultiplier]
    : lowCurrency
      ? low
      : rangeLowEnd(low, highAmount);
  return lowAmount < highAmount ? lowAmount : undefined;
}

// Only text naming a currency needs the (slow) currency model.
const CURRENCY_HINT = /[€$£¥]|eur|dollar|livre|pound|franc|yen|usd|gbp|chf|sterling/;
// A currency written next to a number, after it ("50 k€", "deux millions d'euros", "5000 dollars")
// or before it ("€75,000", "$5000"); tested on the text around a number our reader found.
const EURO_AFTER = /^\s*(?:€|(?:d'\s*|de\s+|of\s+)?eur(?:os?)?(?![\p{L}]))/iu;
const EURO_BEFORE = /(?:€|(?<![\p{L}])eur)\s*$/iu;
const FOREIGN_AFTER =
  /^\s*(?:[$£¥]|(?:d'\s*|de\s+|of\s+)?(?:us\s+)?(?:dollars?|livres?|pounds?|usd|gbp|chf|francs?|yens?|sterling)(?![\p{L}]))/iu;
const FOREIGN_BEFORE = /(?:[$£¥]|(?<![\p{L}])(?:usd|gbp|chf|us))\s*$/iu;

/**
 * Amounts named in euros, and whether another currency is named: from the numbers our reader
 * finds and the currency written next to each; from the currency models (conversation's language
 * first, usable ones only) when it finds none.
 */
function currencies(text: string, folded: string, locale: Locale): { euros: Set<number>; foreign: boolean } {
  const own = findNumbers(text);
  if (own.length > 0 && !MODEL_ONLY.test(folded)) {
    const euros = new Set<number>();
    let foreign = false;
    for (const { n, start, end } of own) {
      const [before, after] = [text.slice(0, start), text.slice(end)];
      if (EURO_AFTER.test(after) || EURO_BEFORE.test(before)) euros.add(n);
      else if (FOREIGN_AFTER.test(after) || FOREIGN_BEFORE.test(before)) foreign = true;
    }
    return { euros, foreign };
  }
  if (!CURRENCY_HINT.test(folded)) return { euros: new Set(), foreign: false };
  for (const language of [locale, otherLocale(locale)]) {
    const found = recognizeCurrency(text, language).filter(
      (r) => r.typeName === 'currency' && Number.isFinite(resolvedNumber(r)),
    );
    if (found.length > 0) {
      const euros = found.filter((r) => r.resolution.unit === 'Euro');
      return { euros: new Set(euros.map(resolvedNumber)), foreign: euros.length < found.length };
    }
  }
  return { euros: new Set(), foreign: false };
}

/** An amount in euros; "aucun"/"pas de budget" is 0, "je ne sais pas" is not an amount. */
function readAmount(input: string, locale: Locale): Parsed<number> {
  const folded = foldText(input);
  if (!folded) return invalid('empty');
  if (NEGATIVE.test(folded)) return invalid('negative');
  // Without digits, "je ne sais pas" and "pas de budget" are answers in themselves.
  if (!/\d/.test(folded)) {
    const words = foldWords(folded);
    if (containsPhrase(words, DONT_KNOW)) return invalid('unknown');
    if (startsWithPhrase(words, NOTHING)) return value(0, { echo: true });
  }

  const hedged = isHedged(folded);
  const bare = withoutHedges(folded);
  const plain = PLAIN_AMOUNT.exec(bare);
  if (plain) {
    const n = readDigits(plain[1]);
    if (n !== undefined) return checked(n * (plain[2] ? SCALES[plain[2]] : 1), hedged, hedged || !!plain[2]);
  }
  const range = digitsRange(bare);
  if (range !== undefined) return checked(range, true, true);
  // "un millier d'euros", "quelques milliers", "une dizaine de milliers d'euros".
  const noun = approxNounValue(folded);
  if (noun !== undefined) return checked(noun, true, true);

  const text = cleanInput(input);
  const { euros, foreign } = currencies(text, folded, locale);
  if (foreign && euros.size === 0) return invalid('currency');
  // "un"/"une" is an article here: "on a un petit budget" names a budget, not 1 €.
  const read = readNumber(text, locale, { articles: true });
  // A range ("entre 10 000 et 20 000 €", "entre cinq et dix mille euros") is read on the bare
  // numbers: its low end, approximate.
  if (read && typeof read === 'object' && read.approx) {
    return checked(read.high === undefined ? read.n : rangeLowEnd(read.n, read.high), true, true);
  }
  if (euros.size > 1) return invalid('ambiguous');
  if (euros.size === 1) return checked([...euros][0], hedged, true);
  if (read === 'ambiguous') return invalid('ambiguous');
  // A budget named without its amount ("une petite enveloppe"): there is one, but how much?
  const article =
    read === 'article' || (!read && (locale === 'en' ? ENGLISH_ARTICLE : ENGLISH_BUDGET).test(foldWords(folded)));
  if (article) return invalid('unknown');
  if (!read) return invalid('not_understood');
  return checked(read.n, hedged, hedged || read.echo);
}

function checked(n: number, approx: boolean, echo: boolean): Parsed<number> {
  if (!Number.isFinite(n)) return invalid('not_understood');
  if (n < 0) return invalid('negative');
  if (n > MAX_AMOUNT) return invalid('implausible');
  return value(Math.round(n * 100) / 100, { approx, echo });
}

export const parseAmount: Parser<number> = safeParser((input, ctx) => readAmount(input, localeOf(ctx)));
