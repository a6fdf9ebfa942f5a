import type { JsonPath } from '../api/contract';

/** The value at `path` inside `root`, or undefined when any step is missing. */
export function getAt(root: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = root;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A copy of `root` with `value` at `path` (missing maps and lists created on the way). */
export function setAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  const base = root !== null && typeof root === 'object' ? root : typeof key === 'number' ? [] : {};
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(base) ? [...base] : { ...(base as object) };
  (copy as Record<string | number, unknown>)[key] = setAt((base as Record<string | number, unknown>)[key], rest, value);
  return copy;
}

export const isPrefix = (prefix: readonly (string | number)[], path: readonly (string | number)[]): boolean =>
  prefix.length <= path.length && prefix.every((k, i) => String(k) === String(path[i]));

export const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean => a.length === b.length && isPrefix(a, b);

/** A stable key for a file and path: element ids, React keys, the pending edits' map. */
export const pathKey = (file: string, path: JsonPath): string => `${file}#${path.map(String).join('.')}`;

/** An id usable in HTML (`id`, `for`, `aria-describedby`) for a field. */
export const fieldId = (file: string, path: JsonPath, suffix = ''): string =>
  `f-${pathKey(file, path).replace(/[^A-Za-z0-9_-]/g, '_')}${suffix ? `-${suffix}` : ''}`;
