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
 * - a warm-up that reaches every model in every encoding it gets, before /readyz says ready.
 */
import v8 from 'node:v8';
import type { IModel, ModelResult } from '@microsoft/recognizers-text';
import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';
import { NumberWithUnitRecognizer } from '@microsoft/recognizers-text-number-with-unit';
import { DateTimeRecognizer, type IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import type { Locale } from './types';

export type { ModelResult };
type ModelKind = 'number' | 'currency' | 'datetime';

// Read by V8 each time it compiles a regular expression, so it applies from here on, to the
// whole process (only how patterns are compiled changes, never what they match). Without it each
// large pattern is compiled twice: to bytecode on first use, to machine code on the next.
v8.setFlagsFromString('--no-regexp-tier-up');

const CULTURE: Record<Locale, string> = { fr: Culture.French, en: Culture.English };
// The currency and date-time extractors are super-linear (500 characters take seconds): longer
// texts are not given to them. The number model is linear and takes any short answer.
const MAX_SLOW_MODEL_CHARS = 150;
const models = new Map<string, IModel | IDateTimeModel>();

function model(kind: 'datetime', locale: Locale): IDateTimeModel;
function model(kind: ModelKind, locale: Locale): IModel;
function model(kind: ModelKind, locale: Locale): IModel | IDateTimeModel {
  const key = `${kind}:${locale}`;
  let m = models.get(key);
  if (!m) {
    const culture = CULTURE[locale];
    // lazyInitialization: build only the model asked for, not every model of the culture.
    if (kind === 'number') m = new NumberRecognizer(culture, undefined, true).getNumberModel();
    else if (kind === 'currency') m = new NumberWithUnitRecognizer(culture, undefined, true).getCurrencyModel();
    else m = new DateTimeRecognizer(culture, undefined, true).getDateTimeModel();
    leanRegExps(m);
    models.set(key, m);
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// Lean patterns. The library builds its patterns with XRegExp, which turns named groups into
// numbered ones and keeps their names in `regex.xregexp.captureNames` (null for unnamed groups);
// its matches are read by those names only. Unnamed groups can therefore stop capturing: the
// same texts match, and V8 no longer tracks thousands of capture registers while compiling.
// (Checked on 34,000 parses of the answers table, the test conversations and generated phrases.
// A library version without this data gets its patterns as they are: slower, still right.)

const XREGEXP = 'xregexp';
type XRegExpData = { captureNames: (string | null)[] | null; source?: string; flags?: string };
type LibraryRegExp = RegExp & { [XREGEXP]?: XRegExpData };
// Small patterns compile in microseconds either way: rebuilding them would cost more than it saves.
const MIN_LEAN_SOURCE = 1000;

// What leanPattern reads: an escape, a character class (which ends at the first unescaped "]"),
// a group opening that captures, or the opening of a native named group.
const PATTERN_TOKEN = /\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]|\((?!\?)|\(\?<(?=\w)/g;

/**
 * The pattern with its unnamed capturing groups made non-capturing, and the names of the groups
 * still capturing, in order; undefined when that cannot be done safely (a numbered backreference
 * would point elsewhere; native named groups are not expected) or changes nothing.
 */
function leanPattern(source: string, names: readonly (string | null)[] | null): { source: string; names: string[] } | undefined {
  let group = 0;
  let unsafe = false;
  const kept: string[] = [];
  const lean = source.replace(PATTERN_TOKEN, (token) => {
    if (token === '(') {
      const name = names ? names[group] : null;
      group++;
      if (!name) return '(?:';
      kept.push(name);
      return token;
    }
    if (token === '(?<' || /^\\[1-9]/.test(token)) unsafe = true;
    return token;
  });
  return unsafe || kept.length === group ? undefined : { source: lean, names: kept };
}

// Models of different packages hold the same patterns (the currency model embeds the number
// model's): one copy each, so that V8 compiles it once.
const leanCopies = new Map<string, RegExp>();

function leanCopy(re: LibraryRegExp): RegExp {
  const data = re[XREGEXP];
  if (!data || re.source.length < MIN_LEAN_SOURCE) return re;
  const lean = leanPattern(re.source, data.captureNames);
  if (!lean) return re;
  const key = `${re.flags}/${lean.names.join(',')}/${lean.source}`;
  let copy = leanCopies.get(key) as LibraryRegExp | undefined;
  if (!copy) {
    copy = new RegExp(lean.source, re.flags) as LibraryRegExp;
    const leanData: XRegExpData = { captureNames: lean.names.length > 0 ? lean.names : null };
    if ('source' in data) leanData.source = data.source;
    if ('flags' in data) leanData.flags = data.flags;
    copy[XREGEXP] = leanData;
    Object.setPrototypeOf(copy, Object.getPrototypeOf(re));
    leanCopies.set(key, copy);
  }
  return copy;
}

/**
 * Replaces, in place, every large library pattern reachable from a freshly built model (its
 * extractors, parsers and their configurations: properties, arrays, maps, sets) by its lean copy.
 * A pattern met twice is replaced by the same copy.
 */
function leanRegExps(root: object): void {
  const copies = new Map<RegExp, RegExp>();
  const seen = new Set<object>();
  const pending: object[] = [root];
  const swap = (value: unknown): unknown => {
    if (value instanceof RegExp) {
      let copy = copies.get(value);
      if (!copy) copies.set(value, (copy = leanCopy(value)));
      return copy;
    }
    if (value !== null && typeof value === 'object' && !seen.has(value)) pending.push(value);
    return value;
  };
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (seen.has(node) || ArrayBuffer.isView(node)) continue;
    seen.add(node);
    if (node instanceof Map) {
      const entries = [...node].map(([k, v]) => [swap(k), swap(v)] as const);
      node.clear();
      for (const [k, v] of entries) node.set(k, v);
    } else if (node instanceof Set) {
      const values = [...node].map(swap);
      node.clear();
      for (const v of values) node.add(v);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = swap(node[i]);
    } else {
      for (const key of Object.getOwnPropertyNames(node)) {
        const d = Object.getOwnPropertyDescriptor(node, key);
        if (!d || !('value' in d)) continue;
        const v = swap(d.value);
        if (v !== d.value && d.writable) (node as Record<string, unknown>)[key] = v;
      }
    }
  }
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

/** Numbers ("deux cent mille", "1,5 million", "une"); never throws, [] when it cannot tell. */
export function recognizeNumbers(text: string, locale: Locale): ModelResult[] {
  try {
    return model('number', locale).parse(inLatin1(withoutAccents(text)));
  } catch {
    return [];
  }
}

/** Amounts with a currency ("50 k€", "2 millions d'euros", "€75,000"). */
export function recognizeCurrency(text: string, locale: Locale): ModelResult[] {
  if (text.length > MAX_SLOW_MODEL_CHARS) return [];
  try {
    // The euro sign is what this model is for: texts with it stay in UTF-16 (warmed both ways).
    return model('currency', locale).parse(text.includes('€') ? text : inLatin1(text));
  } catch {
    return [];
  }
}

/** Dates relative to `reference` ("la semaine prochaine", "next Friday"). */
export function recognizeDateTime(text: string, locale: Locale, reference: Date): ModelResult[] {
  if (text.length > MAX_SLOW_MODEL_CHARS) return [];
  try {
    return model('datetime', locale).parse(inLatin1(text), reference);
  } catch {
    return [];
  }
}

// Inputs chosen to reach the expensive regular expressions each parser relies on (foreign
// currencies, dates, fractions), French first. Texts reach the models in Latin-1, except amounts
// with "€": the currency models are also warmed with those. Checked with the shared answers table
// and the test conversations: after this, no first parse costs more than a warm one by over 50 ms.
const WARM_UP: { kind: ModelKind; locale: Locale; text: string }[] = [
  { kind: 'number', locale: 'fr', text: 'Zéro, une, deux cent mille, 1,5 million, 120 000, 12 ETP, un tiers, vingt et un' },
  { kind: 'currency', locale: 'fr', text: "Environ 50 000 euros ou deux millions d'euros, 5000 dollars, 10 livres" },
  { kind: 'currency', locale: 'fr', text: 'Environ 50 000 € ou 1,5 M€, deux millions d’euros, 5000 $' },
  { kind: 'datetime', locale: 'fr', text: "Le 15 janvier 2027 ou la semaine prochaine, vendredi, pas d'échéance, 50 €" },
  { kind: 'number', locale: 'en', text: 'Two hundred thousand, 1.5 million, a dozen, twenty-one' },
  { kind: 'currency', locale: 'en', text: 'About 75,000 euros or 2 million euros, 5000 pounds' },
  { kind: 'currency', locale: 'en', text: 'About €75,000 or 2 million €, £5,000' },
  { kind: 'datetime', locale: 'en', text: 'By next June or January 15, 2027, next Friday, no deadline' },
];

export interface WarmUpStep {
  kind: ModelKind;
  locale: Locale;
  /** How the text reached the model: V8 compiles each pattern once per encoding. */
  encoding: 'latin1' | 'utf16';
  ms: number;
}

let warming: Promise<void> | undefined;

/**
 * Builds and compiles every model the parsers use, French first, one parse per event-loop turn
 * so a server stays responsive (e.g. /healthz) meanwhile. The work is done once per process:
 * later calls wait for it. Resolves with the milliseconds this call waited.
 */
export async function warmUpRecognizers(onStep?: (step: WarmUpStep) => void): Promise<number> {
  const started = Date.now();
  warming ??= (async () => {
    const reference = new Date();
    for (const { kind, locale, text } of WARM_UP) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      const stepStarted = Date.now();
      if (kind === 'number') recognizeNumbers(text, locale);
      else if (kind === 'currency') recognizeCurrency(text, locale);
      else recognizeDateTime(text, locale, reference);
      const encoding = kind === 'currency' && text.includes('€') ? 'utf16' : 'latin1';
      onStep?.({ kind, locale, encoding, ms: Date.now() - stepStarted });
    }
  })();
  await warming;
  return Date.now() - started;
}
