import type { Deadline, Locale, PostcodeAnswer, StructureId } from '../answers/types';
import { dayAndMonth, monthAndYear } from '../domain';
import type { Flow } from '../flow/model';
import type { Step } from '../flow/schema';
import { formatEuros, formatNumber } from './numbers';
import { say } from './texts';

/** No-break space: what holds "06 12 34 56 78" or "732 829 320" together on one line. */
const NBSP = '\u00a0';

/** "1er mars 2027", "juin 2027" / "1 March 2027", "June 2027". */
export function formatDeadline(d: Deadline, lang: Locale): string {
  const [y, m, day] = d.value.split('-').map(Number);
  return d.precision === 'day' ? dayAndMonth(y, m, day || 1, lang) : monthAndYear(d.value, lang);
}

/**
 * A phone as people read it: stored as +33612345678, written "06 12 34 56 78" in French and
 * "+33 6 12 34 56 78" in English (French numbers, overseas included); any other as stored.
 */
export function formatPhone(e164: string, lang: Locale): string {
  const m = /^\+(33|262|590|594|596)(\d{9})$/.exec(e164);
  if (!m) return e164;
  const pairs = (digits: string) => digits.match(/\d{2}/g)!.join(NBSP);
  if (lang === 'fr') return pairs(`0${m[2]}`);
  return `+${m[1]}${NBSP}${m[2][0]}${NBSP}${pairs(m[2].slice(1))}`;
}

/** "SIREN 732 829 320" (by threes, as printed on a Kbis); an RNA stays one word. */
export function formatStructureId(id: StructureId): string {
  const value = id.type === 'SIREN' ? id.value.replace(/(\d{3})(?=\d)/g, `$1${NBSP}`) : id.value;
  return `${id.type}${NBSP}${value}`;
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
    case 'structure_id':
      return formatStructureId(v as StructureId);
    case 'phone':
      return typeof v === 'string' ? formatPhone(v, lang) : String(v);
    case 'choice':
      return step.choices.find((c) => c.value === v)?.label[lang] ?? String(v);
    case 'multichoice': {
      const values = Array.isArray(v) ? (v as string[]) : [];
      if (!values.length) return say(flow, 'none', lang);
      // Labels may hold commas ("Bien manger, bien vieillir"): the list separator is another sign.
      return values.map((x) => step.choices.find((c) => c.value === x)?.label[lang] ?? x).join(say(flow, 'punctuation.list', lang));
    }
    default:
      return String(v);
  }
}
