import { alternation, foldText, foldWords } from './fold';
import { bothLanguages } from './lexicon';
import { isPhrase } from './phrases';
import { invalid, safeParser, value } from './result';
import type { Parsed, Parser } from './types';

const YES = bothLanguages('yes');
const NO = bothLanguages('no');
const COURTESY = alternation(bothLanguages('courtesy'));
const AROUND_COURTESY = new RegExp(`^(?:(?:${COURTESY})\\s+)*(.+?)(?:\\s+(?:${COURTESY}))*$`);
// Emoji answers, with any skin tone (folding has already dropped variation selectors).
const YES_EMOJI = /^(?:(?:👍|👌|✅|✔|🙂|😀|😊)[\u{1F3FB}-\u{1F3FF}]?)+$/u;
const NO_EMOJI = /^(?:(?:👎|❌|🚫)[\u{1F3FB}-\u{1F3FF}]?)+$/u;

function polarity(words: string): boolean | undefined {
  const core = AROUND_COURTESY.exec(words)?.[1] ?? words;
  for (const candidate of [words, core]) {
    if (isPhrase(candidate, YES)) return true;
    if (isPhrase(candidate, NO)) return false;
  }
  return undefined;
}

// "oui c'est ça, on a 3 salariés": a leading yes or no word decides, unless the rest negates it.
const LEADING_YES = /^(?:oui|ouais|yes|yeah|yep)\s+(.*)$/;
const LEADING_NO = /^(?:non|nope|no)\s+(.*)$/;
const NEGATION = /\b(?:pas|non|jamais|not|no|never)\b|n'/;

function leadingWord(words: string): boolean | undefined {
  const yes = LEADING_YES.exec(words);
  if (yes) return NEGATION.test(yes[1]) ? undefined : true;
  return LEADING_NO.test(words) ? false : undefined;
}

/** Yes or no, from the whole answer or its first clause ("non, on n'a pas de site"). */
function readYesNo(input: string): Parsed<boolean> {
  const folded = foldText(input);
  if (!folded) return invalid('empty');
  const compact = folded.replace(/\s/g, '');
  if (YES_EMOJI.test(compact)) return value(true);
  if (NO_EMOJI.test(compact)) return value(false);
  const firstClause = folded.split(/[,;:.!?()]/).find((part) => part.trim() !== '') ?? '';
  const answer = polarity(foldWords(folded)) ?? polarity(foldWords(firstClause)) ?? leadingWord(foldWords(folded));
  return answer === undefined ? invalid('not_understood') : value(answer);
}

export const parseYesNo: Parser<boolean> = safeParser((input) => readYesNo(input));
