import { foldText, matchChoices, type ChoiceOption } from '../../src/answers';

/** The needs question of the journey, with labels in both languages and a few synonyms. */
const NEEDS: ChoiceOption[] = [
  { value: 'strategie', synonyms: ['Stratégie et modèle économique', 'Strategy and business model'] },
  { value: 'communication', synonyms: ['Communication et marketing', 'Communication and marketing'] },
  { value: 'numerique', synonyms: ['Numérique et outils', 'Digital and tools'] },
  { value: 'finance', synonyms: ['Finance et gestion', 'Finance and management', 'compta', 'comptabilité'] },
  { value: 'rh', synonyms: ['RH et bénévolat', 'HR and volunteering', 'ressources humaines', 'bénévoles'] },
  { value: 'juridique', synonyms: ['Juridique', 'Legal', 'droit'] },
  {
    value: 'financements',
    synonyms: ['Recherche de financements et partenariats', 'Fundraising and partnerships', 'subventions', 'mécénat'],
  },
  { value: 'impact', synonyms: ["Évaluation d'impact", 'Impact assessment'] },
  { value: 'autre', synonyms: ['Autre', 'Other'] },
];

const many = { multiple: true, numbered: true, locale: 'fr' as const };
const one = { multiple: false, numbered: true, locale: 'fr' as const };

describe('foldText', () => {
  test.each([
    ['Numérique', 'numerique'],
    ['  ÉVALUATION   d’impact ', "evaluation d'impact"],
    ['Cœur', 'coeur'],
    ['Nume\u0301rique', 'numerique'], // decomposed accent, as some keyboards send it
    ['a\u0000b\u202Ec', 'a bc'],
  ])('%j → %j', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });
});

describe('matchChoices, several answers allowed', () => {
  test.each([
    ["on a besoin d'aide en communication et sur nos outils numériques", ['communication', 'numerique']],
    ['communication et numérique', ['communication', 'numerique']],
    ['numérique et communication', ['communication', 'numerique']], // option order, not typing order
    ['la compta et la gestion', ['finance']],
    ['on cherche des financements, surtout des subventions', ['financements']],
    ['on recherche un expert juridique', ['juridique']],
    ['trouver des partenaires et des financements', ['financements']],
    ['mesurer notre impact social', ['impact']],
    ['recruter des bénévoles', ['rh']],
    ['NUMERIQUE', ['numerique']],
    ['legal and fundraising', ['juridique', 'financements']],
  ])('%j', (input, expected) => {
    expect(matchChoices(input, NEEDS, many)).toEqual({ status: 'value', value: expected, approx: false, echo: false });
  });

  test.each([
    ['1, 3', ['strategie', 'numerique']],
    ['1 et 3', ['strategie', 'numerique']],
    ['3 1 3', ['strategie', 'numerique']],
    ['options 2 et 4', ['communication', 'finance']],
  ])('numbers only: %j', (input, expected) => {
    expect(matchChoices(input, NEEDS, many)).toMatchObject({ status: 'value', value: expected });
  });
});

describe('matchChoices, one answer', () => {
  test.each([
    ['surtout le numérique', 'numerique'],
    ['numérique', 'numerique'],
    ['notre modèle économique', 'strategie'],
    ['autre chose', 'autre'],
    ['2', 'communication'],
    ['le 2', 'communication'],
  ])('%j → %s', (input, expected) => {
    expect(matchChoices(input, NEEDS, one)).toMatchObject({ status: 'value', value: [expected] });
  });

  test('keeps the best match when several options are named', () => {
    const result = matchChoices('la compta surtout, un peu la communication', NEEDS, one);
    expect(result).toMatchObject({ status: 'value', value: ['finance'] });
  });
});

describe('matchChoices refusals', () => {
  test.each([
    ['une association culturelle', 'no_match'], // "une" is not option 1
    ['deux', 'no_match'], // nor is "deux" option 2
    ['rien de tout ça', 'no_match'],
    ['', 'empty'],
    ['12', 'out_of_range'],
    ['0', 'out_of_range'],
  ])('%j → %s', (input, problem) => {
    expect(matchChoices(input, NEEDS, many)).toEqual({ status: 'invalid', problem });
  });

  test('two numbers for a single answer', () => {
    expect(matchChoices('1 et 3', NEEDS, one)).toEqual({ status: 'invalid', problem: 'too_many' });
  });

  test('numbers are ignored when the options are not numbered', () => {
    expect(matchChoices('2', NEEDS, { ...one, numbered: false })).toEqual({ status: 'invalid', problem: 'no_match' });
  });

  test('English locale', () => {
    const result = matchChoices('mostly digital tools', NEEDS, { ...one, locale: 'en' });
    expect(result).toMatchObject({ value: ['numerique'] });
  });
});
