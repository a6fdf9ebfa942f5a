/**
 * The English Recognizers-Text models, built once, made cheap to compile, and warmed.
 *
 * What they cost (measured by `npm run bench`, README "Performance"): the models hold a few
 * regular expressions of 100-140 KB with thousands of capturing groups. V8 compiles a regular
 * expression on its first use, to bytecode and then again to machine code ("tier-up"), and once
 * more for each string encoding (an answer with "’" or "€" is UTF-16, "two hundred" is Latin-1).
 * Each compilation of those patterns took seconds, and a first user could meet an encoding not
 * warmed (a second or more on one turn). What we do about it (the same results, except that
 * typographic apostrophes and dashes read like their ASCII forms):
 * - lean patterns: the library only reads named groups, so its unnamed capturing groups are
 *   rebuilt as non-capturing ones when a model is built (4-5 times cheaper to compile), and a
 *   pattern two models share (the currency model embeds the number model's) is compiled once;
 * - one compilation instead of two: V8's regexp tier-up is turned off (straight to machine code);
 * - one encoding: texts reach the models in Latin-1, except amounts with "€";
 * - a warm-up that reaches every model in every encoding it gets, in slices (warmUp.ts).
 *
 * French answers need no model: our own readers (numberWords.ts, amount.ts, deadline.ts,
 * periods.ts, year.ts) read every answer of the shared answers table and of the test
 * conversations, and the French models added only rare phrasings, some wrongly ("pour Pâques" read
 * as 31 December), for 2.6 s of CPU at start and about 70 MB. French models are therefore never
 * built nor used: a phrasing our readers do not know is asked again, with an example.
 * English models are kept for the rarer English phrasings: they are built only by
 * `warmUpEnglish()`, off the critical path, and a turn never builds or compiles one. Until its
 * warm-up has finished, an English model is simply not consulted (`recognize*` return []): the
 * same readers read English numbers, amounts and dates meanwhile. The library itself is loaded
 * only by that warm-up (its modules take about 0.3 s to load).
 */
import v8 from 'node:v8';
import type { IModel, ModelResult } from '@microsoft/recognizers-text';
import type { IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import { leanRegExps } from './leanPatterns';
import type { Locale } from './types';

export type { ModelResult };
export type ModelKind = 'number' | 'currency' | 'datetime';

// English only ("en-us"): see above.
const ENGLISH = 'en-us';
// The currency and date-time extractors are super-linear (500 characters take seconds): longer
// texts are not given to them. The number model is linear and takes any short answer.
const MAX_SLOW_MODEL_CHARS = 150;
const models = new Map<string, IModel | IDateTimeModel>();
/** The large patterns of each model built, for a warm-up to compile one at a time. */
const largePatterns = new Map<string, RegExp[]>();
/** English models whose warm-up has finished: the only English models a parse may use. */
const warmEnglish = new Set<ModelKind>();

function build(kind: ModelKind): IModel | IDateTimeModel {
  const key = `${kind}:en`;
  let m = models.get(key);
  if (!m) {
    if (models.size === 0) {
      // Read by V8 each time it compiles a regular expression, so it applies from the first model
      // on, to the whole process (only how patterns are compiled changes, never what they match).
      // Without it each large pattern is compiled twice: to bytecode on first use, to machine code
      // on the next.
      v8.setFlagsFromString('--no-regexp-tier-up');
    }
    // lazyInitialization: build only the model asked for, not every model of the culture.
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first English warm-up only */
    if (kind === 'number') {
      const { NumberRecognizer } = require('@microsoft/recognizers-text-number') as typeof import('@microsoft/recognizers-text-number');
      m = new NumberRecognizer(ENGLISH, undefined, true).getNumberModel();
    } else if (kind === 'currency') {
      const { NumberWithUnitRecognizer } = require('@microsoft/recognizers-text-number-with-unit') as typeof import('@microsoft/recognizers-text-number-with-unit');
      m = new NumberWithUnitRecognizer(ENGLISH, undefined, true).getCurrencyModel();
    } else {
      const { DateTimeRecognizer } = require('@microsoft/recognizers-text-date-time') as typeof import('@microsoft/recognizers-text-date-time');
      m = new DateTimeRecognizer(ENGLISH, undefined, true).getDateTimeModel();
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
    largePatterns.set(key, leanRegExps(m));
    models.set(key, m);
  }
  return m;
}

/** A model a turn may use: English once warm; French never (see above). */
function usable(kind: ModelKind, locale: Locale): boolean {
  return locale === 'en' && warmEnglish.has(kind);
}

/** For the warm-up only: builds an English model and returns its large patterns (see warmUp.ts). */
export function buildModel(kind: ModelKind): RegExp[] {
  build(kind);
  return largePatterns.get(`${kind}:en`) ?? [];
}

/** For the warm-up only: from now on, turns may use this English model. */
export function markEnglishWarm(kind: ModelKind): void {
  warmEnglish.add(kind);
}

/** The models built so far ("number:en"...): what a warm-up did, for tests and diagnostics. */
export function builtModels(): string[] {
  return [...models.keys()];
}

/** Whether parses may use this model now (English once warm; French never). */
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
  if (locale !== 'en' || (!warming && !usable(kind, locale))) return [];
  if (kind !== 'number' && text.length > MAX_SLOW_MODEL_CHARS) return [];
  try {
    if (kind === 'number') return (build(kind) as IModel).parse(inLatin1(withoutAccents(text)));
    // The euro sign is what the currency model is for: texts with it stay in UTF-16 (warmed both ways).
    if (kind === 'currency') return (build(kind) as IModel).parse(text.includes('€') ? text : inLatin1(text));
    return (build(kind) as IDateTimeModel).parse(inLatin1(text), reference);
  } catch {
    return [];
  }
}

/** Numbers in English words ("two hundred thousand"); [] when it cannot tell, in French, or while the model is cold. */
export function recognizeNumbers(text: string, locale: Locale): ModelResult[] {
  return parseWithModel('number', locale, text, undefined);
}

/** Amounts with a currency in English ("2 million euros", "€75,000"); [] in French or while cold. */
export function recognizeCurrency(text: string, locale: Locale): ModelResult[] {
  return parseWithModel('currency', locale, text, undefined);
}

/** Dates relative to `reference` in English ("next Friday"); [] in French or while cold. */
export function recognizeDateTime(text: string, locale: Locale, reference: Date): ModelResult[] {
  return parseWithModel('datetime', locale, text, reference);
}
