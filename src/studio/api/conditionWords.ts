import type { Locale } from '../../answers/types';
import type { Text } from '../../flow/schema';
import { asArray, asRecord, asString, isRecord, type ParsedFiles, stepsOf, textOf } from './parsedFiles';
import { type ServerTextKey, type StudioWords } from './studioWords';

/** How conditions name what they read: a question's label, a computed value's name, a choice's label. */
export interface FieldNames {
  label(field: string): Text | undefined;
  choice(field: string, value: string): Text | undefined;
}

const DERIVED_NAMES: Record<string, ServerTextKey> = { territory: 'field.territory', territory_covered: 'field.territory_covered', years_since: 'field.years_since' };

/** The names of the journey's fields, read from its files as they are (a broken draft names what it can). */
export function fieldNames(parsed: ParsedFiles, words: StudioWords): FieldNames {
  const labels = new Map<string, Text>();
  const choices = new Map<string, Map<string, Text>>();
  for (const { step } of stepsOf(parsed)) {
    const field = asString(step.field) ?? asString(step.id);
    if (!field) continue;
    labels.set(field, textOf(step.label, field));
    const options = new Map<string, Text>();
    for (const c of asArray(step.choices).map(asRecord)) {
      const value = asString(c.value);
      if (value) options.set(value, textOf(c.label, value));
    }
    choices.set(field, options);
  }
  for (const [name, derived] of Object.entries(asRecord(asRecord(parsed['dialogs/flow.yaml']).derived))) {
    const key = DERIVED_NAMES[String(asRecord(derived).kind)];
    if (key && !labels.has(name)) labels.set(name, words.both(key));
  }
  return { label: (field) => labels.get(field), choice: (field, value) => choices.get(field)?.get(value) };
}

const COMPARISONS = ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'contains', 'count_gte'] as const;
const LISTS = ['in', 'contains_any'] as const;

/**
 * A condition of dialogs/ in words, as staff would say it: "Forme juridique est « Autre » ou
 * « Coopérative »", "Budget vaut au moins 1", "la structure est éligible". Questions are named by
 * their label and choices by theirs; what cannot be read says so rather than failing.
 */
export function conditionWords(condition: unknown, names: FieldNames, words: StudioWords, lang: Locale): string {
  const say = (key: ServerTextKey, vars = {}) => words.say(key, lang, vars);
  const unreadable = () => say('cond.unreadable');
  const of = (c: unknown): string => {
    if (!isRecord(c)) return unreadable();
    const combined = (key: 'cond.and' | 'cond.or', list: unknown) => {
      const parts = asArray(list);
      return parts.length ? parts.map(grouped).join(say(key)) : unreadable();
    };
    if ('all' in c) return combined('cond.and', c.all);
    if ('any' in c) return combined('cond.or', c.any);
    if ('not' in c) return say('cond.not', { condition: grouped(c.not) });
    const field = asString(c.field);
    if (!field) return unreadable();
    if (field === 'eligible' && typeof c.equals === 'boolean') return say(c.equals ? 'cond.eligible' : 'cond.not_eligible');
    const name = names.label(field)?.[lang] ?? field;
    const value = (v: unknown): string => {
      if (typeof v === 'boolean') return say(v ? 'cond.yes' : 'cond.no');
      if (typeof v === 'number') return String(v);
      if (typeof v === 'string') return say('cond.value', { value: names.choice(field, v)?.[lang] ?? v });
      return '?';
    };
    for (const op of COMPARISONS) if (op in c) return say(`cond.${op}`, { field: name, value: op === 'count_gte' ? String(c[op]) : value(c[op]) });
    for (const op of LISTS) if (op in c) return say(`cond.${op}`, { field: name, values: listed(asArray(c[op]).map(value), say('cond.or')) });
    if ('is_set' in c) return say(c.is_set === false ? 'cond.is_not_set' : 'cond.is_set', { field: name });
    return unreadable();
  };
  // A combination inside another reads unambiguously in brackets.
  const grouped = (c: unknown): string => (isRecord(c) && ('all' in c || 'any' in c) ? `(${of(c)})` : of(c));
  return of(condition);
}

/** "a, b or c". */
function listed(items: string[], lastSeparator: string): string {
  if (items.length < 2) return items[0] ?? '?';
  return `${items.slice(0, -1).join(', ')}${lastSeparator}${items[items.length - 1]}`;
}

/** Both languages. */
export const conditionText = (condition: unknown, names: FieldNames, words: StudioWords): Text => ({
  fr: conditionWords(condition, names, words, 'fr'),
  en: conditionWords(condition, names, words, 'en'),
});
