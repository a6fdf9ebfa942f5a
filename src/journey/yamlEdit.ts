import { isDeepStrictEqual } from 'node:util';
import { CST, isMap, isScalar, isSeq, type Node, type Pair, parse, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  blankLineBefore,
  column,
  type EditableYaml,
  lastCharOf,
  lineEnd,
  lineStart,
  parseEditable,
  renderBlock,
  renderFlow,
  spanStart,
  stringifyTokens,
  YamlEditError,
} from './yamlText';

export { YamlEditError } from './yamlText';

/** Keys and list indexes from the top of a file: `['steps', 0, 'ask', 'fr']`. */
export type YamlPath = readonly (string | number)[];

/** One change to a YAML file, by path. */
export type YamlEdit =
  /** Sets the value at path, creating missing map keys; a changed text rewrites that text only. */
  | { op: 'set'; path: YamlPath; value: unknown }
  /** Removes a map key or a list item (with the comment lines just above it). */
  | { op: 'delete'; path: YamlPath }
  /** Inserts into the list at path, before `index` (default: at the end). */
  | { op: 'insert'; path: YamlPath; index?: number; value: unknown };

/**
 * Applies an edit to YAML text so that everything not edited stays byte for byte as written:
 * comments, blank lines, quoting, flow or block style, key order. A changed scalar keeps its
 * style; new content is written in the house style. Refuses (YamlEditError) a path that does
 * not exist where it must, and checks the result: the file must read back as exactly the old
 * data with this one edit applied.
 */
export function editYaml(text: string, edit: YamlEdit): string {
  if (!edit.path.every((k) => (typeof k === 'string' && k.length > 0) || (Number.isInteger(k) && (k as number) >= 0))) {
    throw new YamlEditError('bad_path', `invalid path ${JSON.stringify(edit.path)}`);
  }
  const before = parseEditable(text);
  const expected = applyToData(before.doc.toJS(), edit);
  const result = edit.op === 'set' ? setAt(before, edit.path, edit.value) : edit.op === 'delete' ? deleteAt(before, edit.path) : insertAt(before, edit.path, edit.index, edit.value);
  const after = result === text ? before : parseEditable(result);
  if (!isDeepStrictEqual(after.doc.toJS(), expected)) {
    throw new YamlEditError('unsafe_edit', `could not apply ${edit.op} at ${JSON.stringify(edit.path)} without changing something else`);
  }
  return result;
}

// ------------------------------------------------------------------ set

function setAt(file: EditableYaml, path: YamlPath, value: unknown): string {
  if (!path.length) throw new YamlEditError('bad_path', 'the whole file cannot be set by path: replace the file instead');
  const { doc, text } = file;
  if (isDeepStrictEqual(toJS(doc.getIn(path, true)), value) && doc.hasIn(path)) return text;
  const node = doc.getIn(path, true) as Node | undefined;

  // `key:` with nothing after it: an empty scalar with no source of its own.
  if (isScalar(node) && node.range && node.range[0] === node.range[1]) return replaceEmptyValue(file, path, value);
  const blockText = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  // A block (`|`) keeps its style for a text; anything else replaces it (below).
  if (isScalar(node) && isScalarValue(value) && node.srcToken && (!blockText || typeof value === 'string')) return setScalar(file, path, node, value);
  // A map or list given whole onto one: change only what differs, key by key (comments survive).
  if (isMap(node) && isPlainObject(value)) return setMapEntries(text, path, node, value);
  if (isSeq(node) && Array.isArray(value)) return setListItems(text, path, node, value);
  if (node && node.range) return replaceNode(text, node, value);
  return addMissing(file, path, value);
}

/**
 * Rewrites one scalar in its own style: a block text (`|`) stays a block, a quoted text stays
 * quoted on its line (newlines written as \n), a plain one stays plain when it reads back the
 * same, else it gets double quotes.
 */
function setScalar(file: EditableYaml, path: YamlPath, node: Node, value: string | number | boolean | null): string {
  const token = node.srcToken as CST.FlowScalar | CST.BlockScalar;
  const inFlow = ancestors(file, path).some((n) => (n as { flow?: boolean }).flow);
  if (token.type === 'block-scalar') {
    CST.setScalarValue(token, value === null ? '' : String(value), { afterKey: typeof path[path.length - 1] === 'string' });
  } else if (typeof value !== 'string') {
    Object.assign(token, { type: 'scalar', source: value === null ? 'null' : String(value) });
  } else if (token.type === 'single-quoted-scalar' && !value.includes('\n')) {
    token.source = `'${value.replace(/'/g, "''")}'`;
  } else if (token.type === 'scalar' && isSafePlain(value, inFlow)) {
    token.source = value;
  } else {
    // A JSON string is a YAML double-quoted scalar, on one line whatever it holds.
    Object.assign(token, { type: 'double-quoted-scalar', source: JSON.stringify(value) });
  }
  return stringifyTokens(file.tokens);
}

/** A string that can be written unquoted here and read back as itself. */
function isSafePlain(value: string, inFlow: boolean): boolean {
  if (!value || /^\s|\s$|[\n\t]/.test(value) || (inFlow && /[,[\]{}]/.test(value))) return false;
  try {
    return parse(value) === value;
  } catch {
    return false;
  }
}

function setMapEntries(text: string, path: YamlPath, node: YAMLMap, value: Record<string, unknown>): string {
  let result = text;
  for (const pair of node.items) {
    const key = keyOf(pair);
    if (key !== undefined && !(key in value)) result = deleteAt(parseEditable(result), [...path, key]);
  }
  for (const [key, v] of Object.entries(value)) result = setAt(parseEditable(result), [...path, key], v);
  return result;
}

function setListItems(text: string, path: YamlPath, node: YAMLSeq, value: unknown[]): string {
  let result = text;
  for (let i = node.items.length - 1; i >= value.length; i--) result = deleteAt(parseEditable(result), [...path, i]);
  value.forEach((v, i) => {
    const file = parseEditable(result);
    result = i < (file.doc.getIn(path, true) as YAMLSeq).items.length ? setAt(file, [...path, i], v) : insertAt(file, path, i, v);
  });
  return result;
}

/** A node replaced by a new value: a block collection by block text at its indentation, anything else on one line. */
function replaceNode(text: string, node: Node, value: unknown): string {
  const [start, end] = node.range!;
  const blockNode = ((isMap(node) || isSeq(node)) && !(node as { flow?: boolean }).flow) || (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'));
  const block = blockNode && !isScalar(node) && isCollectionValue(value);
  const padding = (node as { flow?: boolean }).flow ? text[start + 1] === ' ' : true;
  const rendered = block ? renderBlock(value, column(text, start)) : renderFlow(value, padding);
  // A block node's range takes in its last newline: keep it.
  const stop = blockNode ? lastCharOf(text, end) + 1 : end;
  return text.slice(0, start) + rendered + text.slice(stop);
}

/** `key:` with nothing after it gets a value. */
function replaceEmptyValue(file: EditableYaml, path: YamlPath, value: unknown): string {
  const pair = pairAt(file, path);
  const keyEnd = pair?.key && (pair.key as Node).range ? (pair.key as Node).range![1] : undefined;
  if (keyEnd === undefined) throw new YamlEditError('path_not_found', `nothing to set at ${JSON.stringify(path)}`);
  const { text } = file;
  const colon = text.indexOf(':', keyEnd);
  const keyColumn = column(text, (pair!.key as Node).range![0]);
  const rendered = isCollectionValue(value) ? `\n${' '.repeat(keyColumn + 2)}${renderBlock(value, keyColumn + 2)}` : ` ${renderFlow(value)}`;
  return text.slice(0, colon + 1) + rendered + text.slice(colon + 1).replace(/^[ \t]+(?=\n|$)/, '');
}

/** A key that does not exist yet: added at the end of the closest map that does (creating the maps between). */
function addMissing(file: EditableYaml, path: YamlPath, value: unknown): string {
  let depth = path.length - 1;
  while (depth > 0 && !file.doc.hasIn(path.slice(0, depth))) depth--;
  const parentPath = path.slice(0, depth);
  const parent = (depth ? file.doc.getIn(parentPath, true) : file.doc.contents) as Node | null | undefined;
  let nested: unknown = value;
  for (let i = path.length - 1; i > depth; i--) {
    if (typeof path[i] !== 'string') throw new YamlEditError('path_not_found', `no list at ${JSON.stringify(path.slice(0, i))}`);
    nested = { [path[i]]: nested };
  }
  const key = path[depth];
  if (isSeq(parent) && key === parent.items.length) return insertAt(file, parentPath, key, nested);
  if (!isMap(parent) || typeof key !== 'string') throw new YamlEditError('path_not_found', `nothing at ${JSON.stringify(path.slice(0, depth + 1))}`);
  if (parent.flow || !parent.items.length) {
    const grown = parent.clone() as YAMLMap;
    grown.set(key, file.doc.createNode(nested));
    return replaceWithNode(file.text, parent, grown);
  }
  const { text } = file;
  const last = parent.items[parent.items.length - 1];
  const at = itemEnd(text, last);
  const keyColumn = column(text, (parent.items[0].key as Node).range![0]);
  const entry = renderBlock({ [key]: nested }, keyColumn);
  const prefix = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
  return `${text.slice(0, at)}${prefix}${' '.repeat(keyColumn)}${entry}\n${text.slice(at)}`;
}

// ------------------------------------------------------------------ delete and insert

function deleteAt(file: EditableYaml, path: YamlPath): string {
  if (!path.length) throw new YamlEditError('bad_path', 'the whole file cannot be deleted by path');
  const { doc, text } = file;
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = (parentPath.length ? doc.getIn(parentPath, true) : doc.contents) as Node | null | undefined;
  if (!doc.hasIn(path) || !(isMap(parent) || isSeq(parent))) throw new YamlEditError('path_not_found', `nothing at ${JSON.stringify(path)}`);

  if (parent.flow) {
    const shrunk = parent.clone() as YAMLMap | YAMLSeq;
    shrunk.delete(key);
    return replaceWithNode(text, parent, shrunk);
  }
  const items = parent.items as (Pair | Node)[];
  const index = isSeq(parent) ? (key as number) : items.findIndex((p) => keyOf(p as Pair) === key);
  const start = spanStart(text, itemOffset(text, items[index]));
  if (index < items.length - 1) return text.slice(0, start) + text.slice(spanStart(text, itemOffset(text, items[index + 1])));
  // The last item: its blank lines before go too, so that the collection ends as it did.
  let from = start;
  while (index > 0 && blankLineBefore(text, from)) from = lineStart(text, from - 1);
  return text.slice(0, from) + text.slice(itemEnd(text, items[index]));
}

function insertAt(file: EditableYaml, path: YamlPath, index: number | undefined, value: unknown): string {
  const { doc, text } = file;
  const list = (path.length ? doc.getIn(path, true) : doc.contents) as Node | null | undefined;
  if (list === undefined && path.length && !doc.hasIn(path)) return setAt(file, path, [value]);
  if (!isSeq(list)) throw new YamlEditError('not_a_list', `no list at ${JSON.stringify(path)}`);
  const at = index ?? list.items.length;
  if (!Number.isInteger(at) || at < 0 || at > list.items.length) throw new YamlEditError('path_not_found', `index ${at} is outside the list at ${JSON.stringify(path)}`);

  if (list.flow || !list.items.length) {
    const grown = list.clone() as YAMLSeq;
    grown.items.splice(at, 0, doc.createNode(value));
    return replaceWithNode(text, list, grown);
  }
  const items = list.items as Node[];
  const dashColumn = column(text, itemOffset(text, items[0]));
  // Items separated by blank lines get one too (judged where the new one goes).
  const neighbour = Math.max(1, Math.min(at, items.length - 1));
  const separated = items.length > 1 && blankLineBefore(text, spanStart(text, itemOffset(text, items[neighbour])));
  const item = `${' '.repeat(dashColumn)}${renderBlock([value], dashColumn)}\n`;
  if (at < items.length) {
    const start = spanStart(text, itemOffset(text, items[at]));
    return text.slice(0, start) + item + (separated ? '\n' : '') + text.slice(start);
  }
  const end = itemEnd(text, items[items.length - 1]);
  const prefix = (end > 0 && text[end - 1] !== '\n' ? '\n' : '') + (separated ? '\n' : '');
  return text.slice(0, end) + prefix + item + text.slice(end);
}

// ------------------------------------------------------------------ helpers

/** A flow collection (or an empty one) rewritten whole, on one line, keeping its padding. */
function replaceWithNode(text: string, old: Node, replacement: Node): string {
  const [start, end] = old.range!;
  const padding = text[start + 1] === ' ' || !(old as { flow?: boolean }).flow;
  return text.slice(0, start) + renderFlow(replacement, padding) + text.slice(end);
}

/** Where a block item starts: its key, or the `-` before a list item. */
function itemOffset(text: string, item: Pair | Node): number {
  if (isPairLike(item)) return (item.key as Node).range![0];
  let i = (item as Node).range![0] - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (text[i] !== '-') throw new YamlEditError('unsafe_edit', 'unexpected list layout');
  return i;
}

/** Just after the line holding the last character of a block item (its trailing comment included). */
function itemEnd(text: string, item: Pair | Node): number {
  const node = isPairLike(item) ? ((item.value as Node | null) ?? (item.key as Node)) : (item as Node);
  return lineEnd(text, lastCharOf(text, node.range![1]));
}

const isPairLike = (item: unknown): item is Pair => typeof item === 'object' && item !== null && 'key' in item && 'value' in item && !('range' in item);

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function pairAt(file: EditableYaml, path: YamlPath): Pair | undefined {
  const parent = (path.length > 1 ? file.doc.getIn(path.slice(0, -1), true) : file.doc.contents) as Node | null;
  return isMap(parent) ? parent.items.find((p) => keyOf(p) === path[path.length - 1]) : undefined;
}

function ancestors(file: EditableYaml, path: YamlPath): Node[] {
  const found: Node[] = [];
  for (let i = 0; i < path.length; i++) {
    const n = (i ? file.doc.getIn(path.slice(0, i), true) : file.doc.contents) as Node | null;
    if (n) found.push(n);
  }
  return found;
}

const toJS = (node: unknown): unknown => (node && typeof (node as Node).toJSON === 'function' ? (node as Node).toJSON() : node);
const isScalarValue = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCollectionValue = (v: unknown): boolean => typeof v === 'object' && v !== null;

/** A deep copy of parsed YAML data (plain objects, arrays, scalars), made in this realm. */
const copy = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(copy) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) : v;

/** The same edit on plain data: what the file must read back as. */
export function applyToData(data: unknown, edit: YamlEdit): unknown {
  const root = copy(data) as Record<string | number, unknown>;
  const parentPath = edit.op === 'insert' ? edit.path : edit.path.slice(0, -1);
  let parent: Record<string | number, unknown> = root;
  for (const [i, key] of parentPath.entries()) {
    if (parent[key] === undefined || parent[key] === null) {
      if (edit.op === 'delete') throw new YamlEditError('path_not_found', `nothing at ${JSON.stringify(edit.path)}`);
      parent[key] = edit.op === 'insert' && i === parentPath.length - 1 ? [] : {};
    }
    parent = parent[key] as Record<string | number, unknown>;
  }
  if (edit.op === 'insert') {
    if (!Array.isArray(parent)) throw new YamlEditError('not_a_list', `no list at ${JSON.stringify(edit.path)}`);
    parent.splice(edit.index ?? parent.length, 0, edit.value);
  } else {
    const key = edit.path[edit.path.length - 1];
    if (edit.op === 'set') parent[key] = edit.value;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return root;
}
