import { rulesFileSchema, type RulesFile } from '../../src/flow/schema';
import { conditionFields } from '../../src/domain/conditions';
import { recommend } from '../../src/domain/recommendation';
import { loadRules, readTsv } from './sharedData';

/** The decision table's words, as the values the journey stores. */
const DOMAINS: Record<string, string> = {
  stratégie: 'Stratégie et modèle économique',
  communication: 'Communication et marketing',
  'numérique et outils': 'Numérique et outils',
  finance: 'Finance et gestion',
  'RH et bénévolat': 'RH et bénévolat',
  'recherche de financements': 'Recherche de financements et partenariats',
  "évaluation d'impact": "Évaluation d'impact",
};
const CAUSES: Record<string, string | undefined> = {
  'bien manger bien vieillir': 'Bien manger, bien vieillir',
  'emploi des seniors': 'Emploi des seniors',
  vulnérabilités: 'Vulnérabilités',
  'santé mentale': 'Santé mentale',
  'transition écologique': 'Transition écologique',
  parentalité: 'Parentalité',
  culture: 'Culture',
  sport: 'Sport',
  aucune: undefined,
};
const YES_NO: Record<string, boolean> = { yes: true, no: false };

function translate(dictionary: Record<string, string | undefined>, word: string): string | undefined {
  if (!(word in dictionary)) throw new Error(`no value for "${word}" in the test dictionary`);
  return dictionary[word];
}
const list = (cell: string, dictionary: Record<string, string | undefined>): string[] =>
  cell
    .split(';')
    .map((w) => w.trim())
    .filter((w) => w !== '')
    .flatMap((w) => translate(dictionary, w) ?? []);

function valuesOf(row: Record<string, string>) {
  return {
    // "Autre" is a legal form that does not say the purpose: social_purpose decides.
    legal_form: 'Autre',
    social_purpose: YES_NO[row.social_purpose],
    years_active: Number(row.years_active),
    financial_situation: row.finances,
    people_available: Number(row.people),
    territory: 'Île-de-France',
    territory_covered: true,
    nature: row.nature,
    domains: list(row.domains, DOMAINS),
    causes: list(row.causes, CAUSES),
    provider_budget: Number(row.provider_budget),
  };
}
const names = (cell: string): string[] =>
  cell
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .sort();

describe('the default rules (dialogs/rules.yaml) follow recommendation-cases.tsv', () => {
  const rules = loadRules();
  const cases = readTsv('recommendation-cases.tsv');

  it('has every case of the table', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases.map((row) => [row.case, row] as const))('case %s', (_case, row) => {
    const result = recommend(rules, valuesOf(row));
    expect(result.primary.value).toBe(row.primary);
    expect(result.others.map((p) => p.value).sort()).toEqual(names(row.also));
  });

  it.each(cases.map((row) => [row.case, row] as const))('case %s: an uncovered territory changes nothing', (_case, row) => {
    const covered = recommend(rules, valuesOf(row));
    const remote = recommend(rules, { ...valuesOf(row), territory: 'Autre territoire', territory_covered: false });
    expect(remote.eligible).toBe(covered.eligible);
    expect(remote.primary.value).toBe(covered.primary.value);
    expect(remote.others.map((p) => p.value)).toEqual(covered.others.map((p) => p.value));
    expect(remote.unmet.map((c) => c.id)).toContain('covered_territory');
  });

  it('accepts an association without asking about its purpose', () => {
    const row = cases.find((r) => r.case === '1')!;
    const values = { ...valuesOf(row), legal_form: 'Association loi 1901', social_purpose: undefined };
    expect(recommend(rules, values).eligible).toBe(true);
  });

  it('tells a structure that is not eligible why', () => {
    const row = cases.find((r) => r.case === '13')!; // finances critical
    const result = recommend(rules, valuesOf(row));
    expect(result.eligible).toBe(false);
    expect(result.primary.reasons.map((r) => r.en)).toEqual([rules.eligibility.criteria.find((c) => c.id === 'finances_not_critical')!.unmet.en]);
  });

  it('reads only the fields the journey stores', () => {
    const known = ['legal_form', 'social_purpose', 'years_active', 'financial_situation', 'people_available', 'territory', 'territory_covered', 'nature', 'domains', 'causes', 'provider_budget', 'creation_year', 'eligible'];
    const conditions = [...rules.eligibility.criteria.map((c) => c.when), ...rules.programmes.flatMap((p) => p.conditions.map((c) => c.when))];
    for (const field of conditions.flatMap(conditionFields)) expect(known).toContain(field);
  });

  it('says where the Factory registrations stand (naming the next edition) in both languages', () => {
    const factory = rules.programmes.find((p) => p.value === 'Probono Factory')!;
    expect(factory.pitch.fr).toContain('{{factory_registrations}}');
    expect(factory.pitch.en).toContain('{{factory_registrations}}');
  });
});

const text = (s: string) => ({ fr: s, en: s });
const when = (field: string, equals: string | number | boolean) => ({ when: { field, equals }, because: text(`${field} is ${equals}`) });

/** Two criteria (one not blocking), three programmes and the fallback. */
const small: RulesFile = rulesFileSchema.parse({
  eligibility: {
    criteria: [
      { id: 'adult', when: { field: 'age', gte: 18 }, met: text('adult'), unmet: text('too young') },
      { id: 'local', blocking: false, when: { field: 'local', equals: true }, met: text('local'), unmet: text('remote') },
    ],
  },
  programmes: [
    { value: 'A', name: text('A'), pitch: text('pitch A'), conditions: [when('a', true), when('x', 1)] },
    { value: 'Open', name: text('Open'), pitch: text('pitch Open'), requires_eligibility: false, conditions: [when('open', true)] },
    { value: 'B', name: text('B'), pitch: text('pitch B'), conditions: [when('b', true)] },
  ],
  fallback: { value: 'Elsewhere', name: text('Elsewhere'), pitch: text('go elsewhere') },
});
const values = (extra: Record<string, unknown>) => ({ age: 30, local: true, ...extra });

describe('recommend: precedence', () => {
  it('recommends the first programme that holds and lists the other ones in order', () => {
    const result = recommend(small, values({ a: true, x: 1, b: true, open: true }));
    expect(result.eligible).toBe(true);
    expect(result.primary.value).toBe('A');
    expect(result.others.map((p) => p.value)).toEqual(['Open', 'B']);
  });

  it('skips a programme with one condition that does not hold', () => {
    const result = recommend(small, values({ a: true, x: 2, b: true }));
    expect(result.primary.value).toBe('B');
    expect(result.others).toEqual([]);
  });

  it('gives the reasons of the programme: the because of its conditions, not the eligibility', () => {
    const result = recommend(small, values({ a: true, x: 1 }));
    expect(result.primary.reasons).toEqual([text('a is true'), text('x is 1')]);
    expect(result.primary.pitch).toEqual(text('pitch A'));
  });

  it('falls back when nothing holds, with no reason', () => {
    const result = recommend(small, values({}));
    expect(result.eligible).toBe(true);
    expect(result.primary).toEqual({ value: 'Elsewhere', name: text('Elsewhere'), pitch: text('go elsewhere'), reasons: [] });
    expect(result.others).toEqual([]);
  });

  it('orients a structure that is not eligible elsewhere, with the unmet blocking criteria as reasons', () => {
    const result = recommend(small, { age: 12, local: false, a: true, x: 1, b: true, open: true });
    expect(result.eligible).toBe(false);
    expect(result.primary.value).toBe('Elsewhere');
    expect(result.primary.reasons).toEqual([text('too young')]);
    // Only the programmes that do not require eligibility remain possible.
    expect(result.others.map((p) => p.value)).toEqual(['Open']);
    expect(result.others[0].reasons).toEqual([text('open is true')]);
    expect(result.unmet.map((c) => c.id)).toEqual(['adult', 'local']);
  });

  it('treats an unanswered criterion as unmet', () => {
    const result = recommend(small, { a: true, x: 1 });
    expect(result.eligible).toBe(false);
    expect(result.primary.reasons).toEqual([text('too young')]);
  });

  it('does not let a non-blocking criterion make a structure ineligible', () => {
    const result = recommend(small, values({ local: false, b: true }));
    expect(result.eligible).toBe(true);
    expect(result.primary.value).toBe('B');
    expect(result.unmet.map((c) => c.id)).toEqual(['local']);
  });

  it('lets a programme without eligibility requirement be the primary of an eligible structure', () => {
    const result = recommend(small, values({ open: true, b: true }));
    expect(result.primary.value).toBe('Open');
    expect(result.others.map((p) => p.value)).toEqual(['B']);
  });
});
