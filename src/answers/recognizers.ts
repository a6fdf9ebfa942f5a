/**
 * Shared Recognizers-Text models. The library's `recognizeX` helpers build a new recognizer on
 * every call; we build each model once per culture and reuse it. The first parse of each model
 * is slow (V8 compiles its very large regular expressions), hence `warmUpRecognizers`.
 */
import type { IModel, ModelResult } from '@microsoft/recognizers-text';
import { Culture, NumberRecognizer } from '@microsoft/recognizers-text-number';
import { NumberWithUnitRecognizer } from '@microsoft/recognizers-text-number-with-unit';
import { DateTimeRecognizer, type IDateTimeModel } from '@microsoft/recognizers-text-date-time';
import type { Locale } from './types';

export type { ModelResult };
type ModelKind = 'number' | 'currency' | 'datetime';

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
    models.set(key, m);
  }
  return m;
}

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
    return model('number', locale).parse(withoutAccents(text));
  } catch {
    return [];
  }
}

/** Amounts with a currency ("50 k€", "2 millions d'euros", "€75,000"). */
export function recognizeCurrency(text: string, locale: Locale): ModelResult[] {
  if (text.length > MAX_SLOW_MODEL_CHARS) return [];
  try {
    return model('currency', locale).parse(text);
  } catch {
    return [];
  }
}

/** Dates relative to `reference` ("la semaine prochaine", "next Friday"). */
export function recognizeDateTime(text: string, locale: Locale, reference: Date): ModelResult[] {
  if (text.length > MAX_SLOW_MODEL_CHARS) return [];
  try {
    return model('datetime', locale).parse(text, reference);
  } catch {
    return [];
  }
}

// Inputs chosen to reach the expensive regular expressions each parser relies on; capitals and
// foreign currencies each cost seconds on their first parse, so they are included.
const WARM_UP: { kind: ModelKind; locale: Locale; text: string }[] = [
  { kind: 'number', locale: 'fr', text: 'Zéro, une, deux cent mille, 1,5 million, 120 000, 12 ETP' },
  { kind: 'currency', locale: 'fr', text: 'Environ 50 000 € ou 1,5 M€, deux millions d’euros, 5000 dollars' },
  { kind: 'datetime', locale: 'fr', text: "Le 15 janvier 2027 ou la semaine prochaine, pas d'échéance, 50 €" },
  { kind: 'number', locale: 'en', text: 'Two hundred thousand, 1.5 million, a dozen' },
  { kind: 'currency', locale: 'en', text: 'About €75,000 or 2 million euros, 5000 pounds' },
  { kind: 'datetime', locale: 'en', text: 'By next June or January 15, 2027, no deadline' },
];

/**
 * Compiles every model the parsers use, one parse per event-loop turn so a server stays
 * responsive (e.g. /healthz) while warming. Each input is parsed twice: V8 compiles a regular
 * expression to bytecode on its first use and to machine code on its second, and both cost
 * seconds for these patterns. Resolves with the elapsed milliseconds.
 */
export async function warmUpRecognizers(): Promise<number> {
  const started = Date.now();
  const reference = new Date();
  for (const { kind, locale, text } of [...WARM_UP, ...WARM_UP]) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (kind === 'number') recognizeNumbers(text, locale);
    else if (kind === 'currency') recognizeCurrency(text, locale);
    else recognizeDateTime(text, locale, reference);
  }
  return Date.now() - started;
}
