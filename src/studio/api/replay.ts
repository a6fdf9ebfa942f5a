import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Flow } from '../../flow/model';
import { compareOutcomes } from '../../journey/outcomes';
import { runScenario, type ScenarioOutcome } from '../../journey/scenarioRunner';
import type { ScenarioFile } from '../../journey/scenarios';

/** What a scenario led to, as the page shows it. */
export interface Outcome {
  programme?: string;
  eligible?: boolean;
  callback: boolean;
  /** How many needs the conversation recorded. */
  needs: number;
  /** Expectations that did not hold; turn 0: what is checked at the end (the stored need). */
  failures: { turn: number; expected: string; got: string }[];
}

export interface Replayed {
  file: string;
  name: string;
  live: Outcome;
  draft: Outcome;
  changed: boolean;
  /** What differs: `programme`, `eligible`, `callback`, `references`, `passed`, `stored.<table>.<field>`. */
  what: string[];
}

const outcome = (o: ScenarioOutcome): Outcome => ({
  ...(o.programme !== undefined ? { programme: o.programme } : {}),
  ...(o.eligible !== undefined ? { eligible: o.eligible } : {}),
  callback: o.callback,
  needs: o.references,
  failures: o.failures.map((f) => ({ turn: f.turn ?? 0, expected: f.expected, got: f.actual })),
});

/**
 * Plays every scenario on the live flow and on the draft's (the real engine, in memory), and
 * says which changed outcome. The engine is synchronous: the event loop gets a turn between
 * scenarios, so that the bot keeps answering people while staff replay a dozen conversations.
 */
export async function replayScenarios(scenarios: readonly ScenarioFile[], live: Flow, draft: Flow): Promise<Replayed[]> {
  const replayed: Replayed[] = [];
  for (const { file, scenario } of scenarios) {
    const before = runScenario(live, scenario);
    await yieldToEventLoop();
    const after = runScenario(draft, scenario);
    await yieldToEventLoop();
    const [change] = compareOutcomes([before], [after]);
    replayed.push({ file, name: scenario.name, live: outcome(before), draft: outcome(after), changed: !!change, what: change?.changed ?? [] });
  }
  return replayed;
}
