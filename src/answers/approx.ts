import { alternation } from './fold';
import { APPROX_NOUNS, HEDGES, HEDGE_SYMBOLS, PLURAL_NOUNS } from './lexicon/approx';

const HEDGE = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(HEDGES)})(?=$|[^\\p{L}])`, 'gu');
// "plusieurs centaines", "des dizaines", "hundreds": whatever the quantifier, the plural decides.
const PLURAL = new RegExp(`(?:^|[^\\p{L}])(${alternation(Object.keys(PLURAL_NOUNS))})(?![\\p{L}])`, 'u');
const SINGULAR = new RegExp(`(?:^|[^\\p{L}])(${alternation(Object.keys(APPROX_NOUNS))})(?![\\p{L}])`, 'u');

/** True when folded text hedges its number ("environ", "à peu près", "about", "~"). */
export function isHedged(folded: string): boolean {
  HEDGE.lastIndex = 0;
  return HEDGE.test(folded) || HEDGE_SYMBOLS.test(folded);
}

/** Folded text without its hedges, so "environ 120 000" can take the plain-digits fast path. */
export function withoutHedges(folded: string): string {
  return folded.replace(HEDGE, ' ').replace(HEDGE_SYMBOLS, (m) => m.replace(/[^\d]/g, '')).trim();
}

/** "une trentaine" → 30, "plusieurs centaines" → 200 (a low bound); undefined when absent. */
export function approxNounValue(folded: string): number | undefined {
  const plural = PLURAL.exec(folded);
  if (plural) return PLURAL_NOUNS[plural[1]] * 2;
  const singular = SINGULAR.exec(folded);
  return singular ? APPROX_NOUNS[singular[1]] : undefined;
}
