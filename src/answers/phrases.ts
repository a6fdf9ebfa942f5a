import { alternation } from './fold';

/** Phrase-list lookups on folded words, with the phrase regexes compiled once per list. */

interface Compiled {
  exact: Set<string>;
  start: RegExp;
  anywhere: RegExp;
}

const compiledLists = new WeakMap<readonly string[], Compiled>();

// A phrase ending with an apostrophe ("pas d'") runs into the next word; others end at a word edge.
const END = "(?:(?<=')|(?![\\p{L}\\p{N}]))";

function compile(phrases: readonly string[]): Compiled {
  let c = compiledLists.get(phrases);
  if (!c) {
    const alt = alternation(phrases);
    c = {
      exact: new Set(phrases),
      start: new RegExp(`^(?:${alt})${END}`, 'u'),
      anywhere: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alt})${END}`, 'u'),
    };
    compiledLists.set(phrases, c);
  }
  return c;
}

export function isPhrase(words: string, phrases: readonly string[]): boolean {
  return compile(phrases).exact.has(words);
}

export function startsWithPhrase(words: string, phrases: readonly string[]): boolean {
  return compile(phrases).start.test(words);
}

export function containsPhrase(words: string, phrases: readonly string[]): boolean {
  return compile(phrases).anywhere.test(words);
}
