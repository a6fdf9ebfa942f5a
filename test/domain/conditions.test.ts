import type { Condition } from '../../src/flow/schema';
import { conditionFields, evaluateCondition } from '../../src/domain/conditions';

const values = {
  form: 'Association',
  count: 3,
  yes: true,
  no: false,
  list: ['a', 'b'],
  empty: [] as string[],
  nothing: null,
  text: '5',
  nan: Number.NaN,
  infinite: Number.POSITIVE_INFINITY,
};
const check = (cond: Condition) => evaluateCondition(cond, values);

describe('evaluateCondition', () => {
  it('equals: strict on scalars', () => {
    expect(check({ field: 'form', equals: 'Association' })).toBe(true);
    expect(check({ field: 'form', equals: 'association' })).toBe(false);
    expect(check({ field: 'count', equals: 3 })).toBe(true);
    expect(check({ field: 'text', equals: 5 })).toBe(false);
    expect(check({ field: 'yes', equals: true })).toBe(true);
    expect(check({ field: 'no', equals: true })).toBe(false);
    expect(check({ field: 'list', equals: 'a' })).toBe(false);
    expect(check({ field: 'missing', equals: false })).toBe(false);
    expect(check({ field: 'nothing', equals: 'null' })).toBe(false);
  });

  it('not_equals: exactly the opposite of equals, so unset is "not equal"', () => {
    expect(check({ field: 'form', not_equals: 'Fondation' })).toBe(true);
    expect(check({ field: 'form', not_equals: 'Association' })).toBe(false);
    expect(check({ field: 'count', not_equals: '3' })).toBe(true);
    expect(check({ field: 'missing', not_equals: 'x' })).toBe(true);
  });

  it('in: a scalar among the values', () => {
    expect(check({ field: 'form', in: ['Fondation', 'Association'] })).toBe(true);
    expect(check({ field: 'count', in: ['3'] })).toBe(false);
    expect(check({ field: 'list', in: ['a'] })).toBe(false);
    expect(check({ field: 'missing', in: ['x'] })).toBe(false);
  });

  it('gt / gte / lt / lte: finite numbers only', () => {
    expect(check({ field: 'count', gt: 2 })).toBe(true);
    expect(check({ field: 'count', gt: 3 })).toBe(false);
    expect(check({ field: 'count', gte: 3 })).toBe(true);
    expect(check({ field: 'count', gte: 4 })).toBe(false);
    expect(check({ field: 'count', lt: 4 })).toBe(true);
    expect(check({ field: 'count', lt: 3 })).toBe(false);
    expect(check({ field: 'count', lte: 3 })).toBe(true);
    expect(check({ field: 'count', lte: 2 })).toBe(false);
    for (const field of ['missing', 'nothing', 'text', 'nan', 'infinite', 'list', 'yes']) {
      expect(check({ field, gt: -1 })).toBe(false);
      expect(check({ field, gte: -1 })).toBe(false);
      expect(check({ field, lt: 1e9 })).toBe(false);
      expect(check({ field, lte: 1e9 })).toBe(false);
    }
  });

  it('contains / contains_any: a list that includes the value(s)', () => {
    expect(check({ field: 'list', contains: 'a' })).toBe(true);
    expect(check({ field: 'list', contains: 'c' })).toBe(false);
    expect(check({ field: 'form', contains: 'Asso' })).toBe(false);
    expect(check({ field: 'missing', contains: 'a' })).toBe(false);
    expect(check({ field: 'list', contains_any: ['c', 'b'] })).toBe(true);
    expect(check({ field: 'list', contains_any: ['c', 'd'] })).toBe(false);
    expect(check({ field: 'empty', contains_any: ['a'] })).toBe(false);
    expect(check({ field: 'missing', contains_any: ['a'] })).toBe(false);
  });

  it('count_gte: the length of a list, an unset list counting as 0', () => {
    expect(check({ field: 'list', count_gte: 2 })).toBe(true);
    expect(check({ field: 'list', count_gte: 3 })).toBe(false);
    expect(check({ field: 'empty', count_gte: 0 })).toBe(true);
    expect(check({ field: 'empty', count_gte: 1 })).toBe(false);
    expect(check({ field: 'missing', count_gte: 0 })).toBe(true);
    expect(check({ field: 'nothing', count_gte: 1 })).toBe(false);
    expect(check({ field: 'form', count_gte: 1 })).toBe(false);
  });

  it('is_set: answered, and not an empty list', () => {
    for (const field of ['form', 'count', 'no', 'list', 'text']) {
      expect(check({ field, is_set: true })).toBe(true);
      expect(check({ field, is_set: false })).toBe(false);
    }
    for (const field of ['missing', 'nothing', 'empty']) {
      expect(check({ field, is_set: true })).toBe(false);
      expect(check({ field, is_set: false })).toBe(true);
    }
  });

  it('all / any / not', () => {
    const t: Condition = { field: 'yes', equals: true };
    const f: Condition = { field: 'no', equals: true };
    expect(check({ all: [t, t] })).toBe(true);
    expect(check({ all: [t, f] })).toBe(false);
    expect(check({ any: [f, t] })).toBe(true);
    expect(check({ any: [f, f] })).toBe(false);
    expect(check({ not: f })).toBe(true);
    expect(check({ not: { all: [t, { any: [f, { not: t }] }] } })).toBe(true);
  });

  it('reads own values only: a field named like an Object property is unset', () => {
    expect(check({ field: 'constructor', is_set: true })).toBe(false);
    expect(check({ field: '__proto__', is_set: true })).toBe(false);
    expect(check({ field: 'toString', equals: 'x' })).toBe(false);
  });

  it('never throws, whatever the values or a malformed condition', () => {
    const odd = { obj: { a: 1 }, fn: () => 1, sym: Symbol('s'), big: BigInt(1) };
    const conditions = [
      { field: 'obj', equals: 'x' },
      { field: 'fn', contains: 'x' },
      { field: 'sym', count_gte: 0 },
      { field: 'big', gt: 0 },
      { field: 'obj', is_set: true },
      {},
      { field: 3, equals: 3 },
      { all: 'nope' },
      { not: null },
      { field: 'obj', in: 'not a list' },
    ] as unknown as Condition[];
    for (const cond of conditions) expect(() => evaluateCondition(cond, odd)).not.toThrow();
    expect(evaluateCondition({ field: 'obj', is_set: true }, odd)).toBe(true);
    expect(evaluateCondition({} as Condition, odd)).toBe(false);
  });

  // What staff can get wrong in dialogs/ (flow checks refuse most of it): such a condition never holds.
  const malformed = (cond: unknown, at: Record<string, unknown> = values) => evaluateCondition(cond as Condition, at);

  it('a condition that is not an object never holds, and its negation does', () => {
    for (const cond of [null, undefined, 'form', 3, true]) expect(malformed(cond)).toBe(false);
    expect(malformed({ not: null })).toBe(true);
  });

  it('a field name that is not a string, or none, reads no value', () => {
    expect(malformed({ field: 3, equals: 3 }, { 3: 3 })).toBe(false);
    expect(malformed({ equals: 'x' }, { undefined: 'x' })).toBe(false);
  });

  it('a field with no comparison never holds', () => {
    expect(malformed({ field: 'form' })).toBe(false);
    expect(malformed({ field: 'form', matches: 'Asso' })).toBe(false);
  });

  it('comparisons to a threshold that is not a number never hold (no "3" > "2" coercion)', () => {
    expect(malformed({ field: 'count', gt: '2' })).toBe(false);
    expect(malformed({ field: 'count', gte: '3' })).toBe(false);
    expect(malformed({ field: 'count', lt: '4' })).toBe(false);
    expect(malformed({ field: 'count', lte: '3' })).toBe(false);
    expect(malformed({ field: 'list', count_gte: '1' })).toBe(false);
  });

  it('in: only a list of values (not a text that contains the answer), and never an unset field', () => {
    expect(malformed({ field: 'form', in: 'Association, Fondation' })).toBe(false);
    expect(malformed({ field: 'nothing', in: [null] })).toBe(false);
    expect(malformed({ field: 'nothing', equals: null })).toBe(false);
  });
});

describe('conditionFields', () => {
  it('lists every field read, once, in order of appearance', () => {
    const cond: Condition = {
      all: [
        { field: 'nature', equals: 'Ponctuel' },
        { any: [{ field: 'domains', contains: 'x' }, { not: { field: 'domains', count_gte: 2 } }] },
        { field: 'budget', gt: 0 },
      ],
    };
    expect(conditionFields(cond)).toEqual(['nature', 'domains', 'budget']);
    expect(conditionFields({ field: 'a', is_set: true })).toEqual(['a']);
  });
});
