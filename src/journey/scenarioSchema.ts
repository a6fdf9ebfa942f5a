import { z } from 'zod';

/**
 * A scenario: a conversation as data (what the user types or clicks, what the bot must say,
 * what must be stored). The same format as the conversation tests (test/conversations/*.yaml);
 * staff keep theirs in dialogs/scenarios/, and publishing replays them against the draft.
 */
const expectation = z.union([z.string(), z.array(z.string())]).optional();
export const scenarioTurnSchema = z.union([
  z.object({ user: z.string(), bot: expectation, not: expectation }).strict(),
  z.object({ submit: z.record(z.string(), z.unknown()), bot: expectation, not: expectation }).strict(),
  z.object({ join: z.literal(true), bot: expectation, not: expectation }).strict(),
  /** Moves the clock: "90s", "30m", "3h", "2d". */
  z.object({ advance: z.string().regex(/^\d+[smhd]$/) }).strict(),
  /** Stops the server and starts a new one on the same data (a pure run reloads its state from JSON). */
  z.object({ restart: z.literal(true) }).strict(),
]);
export type ScenarioTurn = z.infer<typeof scenarioTurnSchema>;

const tableExpectation = z.record(z.string(), z.unknown()).optional();
export const SCENARIO_CHANNELS = ['emulator', 'webchat', 'msteams', 'slack'] as const;
export type ScenarioChannel = (typeof SCENARIO_CHANNELS)[number];

export const scenarioSchema = z
  .object({
    name: z.string(),
    /**
     * The clock of the first turn (it moves only with `advance`): replays give the same answers
     * on any day. Required in dialogs/scenarios/ (see storedScenarioSchema); the conversation
     * tests give their own default.
     */
    now: z.string().datetime({ offset: true }).optional(),
    channel: z.enum(SCENARIO_CHANNELS).default('emulator'),
    /** Which ways the tests run it: straight through the engine, and through the real HTTP server. */
    drivers: z.array(z.enum(['engine', 'http'])).default(['engine', 'http']),
    turns: z.array(scenarioTurnSchema).min(1),
    /** The need recorded for this conversation (only the fields given are compared). */
    stored: z.object({ Besoins: tableExpectation, Structures: tableExpectation }).strict().optional(),
    /** Fields that must be absent from the stored need. */
    stored_absent: z.object({ Besoins: z.array(z.string()).optional(), Structures: z.array(z.string()).optional() }).strict().optional(),
    /** How many needs this conversation recorded (0: nothing stored). */
    stored_count: z.number().int().min(0).optional(),
  })
  .strict();
export type Scenario = z.infer<typeof scenarioSchema>;

/** A scenario staff keep (dialogs/scenarios/): its clock is part of it. */
export const storedScenarioSchema = scenarioSchema.required({ now: true });
export type StoredScenario = z.infer<typeof storedScenarioSchema>;

export const durationMs = (d: string): number => {
  const n = Number(d.slice(0, -1));
  return n * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[d.slice(-1) as 's' | 'm' | 'h' | 'd'];
};

export const asList = (e: string | string[] | undefined): string[] => (e === undefined ? [] : Array.isArray(e) ? e : [e]);

/** Compared without case and with any run of spaces (including no-break spaces) as one. */
export const normalise = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/[’]/g, "'").toLowerCase();
