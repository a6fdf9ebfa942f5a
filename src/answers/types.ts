/**
 * The contract every answer parser keeps: pure, synchronous, never throws on user input.
 * A parser turns one free-text answer into a typed value, or says why it cannot.
 */
export type Locale = 'fr' | 'en';

export interface ParseContext {
  locale: Locale;
  /** The clock of the turn: relative phrasing ("il y a 5 ans", "d'ici juin") is read against it. */
  now: Date;
}

export type Parsed<T> =
  /** `approx`: the user gave an approximation ("une quarantaine"); `echo`: the value was
   *  interpreted (words, relative dates, units) and the bot should say what it understood. */
  | { status: 'value'; value: T; approx: boolean; echo: boolean }
  /** The user explicitly has no value ("pas d'échéance", "je ne l'ai pas"). */
  | { status: 'none' }
  /** Not understood or not acceptable; `problem` is a stable code a flow text can be keyed on. */
  | { status: 'invalid'; problem: string };

export type Parser<T> = (input: string, ctx: ParseContext) => Parsed<T>;

/** A legal identifier of a French structure. */
export interface StructureId {
  type: 'RNA' | 'SIREN';
  value: string;
}

export interface PostcodeAnswer {
  postcode: string;
  town?: string;
}

/** A deadline: a day, or a month when the user only named a month ("d'ici fin mars"). */
export interface Deadline {
  /** 'YYYY-MM-DD' or 'YYYY-MM' */
  value: string;
  precision: 'day' | 'month';
}

export interface ChoiceOption {
  /** The stable value stored (and sent to Airtable as the select option). */
  value: string;
  /** Every wording that should select it: the labels in each language, then synonyms. */
  synonyms: string[];
}
