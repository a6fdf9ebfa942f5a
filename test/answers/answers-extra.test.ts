/**
 * Every row of the project's own answers corpus (test/fixtures/answers-extra.tsv: values in both
 * languages whatever the conversation's, quarters and half-years, postcodes with the town in any
 * order), read with the table's fixed clock: first with the English models cold, as every
 * conversation is until `warmUpEnglish()` has run, then with them warm. Both must agree.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  isEnglishWarm,
  parseAmount,
  parseCount,
  parseDeadline,
  parsePostcode,
  parseYear,
  parseYesNo,
  warmUpEnglish,
  type Locale,
  type ParseContext,
  type Parsed,
} from '../../src/answers';
import { territoryOf } from '../../src/domain/territory';
import { loadTerritories } from '../domain/sharedData';

interface Row {
  kind: string;
  locale: Locale;
  input: string;
  expected: string;
  note: string;
}

const TSV = join(__dirname, '..', 'fixtures', 'answers-extra.tsv');
const NOW = new Date('2026-11-23T12:00:00Z');
const COLUMNS = ['kind', 'locale', 'input', 'expected', 'note'];

function loadRows(): Row[] {
  const lines = readFileSync(TSV, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const [header, ...rows] = lines;
  expect(header.split('\t')).toEqual(COLUMNS);
  return rows.map((line) => {
    const [kind, locale, input, expected, note = ''] = line.split('\t');
    return { kind, locale: locale as Locale, input, expected, note };
  });
}

const PARSERS: Record<string, (input: string, ctx: ParseContext) => Parsed<unknown>> = {
  count: parseCount,
  amount: parseAmount,
  year: parseYear,
  date: parseDeadline,
  yesno: parseYesNo,
  postcode: parsePostcode,
};

const rows = loadRows();
const territories = loadTerritories();

function check(row: Row): void {
  const result = PARSERS[row.kind](row.input, { locale: row.locale, now: NOW });
  if (row.expected === 'invalid' || row.expected === 'none') {
    expect(result.status).toBe(row.expected);
    return;
  }
  expect(result).toMatchObject({ status: 'value' });
  if (result.status !== 'value') return;
  switch (row.kind) {
    case 'date':
      expect((result.value as { value: string }).value).toBe(row.expected);
      break;
    case 'yesno':
      expect(result.value).toBe(row.expected === 'true');
      break;
    case 'postcode': {
      const { postcode, town } = result.value as { postcode: string; town?: string };
      expect(territoryOf(postcode, territories).name).toBe(row.expected);
      expect(town).toBe(/^town: /.test(row.note) ? row.note.slice('town: '.length) : undefined);
      break;
    }
    default:
      expect(result.value).toBe(Number(row.expected));
  }
  if (row.kind !== 'postcode') expect(result.approx).toBe(row.note.includes('approx'));
}

const table = rows.map((r) => [r.kind, r.locale, r.input, r.expected, r] as const);

test('the corpus keeps the shared columns, covers its kinds, and crosses languages', () => {
  expect(rows.length).toBeGreaterThan(90);
  for (const row of rows) {
    expect(Object.keys(PARSERS)).toContain(row.kind);
    expect(['fr', 'en']).toContain(row.locale);
  }
  // English answers in French conversations and French ones in English conversations.
  expect(rows.filter((r) => r.locale === 'fr' && /\b(?:the|by|of|around|twelve|since|nobody)\b/i.test(r.input)).length).toBeGreaterThan(5);
  expect(rows.filter((r) => r.locale === 'en' && /\b(?:une|deux|depuis|dernier|mille|trois)\b/i.test(r.input)).length).toBeGreaterThan(5);
});

describe('with the English models cold (any conversation before warmUpEnglish)', () => {
  beforeAll(async () => {
    expect(isEnglishWarm()).toBe(false);
  }, 120_000);

  test.each(table)('%s (%s) %j → %s', (_kind, _locale, _input, _expected, row) => check(row));
});

describe('with the English models warm', () => {
  beforeAll(async () => {
    await warmUpEnglish();
    expect(isEnglishWarm()).toBe(true);
  }, 120_000);

  test.each(table)('%s (%s) %j → %s', (_kind, _locale, _input, _expected, row) => check(row));
});
