import { deadlineDate } from '../../src/needs/buildRecord';
import { EXPORT_COLUMNS, flattenNeed, toCsv } from '../../src/needs/export';
import type { NeedRecord } from '../../src/needs/record';

const need: NeedRecord = {
  Besoins: {
    Référence: 'PBL-2026-00007',
    Statut: 'Nouveau',
    Canal: 'Site web',
    Langue: 'fr',
    Conversation: 'c-1',
    Consentement: '2026-11-23T09:00:00.000Z',
    Domaines: ['Communication et marketing', 'Numérique et outils'],
    Description: 'Refaire le site, "vite"\nsur deux lignes',
    'Rappel demandé': false,
  },
  Structures: { Nom: '=HYPERLINK("http://x")', Causes: ['Bien manger, bien vieillir'], Téléphone: '+33612345678' },
};

describe('needs export', () => {
  test('flattens Besoins then the structure, with Structure as its name', () => {
    const flat = flattenNeed(need);
    expect(Object.keys(flat).slice(0, 3)).toEqual(['Référence', 'Structure', 'Statut']);
    expect(flat.Structure).toBe('=HYPERLINK("http://x")');
    expect(flat.Causes).toEqual(['Bien manger, bien vieillir']);
  });

  test('CSV: RFC 4180 quoting, lists joined, formulas neutralised, phones kept', () => {
    const [header, ...rows] = toCsv([flattenNeed(need)]).split('\r\n');
    expect(header.split(',')).toEqual(EXPORT_COLUMNS);
    const row = rows.join('\r\n');
    expect(row).toContain('"Refaire le site, ""vite""\nsur deux lignes"');
    expect(row).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(row).toContain('Communication et marketing; Numérique et outils');
    expect(row).toContain('"Bien manger, bien vieillir"');
    expect(row).toContain(',+33612345678');
    expect(row).not.toContain("'+33");
  });

  test('a month deadline is stored as the last day of that month', () => {
    expect(deadlineDate({ value: '2027-02', precision: 'month' })).toBe('2027-02-28');
    expect(deadlineDate({ value: '2028-02', precision: 'month' })).toBe('2028-02-29');
    expect(deadlineDate({ value: '2027-01-15', precision: 'day' })).toBe('2027-01-15');
  });
});

describe('CSV cells', () => {
  const row = (fields: Record<string, unknown>) => toCsv([fields]).split('\r\n')[1];
  /** The cell of one column in a one-row CSV (no commas or quotes in the values used here). */
  const cellOf = (column: string, v: unknown) => row({ [column]: v }).split(',')[EXPORT_COLUMNS.indexOf(column)];

  test('one header line, one line per need, CRLF after each', () => {
    const csv = toCsv([flattenNeed(need), flattenNeed(need)]);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(toCsv([])).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
  });

  test.each([
    ['Éligible', true, 'true'],
    ['Éligible', false, 'false'],
    ['Salariés', 0, '0'],
    ['Domaines', [], ''],
    ['Statut', null, ''],
    ['Statut', undefined, ''],
  ])('%s %j → %j', (column, v, expected) => {
    expect(cellOf(column, v)).toBe(expected);
  });

  test.each([
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['+cmd', "'+cmd"],
    ['-cmd', "'-cmd"],
    ['+33612345678', '+33612345678'],
    ['-5', '-5'],
    ['- 5', '- 5'],
    ['+(0)1', '+(0)1'],
    ['a=b', 'a=b'],
    ['Jean-Pierre', 'Jean-Pierre'],
    ['Saint+Malo', 'Saint+Malo'],
  ])('a cell starting like a formula is neutralised: %j → %j', (v, expected) => {
    expect(cellOf('Nom', v)).toBe(expected);
  });

  test('a carriage return is quoted and neutralised at the start', () => {
    expect(row({ Nom: '\r=1' })).toContain(`"'\r=1"`);
  });

  test('quotes are doubled inside quoted cells; commas and newlines quote the cell', () => {
    expect(cellOf('Ville', 'Saint "X"')).toBe('"Saint ""X"""');
    expect(row({ Ville: 'a,b' })).toContain('"a,b"');
    expect(row({ Ville: 'a\nb' })).toContain('"a\nb"');
  });
});

describe('flattenNeed', () => {
  test('keeps only the fields present, Besoins before Structures, in the export order', () => {
    const flat = flattenNeed({ Besoins: { ...need.Besoins }, Structures: { Nom: 'Asso', Salariés: 2 } });
    expect(Object.keys(flat)).toEqual(EXPORT_COLUMNS.filter((c) => c in flat));
    expect(flat).toMatchObject({ Structure: 'Asso', Nom: 'Asso', Salariés: 2, Référence: 'PBL-2026-00007' });
    expect(flat).not.toHaveProperty('Ville');
  });

  test('without a structure name, no Structure column', () => {
    expect(flattenNeed({ Besoins: need.Besoins, Structures: {} })).not.toHaveProperty('Structure');
  });
});
