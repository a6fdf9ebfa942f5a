import { Composer, CST, Document, type Node, Parser, type ParsedNode, type ToStringOptions } from 'yaml';

/**
 * Text-level helpers for editing YAML in place: the parsed document keeps its source tokens,
 * so that a scalar can be rewritten in its own style and every untouched byte stays as written.
 */

export class YamlEditError extends Error {
  constructor(
    readonly code: 'invalid_yaml' | 'path_not_found' | 'not_a_list' | 'not_a_map' | 'bad_path' | 'unsafe_edit',
    message: string,
  ) {
    super(message);
    this.name = 'YamlEditError';
  }
}

export interface EditableYaml {
  text: string;
  /** The concrete syntax tree, source-exact: CST.stringify of these tokens gives `text` back. */
  tokens: CST.Token[];
  doc: Document.Parsed;
}

/** Parses for editing; a file with YAML errors cannot be edited by path (replace it whole instead). */
export function parseEditable(text: string): EditableYaml {
  const tokens = [...new Parser().parse(text)];
  const docs = [...new Composer({ keepSourceTokens: true, uniqueKeys: true }).compose(tokens, true, text.length)];
  const errors = docs.flatMap((d) => d.errors);
  if (docs.length !== 1 || errors.length) {
    throw new YamlEditError('invalid_yaml', errors[0]?.message.split('\n')[0] ?? 'expected exactly one YAML document');
  }
  return { text, tokens, doc: docs[0] };
}

/** The text again, from the (possibly modified) tokens: byte for byte what was parsed when nothing changed. */
export const stringifyTokens = (tokens: readonly CST.Token[]): string => tokens.map((t) => CST.stringify(t)).join('');

/** How new YAML is written: no folding, house quoting (texts in double quotes, plain keys). */
export const RENDER: ToStringOptions = {
  lineWidth: 0,
  minContentWidth: 0,
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
  flowCollectionPadding: true,
};

/** A value as YAML text (block style), each line after the first indented by `indent` spaces. */
export function renderBlock(value: unknown, indent: number): string {
  const doc = new Document(value);
  return indentLines(doc.toString(RENDER), indent);
}

/** A value or node on one line, in flow style (`{ fr: "…", en: "…" }`, `[a, b]`), without its comments. */
export function renderFlow(value: unknown, padding = true): string {
  const doc = new Document();
  const node = (isNodeLike(value) ? (value as Node).clone() : doc.createNode(value, { flow: true })) as Node & { flow?: boolean };
  if ('flow' in node) node.flow = true;
  node.comment = undefined;
  node.commentBefore = undefined;
  doc.contents = node as ParsedNode;
  return doc.toString({ ...RENDER, flowCollectionPadding: padding }).replace(/\n$/, '');
}

const isNodeLike = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as Node).clone === 'function';

export function indentLines(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 || !line ? line : pad + line))
    .join('\n');
}

export const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** Just after the newline ending the line that holds `offset` (or the end of the text). */
export function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export const column = (text: string, offset: number): number => offset - lineStart(text, offset);

/** The offset of the last character of a node's own text (its trailing newlines left out). */
export function lastCharOf(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return Math.max(0, i - 1);
}

/**
 * Where a block item's lines start: its own line, plus the comment lines just above it at its
 * indentation (they describe it, and go with it when it is deleted).
 */
export function spanStart(text: string, itemOffset: number): number {
  const col = column(text, itemOffset);
  let start = lineStart(text, itemOffset);
  while (start > 0) {
    const previous = lineStart(text, start - 1);
    const line = text.slice(previous, start - 1);
    if (!/^\s*#/.test(line) || line.length - line.trimStart().length !== col) break;
    start = previous;
  }
  return start;
}

/** Whether the lines just before `offset` are blank (items separated by blank lines). */
export const blankLineBefore = (text: string, offset: number): boolean => offset >= 2 && text[offset - 1] === '\n' && text[offset - 2] === '\n';
