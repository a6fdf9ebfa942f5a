import path from 'node:path';
import { createAirtableRequest, type AirtableRequest } from '../../src/airtable/http';
import { type Clock, RateLimiter } from '../../src/airtable/rateLimiter';
import { type BaseSchema, buildBaseSchema } from '../../src/airtable/schema';
import { loadFlow } from '../../src/flow/load';
import type { Flow } from '../../src/flow/model';
import { createLogger, type Logger } from '../../src/log';
import type { NeedRecord } from '../../src/needs/record';
import type { LeasedClaims } from '../../src/stores/leasedClaims';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { sqliteClaims } from '../../src/stores/sqlite/sqliteClaims';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';
import { DIALOGS_DIR, CARDS_DIR } from '../../src/paths';
import { makeTempDir } from '../stores/tempDir';
import { FakeAirtable } from './fakeAirtable';

export const TOKEN = 'patTEST.secret';
export const BASE = 'appTEST0000000001';

let flow: Flow | undefined;
export function projectFlow(): Flow {
  flow ??= loadFlow(DIALOGS_DIR, CARDS_DIR);
  return flow;
}

/** Virtual time: `sleep` moves the clock at once instead of waiting. */
export interface VirtualClock extends Clock {
  slept: number[];
  /** Moves the clock on without it counting as a sleep. */
  advance(ms: number): void;
}
export function virtualClock(start = 1_000_000): VirtualClock {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    advance: (ms) => {
      t += ms;
    },
    now: () => t,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      t += Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason;
    },
  };
}

/**
 * A timeout (for a request attempt, a send) that runs out when an event happens rather than
 * after real time: `subscribe` registers the listener and returns its removal; `onFire` sees the
 * timeout's length. It rejects once `signal` says the attempt is over.
 */
export function eventTimer(subscribe: (listener: () => void) => () => void, onFire: (ms: number) => void = () => undefined): (ms: number, signal: AbortSignal) => Promise<void> {
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const off = subscribe(() => {
        off();
        onFire(ms);
        resolve();
      });
      signal.addEventListener(
        'abort',
        () => {
          off();
          reject(signal.reason);
        },
        { once: true },
      );
    });
}

/**
 * An attempt times out when the fake leaves a request unanswered (a hang), and the clock moves on
 * by the timeout, whatever the real time it took. For tests where one request is in flight at a time.
 */
export const hangTimer = (fake: FakeAirtable, clock: VirtualClock) => eventTimer((listener) => fake.onHang(listener), (ms) => clock.advance(ms));

/** A logger whose lines the test can read. */
export function captureLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = createLogger('debug', { write: (s: string) => void out.push(s) });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** The complete base, made directly in the fake (no request logged). */
export function seedBase(fake: FakeAirtable, schema: BaseSchema = buildBaseSchema(projectFlow())): void {
  for (const spec of schema.tables) {
    const fields = spec.fields
      .filter((f) => !f.link || (!f.link.inverseOf && fake.tables.some((t) => t.name === f.link!.table)))
      .map((f) => ({
        name: f.name,
        type: f.type,
        ...(f.description ? { description: f.description } : {}),
        ...(f.link ? { options: { linkedTableId: fake.table(f.link.table).id } } : f.options ? { options: f.options } : {}),
      }));
    fake.createTable({ name: spec.name, fields });
  }
}

export interface World {
  fake: FakeAirtable;
  url: string;
  clock: VirtualClock;
  limiter: RateLimiter;
  request: AirtableRequest;
  db: Database;
  journal: SqliteNeedsJournal;
  /** The store's claims, as the server holds them (another process opens its own: `openClaims`). */
  claims: LeasedClaims;
  openClaims(): LeasedClaims;
  logger: Logger;
  logLines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

export async function makeWorld(options: { seed?: boolean } = {}): Promise<World> {
  const clock = virtualClock();
  const fake = new FakeAirtable({ token: TOKEN, baseId: BASE, now: clock.now });
  if (options.seed !== false) seedBase(fake);
  const url = await fake.start();
  const limiter = new RateLimiter({ clock });
  const { logger, lines } = captureLogger();
  const request = createAirtableRequest({
    token: TOKEN,
    endpointUrl: `${url}/`,
    clock,
    random: () => 0.5,
    limiter: () => limiter,
    requestTimeoutMs: 2_000,
    attemptTimer: hangTimer(fake, clock),
    logger,
  });
  const tmp = makeTempDir();
  const db = openDatabase(path.join(tmp.dir, 'data'));
  const journal = new SqliteNeedsJournal(db);
  const opened: LeasedClaims[] = [];
  const openClaims = () => {
    const claims = sqliteClaims(db);
    opened.push(claims);
    return claims;
  };
  const claims = openClaims();
  return {
    fake,
    url,
    clock,
    limiter,
    request,
    db,
    journal,
    claims,
    openClaims,
    logger,
    logLines: lines,
    close: async () => {
      await Promise.all(opened.map((c) => c.close()));
      await fake.close();
      closeDatabase(db);
      tmp.cleanup();
    },
  };
}

/** A need record with the shape of src/needs/record.ts. */
export function makeRecord(
  reference: string,
  structure: Partial<NeedRecord['Structures']> = {},
  need: Partial<NeedRecord['Besoins']> = {},
): NeedRecord {
  return {
    Structures: {
      Nom: 'Les Jardins Partagés',
      'Forme juridique': 'Association loi 1901',
      'Code postal': '75011',
      Ville: 'Paris',
      Territoire: 'Île-de-France',
      'Année de création': 2012,
      Salariés: 2,
      Bénévoles: 40,
      'Budget annuel (€)': 150000,
      Causes: ['Transition écologique', 'Culture'],
      'Site web': 'https://jardins.example.org',
      Contact: 'Camille Martin',
      Email: 'camille@example.org',
      Téléphone: '+33 6 12 34 56 78',
      ...structure,
    },
    Besoins: {
      Référence: reference,
      Statut: 'Nouveau',
      Éligible: true,
      Motifs: '- Structure à finalité sociale',
      Domaines: ['Communication et marketing'],
      Description: 'Refaire notre site web.',
      Nature: 'Ponctuel',
      Échéance: '2026-06-30',
      'Personnes disponibles': 2,
      'Situation financière': 'Stable',
      'Programme recommandé': 'Probono Booster',
      'Autres programmes': ['Mission freelance'],
      Canal: 'Site web',
      Langue: 'fr',
      Conversation: `conv-${reference}`,
      Transcript: '[user] bonjour',
      'Rappel demandé': false,
      Consentement: '2026-03-01T10:00:00.000Z',
      ...need,
    },
  };
}

/** Counts of requests per 1-second window: the most found in any window starting at a request. */
export function maxInAnyWindow(times: number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0; i < sorted.length; i++) {
    let n = 0;
    for (let j = i; j < sorted.length && sorted[j] - sorted[i] < windowMs; j++) n++;
    max = Math.max(max, n);
  }
  return max;
}
