import type { Condition } from '../flow/schema';
import { valueOf, type Values } from './values';

export type { Values } from './values';

type Scalar = string | number | boolean;

const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isUnset = (v: unknown): boolean => v === null || v === undefined;
const has = <K extends string>(cond: object, key: K): cond is Record<K, unknown> => Object.prototype.hasOwnProperty.call(cond, key);

/**
 * Whether a condition written in `dialogs/` holds for these values. Never throws: a value of
 * the wrong type (or an unset one) simply does not satisfy a comparison.
 * - equals / in: strict equality on scalars; not_equals is exactly `not equals` (so an unset
 *   field is "not equal").
 * - gt / gte / lt / lte: finite numbers only.
 * - contains / contains_any: the field is a list that includes the value(s).
 * - count_gte: the length of a list; an unset list counts as 0.
 * - is_set: answered, and not an empty list.
 */
export function evaluateCondition(cond: Condition, values: Values): boolean {
  if (typeof cond !== 'object' || cond === null) return false;
  if (has(cond, 'all')) return Array.isArray(cond.all) && cond.all.every((c: Condition) => evaluateCondition(c, values));
  if (has(cond, 'any')) return Array.isArray(cond.any) && cond.any.some((c: Condition) => evaluateCondition(c, values));
  if (has(cond, 'not')) return !evaluateCondition(cond.not as Condition, values);
  if (!has(cond, 'field') || typeof cond.field !== 'string') return false;

  const v = valueOf(values, cond.field);
  if (has(cond, 'equals')) return isScalar(v) && v === cond.equals;
  if (has(cond, 'not_equals')) return !(isScalar(v) && v === cond.not_equals);
  if (has(cond, 'in')) return isScalar(v) && Array.isArray(cond.in) && cond.in.includes(v);
  if (has(cond, 'gt')) return isFiniteNumber(v) && typeof cond.gt === 'number' && v > cond.gt;
  if (has(cond, 'gte')) return isFiniteNumber(v) && typeof cond.gte === 'number' && v >= cond.gte;
  if (has(cond, 'lt')) return isFiniteNumber(v) && typeof cond.lt === 'number' && v < cond.lt;
  if (has(cond, 'lte')) return isFiniteNumber(v) && typeof cond.lte === 'number' && v <= cond.lte;
  if (has(cond, 'contains')) return Array.isArray(v) && v.includes(cond.contains);
  if (has(cond, 'contains_any')) {
    const wanted = cond.contains_any;
    return Array.isArray(v) && Array.isArray(wanted) && wanted.some((w) => v.includes(w));
  }
  if (has(cond, 'count_gte')) {
    const count = isUnset(v) ? 0 : Array.isArray(v) ? v.length : undefined;
    return count !== undefined && typeof cond.count_gte === 'number' && count >= cond.count_gte;
  }
  if (has(cond, 'is_set')) {
    const set = !isUnset(v) && !(Array.isArray(v) && v.length === 0);
    return set === cond.is_set;
  }
  return false;
}

/** Every field a condition reads (it belongs with the flow checks; re-exported for the rules' callers). */
export { conditionFields } from '../flow/conditionFields';
