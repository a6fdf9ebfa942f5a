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
