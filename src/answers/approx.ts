import { alternation } from './fold';
import { APPROX_NOUNS, HEDGES, HEDGE_SYMBOLS, PLURAL_NOUNS, SCALES, VAGUE_QUANTIFIERS } from './lexicon/approx';

const HEDGE = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(HEDGES)})(?=$|[^\\p{L}])`, 'gu');
const SCALE = `(${alternation(Object.keys(SCALES))})`;
// "une trentaine", "plusieurs centaines", "une dizaine de milliers", "hundreds of thousands":
// whatever the quantifier, the plural decides; a large unit after "de"/"of" multiplies.
const NOUN = new RegExp(
  `(?<![\\p{L}])(${alternation([...Object.keys(PLURAL_NOUNS), ...Object.keys(APPROX_NOUNS)])})` +
    `(?:\\s+(?:de\\s+|d'\\s*|of\\s+)${SCALE})?(?![\\p{L}])`,
  'u',
);
// "quelques millions", "several million": a plural large unit with no number of its own.
const VAGUE_SCALE = new RegExp(`(?<![\\p{L}])(?:${alternation(VAGUE_QUANTIFIERS)})\\s+${SCALE}(?![\\p{L}])`, 'u');

/** True when folded text hedges its number ("environ", "à peu près", "about", "~"). */
export function isHedged(folded: string): boolean {
  HEDGE.lastIndex = 0;
  return HEDGE.test(folded) || HEDGE_SYMBOLS.test(folded);
}

/** Folded text without its hedges, so "environ 120 000" can take the plain-digits fast path. */
export function withoutHedges(folded: string): string {
  return folded.replace(HEDGE, ' ').replace(HEDGE_SYMBOLS, (m) => m.replace(/[^\d]/g, '')).trim();
}

/**
 * "une trentaine" → 30, "plusieurs centaines" → 200 (a low bound), "une dizaine de milliers" →
 * 10 000, "quelques millions" → 2 000 000; undefined when absent.
 */
export function approxNounValue(folded: string): number | undefined {
  const noun = NOUN.exec(folded);
  if (noun) {
    const n = noun[1] in PLURAL_NOUNS ? PLURAL_NOUNS[noun[1]] * 2 : APPROX_NOUNS[noun[1]];
    return n * (noun[2] ? SCALES[noun[2]] : 1);
  }
  const vague = VAGUE_SCALE.exec(folded);
  return vague ? SCALES[vague[1]] * 2 : undefined;
}
