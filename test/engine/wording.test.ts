import { formatAnswer, formatDeadline, formatPhone } from '../../src/engine/format';
import { render } from '../../src/engine/texts';
import { userValue } from '../../src/engine/userText';
import { loadFlow } from '../../src/flow/load';
import { parsePlurals } from '../../src/flow/plural';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';

/** How numbers, dates and counts are written back to the user: agreement, no-break spaces, "1er". */
const NB = '\u00a0';
const NNB = '\u202f';
const flow = loadFlow(DIALOGS_DIR, CARDS_DIR);
const step = (id: string) => flow.stepById.get(id)!;

describe('count-aware texts: {count, plural, …}', () => {
  const employees = {
    fr: '{count, plural, =0 {aucun salarié} one {# salarié} other {# salariés}}',
    en: '{count, plural, =0 {no employees} =1 {one employee} other {# employees}}',
  };

  test('zero, one, several, and a number written the language’s way', () => {
    expect([0, 1, 2, 2000].map((count) => render(employees, 'fr', { count }))).toEqual(['aucun salarié', '1 salarié', '2 salariés', `2${NNB}000 salariés`]);
    expect([0, 1, 2, 2000].map((count) => render(employees, 'en', { count }))).toEqual(['no employees', 'one employee', '2 employees', '2,000 employees']);
  });

  test('French counts 0 and 1.5 as singular ("one"), English only 1; an exact =N wins over the category', () => {
    const t = { fr: '{n, plural, one {# personne} other {# personnes}}', en: '{n, plural, one {# person} =1 {exactly one} other {# people}}' };
    expect(render(t, 'fr', { n: 0 })).toBe('0 personne');
    expect(render(t, 'fr', { n: 1.5 })).toBe('1,5 personne');
    expect(render(t, 'en', { n: 1 })).toBe('exactly one');
    expect(render(t, 'en', { n: 0 })).toBe('0 people');
  });

  test('a branch holds placeholders; a count shown to the user (marked, spaced) is read as its number', () => {
    const t = { fr: '{n, plural, =0 {rien} other {{{value}} en tout}}', en: '{n, plural, =0 {nothing} other {{{value}} in all}}' };
    expect(render(t, 'fr', { n: 3, value: userValue('3 €') })).toBe(userValue('3 €') + ' en tout');
    expect(render({ fr: '{people, plural, one {une personne} other {# personnes}}', en: '-' }, 'fr', { people: userValue(`2${NNB}000`) })).toBe(`2${NNB}000 personnes`);
    // No number given: the "other" form, with "#" left for nobody to read wrongly.
    expect(render(t, 'fr', { value: 'x' })).toBe('x en tout');
  });

  test('a plural without "other", or with an unclosed brace, is reported (and flow:check refuses it)', () => {
    expect(parsePlurals('{n, plural, one {x}}').error).toBe('the plural of "n" has no "other" form');
    expect(parsePlurals('{n, plural, one {x} other {y}').error).toMatch(/malformed/);
    expect(parsePlurals('{n, plural, other {y').error).toMatch(/never closed/);
    expect(parsePlurals('{{value}} et {n, plural, other {y}}').blocks.map((b) => b.name)).toEqual(['n']);
  });

  test('the noted counts of the shipped journey agree in both languages', () => {
    const noted = (id: string, lang: 'fr' | 'en', count: number) => render(step(id).noted!, lang, { count, value: String(count) });
    expect(noted('employees', 'fr', 0)).toBe(`J'ai noté${NB}: aucun salarié.`);
    expect(noted('volunteers', 'fr', 1)).toBe("J'ai noté 1 bénévole actif.");
    expect(noted('people_available', 'fr', 3)).toBe("J'ai noté 3 personnes disponibles.");
    expect(noted('employees', 'en', 1)).toBe('Noted: one employee.');
    expect(noted('people_available', 'en', 0)).toBe('Noted: nobody available for now.');
    expect(render(step('annual_budget').noted!, 'fr', { count: 0, value: '0 €' })).toBe(`J'ai noté${NB}: pas de budget annuel.`);
  });
});

describe('values as the user reads them', () => {
  test('amounts and counts keep their no-break spaces (nothing wraps inside "150 000 €")', () => {
    expect(formatAnswer(flow, step('annual_budget'), 150000, 'fr')).toBe(`150${NNB}000${NB}€`);
    expect(formatAnswer(flow, step('annual_budget'), 150000, 'en')).toBe('€150,000');
    expect(formatAnswer(flow, step('volunteers'), 2000, 'fr')).toBe(`2${NNB}000`);
  });

  test('the first of a month is "1er" in French', () => {
    expect(formatDeadline({ value: '2027-03-01', precision: 'day' }, 'fr')).toBe('1er mars 2027');
    expect(formatDeadline({ value: '2027-03-15', precision: 'day' }, 'fr')).toBe('15 mars 2027');
    expect(formatDeadline({ value: '2027-03-01', precision: 'day' }, 'en')).toBe('1 March 2027');
    expect(formatDeadline({ value: '2027-06', precision: 'month' }, 'fr')).toBe('juin 2027');
  });

  test('a phone in pairs (French) or international (English); a SIREN by threes', () => {
    expect(formatPhone('+33612345678', 'fr')).toBe(['06', '12', '34', '56', '78'].join(NB));
    expect(formatPhone('+33612345678', 'en')).toBe(['+33', '6', '12', '34', '56', '78'].join(NB));
    expect(formatPhone('+262692123456', 'fr')).toBe(['06', '92', '12', '34', '56'].join(NB));
    expect(formatPhone('+4915112345678', 'fr')).toBe('+4915112345678');
    expect(formatAnswer(flow, step('structure_id'), { type: 'SIREN', value: '732829320' }, 'fr')).toBe(['SIREN', '732', '829', '320'].join(NB));
    expect(formatAnswer(flow, step('structure_id'), { type: 'RNA', value: 'W751234567' }, 'fr')).toBe(`RNA${NB}W751234567`);
  });

  test('a multiple choice whose labels hold commas is listed with another sign', () => {
    const causes = formatAnswer(flow, step('causes'), ['Bien manger, bien vieillir', 'Culture'], 'fr');
    expect(causes).toBe(`Bien manger, bien vieillir${NNB}; Culture`);
    expect(formatAnswer(flow, step('causes'), ['Bien manger, bien vieillir', 'Culture'], 'en')).toBe('Eating well, ageing well; Culture');
  });
});
