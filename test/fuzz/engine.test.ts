/**
 * Property-based fuzzing of the flow engine (src/engine/machine.ts `runTurn`, pure): random
 * sequences of inputs from a fresh state — any text, valid answers to the question on screen,
 * command words, card submits with random payloads, joins, hours of silence — never make a turn
 * throw; every state survives JSON (it is saved after every turn); and every answer stored, and
 * every need recorded, fits the need record schema that the journal and Airtable rely on.
 */
import fc from 'fast-check';
import { runTurn, type TurnInput } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { TRANSCRIPT_MAX_CHARS, TRANSCRIPT_MAX_ENTRIES } from '../../src/engine/state';
import { displayVars, valuesOf } from '../../src/engine/values';
import { evaluateCondition } from '../../src/domain';
import { walk } from '../../src/engine/walk';
import { SUMMARY, fieldOf } from '../../src/flow/model';
import { COMMANDS, type Step } from '../../src/flow/schema';
import { buildNeedRecord } from '../../src/needs/buildRecord';
import { CHANNELS, type ChannelName, type NeedRecord, needRecordSchema } from '../../src/needs/record';
import { sharedFlow } from '../support/channelHarness';
import { anyString, frenchish, userText } from './arbitraries';
import { fuzzParameters } from './settings';

const flow = sharedFlow();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_OR_INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const CONVERSATION = 'fuzz-conversation';

// ---------------------------------------------------------------- what the user does

/** Typical answers to each kind of question, most accepted (picked at run time for the question on screen). */
const VALID: Record<Exclude<Step['kind'], 'choice' | 'multichoice'>, string[]> = {
  text: ['Les Jardins Partagés', '"quotes" {braces} ${x} {{name}} <b>html</b>', 'مرحبا שלום 👩‍👩‍👧‍👦', 'rien'],
  count: ['2', 'deux', 'une quarantaine', '0', 'moi seul', '2,5'],
  amount: ['150 k€', '80 000 €', 'pas de budget', 'environ 1,5 M€'],
  year: ['2012', 'depuis 2020', 'il y a trois ans', "l'an dernier"],
  deadline: ["d'ici juin", "pas d'échéance", 'le 15 mars', 'dans 3 mois'],
  email: ['sam@example.org', 'Contact: Camille.Martin@Jardins.FR'],
  phone: ['06 12 34 56 78', '+33 (0)1 84 60 00 00', '0692 12 34 56'],
  url: ['www.jardins-partages.fr', 'https://example.org/a?b=<c>', 'pas de site'],
  yesno: ['oui', 'oui', 'non', 'ouais', 'pas vraiment', "j'accepte"],
  postcode: ['75011 Paris', '13001 Marseille', '97400', '2A004'],
  structure_id: ['W751234567', '732 829 320', 'je ne l’ai pas'],
};

const ALL_COMMAND_WORDS = COMMANDS.flatMap((c) => [...flow.commands[c].words.fr, ...flow.commands[c].words.en]);
const STEP_NAMES = flow.steps.flatMap((s) => [s.id, s.label.fr, s.label.en, ...(s.aliases?.fr ?? [])]);

/** An intent, resolved against the state when it is played (so it fits the question on screen). */
type Intent =
  | { t: 'start' }
  | { t: 'text'; text: string }
  | { t: 'valid'; pick: number }
  | { t: 'command'; pick: number; arg?: number }
  | { t: 'choiceSubmit'; picks: number[]; stale: boolean; asArray: boolean }
  | { t: 'commandSubmit'; command: string; field?: string }
  | { t: 'rawSubmit'; json: string; text?: string };

/** Keys a card payload may have, and keys JavaScript treats specially. */
const PAYLOAD_KEY = fc.constantFrom('answer', 'step', 'command', 'field', '__proto__', 'toString', 'valueOf', 'constructor', 'length', '0');
/** A JSON object text whose keys include those JavaScript treats specially. */
const objectJson = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.array(fc.tuple(PAYLOAD_KEY, value), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
const json = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.stringify(v) ?? 'null');
const leafJson = fc.oneof(json(fc.jsonValue({ maxDepth: 1 })), json(anyString(20)), json(fc.nat(20).map(String)));
/** A payload as a channel delivers it: parsed from JSON, so `__proto__` and friends are plain own keys. */
const rawPayload: fc.Arbitrary<string> = fc.oneof(
  json(fc.jsonValue({ maxDepth: 3 })),
  objectJson(fc.oneof(leafJson, objectJson(leafJson), fc.array(fc.oneof(leafJson, objectJson(leafJson)), { maxLength: 4 }).map((items) => `[${items.join(',')}]`))),
);

const intentArb: fc.Arbitrary<Intent> = fc.oneof(
  { weight: 12, arbitrary: fc.nat(1000).map((pick) => ({ t: 'valid' as const, pick })) },
  { weight: 4, arbitrary: userText.map((text) => ({ t: 'text' as const, text })) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('command' as const), pick: fc.nat(1000), arg: fc.option(fc.nat(1000), { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('choiceSubmit' as const), picks: fc.array(fc.integer({ min: -2, max: 14 }), { maxLength: 4 }), stale: fc.boolean(), asArray: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('commandSubmit' as const),
      command: fc.oneof(fc.constantFrom(...COMMANDS), anyString(12)),
      field: fc.option(fc.oneof(fc.constantFrom(...flow.steps.map((s) => s.id)), anyString(12)), { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('rawSubmit' as const), json: rawPayload, text: fc.option(frenchish(3), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'start' as const }) },
);

/** Minutes of silence before a turn: mostly none, sometimes long enough to be offered to resume. */
const pauseArb = fc.oneof({ weight: 8, arbitrary: fc.nat(3) }, { weight: 1, arbitrary: fc.integer({ min: 55, max: 24 * 60 }) });

const scenarioArb = fc.record({
  start: fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2080-12-31T00:00:00Z'), noInvalidDate: true }),
  channel: fc.constantFrom<ChannelName>(...CHANNELS),
  turns: fc.array(fc.tuple(intentArb, pauseArb), { minLength: 1, maxLength: 60 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/** The input an intent becomes, given the question on screen. */
function resolve(intent: Intent, state: ConversationState | undefined): TurnInput {
  const step = state?.phase === 'asking' && state.asking ? flow.stepById.get(state.asking) : undefined;
  switch (intent.t) {
    case 'start':
      return { kind: 'start' };
    case 'text':
      return { kind: 'message', text: intent.text };
    case 'valid': {
      if (state?.phase === 'summary') return { kind: 'message', text: ['confirmer', 'oui', 'modifier email', 'non'][intent.pick % 4] };
      if (!step) return { kind: 'message', text: ['bonjour', 'oui', 'recommencer'][intent.pick % 3] };
      if (step.kind === 'choice' || step.kind === 'multichoice') {
        const c = step.choices[intent.pick % step.choices.length];
        return { kind: 'message', text: [c.label.fr, c.label.en, String((intent.pick % step.choices.length) + 1), c.synonyms?.fr?.[0] ?? c.value][intent.pick % 4] };
      }
      const list = VALID[step.kind];
      return { kind: 'message', text: list[intent.pick % list.length] };
    }
    case 'command': {
      const word = ALL_COMMAND_WORDS[intent.pick % ALL_COMMAND_WORDS.length];
      return { kind: 'message', text: intent.arg === undefined ? word : `modifier ${STEP_NAMES[intent.arg % STEP_NAMES.length]}` };
    }
    case 'choiceSubmit': {
      const answer = intent.asArray ? intent.picks.map(String) : intent.picks.join(',');
      return { kind: 'message', value: { answer, step: intent.stale ? 'legal_form' : state?.asking } };
    }
    case 'commandSubmit':
      return { kind: 'message', value: { command: intent.command, field: intent.field } };
    case 'rawSubmit':
      return { kind: 'message', text: intent.text, value: JSON.parse(intent.json) };
  }
}

// ---------------------------------------------------------------- what must hold

/** Only what JSON keeps unchanged: plain objects, arrays, strings, finite numbers, booleans, null. */
function expectPlainJson(v: unknown, path = 'state'): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`${path} is ${v}, which JSON turns into null`);
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => expectPlainJson(x, `${path}[${i}]`));
  // A plain object of any realm (structuredClone builds its objects outside Jest's sandbox).
  const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (Object.prototype.toString.call(v) === '[object Object]' && (proto === null || Object.getPrototypeOf(proto) === null)) {
    for (const [k, x] of Object.entries(v as object)) if (x !== undefined) expectPlainJson(x, `${path}.${k}`);
    return;
  }
  throw new Error(`${path} is not plain JSON: ${String(v)}`);
}

/**
 * The walk as it was written first: every value, derived ones included, recomputed after each
 * answer. walk() computes derived values only for the conditions that read them; both must agree.
 */
function referenceWalk(state: ConversationState, now: Date): { next: string; path: string[]; values: string } {
  const path: Step[] = [];
  let values = valuesOf(flow, state.answers, path, now);
  const result = (next: string) => ({ next, path: path.map((s) => s.id), values: JSON.stringify(values) });
  const seen = new Set<string>();
  let index = 0;
  while (index < flow.steps.length) {
    const step = flow.steps[index];
    if (seen.has(step.id)) break;
    seen.add(step.id);
    if (step.when && !evaluateCondition(step.when, values)) {
      index += 1;
      continue;
    }
    if (!(fieldOf(step) in state.answers)) return result(`step ${step.id}`);
    path.push(step);
    values = valuesOf(flow, state.answers, path, now);
    const target = step.next === undefined ? undefined : typeof step.next === 'string' ? step.next : step.next.find((b) => !b.when || evaluateCondition(b.when, values))?.goto;
    if (target === undefined) {
      index += 1;
      continue;
    }
    if (target === SUMMARY) break;
    if (flow.endings[target]) return result(`ending ${target}`);
    index = flow.steps.findIndex((s) => s.id === target);
    if (index < 0) break;
  }
  return result('summary');
}

/** Everything answered so far, as a need record (what a call back or a confirmation would record now). */
function recordNow(state: ConversationState, now: Date, channel: ChannelName): NeedRecord {
  const w = walk(flow, state.answers, now);
  const next = w.next.kind === 'step' ? `step ${w.next.step.id}` : w.next.kind === 'ending' ? `ending ${w.next.id}` : 'summary';
  expect({ next, path: w.path.map((s) => s.id), values: JSON.stringify(w.values) }).toEqual(referenceWalk(state, now));
  return buildNeedRecord(flow, state, {
    reference: 'PBL-2026-99999',
    conversationId: CONVERSATION,
    channel,
    path: w.path,
    values: w.values,
    staffVars: displayVars(flow, state, w.values, now, 'fr'),
  });
}

function expectValidState(state: ConversationState): void {
  expectPlainJson(state);
  expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  expect(['idle', 'asking', 'summary', 'done']).toContain(state.phase);
  if (state.phase === 'asking') expect(flow.stepById.has(state.asking ?? '')).toBe(true);
  for (const field of Object.keys(state.answers)) expect(flow.steps.map(fieldOf)).toContain(field);
  expect(state.transcript.length).toBeLessThanOrEqual(TRANSCRIPT_MAX_ENTRIES);
  for (const t of state.transcript) {
    expect(t.text.length).toBeLessThanOrEqual(TRANSCRIPT_MAX_CHARS + 1);
    // Sent to Airtable as the need's Transcript: no half emoji (invalid UTF-8), no control characters.
    expect(t.text).not.toMatch(LONE_SURROGATE);
    if (t.from === 'user') expect(t.text).not.toMatch(CONTROL_OR_INVISIBLE);
  }
  expect(state.history.length).toBeLessThanOrEqual(100);
}

interface Tally {
  turns: number;
  needs: number;
  completed: number;
  callbacks: number;
  answersChecked: number;
}

/** Plays a scenario; throws (with the turn and input) at the first broken property. */
function play(s: Scenario, tally: Tally): void {
  let state: ConversationState | undefined;
  let now = s.start.getTime();
  let sequence = 0;
  for (const [i, [intent, pause]] of s.turns.entries()) {
    now += pause * 60_000 + 1_000;
    const input = resolve(intent, state);
    const date = new Date(now);
    const context = () => `turn ${i} (${JSON.stringify(input).slice(0, 300)}) in phase ${state?.phase}/${state?.asking}`;
    try {
      const result = runTurn(flow, state, input, {
        now: date,
        conversationId: CONVERSATION,
        channel: s.channel,
        nextReference: () => `PBL-${date.getUTCFullYear()}-${String(++sequence).padStart(5, '0')}`,
      });
      tally.turns++;
      expectValidState(result.state);
      for (const m of result.messages) expect(typeof m.text).toBe('string');
      // A message always gets an answer; a join may be silent (already welcomed, nothing to resume),
      // and so may a confirmed erasure, which the transport reports once it has deleted the data.
      const erasing = 'erase' in result && Boolean(result.erase);
      if (input.kind === 'message' && !erasing) expect(result.messages.some((m) => m.text.trim().length > 0)).toBe(true);
      for (const m of result.messages) if (m.type === 'card') expectPlainJson(m.data, 'card data');
      if (result.need) {
        tally.needs++;
        const parsed = needRecordSchema.safeParse(result.need);
        if (!parsed.success) throw new Error(`need breaks the schema: ${parsed.error.message}`);
        expectPlainJson(result.need, 'need');
        expect(JSON.parse(JSON.stringify(result.need))).toEqual(result.need);
        expect([result.state.reference, result.state.callback?.reference]).toContain(result.need.Besoins.Référence);
        if (result.need.Besoins['Programme recommandé']) tally.completed++;
        if (result.need.Besoins['Rappel demandé']) tally.callbacks++;
      }
      // Every answer kept so far would make a valid record (buildNeedRecord validates, and throws otherwise).
      if (result.state.consentAt) {
        recordNow(result.state, date, s.channel);
        tally.answersChecked++;
      }
      // The transport saves the state as JSON between turns.
      state = JSON.parse(JSON.stringify(result.state)) as ConversationState;
    } catch (err) {
      throw new Error(`${context()}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

// A full journey that ends with a recorded need, then a call back on the done need.
const HAPPY: Scenario = {
  start: new Date('2026-11-23T09:00:00Z'),
  channel: 'Site web',
  turns: ([{ t: 'start' }, ...Array.from({ length: 30 }, (): Intent => ({ t: 'valid', pick: 0 }))] as Intent[]).map((t) => [t, 0]),
};

/** Counterexamples fuzzing found, kept as named regressions (each was fixed in src/engine). */
const REGRESSIONS: Record<string, Scenario> = {
  // "retour" before any question got no reply at all (back() re-asked nothing in phase idle).
  'back as the very first message': {
    start: new Date('2024-01-01T00:00:00.000Z'),
    channel: 'Site web',
    turns: [[{ t: 'commandSubmit', command: 'back' }, 0]],
  },
  // The transcript clipped a long message in the middle of an emoji (a lone surrogate: invalid UTF-8 for Airtable).
  'long message clipped inside an emoji': {
    start: new Date('2024-01-01T00:00:00.000Z'),
    channel: 'Site web',
    turns: [[{ t: 'text', text: '!𐀀'.repeat(700) }, 0]],
  },
  // "modifier <unknown>" echoed the raw text back (here half an emoji) into the reply and the transcript.
  'unknown answer name echoed raw': {
    start: new Date('2024-01-01T00:00:00.000Z'),
    channel: 'Site web',
    turns: [
      [{ t: 'text', text: 'bonjour' }, 0],
      [{ t: 'text', text: 'modifier consent' }, 0],
      [{ t: 'text', text: '\ud83d oui ' }, 0],
    ],
  },
  // A card submit whose answer list holds an object with a "toString" key threw a TypeError.
  'card answer that cannot become a string': {
    start: new Date('2024-01-01T00:00:00.000Z'),
    channel: 'Site web',
    turns: [
      [{ t: 'rawSubmit', json: '{"answer":[{"toString":"0"}]}' }, 55],
      [{ t: 'command', pick: 0 }, 55],
    ],
  },
};


describe('runTurn under random input sequences', () => {
  test('the scenario player reaches recorded needs (the schema checks below are not vacuous)', () => {
    const tally: Tally = { turns: 0, needs: 0, completed: 0, callbacks: 0, answersChecked: 0 };
    play(HAPPY, tally);
    expect(tally.completed).toBe(1);
    expect(tally.answersChecked).toBeGreaterThan(15);
  });

  test.each(Object.entries(REGRESSIONS))('regression: %s', (_name, scenario) => {
    const tally: Tally = { turns: 0, needs: 0, completed: 0, callbacks: 0, answersChecked: 0 };
    play(scenario, tally);
    expect(tally.turns).toBe(scenario.turns.length);
  });

  test('never throws; states survive JSON; answers and needs fit the need record schema', () => {
    const tally: Tally = { turns: 0, needs: 0, completed: 0, callbacks: 0, answersChecked: 0 };
    fc.assert(
      fc.property(scenarioArb, (s) => play(s, tally)),
      fuzzParameters(150, [[HAPPY], ...Object.values(REGRESSIONS).map((r): [Scenario] => [r])]),
    );
    // The runs went deep: many turns, answers checked, needs recorded.
    expect(tally.turns).toBeGreaterThan(500);
    expect(tally.answersChecked).toBeGreaterThan(100);
    expect(tally.needs).toBeGreaterThan(0);
  }, 120_000);
});
