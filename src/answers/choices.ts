import { recognizeChoices, type Choice, type Token, type TokenizerFunction } from 'botbuilder-dialogs';
import { foldText } from './fold';
import { bothLanguages } from './lexicon';
import { invalid, MAX_SHORT_ANSWER, value } from './result';
import type { ChoiceOption, Locale, Parsed } from './types';

const STOPWORDS = new Set(bothLanguages('stopwords').map((w) => w.replace(/'$/, '')));
// "1", "2 et 4", "options 1, 3", "n°2": nothing but option numbers. Numbers must be separated
// (a space at least) so a long digit string cannot be split in exponentially many ways.
const ONLY_NUMBERS =
  /^(?:(?:le|la|les|l'|option|options|choix|n°|no|numero|numeros|number|numbers|#)\s*)?\d+(?:(?:\s*(?:[,;/&+-]|et|and|ou|or|puis)\s*|\s+)(?:(?:le|la)\s+)?\d+)*\s*\.?$/;

function stem(word: string): string {
  // Plural endings only: "outils numériques" must meet "Numérique et outils".
  return word.length > 3 ? word.replace(/[sx]$/, '') : word;
}

/**
 * Splits on anything but letters and digits (the default tokenizer also splits at combining
 * accents), folds accents and case, drops function words and plural endings. Positions refer
 * to the text given, as `findChoices` expects.
 */
const choiceTokenizer: TokenizerFunction = (text) => {
  const tokens: Token[] = [];
  for (const m of (text ?? '').matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const normalized = foldText(m[0]);
    if (!normalized || STOPWORDS.has(normalized)) continue;
    tokens.push({ start: m.index!, end: m.index! + m[0].length - 1, text: m[0], normalized: stem(normalized) });
  }
  return tokens;
};

function byNumbers(folded: string, options: ChoiceOption[], multiple: boolean): Parsed<string[]> | undefined {
  if (!ONLY_NUMBERS.test(folded)) return undefined;
  const picked = new Set((folded.match(/\d+/g) ?? []).map(Number));
  if ([...picked].some((n) => n < 1 || n > options.length)) return invalid('out_of_range');
  if (!multiple && picked.size > 1) return invalid('too_many');
  return value(options.filter((_, i) => picked.has(i + 1)).map((o) => o.value));
}

/**
 * Typed text to option values with the Bot Framework's fuzzy choice matching, made accent-blind
 * and kept from reading "une" or "deux" inside a sentence as an option number: numbers count only
 * when `numbered` and the answer is nothing but numbers. Multiple: every option found, in option
 * order; single: the best-scoring one.
 */
export function matchChoices(
  input: string,
  options: ChoiceOption[],
  opts: { multiple: boolean; numbered: boolean; locale: Locale },
): Parsed<string[]> {
  try {
    if (typeof input !== 'string') return invalid('empty');
    if (input.length > MAX_SHORT_ANSWER) return invalid('too_long');
    const folded = foldText(input);
    if (!folded) return invalid('empty');
    if (opts.numbered) {
      const numbered = byNumbers(folded, options, opts.multiple);
      if (numbered) return numbered;
    }
    const choices: Choice[] = options.map((o, i) => ({
      value: String(i),
      synonyms: [o.value, ...o.synonyms].map(foldText).filter(Boolean),
    }));
    const found = recognizeChoices(folded, choices, {
      noValue: true,
      noAction: true,
      recognizeNumbers: false,
      recognizeOrdinals: false,
      allowPartialMatches: true,
      tokenizer: choiceTokenizer,
      locale: opts.locale === 'en' ? 'en-us' : 'fr-fr',
    });
    if (found.length === 0) return invalid('no_match');
    const indexes = found.map((f) => Number(f.resolution.value));
    if (opts.multiple) {
      return value(options.filter((_, i) => indexes.includes(i)).map((o) => o.value));
    }
    // Results come in reading order; a stable sort keeps the earliest among equal scores.
    const best = [...found].sort((a, b) => b.resolution.score - a.resolution.score)[0];
    return value([options[Number(best.resolution.value)].value]);
  } catch {
    return invalid('error');
  }
}
