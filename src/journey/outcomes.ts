import { isDeepStrictEqual } from 'node:util';
import type { Flow } from '../flow/model';
import { runScenario, type ScenarioOutcome } from './scenarioRunner';
import type { ScenarioFile } from './scenarios';

/** A scenario whose outcome differs between the live version and the draft. */
export interface OutcomeChange {
  name: string;
  /** What differs: `programme`, `eligible`, `callback`, `references`, `stored.Besoins.<field>`, `passed`. */
  changed: string[];
  live: ScenarioOutcome;
  draft: ScenarioOutcome;
}

/**
 * The scenarios whose outcome changed, from the outcomes of the same scenarios (same order) on
 * the live version and on the draft: recommended programme, eligibility, call-back, number of
 * needs recorded, the stored fields each scenario names, or whether its expectations all hold.
 */
export function compareOutcomes(live: readonly ScenarioOutcome[], draft: readonly ScenarioOutcome[]): OutcomeChange[] {
  if (live.length !== draft.length) throw new RangeError('compareOutcomes needs the outcomes of the same scenarios, in the same order');
  const changes: OutcomeChange[] = [];
  live.forEach((before, i) => {
    const after = draft[i];
    const changed = (['programme', 'eligible', 'callback', 'references', 'passed'] as const).filter((k) => !isDeepStrictEqual(before[k], after[k])).map(String);
    for (const table of ['Besoins', 'Structures'] as const) {
      const fields = new Set([...Object.keys(before.stored[table]), ...Object.keys(after.stored[table])]);
      for (const f of fields) if (!isDeepStrictEqual(before.stored[table][f], after.stored[table][f])) changed.push(`stored.${table}.${f}`);
    }
    if (changed.length) changes.push({ name: after.name, changed, live: before, draft: after });
  });
  return changes;
}

export interface Replay {
  file: string;
  live: ScenarioOutcome;
  draft: ScenarioOutcome;
}

/** Plays every scenario on both flows (what the studio shows before a publish). */
export function replayScenarios(scenarios: readonly ScenarioFile[], live: Flow, draft: Flow): { replays: Replay[]; changes: OutcomeChange[] } {
  const replays = scenarios.map(({ file, scenario }) => ({ file, live: runScenario(live, scenario), draft: runScenario(draft, scenario) }));
  return { replays, changes: compareOutcomes(replays.map((r) => r.live), replays.map((r) => r.draft)) };
}
