/**
 * Shared Recognizers-Text models, built once per culture, made cheap to compile, and warmed.
 *
 * Where start-up time goes (measured by `npm run bench`, README "Performance"): the French models
 * hold a few regular expressions of 100-140 KB with thousands of capturing groups. V8 compiles a
 * regular expression on its first use, to bytecode and then again to machine code ("tier-up"),
 * and once more for each string encoding (an answer with "’" or "€" is UTF-16, "deux cents" is
 * Latin-1). Each compilation of those patterns took seconds: 15-30 s of warm-up in all, and a
 * first user could still meet an encoding not warmed (a second or more on one turn).
 * What we do about it (about 2 s of warm-up now; the same results, except that typographic
 * apostrophes and dashes now read like their ASCII forms):
 * - lean patterns: the library only reads named groups, so its unnamed capturing groups are
 *   rebuilt as non-capturing ones when a model is built (4-5 times cheaper to compile), and a
 *   pattern two models share (the currency model embeds the number model's) is compiled once;
 * - one compilation instead of two: V8's regexp tier-up is turned off (straight to machine code);
 * - one encoding: texts reach the models in Latin-1, except amounts with "€";
 * - a warm-up that reaches every model in every encoding it gets, in slices (warmUp.ts).
 *
 * Two languages, two warm-ups. French, the default, is warmed before /readyz says ready
 * (`warmUpRecognizers`); a French model may also be built on demand (scripts, tests). The English
 * models cost about a third more warm-up and are needed by few conversations: they are built only
 * by `warmUpEnglish()`, off the critical path, and a turn never builds or compiles one. Until its
 * warm-up has finished, an English model is simply not consulted (`recognize*` return []): the
 * parsers' own lexicon (numberWords.ts, deadline.ts, periods.ts) reads English numbers, amounts
 * and dates meanwhile, and the models only add rarer phrasings once warm.
 */
import v8 from 'node:v8';
import type { IModel, ModelResult } from '@microsoft/recognizers-text';
import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';
import { NumberWithUnitRecognizer } from '@microsoft/recognizers-text-number-with-unit';
import { DateTimeRecognizer, type IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import { leanRegExps } from './leanPatterns';
import type { Locale } from './types';

export type { ModelResult };
export type ModelKind = 'number' | 'currency' | 'datetime';

// Read by V8 each time it compiles a regular expression, so it applies from here on, to the
// whole process (only how patterns are compiled changes, never what they match). Without it each
// large pattern is compiled twice: to bytecode on first use, to machine code on the next.
v8.setFlagsFromString('--no-regexp-tier-up');

const CULTURE: Record<Locale, string> = { fr: Culture.French, en: Culture.English };
// The currency and date-time extractors are super-linear (500 characters take seconds): longer
// texts are not given to them. The number model is linear and takes any short answer.
const MAX_SLOW_MODEL_CHARS = 150;
const models = new Map<string, IModel | IDateTimeModel>();
/** The large patterns of each model built, for a warm-up to compile one at a time. */
const largePatterns = new Map<string, RegExp[]>();
/** English models whose warm-up has finished: the only English models a parse may use. */
const warmEnglish = new Set<ModelKind>();

function build(kind: ModelKind, locale: Locale): IModel | IDateTimeModel {
  const key = `${kind}:${locale}`;
  let m = models.get(key);
  if (!m) {
    const culture = CULTURE[locale];
    // lazyInitialization: build only the model asked for, not every model of the culture.
    if (kind === 'number') m = new NumberRecognizer(culture, undefined, true).getNumberModel();
    else if (kind === 'currency') m = new NumberWithUnitRecognizer(culture, undefined, true).getCurrencyModel();
    else m = new DateTimeRecognizer(culture, undefined, true).getDateTimeModel();
    largePatterns.set(key, leanRegExps(m));
    models.set(key, m);
  }
  return m;
}

/** A model a turn may use: French always (built on demand if need be), English once warm. */
function usable(kind: ModelKind, locale: Locale): boolean {
  return locale === 'fr' || warmEnglish.has(kind);
}

/** For the warm-up only: builds a model and returns its large patterns (see warmUp.ts). */
export function buildModel(kind: ModelKind, locale: Locale): RegExp[] {
  build(kind, locale);
  return largePatterns.get(`${kind}:${locale}`) ?? [];
}

/** For the warm-up only: from now on, turns may use this English model. */
export function markEnglishWarm(kind: ModelKind): void {
  warmEnglish.add(kind);
}

/** The models built so far ("number:fr"...): what a warm-up did, for tests and diagnostics. */
export function builtModels(): string[] {
  return [...models.keys()];
}

/** Whether parses may use this model now (French: always). */
export function isModelUsable(kind: ModelKind, locale: Locale): boolean {
  return usable(kind, locale);
}

// ---------------------------------------------------------------------------------------------
// One string encoding. V8 compiles a pattern once for Latin-1 texts and once more for UTF-16 ones
// (a text with any character above U+00FF, even one removed since: a string built by replace()
// keeps its representation). Texts are given to the models in Latin-1, character for character
// so that positions hold: typographic apostrophes, quotes, dashes and spaces become their ASCII
// forms (which the patterns accept wherever they accept the typographic ones), € becomes £ (the
// patterns list both among currency symbols), any other letter "x" and anything else "¦".

const STAND_INS: Record<string, string> = {
  '’': "'", '‘': "'", 'ʼ': "'", '′': "'", '‛': "'",
  '“': '"', '”': '"', '„': '"', '‟': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-',
  '…': '.', '€': '£',
};

function inLatin1(text: string): string {
  const mapped = text.replace(/[^\u0000-\u00ff]/g, (c) => STAND_INS[c] ?? (/\s/.test(c) ? ' ' : /\p{L}/u.test(c) ? 'x' : '¦'));
  return Buffer.from(mapped, 'latin1').toString('latin1');
}

// ---------------------------------------------------------------------------------------------

/** The numeric value of a result; French resolutions use a decimal comma ("2,5"). */
export function resolvedNumber(result: ModelResult): number {
  const raw = result.resolution?.value;
  return typeof raw === 'string' && raw.trim() !== '' ? Number(raw.replace(',', '.')) : Number.NaN;
}

/**
 * Accents removed letter by letter, keeping every position: the number model's word edges do not
 * know accented letters, so "3 bénévoles" read as "3 b" (3 billion). No French number word needs
 * its accent ("zero" is read like "zéro").
 */
function withoutAccents(text: string): string {
  return text.replace(/\P{M}\p{M}*/gu, (c) => {
    const bare = c.normalize('NFD').replace(/\p{M}/gu, '');
    return bare.length === c.length ? bare : c;
  });
}

/**
 * Runs a model on a text, in the encoding it was warmed for. `warming`: the warm-up's own parses,
 * which may use an English model before it is marked warm. Never throws; [] when it cannot tell.
 */
export function parseWithModel(
  kind: ModelKind,
  locale: Locale,
  text: string,
  reference: Date | undefined,
  warming = false,
): ModelResult[] {
  if (!warming && !usable(kind, locale)) return [];
  if (kind !== 'number' && text.length > MAX_SLOW_MODEL_CHARS) return [];
  try {
    if (kind === 'number') return (build(kind, locale) as IModel).parse(inLatin1(withoutAccents(text)));
    // The euro sign is what the currency model is for: texts with it stay in UTF-16 (warmed both ways).
    if (kind === 'currency') return (build(kind, locale) as IModel).parse(text.includes('€') ? text : inLatin1(text));
    return (build(kind, locale) as IDateTimeModel).parse(inLatin1(text), reference);
  } catch {
    return [];
  }
}

/** Numbers ("deux cent mille", "1,5 million", "une"); [] when it cannot tell or the model is cold. */
export function recognizeNumbers(text: string, locale: Locale): ModelResult[] {
  return parseWithModel('number', locale, text, undefined);
}

/** Amounts with a currency ("50 k€", "2 millions d'euros", "€75,000"). */
export function recognizeCurrency(text: string, locale: Locale): ModelResult[] {
  return parseWithModel('currency', locale, text, undefined);
}

/** Dates relative to `reference` ("la semaine prochaine", "next Friday"). */
export function recognizeDateTime(text: string, locale: Locale, reference: Date): ModelResult[] {
  return parseWithModel('datetime', locale, text, reference);
}
