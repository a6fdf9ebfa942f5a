import { cleanInput } from './clean';
import { memoized } from './memo';

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * Accent- and case-insensitive form used for every lexicon match: "Numérique" → "numerique",
 * "l’an dernier" → "l'an dernier". Shared so that command matching elsewhere folds the same way.
 */
export const foldText: (s: string) => string = memoized((s) =>
  cleanInput(s)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (c) => LIGATURES[c])
    .replace(/[’‘ʼ`´′]/g, "'")
    .replace(/[‐‑‒–—−]/g, '-'),
);

/** Folded text reduced to words (letters, digits, apostrophes, inner hyphens) for phrase lookups. */
export function foldWords(s: string): string {
  return foldText(s)
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .replace(/(^|\s)[-']+|[-']+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Builds a regular expression alternation from phrases, longest first, special characters escaped. */
export function alternation(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
