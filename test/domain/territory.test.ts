import { territoriesFileSchema } from '../../src/flow/schema';
import { territoryOf } from '../../src/domain/territory';
import { loadTerritories, readTsv } from './sharedData';

describe('the default territories (dialogs/territories.yaml) follow french-answers.tsv', () => {
  const table = loadTerritories();
  const rows = readTsv('french-answers.tsv').filter((r) => r.kind === 'postcode' && r.expected !== 'invalid');

  it('has postcode rows', () => expect(rows.length).toBeGreaterThan(5));

  it.each(rows.map((r) => [r.input, r.expected] as const))('%s → %s', (input, expected) => {
    // Reading "92130 Issy-les-Moulineaux" is the postcode parser's job; only the code matters here.
    const postcode = /^\d{5}/.exec(input)![0];
    const territory = territoryOf(postcode, table);
    if (expected === 'not covered') expect(territory.covered).toBe(false);
    else expect(territory).toEqual({ name: expected, covered: true });
  });

  it('names Corsica and the overseas apart from the rest of France', () => {
    expect(territoryOf('20090', table)).toEqual({ name: 'Corse', covered: false });
    expect(territoryOf('20200', table)).toEqual({ name: 'Corse', covered: false });
    for (const code of ['97110', '97200', '97300', '97400', '97500', '97600']) {
      expect(territoryOf(code, table)).toEqual({ name: 'Outre-mer', covered: false });
    }
    expect(territoryOf('35000', table)).toEqual({ name: table.otherwise, covered: false });
  });

  it('puts every département in at most one territory', () => {
    const prefixes = table.territories.flatMap((t) => t.prefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});

describe('territoryOf', () => {
  const table = territoriesFileSchema.parse({
    territories: [
      { name: 'Overseas', covered: false, prefixes: ['97'] },
      { name: 'Réunion', covered: true, prefixes: ['974'] },
      { name: 'Paris', covered: true, prefixes: ['75'] },
    ],
    otherwise: 'Elsewhere',
  });

  it('takes the longest matching prefix, whatever the order of the file', () => {
    expect(territoryOf('97400', table)).toEqual({ name: 'Réunion', covered: true });
    expect(territoryOf('97200', table)).toEqual({ name: 'Overseas', covered: false });
    const reversed = { ...table, territories: [...table.territories].reverse() };
    expect(territoryOf('97400', reversed)).toEqual({ name: 'Réunion', covered: true });
    expect(territoryOf('97200', reversed)).toEqual({ name: 'Overseas', covered: false });
  });

  it('on a tie (a prefix listed twice), the first territory of the file wins', () => {
    const twice = { ...table, territories: [{ name: 'First', covered: true, prefixes: ['75'] }, { name: 'Second', covered: false, prefixes: ['75'] }] };
    expect(territoryOf('75011', twice)).toEqual({ name: 'First', covered: true });
  });

  it('falls back to `otherwise`, not covered', () => {
    expect(territoryOf('35000', table)).toEqual({ name: 'Elsewhere', covered: false });
    expect(territoryOf('', table)).toEqual({ name: 'Elsewhere', covered: false });
  });

  it('ignores spaces inside the postcode', () => {
    expect(territoryOf(' 75 011 ', table)).toEqual({ name: 'Paris', covered: true });
  });
});
