import type { KnownField } from '../knownFields';

/** The comparisons of flow:check's conditions (src/flow/schema.ts), one per leaf. */
export const COMPARISONS = ['equals', 'not_equals', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'contains_any', 'count_gte', 'is_set'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export type Cond = Record<string, unknown>;

export type Node = { kind: 'all' | 'any'; items: Cond[] } | { kind: 'not'; item: Cond } | { kind: 'leaf'; field: string; op: Comparison | undefined; value: unknown };

export function read(c: Cond | undefined): Node {
  const cond = c ?? {};
  if (Array.isArray(cond.all)) return { kind: 'all', items: cond.all as Cond[] };
  if (Array.isArray(cond.any)) return { kind: 'any', items: cond.any as Cond[] };
  if (cond.not && typeof cond.not === 'object') return { kind: 'not', item: cond.not as Cond };
  const op = COMPARISONS.find((k) => k in cond);
  return { kind: 'leaf', field: typeof cond.field === 'string' ? cond.field : '', op, value: op ? cond[op] : undefined };
}

/** Which comparisons suit a kind of answer (the one in use is always offered too). */
export function comparisonsFor(field: KnownField | undefined): Comparison[] {
  switch (field?.kind) {
    case 'count':
    case 'amount':
    case 'year':
    case 'derived.years_since':
      return ['equals', 'not_equals', 'gt', 'gte', 'lt', 'lte', 'is_set'];
    case 'choice':
    case 'derived.territory':
      return ['equals', 'not_equals', 'in', 'is_set'];
    case 'multichoice':
      return ['contains', 'contains_any', 'count_gte', 'is_set'];
    case 'yesno':
    case 'derived.territory_covered':
      return ['equals', 'is_set'];
    case undefined:
      return [...COMPARISONS];
    default:
      return ['equals', 'not_equals', 'in', 'contains', 'is_set'];
  }
}

export type ValueKind = 'list' | 'number' | 'boolean' | 'choice' | 'text';

/** The kind of value a comparison takes on this field. */
export function valueKind(op: Comparison | undefined, field: KnownField | undefined): ValueKind {
  if (op === 'in' || op === 'contains_any') return 'list';
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte' || op === 'count_gte') return 'number';
  if (op === 'is_set') return 'boolean';
  if (field?.choices?.length) return 'choice';
  if (field?.kind === 'yesno' || field?.kind === 'derived.territory_covered') return 'boolean';
  if (field && comparisonsFor(field).includes('gt')) return 'number';
  return 'text';
}

/** A leaf with another comparison: the value carried over when it still fits, else a sensible start. */
export function withComparison(leaf: Cond, op: Comparison, field: KnownField | undefined): Cond {
  const old = read(leaf);
  const before = old.kind === 'leaf' ? old.value : undefined;
  const kind = valueKind(op, field);
  let value: unknown;
  if (kind === 'list') value = Array.isArray(before) ? before : before === undefined || before === '' ? [] : [before];
  else if (kind === 'number') value = typeof before === 'number' ? before : 0;
  else if (kind === 'boolean') value = typeof before === 'boolean' ? before : true;
  else value = Array.isArray(before) ? (before[0] ?? '') : (before ?? (field?.choices?.[0]?.value ?? ''));
  return { field: old.kind === 'leaf' ? old.field : '', [op]: value };
}

/** A new comparison on the first known field. */
export function newLeaf(fields: readonly KnownField[]): Cond {
  const field = fields[0];
  return withComparison({ field: field?.name ?? '' }, comparisonsFor(field)[0], field);
}
