import type { Locale, ParseContext, Parsed, Parser } from './types';

/** Stable codes carried by invalid results; flow texts are keyed on them. */
export type AnswerProblem =
  | 'empty'
  | 'too_long'
  | 'not_understood'
  | 'negative'
  | 'not_integer'
  | 'ambiguous'
  | 'implausible'
  | 'unknown'
  | 'currency'
  | 'future'
  | 'past'
  | 'asap'
  | 'invalid_date'
  | 'format'
  | 'luhn'
  | 'no_match'
  | 'out_of_range'
  | 'too_many'
  | 'error';

export interface Flags {
  approx?: boolean;
  echo?: boolean;
}

export function value<T>(v: T, flags: Flags = {}): Parsed<T> {
  return { status: 'value', value: v, approx: flags.approx ?? false, echo: flags.echo ?? false };
}

export function none<T>(): Parsed<T> {
  return { status: 'none' };
}

export function invalid<T>(problem: AnswerProblem): Parsed<T> {
  return { status: 'invalid', problem };
}

/** Anything but 'en' is read as French, the bot's default language. */
export function localeOf(ctx: ParseContext | undefined): Locale {
  return ctx?.locale === 'en' ? 'en' : 'fr';
}

/** Short answers are expected; capping their length also bounds regex and recognizer work. */
export const MAX_SHORT_ANSWER = 500;

/**
 * Makes a parser total: non-string or over-long input is rejected up front and any exception
 * (a recognizer bug, a hostile string) becomes an invalid result instead of crashing the turn.
 */
export function safeParser<T>(
  parse: (input: string, ctx: ParseContext) => Parsed<T>,
  maxChars: number = MAX_SHORT_ANSWER,
): Parser<T> {
  return (input, ctx) => {
    try {
      if (typeof input !== 'string') return invalid('empty');
      if (input.length > maxChars) return invalid('too_long');
      return parse(input, ctx);
    } catch {
      return invalid('error');
    }
  };
}
