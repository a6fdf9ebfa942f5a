import { conditionWords, fieldNames } from '../../src/studio/api/conditionWords';
import { journeyGraph } from '../../src/studio/api/graph';
import { parseFiles } from '../../src/studio/api/parsedFiles';
import { StudioWords } from '../../src/studio/api/studioWords';
import { repositoryFiles, withReplaced } from '../journey/journeyWorld';

/** The journey map and its conditions in words, from the repository's journey (and broken copies of it). */
describe('the journey map', () => {
  const words = StudioWords.load();
  const files = repositoryFiles();
  const parsed = parseFiles(files);
  const graph = journeyGraph(parsed, words);
  const node = (id: string) => graph.nodes.find((n) => n.id === id)!;
  const say = (condition: unknown, lang: 'fr' | 'en' = 'fr') => conditionWords(condition, fieldNames(parsed, words), words, lang);

  test('every operator in words, questions and choices by their labels, computed values by their names', () => {
    expect(say({ field: 'legal_form', in: ['Association loi 1901', 'Fondation', 'Autre'] })).toBe('Forme juridique est « Association (loi 1901 ou droit local) », « Fondation » ou « Autre »');
    expect(say({ field: 'legal_form', in: ['Association loi 1901', 'Fondation'] }, 'en')).toBe('Legal form is "Non-profit association (loi 1901 or local law)" or "Foundation"');
    expect(say({ field: 'years_active', gte: 1 })).toBe("Années d'activité vaut au moins 1");
    expect(say({ field: 'territory_covered', equals: true }, 'en')).toBe('Territory covered is yes');
    expect(say({ field: 'people_available', lt: 2 })).toBe('Personnes disponibles est inférieur à 2');
    expect(say({ field: 'domains', count_gte: 2 }, 'en')).toMatch(/ has at least 2 choices$/);
    expect(say({ field: 'website', is_set: false })).toBe("Site web n'a pas de réponse");
    expect(say({ field: 'eligible', equals: true })).toBe('la structure est éligible');
    expect(say({ not: { any: [{ field: 'consent', equals: false }, { field: 'eligible', equals: false }] } })).toBe(
      "il est faux que (Consentement est non ou la structure n'est pas éligible)",
    );
    expect(say({ all: [{ field: 'nature', equals: 'Ponctuel' }, { any: [{ field: 'annual_budget', gt: 0 }, { field: 'unknown_field', lte: 3 }] }] }, 'en')).toBe(
      'Kind of need is "One-off" and (Annual budget is more than 0 or unknown_field is at most 3)',
    );
    // Whatever a half-written draft holds, it says so instead of failing.
    expect(say({ field: 'nature' })).toMatch(/^\(condition illisible/);
    expect(say('nature')).toMatch(/^\(condition illisible/);
    expect(say({ all: [] }, 'en')).toMatch(/^\(unreadable condition/);
  });

  test('sections, questions in journey order with "asked only if", endings, summary, criteria, programmes in precedence, fallback', () => {
    const kinds = (kind: string) => graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    expect(kinds('section')).toEqual(['section:01-welcome.yaml', 'section:02-structure.yaml', 'section:03-eligibility.yaml', 'section:04-needs.yaml', 'section:05-contact.yaml', 'section:06-mission.yaml']);
    expect(kinds('question').slice(0, 3)).toEqual(['consent', 'name', 'legal_form']);
    expect(kinds('programme')).toEqual(['programme:Mission freelance', 'programme:Probono Booster', 'programme:Probono Explorers', 'programme:Probono Factory']);
    expect(kinds('fallback')).toEqual(['fallback']);
    expect(node('social_purpose').when?.fr).toMatch(/^Posée seulement si Forme juridique est « Entreprise de l'ESS \/ ESUS », « Coopérative \(SCOP, SCIC\) » ou « Autre »$/);
    expect(node('name').when).toBeUndefined();
    expect(node('name')).toMatchObject({ file: 'dialogs/steps/02-structure.yaml', path: ['steps', 0], section: 'section:02-structure.yaml' });
    expect(node('ending:consent_refused').label.fr).toMatch(/^Entendu, je n'ai rien enregistré\..*…$/);
    expect(node('ending:consent_refused').label.fr.length).toBeLessThanOrEqual(80);
    expect(node('programme:Mission freelance').when?.fr).toBe('Nature du besoin est « Réalisation technique » et Budget pour un prestataire est supérieur à 0');
    // Eligibility, required by default, is said once even when the rule also names it.
    expect(node('programme:Probono Factory').when?.fr).toBe('la structure est éligible');
    expect(node('programme:Probono Explorers').when?.fr).toBe('la structure est éligible et Causes comprend « Santé mentale », « Transition écologique » ou « Parentalité »');
    expect(node('criterion:track_record')).toMatchObject({ label: { fr: 'Votre structure a déjà un peu de recul sur ses activités.' }, when: { fr: "Années d'activité vaut au moins 1" } });

    // Consent: "no" leaves for the ending, otherwise on to the name; the last question leads to the summary.
    expect(graph.edges.filter((e) => e.from === 'consent')).toEqual([
      { from: 'consent', to: 'ending:consent_refused', kind: 'branch', label: { fr: 'si Consentement est non', en: 'if Consent is no' } },
      { from: 'consent', to: 'name', kind: 'next', label: { fr: 'sinon', en: 'otherwise' } },
    ]);
    expect(graph.edges.filter((e) => e.from === 'phone')).toEqual([{ from: 'phone', to: 'partner_consent_freelance', kind: 'next' }]);
    expect(graph.edges.filter((e) => e.from === 'named_in_brief')).toEqual([{ from: 'named_in_brief', to: '@summary', kind: 'next' }]);
    expect(graph.edges.filter((e) => e.from === '@summary' && e.kind === 'branch').map((e) => e.to)).toEqual([...kinds('programme'), 'fallback']);
    // Every edge joins two nodes of the map.
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const e of graph.edges) expect([e.from, e.to].filter((id) => !ids.has(id))).toEqual([]);
  });

  test('a draft that does not parse still draws what can be read, and names no unknown target', () => {
    const broken = withReplaced(files, 'dialogs/steps/04-needs.yaml', 'steps:', 'steps: [oops');
    const draft = journeyGraph(parseFiles(broken), words);
    expect(draft.nodes.find((n) => n.id === 'provider_budget')).toBeUndefined();
    expect(draft.nodes.find((n) => n.id === 'name')).toBeDefined();
    const goesNowhere = withReplaced(files, 'dialogs/steps/01-welcome.yaml', 'goto: consent_refused', 'goto: nowhere');
    const edges = journeyGraph(parseFiles(goesNowhere), words).edges.filter((e) => e.from === 'consent');
    expect(edges).toEqual([{ from: 'consent', to: 'name', kind: 'next', label: { fr: 'sinon', en: 'otherwise' } }]);
  });
});
