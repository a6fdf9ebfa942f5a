import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTurn } from '../../src/engine/machine';
import type { ConversationState } from '../../src/engine/state';
import { loadFlow } from '../../src/flow/load';
import type { TurnFacts } from '../../src/insights/advance';
import { InsightsRecorder } from '../../src/insights/recorder';
import { PROJECT_ROOT } from '../../src/paths';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteInsightsStore } from '../../src/stores/sqlite/sqliteInsightsStore';
import type { NeedRecord } from '../../src/needs/record';
import { JOURNEY } from './journeyScript';
import { cpuMsSince, median } from './stats';

/**
 * Micro-benchmark (not a test) of what recording insights costs per turn, beside the engine's own
 * turn, on the bench journey: CPU time (user + system) of the engine alone, then of the insights
 * alone (prepare + commit per turn, flushes every second into SQLite, the last on close),
 * alternated three times; medians printed.
 *   node scripts/build-if-needed.js && node dist/scripts/bench/insightsTurnCost.js [journeys]
 */
export const flow = loadFlow(path.join(PROJECT_ROOT, 'dialogs'));
export const START = Date.parse('2026-11-23T08:00:00Z');

/** The engine's states along one journey (what the transport hands to insights each turn), and the need it records. */
export function engineJourney(id: string): { states: ConversationState[]; need: NeedRecord } {
  let state: ConversationState | undefined;
  let need: NeedRecord | undefined;
  const states: ConversationState[] = [];
  for (const [i, step] of JOURNEY.entries()) {
    const result = runTurn(flow, state, { kind: 'message', text: step.text }, { now: new Date(START + i * 20_000), conversationId: id, channel: 'Site web', nextReference: () => 'PBL-2026-00001' });
    state = result.state;
    need = result.need ?? need;
    states.push(state);
  }
  if (state?.phase !== 'done' || !need) throw new Error('the bench journey drifted off script');
  return { states, need };
}

function engineOnly(journeys: number): number {
  const since = process.cpuUsage();
  for (let j = 0; j < journeys; j++) engineJourney(`e${j}`);
  return cpuMsSince(since) / (journeys * JOURNEY.length);
}

async function insightsOnly(journeys: number, states: ConversationState[]): Promise<{ perTurn: number; trackBytes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'insights-bench-'));
  const db = openDatabase(dir);
  const recorder = new InsightsRecorder(new SqliteInsightsStore(db), { timeZone: 'Europe/Paris', flushIntervalMs: 1000 });
  let trackBytes = 0;
  const since = process.cpuUsage();
  for (let j = 0; j < journeys; j++) {
    let track: unknown;
    for (const [i, s] of states.entries()) {
      const facts: TurnFacts = { flow, version: 1, channel: 'Site web', lang: s.lang, now: new Date(START + j * 1000 + i * 20_000), phase: s.phase, answers: s.answers, events: [] };
      // As the bot stores it: the track goes through JSON with the state.
      const prepared = await recorder.prepare(track, facts);
      track = JSON.parse(JSON.stringify(prepared.track));
      prepared.commit();
    }
    trackBytes = Math.max(trackBytes, JSON.stringify(track).length);
  }
  await recorder.close();
  const perTurn = cpuMsSince(since) / (journeys * states.length);
  closeDatabase(db);
  fs.rmSync(dir, { recursive: true, force: true });
  return { perTurn, trackBytes };
}

export interface InsightsCost {
  /** CPU per turn of the engine alone (runTurn), ms. */
  enginePerTurnMs: number;
  /** CPU per turn of insights recording alone (prepare + commit + flushes), ms. */
  insightsPerTurnMs: number;
  trackBytes: number;
}

/** Engine alone, then insights alone, alternated three times; medians. Loads and warms the recognizers. */
export async function insightsTurnCost(journeys: number): Promise<InsightsCost> {
  const { states } = engineJourney('warm');
  await insightsOnly(Math.min(20, journeys), states);
  const engine: number[] = [];
  const insights: number[] = [];
  let trackBytes = 0;
  for (let round = 0; round < 3; round++) {
    engine.push(engineOnly(journeys));
    const r = await insightsOnly(journeys, states);
    insights.push(r.perTurn);
    trackBytes = r.trackBytes;
  }
  return { enginePerTurnMs: median(engine), insightsPerTurnMs: median(insights), trackBytes };
}

async function main(): Promise<void> {
  const journeys = Number(process.argv[2] ?? 100);
  const { enginePerTurnMs: e, insightsPerTurnMs: i, trackBytes } = await insightsTurnCost(journeys);
  console.log(`journeys per round: ${journeys} × ${JOURNEY.length} turns, 3 rounds (medians)`);
  console.log(`engine turn (runTurn):        ${(e * 1000).toFixed(0)} µs CPU`);
  console.log(`insights per turn:            ${(i * 1000).toFixed(0)} µs CPU (prepare + commit + flushes)`);
  console.log(`insights / engine turn:       ${((100 * i) / e).toFixed(1)} %`);
  console.log(`largest track in the state:   ${trackBytes} bytes of JSON`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
