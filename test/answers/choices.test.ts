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

/** The financial situation question: an intensifier separates Fragile from Critique. */
const FINANCES: ChoiceOption[] = [
  {
    value: 'Stable',
    synonyms: [
      'ca va', 'equilibree', 'saine', 'bonne', 'correcte', 'sereine', "a l'equilibre", 'fine', 'healthy', 'good',
      'balanced', 'ok',
    ],
  },
  {
    value: 'Fragile',
    synonyms: [
      'tendue', 'juste', 'difficile', 'precaire', 'incertaine', 'compliquee', 'tight', 'uncertain', 'shaky',
      'difficult',
    ],
  },
  {
    value: 'Critique',
    synonyms: [
      'tres difficile', 'catastrophique', 'en danger', 'cessation de paiement', 'urgence', 'grave', 'critical',
      'very difficult', 'emergency', 'dire',
    ],
  },
];

describe('matchChoices, intensifiers and feminine endings', () => {
  test.each([
    ["c'est un peu difficile en ce moment", 'Fragile'],
    ['assez difficile', 'Fragile'],
    ['plutôt difficile', 'Fragile'],
    ["c'est difficile", 'Fragile'],
    ['pas très difficile', 'Fragile'], // a negated intensifier weakens
    ['très difficile', 'Critique'],
    ["c'est très difficile", 'Critique'],
    ["c'est vraiment très difficile", 'Critique'],
    ['trop difficile', 'Critique'],
    // Masculine and feminine meet.
    ["c'est tendu", 'Fragile'],
    ["c'est compliqué", 'Fragile'],
    ['compliquée', 'Fragile'],
    ['tendues', 'Fragile'],
    ['sain', 'Stable'],
    ['correct', 'Stable'],
    ['bon', 'Stable'],
    ['équilibré', 'Stable'],
  ])('%j → %s', (input, expected) => {
    expect(matchChoices(input, FINANCES, one)).toMatchObject({ status: 'value', value: [expected] });
  });

  test.each([
    ['quite difficult', 'Fragile'],
    ['rather difficult', 'Fragile'],
    ['not very difficult', 'Fragile'],
    ['very difficult', 'Critique'],
    ['really difficult', 'Critique'], // an intensifier is an intensifier
    ['just fine', 'Stable'],
  ])('English %j → %s', (input, expected) => {
    const result = matchChoices(input, FINANCES, { ...one, locale: 'en' });
    expect(result).toMatchObject({ status: 'value', value: [expected] });
  });
});

/** Causes: two-word options whose second word is what sets them apart. */
const CAUSES: ChoiceOption[] = [
  { value: 'Santé mentale', synonyms: ['Santé mentale', 'Mental health', 'psychiatrie', 'troubles psychiques'] },
  { value: 'Transition écologique', synonyms: ['Transition écologique', 'Ecological transition', 'environnement'] },
  {
    value: 'Solidarité internationale',
    synonyms: ['Solidarité internationale', 'International solidarity', 'humanitaire'],
  },
  { value: 'Emploi des seniors', synonyms: ['Emploi des seniors', 'Employment of older people'] },
  {
    value: 'Vulnérabilités',
    synonyms: ['Vulnérabilités (précarité, isolement)', 'Vulnerabilities (poverty, isolation)'],
  },
  { value: 'Éducation', synonyms: ['Éducation', 'Education', 'soutien scolaire'] },
];

describe('matchChoices, partial matches need the distinctive words', () => {
  test.each([
    ['santé', 'no_match'],
    ['la santé', 'no_match'],
    ['solidarité', 'no_match'],
    ['transition', 'no_match'],
    ['emploi', 'no_match'],
  ])('%j → %s', (input, problem) => {
    expect(matchChoices(input, CAUSES, many)).toEqual({ status: 'invalid', problem });
  });

  test.each([
    ['santé mentale', ['Santé mentale']],
    ['la santé mentale et la solidarité internationale', ['Santé mentale', 'Solidarité internationale']],
    ['les seniors', ['Emploi des seniors']], // the complement is distinctive
    ["l'isolement", ['Vulnérabilités']], // each wording of a label counts
    ['la précarité et le soutien scolaire', ['Vulnérabilités', 'Éducation']],
    ['santé, éducation', ['Éducation']],
  ])('%j → %j', (input, expected) => {
    expect(matchChoices(input, CAUSES, many)).toMatchObject({ status: 'value', value: expected });
  });

  test('English: the first word of a compound is distinctive', () => {
    expect(matchChoices('mental', CAUSES, { ...many, locale: 'en' })).toMatchObject({ value: ['Santé mentale'] });
    const health = matchChoices('health', CAUSES, { ...many, locale: 'en' });
    expect(health).toEqual({ status: 'invalid', problem: 'no_match' });
  });
});

describe('matchChoices on the same options list again (its wordings are prepared once per list and language)', () => {
  const HEALTH: ChoiceOption[] = [
    { value: 'sante_mentale', synonyms: ['Santé mentale', 'Mental health'] },
    { value: 'sante', synonyms: ['Santé', 'Health'] },
    { value: 'numerique', synonyms: ['Numérique et outils', 'Digital and tools'] },
  ];
  // A partial match must include the distinctive words, which differ by language ("mental" first in English).
  const answers = ['mental', 'santé', 'health', 'mentale', 'outils', 'digital', 'numerique', 'santé mentale et outils', '2', 'rien'];

  it('reads every answer, in each language, as it does on a list seen for the first time', () => {
    const fresh = () => HEALTH.map((o) => ({ value: o.value, synonyms: [...o.synonyms] }));
    for (const locale of ['en', 'fr', 'en', 'fr'] as const) {
      for (const multiple of [false, true]) {
        for (const text of answers) {
          const opts = { multiple, numbered: true, locale };
          expect({ text, locale, multiple, r: matchChoices(text, HEALTH, opts) }).toEqual({ text, locale, multiple, r: matchChoices(text, fresh(), opts) });
        }
      }
    }
  });

  it('tells the languages apart on the same list: "mental" alone is Mental health in English, not enough of Santé mentale in French', () => {
    const read = (locale: 'fr' | 'en') => matchChoices('mental', HEALTH, { multiple: false, numbered: false, locale });
    for (let round = 0; round < 2; round++) {
      expect(read('en')).toMatchObject({ status: 'value', value: ['sante_mentale'] });
      expect(read('fr')).toEqual({ status: 'invalid', problem: 'no_match' });
    }
  });
});
