import type { NeedRecord } from '../../src/needs/record';

/**
 * Checks a stored need against a conversation file's `stored` block. A field's expected value is
 * compared as Jest's toMatchObject does (only the fields given), except `{ lines: [...] }`: the
 * field is a text holding each of these lines, whole and in this order (for the Transcript,
 * where other lines may sit in between).
 */
export type StoredTable = Record<string, unknown>;

interface LinesMatcher {
  lines: string[];
}

const isLinesMatcher = (v: unknown): v is LinesMatcher =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).join() === 'lines' && Array.isArray((v as LinesMatcher).lines);

/** The plain expectations (for toMatchObject), and the problems with the `lines` ones. */
export function splitStored(actual: Record<string, unknown>, expected: StoredTable, table: string): { plain: StoredTable; problems: string[] } {
  const plain: StoredTable = {};
  const problems: string[] = [];
  for (const [field, want] of Object.entries(expected)) {
    if (!isLinesMatcher(want)) {
      plain[field] = want;
      continue;
    }
    const got = actual[field];
    if (typeof got !== 'string') {
      problems.push(`${table}.${field}: expected a text with ${want.lines.length} given lines, got ${JSON.stringify(got)}`);
      continue;
    }
    const missing = missingLines(plainSpaces(got).split('\n'), plainSpaces(want.lines));
    if (missing !== undefined) problems.push(`${table}.${field}: no line "${missing}" (in this order) in:\n${got}`);
  }
  return { plain, problems };
}

/** The first wanted line not found after the previous one, or undefined when all are there in order. */
function missingLines(lines: string[], wanted: string[]): string | undefined {
  let from = 0;
  for (const line of wanted) {
    const at = lines.indexOf(line, from);
    if (at < 0) return line;
    from = at + 1;
  }
  return undefined;
}

/**
 * Strings (also in lists and objects) with their no-break spaces made plain: the tests compare
 * the words; the typography is checked by flow:check and the browser test.
 */
export function plainSpaces<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/[\u00a0\u202f]/g, ' ') as T;
  if (Array.isArray(value)) return value.map(plainSpaces) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainSpaces(v)])) as T;
  return value;
}

/** Every need of a conversation says which conversation it came from (staff open it from there). */
export function conversationProblems(needs: NeedRecord[], conversationId: string): string[] {
  return needs
    .filter((n) => n.Besoins.Conversation !== conversationId)
    .map((n) => `${n.Besoins.Référence}: Conversation is ${JSON.stringify(n.Besoins.Conversation)}, expected ${JSON.stringify(conversationId)}`);
}
