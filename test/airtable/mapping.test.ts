import { needCells, normaliseName, structureKey, toCell } from '../../src/airtable/mapping';
import { staffHint } from '../../src/airtable/staffHint';
import { makeRecord } from './helpers';

describe('record → Airtable cells', () => {
  test('structure key: RNA, else SIREN, else normalised name|postcode, else the reference', () => {
    expect(structureKey({ RNA: 'W123456789', SIREN: '123456789', Nom: 'A' }, 'R')).toEqual({ field: 'RNA', value: 'W123456789' });
    expect(structureKey({ SIREN: '123456789', Nom: 'A' }, 'R')).toEqual({ field: 'SIREN', value: '123456789' });
    expect(structureKey({ Nom: '  Les Restos du Cœur !  ', 'Code postal': '75011' }, 'R')).toEqual({ field: 'Clé', value: 'les restos du coeur|75011' });
    expect(structureKey({ Nom: 'Élan—Solidaire', 'Code postal': '69001' }, 'R').value).toBe(structureKey({ Nom: 'elan solidaire', 'Code postal': '69001' }, 'R').value);
    expect(structureKey({ Nom: '!!!' }, 'R')).toEqual({ field: 'Clé', value: '!!!|' });
    expect(structureKey({ Contact: 'Sam' }, 'PBL-2026-00001')).toEqual({ field: 'Clé', value: 'besoin:PBL-2026-00001' });
    expect(normaliseName("x', 1=1, '")).toBe('x 1 1');
  });

  test('cells by type: arrays, numbers, booleans, dates, date-times', () => {
    expect(toCell('multipleSelects', 'Culture')).toEqual(['Culture']);
    expect(toCell('multipleSelects', [])).toEqual([]);
    expect(toCell('number', '12')).toBe(12);
    expect(toCell('currency', 'abc')).toBeUndefined();
    expect(toCell('checkbox', false)).toBe(false);
    expect(toCell('date', '2026-06-30T00:00:00.000Z')).toBe('2026-06-30');
    expect(toCell('date', 'juin')).toBeUndefined();
    expect(toCell('dateTime', '2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(toCell('singleLineText', 42)).toBe('42');
  });

  test('need cells: the link as a record id, Statut only when asked', () => {
    const record = makeRecord('PBL-2026-00001');
    expect(needCells(record, 'recA', { includeStaffOwned: true })).toMatchObject({ Référence: 'PBL-2026-00001', Statut: 'Nouveau', Structure: ['recA'] });
    expect(needCells(record, undefined, { includeStaffOwned: false })).not.toHaveProperty('Statut');
    expect(needCells(record, undefined, { includeStaffOwned: false })).not.toHaveProperty('Structure');
  });

  test('staff hints name what to fix', () => {
    expect(staffHint('Besoins: UNKNOWN_FIELD_NAME: Unknown field name: "Nature"')).toMatch(/renamed or deleted/);
    expect(staffHint('Besoins: INVALID_MULTIPLE_CHOICE_OPTIONS: x')).toMatch(/select option/);
    expect(staffHint('Besoins: INVALID_VALUE_FOR_COLUMN: x')).toMatch(/type was changed/);
    expect(staffHint('INVALID_RECORD: x')).toMatch(/bug/);
  });
});
