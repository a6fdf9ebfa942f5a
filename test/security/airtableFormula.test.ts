/** The formula reader the escaping test relies on: it must catch an injected formula, not only accept good ones. */
import { modifiedSinceFormula } from '../../src/airtable/statusWatcher';
import { formulaString, readFormula } from './airtableFormula';
import { HOSTILE } from './hostileStrings';

describe('readFormula', () => {
  test('reads the status watcher’s formula: two functions and one date literal', () => {
    const reading = readFormula(modifiedSinceFormula(Date.UTC(2026, 2, 1, 10, 0, 0)));
    expect(reading).toEqual({ literals: ['2026-03-01T10:00:00Z'], fields: [], functions: ['IS_AFTER', 'LAST_MODIFIED_TIME'] });
  });

  test.each(HOSTILE.map((h) => [h.label, h.stored]))('an escaped %s literal reads back exactly', (_label, s) => {
    expect(readFormula(`AND({Nom} = ${formulaString(s)}, {Code postal} != '')`).literals).toEqual([s, '']);
  });

  test('a value pasted into a formula without escaping is caught: malformed, or literals that differ from the value', () => {
    const caught = (value: string) => {
      try {
        return readFormula(`FIND('${value}', {Nom})`).literals[0] !== value;
      } catch {
        return true;
      }
    };
    const fragments = HOSTILE.find((h) => h.label === 'Airtable formula fragments')!.stored;
    expect(caught(fragments)).toBe(true);
    expect(caught("x') , TRUE(), ('")).toBe(true);
    expect(caught("it's")).toBe(true);
    expect(caught('plain name')).toBe(false);
  });

  test.each([['unterminated string', '"abc'], ['unbalanced', 'AND(1, 2'], ['dangling operator', '{Nom} ='], ['two values', '"a" "b"'], ['bare word', 'Nom = 1']])(
    'refuses a malformed formula: %s',
    (_label, formula) => {
      expect(() => readFormula(formula)).toThrow(/malformed formula/);
    },
  );
});
