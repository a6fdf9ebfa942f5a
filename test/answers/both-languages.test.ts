/**
 * Values in both languages whatever the conversation's (issue 10, "Language"): our own number
 * reader, choices by their English or French label or synonym, domain suggestions from an English
 * description, and the calendar edges of quarters, half-years and weekdays.
 */
import fc from 'fast-check';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { matchChoices, parseDeadline, type ChoiceOption, type Locale } from '../../src/answers';
import { findNumbers } from '../../src/answers/numberWords';
import { suggestChoices } from '../../src/engine/suggest';
import type { Choice } from '../../src/flow/schema';

describe('findNumbers: digits and number words of both languages', () => {
  test.each([
    ['douze', [12]],
    ['vingt et un', [21]],
    ['quatre-vingt-dix-neuf', [99]],
    ['soixante et onze', [71]],
    ['soixante-dix-sept', [77]],
    ['septante-cinq', [75]],
    ['deux cent mille', [200000]],
    ['trois cents', [300]],
    ['cent vingt', [120]],
    ['un million et demi', [1500000]],
    ['deux et demi', [2.5]],
    ['mille neuf cent quatre-vingt-dix', [1990]],
    ['twenty-one', [21]],
    ['two hundred and fifty thousand', [250000]],
    ['a hundred', [100]],
    ['half a million', [500000]],
    ['two and a half million', [2500000]],
    ['two thousand and twenty', [2020]],
    ['two dozen', [24]],
    ['1 500', [1500]],
    ['75,000', [75000]],
    ['1,5', [1.5]],
    ['1,5 million', [1500000]],
    ['50k', [50000]],
    ['1,2 M€', [1200000]],
    ['3 bénévoles et 2 salariés', [3, 2]],
    ['twelve employees and five volunteers', [12, 5]],
    ['entre 10 et 15', [10, 15]],
    ['nineteen eighty-five', [19, 85]],
    ['100m² de locaux', [100]],
    ['5 mois', [5]],
  ])('%j → %j', (text, expected) => {
    expect(findNumbers(text).map((s) => s.n)).toEqual(expected);
  });

  test.each([
    'W751234567', // an identifier
    'le 1er mars', // a rank
    'the 15th',
    "quelqu'un d'un autre quartier", // neither is the number one
    'a small budget',
    'constructor toString valueOf', // no prototype member is a number word
    'm k bn',
  ])('%j → no number', (text) => {
    expect(findNumbers(text)).toEqual([]);
  });

  test('never throws; every span is a slice of the text', () => {
    const words = fc.constantFrom('un', 'et', 'demi', 'a', 'half', 'million', 'k', 'm', 'cent', 'vingt', 'and', '12', '1,5', '€', '-', ' ');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(words, { maxLength: 12 }).map((w) => w.join(' '))), (text) => {
        for (const span of findNumbers(text)) {
          expect(text.slice(span.start, span.end)).toBe(span.text);
          expect(Number.isFinite(span.n)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('positions point into the text read', () => {
    const text = 'environ deux cent mille euros';
    const [span] = findNumbers(text);
    expect(text.slice(span.start, span.end)).toBe('deux cent mille');
    expect(span.text).toBe('deux cent mille');
  });
});

/** A choice question of the journey, as its options: labels in both languages, value, synonyms. */
function options(file: string, id: string): { choices: Choice[]; options: ChoiceOption[] } {
  const steps = parse(readFileSync(join(__dirname, '..', '..', 'dialogs', 'steps', file), 'utf8')).steps as (Choice & {
    id: string;
    choices: Choice[];
  })[];
  const choices = steps.find((s) => s.id === id)!.choices;
  return {
    choices,
    options: choices.map((c) => ({
      value: c.value,
      synonyms: [c.label.fr, c.label.en, c.value, ...(c.synonyms?.fr ?? []), ...(c.synonyms?.en ?? [])],
    })),
  };
}

describe('choices by their English or French label or synonym, whatever the conversation’s language', () => {
  const causes = options('02-structure.yaml', 'causes').options;
  const domains = options('04-needs.yaml', 'domains').options;

  test.each([
    ['mental health', ['Santé mentale']],
    ['climate and food', ['Bien manger, bien vieillir', 'Transition écologique']],
    ['culture et sport', ['Culture', 'Sport']],
    ['Parenting, Education', ['Parentalité', 'Éducation']],
    ['homelessness', ['Vulnérabilités']],
  ])('causes: %j', (text, expected) => {
    for (const locale of ['fr', 'en'] as Locale[]) {
      expect(matchChoices(text, causes, { multiple: true, numbered: true, locale })).toMatchObject({
        status: 'value',
        value: expected,
      });
    }
  });

  test.each([
    ['legal and fundraising', ['Juridique', 'Recherche de financements et partenariats']],
    ['juridique et financements', ['Juridique', 'Recherche de financements et partenariats']],
    ['digital tools', ['Numérique et outils']],
    ['HR', ['RH et bénévolat']],
    ['impact evaluation', ["Évaluation d'impact"]],
  ])('domains: %j', (text, expected) => {
    for (const locale of ['fr', 'en'] as Locale[]) {
      expect(matchChoices(text, domains, { multiple: true, numbered: true, locale })).toMatchObject({
        status: 'value',
        value: expected,
      });
    }
  });
});

describe('domain suggestions from an English description (dialogs/steps/04-needs.yaml keywords)', () => {
  const { choices } = options('04-needs.yaml', 'domains');
  test.each([
    ['We want to improve our website and our presence on social media', ['Communication et marketing', 'Numérique et outils']],
    ['We need help with fundraising and grant proposals', ['Recherche de financements et partenariats']],
    ["We'd like to measure our social impact", ["Évaluation d'impact"]],
    ['Our bookkeeping and cash flow are a mess', ['Finance et gestion']],
    ['We struggle to recruit and retain volunteers', ['RH et bénévolat']],
    ['We must update our bylaws and check GDPR compliance', ['Juridique']],
    ['We want to scale up and rethink our business model', ['Stratégie et modèle économique']],
    ['We need a database to follow the families we support', ['Numérique et outils']],
    ['Nobody knows about us: we need a logo and a newsletter', ['Communication et marketing']],
    ['We look for sponsors and donors', ['Recherche de financements et partenariats']],
  ])('%j → %j', (description, expected) => {
    expect(suggestChoices(description, choices)).toEqual(expected);
  });
});

describe('quarters, half-years and weekdays at the edges of the calendar', () => {
  const at = (iso: string) => ({ locale: 'fr' as const, now: new Date(`${iso}T12:00:00Z`) });
  const month = (value: string) => ({ status: 'value', value: { value, precision: 'month' } });
  const day = (value: string) => ({ status: 'value', value: { value, precision: 'day' } });

  test.each([
    ['next quarter', '2026-12-15', month('2027-03')], // rolls over the year
    ['Q4', '2026-12-15', month('2026-12')], // the current quarter is not over
    ['T1', '2026-12-15', month('2027-03')],
    ['S1', '2027-03-01', month('2027-06')],
    ['au premier semestre', '2027-07-01', month('2028-06')],
    ['milieu du deuxième semestre 2027', '2026-11-23', month('2027-10')],
    ['fin du premier trimestre 2027', '2027-02-10', month('2027-03')],
    ['fin du premier trimestre 2026', '2026-11-23', { status: 'invalid', problem: 'past' }],
    ['vendredi', '2026-11-27', day('2026-11-27')], // today counts
    ['vendredi', '2026-11-28', day('2026-12-04')],
    ['next Monday', '2026-11-29', day('2026-11-30')], // from a Sunday: the Monday of next week
    ['lundi dernier', '2026-11-25', { status: 'invalid', problem: 'past' }],
  ])('%j on %s', (text, today, expected) => {
    expect(parseDeadline(text, at(today))).toMatchObject(expected);
  });
});
