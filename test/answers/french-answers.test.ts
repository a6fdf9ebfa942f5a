/**
 * Every row of the shared French answers table, read with the table's fixed clock.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  parseAmount,
  parseCount,
  parseDeadline,
  parseEmail,
  parsePhone,
  parsePostcode,
  parseStructureId,
  parseYear,
  parseYesNo,
  type Locale,
  type ParseContext,
  type Parsed,
} from '../../src/answers';

interface Row {
  kind: string;
  locale: Locale;
  input: string;
  expected: string;
  note: string;
}

const TSV = join(__dirname, '..', 'fixtures', 'shared-data', 'french-answers.tsv');
const NOW = new Date('2026-11-23T12:00:00Z');

function loadRows(): Row[] {
  const lines = readFileSync(TSV, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines;
  expect(header.split('\t')).toEqual(['kind', 'locale', 'input', 'expected', 'note']);
  return rows.map((line) => {
    const [kind, locale, input, expected, note = ''] = line.split('\t');
    return { kind, locale: locale as Locale, input, expected, note };
  });
}

/** The stored value the table expects, in the parser's own type. */
function expectedValue(row: Row): unknown {
  switch (row.kind) {
    case 'count':
    case 'amount':
    case 'year':
      return Number(row.expected);
    case 'yesno':
      return row.expected === 'true';
    case 'id': {
      const [type, value] = row.expected.split(' ');
      return { type, value };
    }
    case 'postcode': {
      // The expected column is a territory, mapped elsewhere: check only the postcode/town split.
      const [, postcode, town] = /^(\d{5})\s*(.*)$/.exec(row.input)!;
      return town ? { postcode, town } : { postcode };
    }
    default:
      return row.expected;
  }
}

const PARSERS: Record<string, (input: string, ctx: ParseContext) => Parsed<unknown>> = {
  count: parseCount,
  amount: parseAmount,
  year: parseYear,
  date: parseDeadline,
  yesno: parseYesNo,
  postcode: parsePostcode,
  id: parseStructureId,
  email: parseEmail,
  phone: parsePhone,
};

const rows = loadRows();


test('the table covers every parser kind it names', () => {
  expect(rows.length).toBeGreaterThan(100);
  for (const row of rows) expect(Object.keys(PARSERS)).toContain(row.kind);
});

test.each(rows.map((r) => [r.kind, r.locale, r.input, r.expected, r] as const))(
  '%s (%s) %j → %s',
  (kind, locale, input, expected, row) => {
    const result = PARSERS[kind](input, { locale, now: NOW });
    const outcome = kind === 'postcode' && expected !== 'invalid' ? 'value' : expected;
    if (outcome === 'invalid' || outcome === 'none') {
      expect(result.status).toBe(outcome);
      return;
    }
    expect(result).toMatchObject({ status: 'value' });
    if (result.status !== 'value') return;
    if (kind === 'date') expect((result.value as { value: string }).value).toBe(expected);
    else expect(result.value).toEqual(expectedValue(row));
    expect(result.approx).toBe(row.note.includes('approx'));
  },
);
