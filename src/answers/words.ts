import { foldText } from './fold';
import { memoized } from './memo';

/**
 * Words of a message for the phrase matchers (language requests, command intents): folded, with
 * English contractions and French elisions expanded ("don't" → "do not", "m'appeler" → "me
 * appeler", "parlez-vous" → "parlez vous"), each with its clause (punctuation and "mais"/"but"
 * start a new one) and whether it was typed capitalised.
 */
export interface Word {
  w: string;
  clause: number;
  capital: boolean;
}

const EXPANSIONS: [RegExp, string][] = [
  [/\bcan't\b/g, 'can not'],
  [/\bwon't\b/g, 'will not'],
  [/\bcannot\b/g, 'can not'],
  [/n't\b/g, ' not'],
  [/'m\b/g, ' am'],
  [/'re\b/g, ' are'],
  [/'d\b/g, ' would'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'s\b/g, ' s'],
  [/\b(j|n|m|t|s|c|l|d|qu)'/g, '$1e '],
  [/\bwanna\b/g, 'want to'],
  [/-/g, ' '],
];
const CLAUSE_BREAK = /^[,;:.!?…()]+$/;
const NEW_CLAUSE_WORDS = new Set(['mais', 'but']);

/** Shared between the callers of a turn (frozen: a caller that changed it would change the others'). */
export const splitWords: (text: string) => readonly Readonly<Word>[] = memoized((text) => Object.freeze(wordsOf(text)));

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let clause = 0;
  for (const [typed] of text.normalize('NFC').matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[,;:.!?…()]+/gu)) {
    if (CLAUSE_BREAK.test(typed)) {
      if (out.length > 0 && out[out.length - 1].clause === clause) clause++;
      continue;
    }
    let f = foldText(typed);
    for (const [re, by] of EXPANSIONS) f = f.replace(re, by);
    for (const w of f.split(/\s+/).filter(Boolean)) {
      if (NEW_CLAUSE_WORDS.has(w) && out.length > 0 && out[out.length - 1].clause === clause) clause++;
      out.push({ w, clause, capital: /^\p{Lu}/u.test(typed) });
    }
  }
  return out;
}

/** True when the message asks a question: a question mark, or an English or French question opening. */
export function isQuestion(text: string): boolean {
  return /\?\s*$/.test(text) || /^\s*(?:est-ce|pourquoi|why|what|how|can|could|do|does|is|are)\b/i.test(text);
}
