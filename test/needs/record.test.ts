import { needRecordSchema, WRITABLE_FIELDS } from '../../src/needs/record';

/** The need record is the contract with the journal, the export and Airtable: its limits, both sides. */
const base = {
  Besoins: { Référence: 'PBL-2026-00001', Statut: 'Nouveau', Canal: 'Emulator', Langue: 'fr', Conversation: 'c-1', Consentement: '2026-11-23T09:00:00.000Z' },
  Structures: {},
};
const withNeed = (fields: Record<string, unknown>) => ({ ...base, Besoins: { ...base.Besoins, ...fields } });
const withStructure = (fields: Record<string, unknown>) => ({ ...base, Structures: fields });
const valid = (record: unknown) => needRecordSchema.safeParse(record).success;

describe('the need record', () => {
  test('the six fields every need has are required', () => {
    expect(valid(base)).toBe(true);
    for (const field of Object.keys(base.Besoins)) {
      const { [field]: _dropped, ...rest } = base.Besoins as Record<string, unknown>;
      expect([field, valid({ ...base, Besoins: rest })]).toEqual([field, false]);
    }
  });

  test.each([
    [{ Statut: 'Accepté' }, true],
    [{ Statut: 'accepté' }, false],
    [{ Canal: 'Site web' }, true],
    [{ Canal: 'WhatsApp' }, false],
    [{ Langue: 'en' }, true],
    [{ Langue: 'de' }, false],
    [{ Référence: '' }, false],
    [{ Consentement: '2026-11-23' }, false],
    [{ Échéance: '2027-03-31' }, true],
    [{ Échéance: '2027-03' }, false],
    [{ Échéance: '31/03/2027' }, false],
    [{ 'Personnes disponibles': 0 }, true],
    [{ 'Personnes disponibles': -1 }, false],
    [{ 'Personnes disponibles': 2.5 }, false],
    [{ 'Budget prestataire (€)': 0 }, true],
    [{ 'Budget prestataire (€)': 1500.5 }, true],
    [{ 'Budget prestataire (€)': -0.01 }, false],
    [{ Transcript: 'x'.repeat(100_000) }, true],
    [{ Transcript: 'x'.repeat(100_001) }, false],
    [{ 'Rappel demandé': 'oui' }, false],
    [{ Domaines: ['Numérique et outils'] }, true],
    [{ Domaines: 'Numérique et outils' }, false],
    [{ 'Un champ inconnu': 'x' }, false],
  ])('Besoins %j: valid %s', (fields, expected) => {
    expect(valid(withNeed(fields))).toBe(expected);
  });

  test.each([
    [{ Nom: 'A' }, true],
    [{ Nom: '' }, false],
    [{ RNA: 'W123456789' }, true],
    [{ RNA: 'W12345678' }, false],
    [{ RNA: 'w123456789' }, false],
    [{ SIREN: '732829320' }, true],
    [{ SIREN: '73282932' }, false],
    [{ SIREN: '7328293201' }, false],
    [{ 'Code postal': '75011' }, true],
    [{ 'Code postal': '7501' }, false],
    [{ 'Code postal': '750111' }, false],
    [{ 'Année de création': 1800 }, true],
    [{ 'Année de création': 1799 }, false],
    [{ 'Année de création': 2200 }, true],
    [{ 'Année de création': 2201 }, false],
    [{ Salariés: 0 }, true],
    [{ Salariés: -1 }, false],
    [{ Bénévoles: 1.5 }, false],
    [{ 'Budget annuel (€)': 0 }, true],
    [{ 'Budget annuel (€)': -1 }, false],
    [{ Causes: ['Insertion'] }, true],
    [{ Causes: [1] }, false],
    [{ Inconnu: 'x' }, false],
  ])('Structures %j: valid %s', (fields, expected) => {
    expect(valid(withStructure(fields))).toBe(expected);
  });

  test('a flow step may write any field of either table, and only those', () => {
    expect(WRITABLE_FIELDS.has('Structures.Nom')).toBe(true);
    expect(WRITABLE_FIELDS.has('Besoins.Description')).toBe(true);
    expect(WRITABLE_FIELDS.has('Besoins.Nom')).toBe(false);
    expect(WRITABLE_FIELDS.has('Besoins.Structure')).toBe(false);
  });
});
