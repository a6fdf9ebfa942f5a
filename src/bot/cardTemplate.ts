/**
 * Adaptive Card templates whose every expression is a plain path (`${title}`, `${primary.name}`,
 * `${$data}`, `${$index}`, `${$root.x}`), expanded without the templating library: loading it
 * (adaptive-expressions with its ANTLR runtime and function table) was about 0.2 s of every
 * start, and binding a card a few hundred microseconds of a turn. The expansion below follows
 * adaptivecards-templating's own (`Template.internalExpand`: `$data` repeating, `$when` dropping,
 * the current data, `$index`) and its path reading (adaptive-expressions' `SimpleObjectMemory`:
 * property names matched without case, a missing value written back as its `${path}`), so both
 * give the same card (test/bot/cardTemplate.test.ts compares them). Any other expression (a
 * function, an operator, a literal, an escape) makes `compileCardTemplate` answer undefined, and
 * the library expands that template.
 */

/** A path read from the data: its segments, and the text a missing value is written back as. */
class PathExpression {
  readonly segments: string[];
  /** `${path}` as written: adaptive-expressions' stand-in for a value that is not there. */
  readonly missing: string;
  constructor(text: string) {
    this.segments = text.split('.');
    if (!PATH.test(text) || LITERALS.has(this.segments[0])) throw new NotSimple(text);
    this.missing = `\${${text}}`;
  }
}
/** Text with paths in it, every part turned into text. */
class Interpolation {
  constructor(readonly parts: readonly (string | PathExpression)[]) {}
}
type Expression = PathExpression | Interpolation;
type Prepared = Expression | string | number | boolean | null | undefined | Prepared[] | { [key: string]: Prepared };

/** Names the template engine keeps for itself: never copied into the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
/** What the templating library reads as a plain path; its literals are not paths. */
const PATH = /^(?:\$data|\$root|\$index|[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const LITERALS = new Set(['true', 'false', 'null', 'undefined']);
const EXPRESSION = /\$\{([^}]*)\}/g;

class NotSimple extends Error {}

/** A string as the library prepares it: kept as is without `${`, else a path or an interpolation of paths. */
function prepareString(text: string): Prepared {
  if (!text.includes('${')) return text;
  const parts: (string | PathExpression)[] = [];
  let last = 0;
  for (const match of text.matchAll(EXPRESSION)) {
    parts.push(text.slice(last, match.index), new PathExpression(match[1]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  // Backslashes, backticks and a `${` left open mean something to the expression parser.
  for (const part of parts) if (typeof part === 'string' && /[\\`]|\$\{/.test(part)) throw new NotSimple(text);
  const nonEmpty = parts.filter((p) => p !== '');
  // "${path}" alone keeps the value's own type, as the library does.
  if (nonEmpty.length === 1 && nonEmpty[0] instanceof PathExpression) return nonEmpty[0];
  return new Interpolation(nonEmpty);
}

function prepare(node: unknown): Prepared {
  if (typeof node === 'string') return prepareString(node);
  if (Array.isArray(node)) return node.map(prepare);
  if (typeof node === 'object' && node !== null) {
    const out: { [key: string]: Prepared } = {};
    for (const key of Object.keys(node)) out[key] = prepare((node as Record<string, unknown>)[key]);
    return out;
  }
  return node as Prepared;
}

const isExpression = (node: unknown): node is Expression => node instanceof PathExpression || node instanceof Interpolation;

/** adaptive-expressions' property access: the first key equal without case, or a Map's. */
function property(scope: unknown, name: string): unknown {
  if (!scope) return undefined;
  if (scope instanceof Map) {
    const exact = scope.get(name);
    if (exact !== undefined) return exact;
    const lower = name.toLowerCase();
    const key = [...scope.keys()].find((k) => typeof k === 'string' && k.toLowerCase() === lower);
    return key === undefined ? undefined : scope.get(key);
  }
  const lower = name.toLowerCase();
  const key = Object.keys(scope).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : (scope as Record<string, unknown>)[key];
}

interface Context {
  $root: unknown;
  /** The current data: `$root` until a `$data` binds another. */
  data: unknown;
  index: number | undefined;
}

/** A path's value as the library reads it (`${name}` is `$data.name`), or its `${path}` when missing and allowed. */
function read(path: PathExpression, context: Context, substitute: boolean): unknown {
  // PATH lets only `$root`, `$index` and `$data` begin with `$`, each as the library names it.
  const first = path.segments[0];
  let value: unknown = first === '$root' ? context.$root : first === '$index' ? context.index : context.data;
  for (let i = first.startsWith('$') ? 1 : 0; i < path.segments.length; i++) value = property(value, path.segments[i]);
  if (value !== undefined) return value;
  return substitute ? path.missing : undefined;
}

function evaluate(expression: Expression, context: Context, substitute: boolean): unknown {
  if (expression instanceof PathExpression) return read(expression, context, substitute);
  let text = '';
  for (const part of expression.parts) {
    // As the library: each part's own toString (a null value throws there too).
    text += typeof part === 'string' ? part : (read(part, context, true) as { toString(): string }).toString();
  }
  return text;
}

function expandObject(node: { [key: string]: Prepared }, context: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    if (RESERVED.has(key)) continue;
    const value = expandNode(node[key], context);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function expandNode(node: Prepared, context: Context): unknown {
  const { data, index } = context;
  try {
    if (Array.isArray(node)) {
      let items: unknown[] = [];
      for (const item of node) {
        const expanded = expandNode(item, context);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) items = items.concat(expanded);
        else items.push(expanded);
      }
      return items;
    }
    if (isExpression(node)) return evaluate(node, context, true);
    if (typeof node !== 'object' || node === null) return node;
    const when = node.$when;
    let dataContext: unknown = node.$data;
    let contexts: unknown[] = [undefined];
    let repeated = false;
    if (dataContext !== undefined) {
      if (isExpression(dataContext)) dataContext = evaluate(dataContext, context, true);
      repeated = Array.isArray(dataContext);
      contexts = repeated ? (dataContext as unknown[]) : [dataContext];
    }
    const results: Record<string, unknown>[] = [];
    for (let i = 0; i < contexts.length; i++) {
      if (repeated) context.index = i;
      if (contexts[i] !== undefined) context.data = contexts[i];
      // Kept only on a true boolean: text (an interpolation) never is one.
      let drop = false;
      if (when instanceof PathExpression) {
        const value = read(when, context, false);
        drop = !(typeof value === 'boolean' && value);
      } else if (when) drop = true;
      if (!drop) results.push(expandObject(node as { [key: string]: Prepared }, context));
    }
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  } finally {
    context.data = data;
    context.index = index;
  }
}

/** A card template's expander, or undefined when some expression in it is more than a path. */
export function compileCardTemplate(template: unknown): ((data: Record<string, unknown>) => unknown) | undefined {
  let prepared: Prepared;
  try {
    prepared = prepare(template);
  } catch (err) {
    if (err instanceof NotSimple) return undefined;
    throw err;
  }
  return (data) => expandNode(prepared, { $root: data, data, index: undefined });
}
