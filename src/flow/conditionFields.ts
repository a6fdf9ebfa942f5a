import type { Condition } from './schema';

/** Every field a condition reads, once each, in order of appearance (for "unknown field" checks). */
export function conditionFields(cond: Condition): string[] {
  const fields = new Set<string>();
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else fields.add(c.field);
  };
  visit(cond);
  return [...fields];
}

/** Field → values a condition compares it with (equals, in, contains…). */
export function comparedValues(cond: Condition): [string, unknown[]][] {
  if ('all' in cond) return cond.all.flatMap(comparedValues);
  if ('any' in cond) return cond.any.flatMap(comparedValues);
  if ('not' in cond) return comparedValues(cond.not);
  if ('equals' in cond) return [[cond.field, [cond.equals]]];
  if ('not_equals' in cond) return [[cond.field, [cond.not_equals]]];
  if ('in' in cond) return [[cond.field, cond.in]];
  if ('contains' in cond) return [[cond.field, [cond.contains]]];
  if ('contains_any' in cond) return [[cond.field, cond.contains_any]];
  return [];
}
