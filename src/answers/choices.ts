// The choices module alone: the whole of botbuilder-dialogs costs ~0.3 s more at start-up.
import { recognizeChoices, type Choice, type Token, type TokenizerFunction } from 'botbuilder-dialogs/lib/choices';
import { foldText } from './fold';
import { bothLanguages } from './lexicon';
import { memoized } from './memo';
import { invalid, MAX_SHORT_ANSWER, value } from './result';
import type { ChoiceOption, Locale, Parsed } from './types';

const STOPWORDS = new Set(bothLanguages('stopwords').map((w) => w.replace(/'$/, '')));
// "très", "very", "vraiment": one shared word, so "très difficile" differs from "difficile" and
// meets "very difficult"; after a negation ("pas très", "not very") the intensifier is dropped.
const INTENSIFIERS = new Set(bothLanguages('intensifiers'));
const INTENSIFIER = 'tres';
const NEGATIONS = new Set(['pas', 'not', 'non', 'no']);
// A complement names what a phrase is about: "Évaluation d'impact", "Emploi des seniors".
const COMPLEMENT_MARKERS = new Set(['de', 'd', 'du', 'des', 'of']);
// Several wordings in one synonym: "Numérique et outils", "Vulnérabilités (précarité, isolement)".
const CONJUNCTION = /\s*(?:[,;/&()]|(?<![\p{L}\p{N}])(?:et|and)(?![\p{L}\p{N}]))\s*/u;
// "1", "2 et 4", "options 1, 3", "n°2": nothing but option numbers. Numbers must be separated
// (a space at least) so a long digit string cannot be split in exponentially many ways.
const ONLY_NUMBERS =
  /^(?:(?:le|la|les|l'|option|options|choix|n°|no|numero|numeros|number|numbers|#)\s*)?\d+(?:(?:\s*(?:[,;/&+-]|et|and|ou|or|puis)\s*|\s+)(?:(?:le|la)\s+)?\d+)*\s*\.?$/;

/**
 * Plural and feminine endings folded away so "outils numériques" meets "Numérique et outils" and
 * "tendu" meets "tendue", "bon" meets "bonne": final s/x, then final e's, then a doubled final
 * n/l/t/s ("bonne" → "bon", "naturelle" → "naturel"), on words of four letters or more.
 */
function stem(word: string): string {
  if (word.length < 4) return word;
  const singular = word.replace(/[sx]$/, '');
  const masculine = singular.length >= 4 ? singular.replace(/e+$/, '') : singular;
  return masculine.length >= 3 ? masculine.replace(/(nn|ll|tt|ss)$/, (d) => d[0]) : singular;
}

/**
 * Splits on anything but letters and digits (the default tokenizer also splits at combining
 * accents), folds accents and case, drops function words and plural endings. Positions refer
 * to the text given, as `findChoices` expects.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previous = '';
  for (const m of (text ?? '').matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const normalized = foldText(m[0]);
    const negated = NEGATIONS.has(previous);
    previous = normalized;
    if (!normalized || STOPWORDS.has(normalized)) continue;
    const intensifier = INTENSIFIERS.has(normalized);
    // "pas très" weakens; "vraiment très" is said once.
    if (intensifier && (negated || tokens[tokens.length - 1]?.normalized === INTENSIFIER)) continue;
    const word = intensifier ? INTENSIFIER : stem(normalized);
    tokens.push({ start: m.index!, end: m.index! + m[0].length - 1, text: m[0], normalized: word });
  }
  return tokens;
}

/**
 * Each option's wordings are tokenized on every answer to the question (by botbuilder's
 * `findValues` and by the partial-match check), the same few hundred texts over and over: the last
 * short ones are remembered (memo.ts), frozen, as botbuilder only reads them.
 */
const rememberedTokens = memoized((text: string): readonly Token[] => Object.freeze(tokenize(text).map((t) => Object.freeze(t))), {
  size: 2048,
  maxLength: MAX_SHORT_ANSWER,
});
const choiceTokenizer: TokenizerFunction = (text) => rememberedTokens(text ?? '') as Token[];

const words = (text: string) => choiceTokenizer(text).map((t) => t.normalized);

/**
 * The words a partial match must include: the complement ("impact" in "Évaluation d'impact"),
 * else in English the first word ("mental" in "Mental health"), else every word: French puts the
 * qualifier last, so "santé" alone is not "Santé mentale".
 */
function distinctiveWords(synonym: string, locale: Locale): string[] {
  const all = words(synonym);
  const raw = synonym.match(/[\p{L}\p{N}]+/gu) ?? [];
  const marker = raw.findIndex(
    (w, i) => i > 0 && COMPLEMENT_MARKERS.has(w) && words(raw.slice(0, i).join(' ')).length > 0,
  );
  if (marker > 0) {
    const complement = words(raw.slice(marker + 1).join(' '));
    if (complement.length > 0) return complement;
  }
  if (locale === 'en' && all.length > 1) return all.filter((w) => w !== INTENSIFIER).slice(0, 1);
  return all;
}

interface PreparedOptions {
  /** Each option's wordings, folded, one per conjunct ("numérique et outils": two). */
  synonyms: string[][];
  /** The words a partial match of each wording must include. */
  distinctive: Map<string, string[]>[];
}

/**
 * The wordings of a question's options depend on the options and the language only: worked out
 * once per options list (the engine passes the same list for a step of a flow, parseAnswer.ts)
 * instead of folding and splitting a few dozen texts on every answer. Lists built for one call
 * are prepared for that call alone. The options are only read, here and by the caller.
 */
const preparedOf = new WeakMap<readonly ChoiceOption[], Partial<Record<Locale, PreparedOptions>>>();

function preparedOptions(options: readonly ChoiceOption[], locale: Locale): PreparedOptions {
  const byLocale = preparedOf.get(options) ?? {};
  const known = byLocale[locale];
  if (known) return known;
  const synonyms = options.map((o) => [
    ...new Set(
      [o.value, ...o.synonyms]
        .map(foldText)
        .flatMap((s) => s.split(CONJUNCTION))
        .filter((s) => words(s).length > 0),
    ),
  ]);
  const prepared = { synonyms, distinctive: synonyms.map((list) => new Map(list.map((s) => [s, distinctiveWords(s, locale)]))) };
  byLocale[locale] = prepared;
  preparedOf.set(options, byLocale);
  return prepared;
}

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
 * when `numbered` and the answer is nothing but numbers. Each wording of a synonym ("Numérique et
 * outils": "numérique", "outils") is matched alone; a partial match must include its distinctive
 * words, else that wording is set aside and the answer read again. Multiple: every option found,
 * in option order; single: the best-scoring one.
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
    const { synonyms, distinctive } = preparedOptions(options, opts.locale);
    const setAside = options.map(() => new Set<string>());
    let found: ReturnType<typeof recognizeChoices> = [];
    // Each round sets aside at least one wording, so this ends.
    for (;;) {
      const choices: Choice[] = synonyms.map((list, i) => ({
        value: String(i),
        synonyms: list.filter((s) => !setAside[i].has(s)),
      }));
      found = recognizeChoices(folded, choices, {
        noValue: true,
        noAction: true,
        recognizeNumbers: false,
        recognizeOrdinals: false,
        allowPartialMatches: true,
        tokenizer: choiceTokenizer,
        locale: opts.locale === 'en' ? 'en-us' : 'fr-fr',
      });
      const loose = found.filter((f) => {
        const i = Number(f.resolution.value);
        const synonym = f.resolution.synonym ?? '';
        const matched = new Set(words(f.text));
        return !(distinctive[i].get(synonym) ?? []).every((w) => matched.has(w));
      });
      if (loose.length === 0) break;
      for (const f of loose) setAside[Number(f.resolution.value)].add(f.resolution.synonym ?? '');
    }
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
