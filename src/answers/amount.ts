import { isHedged, withoutHedges } from './approx';
import { cleanInput } from './clean';
import { foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { NEGATIVE, readNumber } from './count';
import { containsPhrase, startsWithPhrase } from './phrases';
import { recognizeCurrency, resolvedNumber } from './recognizers';
import { invalid, localeOf, safeParser, value } from './result';
import type { Locale, Parsed, Parser } from './types';

const NOTHING = bothLanguages('nothing');
const DONT_KNOW = bothLanguages('dontKnow');
const MAX_AMOUNT = 10_000_000_000;

const MULTIPLIERS: Record<string, number> = {
  k: 1e3, mille: 1e3, thousand: 1e3,
  m: 1e6, mio: 1e6, mn: 1e6, million: 1e6, millions: 1e6,
  md: 1e9, mds: 1e9, milliard: 1e9, milliards: 1e9, billion: 1e9, bn: 1e9,
};

// "50 000 €", "50k€", "1,5 M€", "2 millions d'euros", "€75,000", "3 500 euros HT".
const PLAIN_AMOUNT = new RegExp(
  '^(?:€\\s*)?(\\d(?:[\\d ,.]*\\d)?)\\s*' +
    `(${Object.keys(MULTIPLIERS).join('|')})?\\s*(?:d'\\s*)?(?:€|euros?|eur)?` +
    "(?:\\s+(?:ht|ttc|par an|/an|annuels?|per year|a year))?$",
);

// Only text naming a currency needs the (slow) currency model; bare numbers go to the number model.
const CURRENCY_HINT = /[€$£¥]|eur|dollar|livre|pound|franc|yen|usd|gbp|chf|sterling/;

/**
 * Digits with any thousands/decimal convention: a separator followed by exactly three digits
 * groups thousands ("75,000", "3.500"), otherwise it is the decimal mark ("1,5", "2.75").
 */
function readDigits(s: string): number | undefined {
  if (/ \d{1,2}(?!\d)/.test(s)) return undefined; // "12 34" is not a grouped number
  const t = s.replace(/ /g, '');
  const seps = t.match(/[.,]/g) ?? [];
  let normalised: string;
  if (new Set(seps).size === 2) {
    const decimal = t.lastIndexOf(',') > t.lastIndexOf('.') ? ',' : '.';
    const [whole, fraction] = [t.slice(0, t.lastIndexOf(decimal)), t.slice(t.lastIndexOf(decimal) + 1)];
    normalised = `${whole.replace(/[.,]/g, '')}.${fraction}`;
  } else if (seps.length > 1 || /^\d+[.,]\d{3}$/.test(t)) {
    if (!/^\d{1,3}(?:[.,]\d{3})+$/.test(t)) return undefined;
    normalised = t.replace(/[.,]/g, '');
  } else {
    normalised = t.replace(',', '.');
  }
  const n = Number(normalised);
  return Number.isFinite(n) ? n : undefined;
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
  const plain = PLAIN_AMOUNT.exec(withoutHedges(folded));
  if (plain) {
    const n = readDigits(plain[1]);
    if (n !== undefined) return checked(n * (plain[2] ? MULTIPLIERS[plain[2]] : 1), hedged, hedged || !!plain[2]);
  }

  const text = cleanInput(input);
  const currencies = (CURRENCY_HINT.test(folded) ? recognizeCurrency(text, locale) : []).filter(
    (r) => r.typeName === 'currency' && Number.isFinite(resolvedNumber(r)),
  );
  const euros = new Set(currencies.filter((r) => r.resolution.unit === 'Euro').map(resolvedNumber));
  if (currencies.length > 0 && euros.size === 0) return invalid('currency');
  const read = readNumber(text, locale);
  // A range ("entre 10 000 et 20 000 €") is read on the bare numbers: its low end, approximate.
  if (read && read !== 'ambiguous' && read.approx) return checked(read.n, true, true);
  if (euros.size > 1) return invalid('ambiguous');
  if (euros.size === 1) return checked([...euros][0], hedged, true);
  if (read === 'ambiguous') return invalid('ambiguous');
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
