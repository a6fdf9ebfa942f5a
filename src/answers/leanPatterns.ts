/**
 * Lean patterns. The library builds its patterns with XRegExp, which turns named groups into
 * numbered ones and keeps their names in `regex.xregexp.captureNames` (null for unnamed groups);
 * its matches are read by those names only. Unnamed groups can therefore stop capturing: the
 * same texts match, and V8 no longer tracks thousands of capture registers while compiling.
 * (Checked on 34,000 parses of the answers table, the test conversations and generated phrases.
 * A library version without this data gets its patterns as they are: slower, still right.)
 */
const XREGEXP = 'xregexp';
type XRegExpData = { captureNames: (string | null)[] | null; source?: string; flags?: string };
type LibraryRegExp = RegExp & { [XREGEXP]?: XRegExpData };
// Small patterns compile in microseconds either way: rebuilding them would cost more than it saves.
const MIN_LEAN_SOURCE = 1000;

// What leanPattern reads: an escape, a character class (which ends at the first unescaped "]"),
// a group opening that captures, or the opening of a native named group.
const PATTERN_TOKEN = /\\[\s\S]|\[(?:\\[\s\S]|[^\]\\])*\]|\((?!\?)|\(\?<(?=\w)/g;

/**
 * The pattern with its unnamed capturing groups made non-capturing, and the names of the groups
 * still capturing, in order; undefined when that cannot be done safely (a numbered backreference
 * would point elsewhere; native named groups are not expected) or changes nothing.
 */
function leanPattern(source: string, names: readonly (string | null)[] | null): { source: string; names: string[] } | undefined {
  let group = 0;
  let unsafe = false;
  const kept: string[] = [];
  const lean = source.replace(PATTERN_TOKEN, (token) => {
    if (token === '(') {
      const name = names ? names[group] : null;
      group++;
      if (!name) return '(?:';
      kept.push(name);
      return token;
    }
    if (token === '(?<' || /^\\[1-9]/.test(token)) unsafe = true;
    return token;
  });
  return unsafe || kept.length === group ? undefined : { source: lean, names: kept };
}

// Models of different packages hold the same patterns (the currency model embeds the number
// model's): one copy each, so that V8 compiles it once.
const leanCopies = new Map<string, RegExp>();

function leanCopy(re: LibraryRegExp): RegExp {
  const data = re[XREGEXP];
  if (!data || re.source.length < MIN_LEAN_SOURCE) return re;
  const lean = leanPattern(re.source, data.captureNames);
  if (!lean) return re;
  const key = `${re.flags}/${lean.names.join(',')}/${lean.source}`;
  let copy = leanCopies.get(key) as LibraryRegExp | undefined;
  if (!copy) {
    copy = new RegExp(lean.source, re.flags) as LibraryRegExp;
    const leanData: XRegExpData = { captureNames: lean.names.length > 0 ? lean.names : null };
    if ('source' in data) leanData.source = data.source;
    if ('flags' in data) leanData.flags = data.flags;
    copy[XREGEXP] = leanData;
    Object.setPrototypeOf(copy, Object.getPrototypeOf(re));
    leanCopies.set(key, copy);
  }
  return copy;
}

/**
 * Replaces, in place, every large library pattern reachable from a freshly built model (its
 * extractors, parsers and their configurations: properties, arrays, maps, sets) by its lean copy.
 * A pattern met twice is replaced by the same copy. Returns the large patterns the model now
 * holds, so that a warm-up can compile them one at a time.
 */
export function leanRegExps(root: object): RegExp[] {
  const copies = new Map<RegExp, RegExp>();
  const large = new Set<RegExp>();
  const seen = new Set<object>();
  const pending: object[] = [root];
  const swap = (value: unknown): unknown => {
    if (value instanceof RegExp) {
      let copy = copies.get(value);
      if (!copy) copies.set(value, (copy = leanCopy(value)));
      if (copy.source.length >= MIN_LEAN_SOURCE) large.add(copy);
      return copy;
    }
    if (value !== null && typeof value === 'object' && !seen.has(value)) pending.push(value);
    return value;
  };
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (seen.has(node) || ArrayBuffer.isView(node)) continue;
    seen.add(node);
    if (node instanceof Map) {
      const entries = [...node].map(([k, v]) => [swap(k), swap(v)] as const);
      node.clear();
      for (const [k, v] of entries) node.set(k, v);
    } else if (node instanceof Set) {
      const values = [...node].map(swap);
      node.clear();
      for (const v of values) node.add(v);
    } else if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = swap(node[i]);
    } else {
      for (const key of Object.getOwnPropertyNames(node)) {
        const d = Object.getOwnPropertyDescriptor(node, key);
        if (!d || !('value' in d)) continue;
        const v = swap(d.value);
        if (v !== d.value && d.writable) (node as Record<string, unknown>)[key] = v;
      }
    }
  }
  return [...large];
}
