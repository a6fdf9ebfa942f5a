import type { YAMLError } from 'yaml';
import type { z } from 'zod';
import { formatCode, type IssueCode } from './issueCodes';
import type { CodedFlowIssue, IssueParams } from './model';
import { FORMATS, type FormatName } from './schema';

/** Builds an issue; the position is added later, from the file it names (see positions.ts). */
export const issue = (file: string, path: string, code: IssueCode, message: string, params: IssueParams = {}): CodedFlowIssue => ({
  file,
  path,
  code,
  params,
  message,
});

/** `['steps', 1, 'ask']` → `steps[1].ask`. */
export const formatPath = (p: readonly PropertyKey[]): string =>
  p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${String(k)}`)).join('');

const formatByPattern = new Map<string, FormatName>(
  (Object.keys(FORMATS) as FormatName[]).map((name) => [String(FORMATS[name].pattern), name]),
);

/** Keys under which a value is a condition (`when`, `not`) or a list of them (`all`, `any`). */
const CONDITION_KEYS = new Set(['when', 'not']);
const CONDITION_LISTS = new Set(['all', 'any']);
const isConditionPath = (p: readonly PropertyKey[]): boolean => {
  const last = p[p.length - 1];
  const parent = p[p.length - 2];
  return CONDITION_KEYS.has(String(last)) || (typeof last === 'number' && CONDITION_LISTS.has(String(parent)));
};

const CONDITION_MESSAGE =
  'not a valid condition: expected { field, <operator>: value } with one operator (equals, not_equals, in, gt, gte, lt, lte, contains, contains_any, count_gte, is_set), or all / any / not';

/** The zod issues of one file, each with a stable code and its params. */
export function schemaIssues(file: string, error: z.ZodError): CodedFlowIssue[] {
  return error.issues.map((i) => {
    const segments = i.path.map((k) => (typeof k === 'number' ? k : String(k)));
    const at = (code: IssueCode, message: string, params: IssueParams = {}): CodedFlowIssue => ({
      ...issue(file, formatPath(segments), code, message, params),
      segments,
    });
    switch (i.code) {
      case 'invalid_type':
        // zod 4 says "received undefined" for a key that is not there at all.
        if (/received undefined$/.test(i.message)) return at('schema.required', 'missing (required)');
        return at('schema.invalid_type', i.message, { expected: String(i.expected) });
      case 'too_small': {
        const code = i.origin === 'string' ? 'schema.too_short' : i.origin === 'array' || i.origin === 'set' ? 'schema.too_few' : 'schema.too_small';
        return at(code, i.message, { minimum: Number(i.minimum) });
      }
      case 'too_big': {
        const code = i.origin === 'string' ? 'schema.too_long' : i.origin === 'array' || i.origin === 'set' ? 'schema.too_many' : 'schema.too_big';
        return at(code, i.message, { maximum: Number(i.maximum) });
      }
      case 'unrecognized_keys':
        return at('schema.unknown_key', i.message, { keys: i.keys.join(', ') });
      case 'invalid_value':
        return at('schema.invalid_value', i.message, { expected: i.values.map(String).join(', ') });
      case 'invalid_format': {
        const name = 'pattern' in i && typeof i.pattern === 'string' ? formatByPattern.get(i.pattern) : undefined;
        return name ? at(formatCode(name), FORMATS[name].message) : at('schema.invalid', i.message, { detail: i.message });
      }
      case 'invalid_key': {
        const inner = i.issues.find((x) => x.code === 'invalid_format') as { pattern?: string } | undefined;
        const name = inner?.pattern ? formatByPattern.get(inner.pattern) : undefined;
        return name ? at(formatCode(name), `key: ${FORMATS[name].message}`) : at('schema.invalid', i.message, { detail: i.message });
      }
      case 'invalid_union': {
        const options = (i as { options?: unknown[] }).options;
        if ((i as { discriminator?: string }).discriminator && options) {
          return at('schema.unknown_kind', i.message, { expected: options.map(String).join(', ') });
        }
        if (isConditionPath(segments)) return at('schema.invalid_condition', CONDITION_MESSAGE);
        return at('schema.invalid_union', i.message);
      }
      default:
        return at('schema.invalid', i.message, { detail: i.message });
    }
  });
}

/** A YAML syntax error of one file (its position is known from the parser). */
export function yamlIssue(file: string, e: YAMLError): CodedFlowIssue {
  const detail = e.message.split('\n')[0];
  const [start, end] = e.linePos ?? [];
  return {
    ...issue(file, '', e.code === 'DUPLICATE_KEY' ? 'yaml.duplicate_key' : 'yaml.syntax', detail, { detail }),
    ...(start ? { line: start.line, column: start.col } : {}),
    ...(end ? { endLine: end.line, endColumn: end.col } : {}),
  };
}

/** A JSON syntax error, with its line and column when the message gives a position. */
export function jsonIssue(file: string, text: string, e: Error): CodedFlowIssue {
  const detail = e.message;
  const base = issue(file, '', 'json.syntax', detail, { detail });
  const lineColumn = /line (\d+) column (\d+)/.exec(detail);
  if (lineColumn) return { ...base, line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(detail);
  if (!position) return base;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return { ...base, line, column: before.length - before.lastIndexOf('\n') };
}
