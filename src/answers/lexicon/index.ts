import { en } from './en';
import { fr } from './fr';
import type { Lexicon } from './types';

export type { Lexicon };
export type PhraseList = Exclude<keyof Lexicon, 'months' | 'seasons' | 'weekdays' | 'ordinals'>;
export { en, fr };

const merged = new Map<PhraseList, string[]>();

/**
 * Both languages at once: a French conversation still gets "ok" or "yes", and reading both lists
 * costs nothing because no phrase means opposite things in the two languages.
 */
export function bothLanguages(key: PhraseList): string[] {
  // Memoised: the same array is returned each time, so compiled phrase regexes are reused.
  let list = merged.get(key);
  if (!list) merged.set(key, (list = [...fr[key], ...en[key]]));
  return list;
}
