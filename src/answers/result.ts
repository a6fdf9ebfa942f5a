import type { Locale, ParseContext, Parsed, Parser } from './types';

/** Stable codes carried by invalid results; flow texts are keyed on them. */
export type AnswerProblem =
  | 'empty' // nothing typed
  | 'too_long' // over the parser's length limit
  | 'not_understood' // no value found: re-prompt with an example
  | 'negative' // a count or amount below zero
  | 'ambiguous' // several different values ("3 bénévoles et 2 salariés", "mars ou avril")
  | 'implausible' // out of range (year before 1800, amount over 10 billion, deadline in 20+ years)
  | 'unknown' // "je ne sais pas": offer to skip when the question is optional
  | 'currency' // an amount in another currency than euros
  | 'future' // a year of creation after this year
  | 'past' // a deadline already past
  | 'asap' // "dès que possible": urgent, but ask for a date
  | 'invalid_date' // a day that does not exist ("31 février")
  | 'format' // not a postcode/identifier/email/phone/URL
  | 'luhn' // nine digits whose SIREN checksum fails
  | 'no_match' // no choice option recognised
  | 'out_of_range' // an option number that does not exist
  | 'too_many' // several option numbers for a single choice
  | 'error'; // unexpected failure inside a parser (never thrown)

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

/** The other language: parsers read the conversation's first, then this one. */
export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'fr' : 'en';
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
