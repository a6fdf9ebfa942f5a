import { createHash } from 'node:crypto';

/**
 * Cursor pagination over a list sorted by a key that never changes once an item exists (when it
 * was first recorded, then its id): an item written while a client pages is either behind the
 * cursor (seen at the next sync, thanks to `since`) or ahead of it (seen on a later page), never
 * twice nor skipped within one walk. The cursor is opaque (base64url JSON) and bound to the
 * query it came from, so that it cannot be replayed with other filters.
 */
export type SortKey = readonly [at: string, id: string];

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export class BadCursorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadCursorError';
  }
}

const compareKeys = (a: SortKey, b: SortKey): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** `query` names the listing and its filters: a cursor from another query is refused. */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => SortKey, o: { cursor?: string; limit: number; query: string }): Page<T> {
  const binding = createHash('sha256').update(o.query).digest('base64url').slice(0, 16);
  const after = o.cursor === undefined ? undefined : readCursor(o.cursor, binding);
  const sorted = [...items].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const rest = after ? sorted.filter((item) => compareKeys(keyOf(item), after) > 0) : sorted;
  const data = rest.slice(0, o.limit);
  const last = data.at(-1);
  return { data, nextCursor: rest.length > data.length && last ? writeCursor(keyOf(last), binding) : null };
}

function writeCursor(key: SortKey, binding: string): string {
  return Buffer.from(JSON.stringify({ k: key, q: binding })).toString('base64url');
}

function readCursor(cursor: string, binding: string): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError('cursor: not a cursor this API gave');
  }
  const c = parsed as { k?: unknown; q?: unknown } | null;
  const key = c?.k;
  if (!Array.isArray(key) || key.length !== 2 || !key.every((x) => typeof x === 'string')) throw new BadCursorError('cursor: not a cursor this API gave');
  if (c?.q !== binding) throw new BadCursorError('cursor: it belongs to another query (keep the other parameters of the first page)');
  return key as unknown as SortKey;
}
