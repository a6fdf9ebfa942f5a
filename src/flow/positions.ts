import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node, type ParsedNode } from 'yaml';
import type { FlowIssue } from './model';

/** A parsed YAML file, with what turns offsets into lines and columns. */
export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
}

export type Segments = (string | number)[];

/** `steps[3].next[0].goto` → `['steps', 3, 'next', 0, 'goto']` (a dotted key such as `web.heading` is split; see resolvePath). */
export function pathParts(path: string): Segments {
  const parts: Segments = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) parts.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return parts;
}

interface Resolved {
  /** The deepest node reached (the value, or its key when the value is empty). */
  node?: Node;
  /** The keys and indexes as written in the file, as far as they exist. */
  segments: Segments;
  /** The parts of the path left unresolved (what does not exist). */
  rest: Segments;
  complete: boolean;
}

/**
 * Follows a path in a YAML document as far as it exists. A text path such as `web.heading`
 * may name one dotted key (texts.yaml) or nested keys: the longest key present wins.
 */
export function resolvePath(doc: Document.Parsed, path: string | Segments): Resolved {
  const parts = typeof path === 'string' ? pathParts(path) : path;
  const joinable = typeof path === 'string';
  let node: ParsedNode | null = doc.contents;
  let shown: Node | undefined = node ?? undefined;
  const segments: Segments = [];
  let i = 0;
  while (i < parts.length && node) {
    const part = parts[i];
    if (isSeq(node) && typeof part === 'number') {
      const item = node.items[part] as ParsedNode | undefined;
      if (!item) break;
      node = item;
      shown = item;
      segments.push(part);
      i += 1;
      continue;
    }
    if (!isMap(node)) break;
    const map = node;
    let matched = false;
    // Longest dotted key first: "web.heading" before "web".
    for (let j = joinable ? parts.length : i + 1; j > i && !matched; j--) {
      const names = parts.slice(i, j);
      if (names.some((n) => typeof n === 'number')) continue;
      const key = names.join('.');
      const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) continue;
      matched = true;
      segments.push(key);
      node = (pair.value as ParsedNode | null) ?? null;
      shown = (pair.value as Node | null) ?? (pair.key as Node);
      i = j;
    }
    if (!matched) break;
  }
  return { node: shown, segments, rest: parts.slice(i), complete: i === parts.length };
}

/**
 * Adds the segments and the line and column of the node each issue names, from the parsed
 * files. An issue about something missing points at the closest thing that exists.
 */
export function withPositions<I extends FlowIssue>(issues: I[], parsed: ReadonlyMap<string, ParsedYaml>): I[] {
  return issues.map((issue) => {
    const file = parsed.get(issue.file);
    if (!file || issue.line !== undefined) return issue;
    const resolved = resolvePath(file.doc, issue.segments ?? issue.path);
    const range = resolved.segments.length || resolved.complete ? resolved.node?.range : undefined;
    const segments = issue.segments ?? [...resolved.segments, ...resolved.rest];
    if (!range) return { ...issue, segments };
    const start = file.lines.linePos(range[0]);
    const end = file.lines.linePos(range[1]);
    return { ...issue, segments, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
  });
}
