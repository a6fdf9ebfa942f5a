import fs from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';

/** A conversation test as data: what the user does, what the bot must say, what must be stored. */
const expectation = z.union([z.string(), z.array(z.string())]).optional();
const turnSchema = z.union([
  z.object({ user: z.string(), bot: expectation, not: expectation }).strict(),
  z.object({ submit: z.record(z.string(), z.unknown()), bot: expectation, not: expectation }).strict(),
  z.object({ join: z.literal(true), bot: expectation, not: expectation }).strict(),
  /** Moves the clock: "90s", "30m", "3h", "2d". */
  z.object({ advance: z.string().regex(/^\d+[smhd]$/) }).strict(),
  /** Stops the server and starts a new one on the same data (the engine driver reloads its state from JSON). */
  z.object({ restart: z.literal(true) }).strict(),
]);
export type ScriptTurn = z.infer<typeof turnSchema>;

const tableExpectation = z.record(z.string(), z.unknown()).optional();
export const scriptSchema = z
  .object({
    name: z.string(),
    now: z.string().datetime({ offset: true }).default('2026-11-23T10:00:00+01:00'),
    channel: z.enum(['emulator', 'webchat', 'msteams', 'slack']).default('emulator'),
    /** The channel's locale on every activity (Web Chat sends the browser's language). */
    locale: z.string().default('fr-FR'),
    /** Which ways to run it: straight through the engine, and through the real HTTP server. */
    drivers: z.array(z.enum(['engine', 'http'])).default(['engine', 'http']),
    turns: z.array(turnSchema).min(1),
    /**
     * The need recorded for this conversation (only the fields given are compared; a field given
     * as `{ lines: [...] }` must hold these whole lines in this order, see storedExpectations.ts).
     * Every stored need's `Conversation` is checked against the conversation's id in any case.
     */
    stored: z.object({ Besoins: tableExpectation, Structures: tableExpectation }).strict().optional(),
    /** Fields that must be absent from the stored need. */
    stored_absent: z.object({ Besoins: z.array(z.string()).optional(), Structures: z.array(z.string()).optional() }).strict().optional(),
    /** How many needs this conversation recorded (0: nothing stored). */
    stored_count: z.number().int().min(0).optional(),
  })
  .strict();
export type Script = z.infer<typeof scriptSchema>;

export function readScript(file: string): Script {
  return scriptSchema.parse(YAML.parse(fs.readFileSync(file, 'utf8')));
}

export const durationMs = (d: string): number => {
  const n = Number(d.slice(0, -1));
  return n * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[d.slice(-1) as 's' | 'm' | 'h' | 'd'];
};

export const asList = (e: string | string[] | undefined): string[] => (e === undefined ? [] : Array.isArray(e) ? e : [e]);

/** Compared without case and with any run of spaces (including no-break spaces) as one. */
export const normalise = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/[’]/g, "'").toLowerCase();
