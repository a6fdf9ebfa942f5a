import { loadFlowFromFiles } from '../../src/flow/loadFromFiles';
import { compareOutcomes, replayScenarios } from '../../src/journey/outcomes';
import { runScenario } from '../../src/journey/scenarioRunner';
import { readScenarios } from '../../src/journey/scenarios';
import { validateJourney } from '../../src/journey/validate';
import { repositoryFiles, withReplaced } from './journeyWorld';

/** The scenarios staff keep in dialogs/scenarios/, played through the pure engine. */
const files = repositoryFiles();
const flow = loadFlowFromFiles(files);
const { scenarios, issues } = readScenarios(files);


describe('the shipped scenarios', () => {
  test('are valid', () => {
    expect(issues).toEqual([]);
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
  });

  test('cover every programme outcome and every kind of non-eligibility', () => {
    const outcomes = scenarios.map(({ scenario }) => ({ programme: scenario.stored?.Besoins?.['Programme recommandé'], eligible: scenario.stored?.Besoins?.['Éligible'] }));
    const programmes = new Set(outcomes.map((o) => o.programme));
    for (const p of ['Probono Factory', 'Probono Booster', 'Probono Explorers', 'Mission freelance', 'Orientation externe']) expect(programmes).toContain(p);
    // Non-eligibility, by the criterion each scenario fails: (part of) its unmet text must be said.
    const said = scenarios.flatMap(({ scenario }) => scenario.turns.flatMap((t) => ('bot' in t ? [t.bot ?? []].flat() : [])));
    for (const criterion of flow.rules.eligibility.criteria.filter((c) => c.blocking !== false)) {
      expect(said.filter((s) => s.length > 20 && criterion.unmet.fr.includes(s))).not.toEqual([]);
    }
  });

  test.each(scenarios.map((s) => [s.file, s]))('%s: every expectation holds', (_file, { scenario }) => {
    const outcome = runScenario(flow, scenario);
    expect(outcome.failures).toEqual([]);
    expect(outcome.passed).toBe(true);
    expect(outcome.programme).toBe(scenario.stored?.Besoins?.['Programme recommandé']);
    expect(outcome.references).toBe(scenario.stored_count);
  });
});

describe('outcomes, and how a change of the journey changes them', () => {
  const booster = scenarios.find((s) => s.file === 'dialogs/scenarios/booster-strategie-dans-la-duree.yaml')!;

  test('the outcome says what the scenario led to, with the stored fields it names', () => {
    expect(runScenario(flow, booster.scenario)).toMatchObject({
      programme: 'Probono Booster',
      eligible: true,
      callback: false,
      references: 1,
      stored: { Besoins: { 'Programme recommandé': 'Probono Booster', 'Personnes disponibles': 3 }, Structures: { Nom: 'Solidarité Seniors 93' } },
    });
    const callback = scenarios.find((s) => s.file.endsWith('rappel-demande.yaml'))!;
    expect(runScenario(flow, callback.scenario)).toMatchObject({ callback: true, references: 1 });
  });

  test('a failing expectation names its turn and what was said', () => {
    const wrong = { ...booster.scenario, turns: booster.scenario.turns.map((t, i) => (i === 1 ? { ...t, bot: 'Quelle est votre couleur préférée ?' } : t)) };
    const outcome = runScenario(flow, wrong);
    expect(outcome.passed).toBe(false);
    expect(outcome.failures).toEqual([{ turn: 2, expected: 'the bot says "Quelle est votre couleur préférée ?"', actual: expect.stringContaining('Quel est son nom\u202f?') }]);
  });

  test('a stricter Booster rule changes the Booster scenario only: compareOutcomes lists it', () => {
    const stricter = loadFlowFromFiles(withReplaced(files, 'dialogs/rules.yaml', "      - when: { field: people_available, gte: 2 }\n        because:\n          fr: \"Vous avez {{people_available}} personnes", "      - when: { field: people_available, gte: 4 }\n        because:\n          fr: \"Vous avez {{people_available}} personnes"));
    const { replays, changes } = replayScenarios(scenarios, flow, stricter);
    expect(replays).toHaveLength(scenarios.length);
    expect(changes).toEqual([
      expect.objectContaining({
        name: booster.scenario.name,
        changed: ['programme', 'passed', 'stored.Besoins.Programme recommandé', 'stored.Besoins.Autres programmes'],
        live: expect.objectContaining({ programme: 'Probono Booster' }),
        draft: expect.objectContaining({ programme: 'Probono Factory', passed: false }),
      }),
    ]);
    expect(compareOutcomes(replays.map((r) => r.live), replays.map((r) => r.live))).toEqual([]);
  });
});

describe('scenario files are checked like the rest of the journey', () => {
  const file = 'dialogs/scenarios/booster-strategie-dans-la-duree.yaml';

  test('a scenario must have its clock; stored fields must be fields of the need', () => {
    const noClock = withReplaced(files, file, 'now: "2026-11-23T10:00:00+01:00"\n', '');
    expect(readScenarios(noClock).issues).toEqual([expect.objectContaining({ file, code: 'schema.required', path: 'now' })]);
    const unknown = withReplaced(files, file, '    Personnes disponibles: 3\n', '    Personnes dispo: 3\n');
    const [issue] = readScenarios(unknown).issues;
    expect(issue).toMatchObject({ file, code: 'scenario.unknown_field', params: { table: 'Besoins', field: 'Personnes dispo' }, path: 'stored.Besoins.Personnes dispo' });
    expect(unknown[file].split('\n')[issue.line! - 1]).toContain('Personnes dispo: 3');
  });

  test('validateJourney reports them with the flow issues; the flow itself still loads', () => {
    const broken = { ...files, 'dialogs/scenarios/nouveau.yaml': 'name: "x"\nturns: [\n' };
    const result = validateJourney(broken);
    expect(result.flow).toBeDefined();
    expect(result.issues).toEqual([expect.objectContaining({ file: 'dialogs/scenarios/nouveau.yaml', code: 'yaml.syntax' })]);
  });
});
