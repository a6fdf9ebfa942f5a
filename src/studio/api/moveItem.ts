import { isDeepStrictEqual } from 'node:util';
import { isSeq, type Node, type YAMLSeq } from 'yaml';
import type { YamlPath } from '../../journey/yamlEdit';
import { lastCharOf, lineEnd, parseEditable, renderFlow, spanStart, YamlEditError } from '../../journey/yamlText';

/**
 * Moves the item at `from` of the list at `path` to position `to` (the precedence of programme
 * rules, the order of questions or choices), keeping every byte of every item: its comment
 * lines above it travel with it, the blank lines between items stay where they were. The result
 * must read back as the same list reordered, or YamlEditError('unsafe_edit').
 */
export function moveListItem(text: string, path: YamlPath, from: number, to: number): string {
  const file = parseEditable(text);
  const list = (path.length ? file.doc.getIn(path, true) : file.doc.contents) as Node | null | undefined;
  if (!isSeq(list)) throw new YamlEditError('not_a_list', `no list at ${JSON.stringify(path)}`);
  const count = list.items.length;
  for (const [name, i] of [['from', from], ['to', to]] as const) {
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new YamlEditError('path_not_found', `${name} ${i} is outside the list at ${JSON.stringify(path)} (${count} items)`);
  }
  if (from === to) return text;
  const data = file.doc.toJS() as unknown;
  const expected = reordered(readAt(data, path) as unknown[], from, to);

  let result: string;
  if (list.flow) {
    // `[a, b, c]` on one line: rewritten with the same items, each in its own style.
    const [start, end] = list.range!;
    const items = list.clone() as YAMLSeq;
    items.items = reordered(items.items, from, to);
    result = text.slice(0, start) + renderFlow(items, text[start + 1] === ' ') + text.slice(end);
  } else {
    // Work on text ending with a newline, so that every item's lines end with one.
    const source = text.endsWith('\n') ? text : `${text}\n`;
    const spans = (list.items as Node[]).map((item) => {
      const dash = dashBefore(source, item.range![0]);
      return [spanStart(source, dash), lineEnd(source, lastCharOf(source, item.range![1]))] as const;
    });
    const pieces = spans.map(([s, e]) => source.slice(s, e));
    const gaps = spans.slice(0, -1).map(([, e], i) => source.slice(e, spans[i + 1][0]));
    const order = reordered(pieces, from, to);
    const body = order.map((piece, i) => piece + (gaps[i] ?? '')).join('');
    result = source.slice(0, spans[0][0]) + body + source.slice(spans[spans.length - 1][1]);
    if (!text.endsWith('\n')) result = result.slice(0, -1);
  }
  const after = parseEditable(result).doc.toJS() as unknown;
  if (!isDeepStrictEqual(readAt(after, path), expected) || !isDeepStrictEqual(withList(after, path, []), withList(data, path, []))) {
    throw new YamlEditError('unsafe_edit', `could not move item ${from} to ${to} at ${JSON.stringify(path)} without changing something else`);
  }
  return result;
}

function reordered<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [moved] = out.splice(from, 1);
  out.splice(to, 0, moved);
  return out;
}

/** The `-` that opens a block list item whose value starts at `offset`. */
function dashBefore(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] !== '-') throw new YamlEditError('unsafe_edit', 'unexpected list layout');
  return i;
}

function readAt(data: unknown, path: YamlPath): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), data);
}

/** The data with the list at `path` replaced (to compare everything but the list). */
function withList(data: unknown, path: YamlPath, list: unknown[]): unknown {
  if (!path.length) return list;
  const copy = (Array.isArray(data) ? [...data] : { ...(data as Record<string, unknown>) }) as Record<string | number, unknown>;
  copy[path[0]] = withList(copy[path[0]], path.slice(1), list);
  return copy;
}
