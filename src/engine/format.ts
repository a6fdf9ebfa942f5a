import type { Deadline, Locale, PostcodeAnswer, StructureId } from '../answers/types';
import type { Flow } from '../flow/model';
import type { Step } from '../flow/schema';
import { say } from './texts';

const localeTag = (lang: Locale) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** Formats with ordinary spaces: narrow no-break spaces confuse some channels and tests. */
const plainSpaces = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

// Building an Intl formatter costs far more than formatting with it: one of each per language and shape.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = build()));
  return f;
}

export const formatNumber = (n: number, lang: Locale) => plainSpaces(cached(`n:${lang}`, () => new Intl.NumberFormat(localeTag(lang))).format(n));

export const formatEuros = (n: number, lang: Locale) =>
  plainSpaces(
    cached(`e:${lang}`, () => new Intl.NumberFormat(localeTag(lang), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })).format(n),
  );

export function formatDeadline(d: Deadline, lang: Locale): string {
  const [y, m, day] = d.value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, day || 1));
  const byDay = d.precision === 'day';
  const opts: Intl.DateTimeFormatOptions = byDay ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return cached(`d:${lang}:${byDay}`, () => new Intl.DateTimeFormat(localeTag(lang), opts)).format(date);
}

/** An answer as the user reads it back (summary, "j'ai noté…", placeholders). */
export function formatAnswer(flow: Flow, step: Step, v: unknown, lang: Locale): string {
  if (v === null || v === undefined) return say(flow, 'not_answered', lang);
  switch (step.kind) {
    case 'count':
    case 'year':
      return typeof v === 'number' ? (step.kind === 'year' ? String(v) : formatNumber(v, lang)) : String(v);
    case 'amount':
      return typeof v === 'number' ? formatEuros(v, lang) : String(v);
    case 'deadline':
      return formatDeadline(v as Deadline, lang);
    case 'yesno':
      return say(flow, v ? 'yes' : 'no', lang);
    case 'postcode': {
      const p = v as PostcodeAnswer;
      return p.town ? `${p.postcode} ${p.town}` : p.postcode;
    }
    case 'structure_id': {
      const id = v as StructureId;
      return `${id.type} ${id.value}`;
    }
    case 'choice':
      return step.choices.find((c) => c.value === v)?.label[lang] ?? String(v);
    case 'multichoice': {
      const values = Array.isArray(v) ? (v as string[]) : [];
      if (!values.length) return say(flow, 'none', lang);
      return values.map((x) => step.choices.find((c) => c.value === x)?.label[lang] ?? x).join(', ');
    }
    default:
      return String(v);
  }
}
