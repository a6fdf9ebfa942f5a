import { isDeepStrictEqual } from 'node:util';
import { runTurn, type TurnInput } from '../engine/machine';
import type { ConversationState } from '../engine/state';
import { plainText } from '../engine/userText';
import type { Flow } from '../flow/model';
import type { ChannelName, NeedRecord } from '../needs/record';
import { asList, durationMs, normalise, type ScenarioChannel, type StoredScenario } from './scenarioSchema';

/** The `Canal` a scenario's channel records (the bot's channel table says the same for these four). */
const CHANNEL_NAMES: Record<ScenarioChannel, ChannelName> = { emulator: 'Emulator', webchat: 'Site web', msteams: 'Teams', slack: 'Slack' };

/** An expectation of the scenario that did not hold. */
export interface ScenarioFailure {
  /** 1-based turn of the scenario; absent for what is checked at the end (the stored need). */
  turn?: number;
  /** What was expected, in a sentence. */
  expected: string;
  /** What happened instead. */
  actual: string;
}

/** What a scenario led to on one flow. */
export interface ScenarioOutcome {
  name: string;
  /** `Programme recommandé` of the last need recorded. */
  programme?: string;
  /** `Éligible` of the last need recorded. */
  eligible?: boolean;
  /** `Rappel demandé` of the last need recorded. */
  callback: boolean;
  /** How many needs the conversation recorded. */
  references: number;
  /** The fields the scenario's `stored` names, as the last need has them (undefined when absent). */
  stored: { Besoins: Record<string, unknown>; Structures: Record<string, unknown> };
  failures: ScenarioFailure[];
  passed: boolean;
}

/**
 * Plays a scenario through the pure engine against a flow, on a clock that starts at the
 * scenario's `now` and only moves with its `advance` turns, and says what it led to and which
 * expectations failed. Never throws: an engine error is a failure of its turn.
 */
export function runScenario(flow: Flow, scenario: StoredScenario): ScenarioOutcome {
  let now = Date.parse(scenario.now);
  let state: ConversationState | undefined;
  let sequence = 0;
  const needs = new Map<string, NeedRecord>();
  const failures: ScenarioFailure[] = [];

  for (const [i, turn] of scenario.turns.entries()) {
    if ('advance' in turn) {
      now += durationMs(turn.advance);
      continue;
    }
    if ('restart' in turn) {
      state = state && (JSON.parse(JSON.stringify(state)) as ConversationState);
      continue;
    }
    const input: TurnInput = 'user' in turn ? { kind: 'message', text: turn.user } : 'submit' in turn ? { kind: 'message', value: turn.submit } : { kind: 'start' };
    const at = new Date(now);
    let said: string;
    try {
      const result = runTurn(flow, state, input, {
        now: at,
        conversationId: `scenario-${scenario.name.replace(/\W+/g, '-').toLowerCase()}`,
        channel: CHANNEL_NAMES[scenario.channel],
        nextReference: () => `${flow.settings.reference_prefix}-${at.getUTCFullYear()}-${String(++sequence).padStart(5, '0')}`,
      });
      if (result.need) needs.set(result.need.Besoins.Référence, result.need);
      state = JSON.parse(JSON.stringify(result.state)) as ConversationState;
      said = result.messages.map((m) => plainText(m.text)).join('\n');
    } catch (err) {
      failures.push({ turn: i + 1, expected: 'an answer from the bot', actual: `error: ${(err as Error).message}` });
      break;
    }
    const seen = normalise(said);
    for (const expected of asList(turn.bot)) {
      if (!seen.includes(normalise(expected))) failures.push({ turn: i + 1, expected: `the bot says "${expected}"`, actual: said || '(nothing)' });
    }
    for (const unwanted of asList(turn.not)) {
      if (seen.includes(normalise(unwanted))) failures.push({ turn: i + 1, expected: `the bot does not say "${unwanted}"`, actual: said });
    }
  }

  const recorded = [...needs.values()];
  const last = recorded[recorded.length - 1];
  failures.push(...storedFailures(scenario, recorded));
  const pick = (table: 'Besoins' | 'Structures') =>
    Object.fromEntries(Object.keys(scenario.stored?.[table] ?? {}).map((f) => [f, (last?.[table] as Record<string, unknown> | undefined)?.[f]]));
  return {
    name: scenario.name,
    programme: last?.Besoins['Programme recommandé'],
    eligible: last?.Besoins.Éligible,
    callback: last?.Besoins['Rappel demandé'] === true,
    references: recorded.length,
    stored: { Besoins: pick('Besoins'), Structures: pick('Structures') },
    failures,
    passed: failures.length === 0,
  };
}

function storedFailures(scenario: StoredScenario, recorded: NeedRecord[]): ScenarioFailure[] {
  const failures: ScenarioFailure[] = [];
  if (scenario.stored_count !== undefined && recorded.length !== scenario.stored_count) {
    failures.push({ expected: `${scenario.stored_count} need(s) recorded`, actual: `${recorded.length}` });
  }
  if (!scenario.stored && !scenario.stored_absent) return failures;
  const last = recorded[recorded.length - 1];
  if (!last) return [...failures, { expected: 'a need recorded', actual: 'none' }];
  for (const table of ['Besoins', 'Structures'] as const) {
    const actual = last[table] as Record<string, unknown>;
    for (const [field, expected] of Object.entries(scenario.stored?.[table] ?? {})) {
      if (!matches(actual[field], expected)) failures.push({ expected: `${table}.${field} = ${JSON.stringify(expected)}`, actual: JSON.stringify(actual[field]) ?? 'absent' });
    }
    for (const field of scenario.stored_absent?.[table] ?? []) {
      if (field in actual) failures.push({ expected: `no ${table}.${field}`, actual: JSON.stringify(actual[field]) });
    }
  }
  return failures;
}

/** Like Jest's toMatchObject: objects match on the keys expected, lists item by item, the rest exactly. */
export function matches(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e));
  if (expected && typeof expected === 'object') {
    return !!actual && typeof actual === 'object' && !Array.isArray(actual) && Object.entries(expected).every(([k, v]) => matches((actual as Record<string, unknown>)[k], v));
  }
  return isDeepStrictEqual(actual, expected);
}
