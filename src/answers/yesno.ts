import { alternation, foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { invalid, safeParser, value } from './result';
import type { Parsed, Parser } from './types';

// Emoji answers, with any skin tone (folding has already dropped variation selectors).
const YES_EMOJI = /^(?:(?:👍|👌|✅|✔|🙂|😀|😊)[\u{1F3FB}-\u{1F3FF}]?)+$/u;
const NO_EMOJI = /^(?:(?:👎|❌|🚫)[\u{1F3FB}-\u{1F3FF}]?)+$/u;

type Kind = 'yes' | 'no' | 'neutral';

/** Every known phrase as its words, longest first, with what it says. */
const PHRASES: { words: string[]; kind: Kind }[] = [
  ...bothLanguages('yes').map((p) => ({ p, kind: 'yes' as const })),
  ...bothLanguages('no').map((p) => ({ p, kind: 'no' as const })),
  ...[...bothLanguages('courtesy'), ...bothLanguages('fillers')].map((p) => ({ p, kind: 'neutral' as const })),
]
  .map(({ p, kind }) => ({ words: p.split(' '), kind }))
  .sort((a, b) => b.words.length - a.words.length);

/**
 * Reads words as a run of known phrases, longest first: "euh oui", "ok c'est bon", "je pense que
 * non", "oui merci". True or false when every yes/no phrase agrees, 'mixed' when they disagree
 * ("ok non"), undefined when a word is not part of any phrase or no yes/no is said.
 */
function polarity(words: string): boolean | 'mixed' | undefined {
  const tokens = words.split(' ').filter(Boolean);
  const said = new Set<Kind>();
  for (let i = 0; i < tokens.length; ) {
    const phrase = PHRASES.find((p) => p.words.every((w, j) => tokens[i + j] === w));
    if (!phrase) return undefined;
    said.add(phrase.kind);
    i += phrase.words.length;
  }
  if (said.has('yes') && said.has('no')) return 'mixed';
  return said.has('yes') ? true : said.has('no') ? false : undefined;
}

// "oui c'est ça, on a 3 salariés": a leading yes or no word decides, unless the rest negates it.
const LEADING_YES = /^(?:oui|ouais|yes|yeah|yep)\s+(.*)$/;
const LEADING_NO = /^(?:non|nope|no)\s+(.*)$/;
const NEGATION = /\b(?:pas|non|jamais|not|no|never|nope|nan)\b|n'/;
// Hesitations before the first word: "euh oui c'est ça", "ben non on n'a pas de site".
const LEADING_FILLERS = new RegExp(`^(?:(?:${alternation(bothLanguages('fillers'))})\\s+)+`);

function leadingWord(words: string): boolean | undefined {
  const core = words.replace(LEADING_FILLERS, '');
  const yes = LEADING_YES.exec(core);
  if (yes) return NEGATION.test(yes[1]) ? undefined : true;
  return LEADING_NO.test(core) ? false : undefined;
}

/**
 * After a yes or no first clause, the rest may take it back: "oui, mais non", "oui, mais pas
 * maintenant", "non, enfin oui".
 */
function contradicted(answer: boolean, rest: string): boolean {
  const restSays = polarity(rest);
  if (restSays === 'mixed' || restSays === !answer) return true;
  return answer && /^(?:mais|but|sauf|except|enfin)\b/.test(rest) && NEGATION.test(rest);
}

/** Yes or no, from the whole answer or its first clause ("non, on n'a pas de site"). */
function readYesNo(input: string): Parsed<boolean> {
  const folded = foldText(input);
  if (!folded) return invalid('empty');
  const compact = folded.replace(/\s/g, '');
  if (YES_EMOJI.test(compact)) return value(true);
  if (NO_EMOJI.test(compact)) return value(false);

  const words = foldWords(folded);
  const whole = polarity(words);
  if (whole === 'mixed') return invalid('not_understood');
  if (whole !== undefined) return value(whole);

  const clauses = folded
    .split(/[,;:.!?()]/)
    .map(foldWords)
    .filter((c) => c !== '');
  const first = clauses.length > 1 ? polarity(clauses[0]) : undefined;
  if (first === 'mixed') return invalid('not_understood');
  if (first !== undefined) {
    return contradicted(first, clauses.slice(1).join(' ')) ? invalid('not_understood') : value(first);
  }
  const leading = leadingWord(words);
  return leading === undefined ? invalid('not_understood') : value(leading);
}

export const parseYesNo: Parser<boolean> = safeParser((input) => readYesNo(input));
