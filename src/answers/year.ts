import { addMonths, today } from './calendar';
import { readNumber, readUnits } from './count';
import { foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { containsPhrase } from './phrases';
import { invalid, localeOf, safeParser, value } from './result';
import type { Locale, ParseContext, Parsed, Parser } from './types';

const OLDEST = 1800;
const LAST_YEAR = bothLanguages('lastYear');
const THIS_YEAR = bothLanguages('thisYear');
const DONT_KNOW = bothLanguages('dontKnow');

const FOUR_DIGITS = /(?<!\d)\d{4}(?!\d)/g;
// "il y a 5 ans", "ça fait une dizaine d'années", "depuis trois ans", "il y a six mois".
const AGO_FR = /(?:il y a|ca fait|cela fait|depuis|voila)\s+(.+?)\s*(?:d'|de\s+)?(ans?|annees?|mois)(?![\p{L}])/u;
// "three years ago", "for five years".
const AGO_EN = /(?:^|\s)(?:for\s+)?(.+?)\s+(years?|months?)(?:\s+ago)?(?![\p{L}])/u;

/** A year of creation: absolute ("en 1998"), relative ("il y a 5 ans") or named ("l'an dernier"). */
function readYear(input: string, locale: Locale, ctx: ParseContext): Parsed<number> {
  const folded = foldText(input);
  if (!folded) return invalid('empty');
  const current = today(ctx.now);

  const years = new Set(folded.match(FOUR_DIGITS) ?? []);
  if (years.size > 1) return invalid('ambiguous');
  if (years.size === 1) return plausible(Number([...years][0]), current.year, false, false);

  const words = foldWords(folded);
  if (containsPhrase(words, LAST_YEAR)) return plausible(current.year - 1, current.year, false, true);
  if (containsPhrase(words, THIS_YEAR)) return plausible(current.year, current.year, false, true);

  const ago = AGO_FR.exec(folded) ?? AGO_EN.exec(folded);
  if (ago) {
    const units = readUnits(ago[1], locale);
    if (!units) return invalid('not_understood');
    const months = /^(?:mois|months?)$/.test(ago[2]) ? units.n : units.n * 12;
    return plausible(addMonths(current, -months).year, current.year, units.approx, true);
  }

  // A year in words ("deux mille quatre") is rare but costs nothing once the model is warm.
  const read = readNumber(input, locale);
  if (read && read !== 'ambiguous' && Number.isInteger(read.n) && read.n >= 1000) {
    return plausible(read.n, current.year, read.approx, true);
  }
  return invalid(containsPhrase(words, DONT_KNOW) ? 'unknown' : 'not_understood');
}

function plausible(year: number, currentYear: number, approx: boolean, echo: boolean): Parsed<number> {
  if (year > currentYear) return invalid('future');
  if (year < OLDEST) return invalid('implausible');
  return value(year, { approx, echo });
}

export const parseYear: Parser<number> = safeParser((input, ctx) => readYear(input, localeOf(ctx), ctx));
