/**
 * Property-based tests of the insights funnel over random journeys (the real flow schema and the
 * real walk) and random conversations: answers, edits that change which questions apply, going
 * back, re-prompts, "pourquoi", skips, cancels, restarts, idle gaps, completions, language
 * switches, several conversations interleaved; and, in the second property, turns whose counts a
 * crash lost. The seed is fixed so that a run is the same everywhere; another campaign:
 * INSIGHTS_SEED=<n> [INSIGHTS_RUNS=<n>] npx jest test/insights/funnel; a failure prints the seed
 * and path to replay with INSIGHTS_SEED and INSIGHTS_PATH.
 */
import fc from 'fast-check';
import { toCell } from '../../src/insights/cells';
import { insightsReport } from '../../src/insights/query';
import { SUMMARY_NODE } from '../../src/insights/track';
import type { InsightsCell } from '../../src/stores/insightsStore';
import { buildFlow, flowSpecArb, type StepSpec } from './support/randomFlow';
import { type Op, opArb, Simulation } from './support/simulation';

const SEED = process.env.INSIGHTS_SEED ? Number(process.env.INSIGHTS_SEED) : 20_261_123;
const RUNS = process.env.INSIGHTS_RUNS ? Number(process.env.INSIGHTS_RUNS) : 150;
const params: fc.Parameters<unknown> = { seed: SEED, numRuns: RUNS, path: process.env.INSIGHTS_PATH, endOnFailure: true };

const NODE_METRICS = ['reached', 'answered', 'reprompted', 'why', 'skipped', 'frontier', 'cancelled'];

/** Per journey key and node: the sums of each node metric (frontier over every minute). */
function byNode(cells: InsightsCell[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const c of cells) {
    if (!c.node) continue;
    const key = [c.version, c.day, c.channel, c.lang, c.node].join('|');
    const row = out.get(key) ?? {};
    row[c.metric] = (row[c.metric] ?? 0) + c.n;
    out.set(key, row);
  }
  return out;
}

/** Sums per node over every version, day, channel and language. */
function totals(rows: Map<string, Record<string, number>>, sign = 1, into = new Map<string, Record<string, number>>()) {
  for (const [key, row] of rows) {
    const node = key.split('|').pop()!;
    const t = into.get(node) ?? {};
    for (const [m, n] of Object.entries(row)) t[m] = (t[m] ?? 0) + sign * n;
    into.set(node, t);
  }
  return into;
}

/** Nothing negative, and reached = answered + at the frontier (in progress or stopped) + cancelled, flags within reached. */
function checkFunnel(rows: Map<string, Record<string, number>>, where: string): void {
  for (const [key, row] of rows) {
    const get = (m: string) => row[m] ?? 0;
    for (const m of NODE_METRICS) if (get(m) < 0) throw new Error(`${where}: ${m} = ${get(m)} at ${key}`);
    if (get('reached') !== get('answered') + get('frontier') + get('cancelled')) {
      throw new Error(`${where}: reached ${get('reached')} ≠ answered ${get('answered')} + frontier ${get('frontier')} + cancelled ${get('cancelled')} at ${key}`);
    }
    for (const m of ['reprompted', 'why', 'skipped']) if (get(m) > get('reached')) throw new Error(`${where}: ${m} ${get(m)} > reached at ${key}`);
  }
}

const cellsOf = (sim: Simulation) => [...sim.counters].map(([k, n]) => toCell(k, n));

/** The figures as staff read them, at some instant after the last turn: reached = answered + stopped + in progress. */
function checkReport(sim: Simulation, laterMinutes: number): void {
  const version = { version: 1, resumeAfterMinutes: sim.flow.settings.resume_after_minutes, nodes: [...sim.flow.steps.map((s) => s.id), SUMMARY_NODE] };
  const now = new Date(sim.now.getTime() + laterMinutes * 60_000);
  const report = insightsReport(cellsOf(sim), [version], { now, by: ['channel', 'lang'] });
  for (const r of report.steps) {
    for (const m of ['reached', 'answered', 'reprompted', 'why', 'skipped', 'stopped', 'inProgress', 'cancelled'] as const) expect(r[m]).toBeGreaterThanOrEqual(0);
    expect(r.reached).toBe(r.answered + r.stopped + r.inProgress);
  }
  const stoppedLongAfter = insightsReport(cellsOf(sim), [version], { now: new Date(now.getTime() + 1e9) });
  for (const r of stoppedLongAfter.steps) expect(r.inProgress).toBe(0);
}

/** Plays the ops on a journey built from the specs, checking the funnel after every turn. */
function playChecked(specs: StepSpec[], ops: Op[]): Simulation {
  const sim = new Simulation(buildFlow(specs));
  for (const [i, op] of ops.entries()) {
    sim.play(op);
    checkFunnel(byNode(cellsOf(sim)), `after op ${i} (${op.kind}${op.lost ? ', lost' : ''})`);
  }
  return sim;
}

describe(`insights funnel over random journeys (seed ${SEED}, ${RUNS} runs)`, () => {
  test('after every turn nothing is negative and reached = answered + stopped + in progress; the counts are exactly those of the journeys as they stand', () => {
    fc.assert(
      fc.property(flowSpecArb, fc.array(opArb(false), { minLength: 30, maxLength: 80, size: 'max' }), fc.nat(200), (specs, ops, later) => {
        const sim = playChecked(specs, ops);
        // A question counts only over the journeys on whose path it is now (an edit that makes it
        // stop applying takes it away; asked again it is not counted twice).
        expect(totals(byNode(cellsOf(sim)))).toEqual(sim.expectedNodeCounts());
        checkReport(sim, later);
      }),
      params,
    );
  });

  test('with turns lost in crashes: still never negative, reached = answered + stopped + in progress, and the journeys no crash touched are counted exactly', () => {
    fc.assert(
      fc.property(flowSpecArb, fc.array(opArb(true), { minLength: 30, maxLength: 80, size: 'max' }), fc.nat(200), (specs, ops, later) => {
        const sim = playChecked(specs, ops);
        // What the crash-touched journeys still count is itself a valid funnel: the counters minus
        // the exact counts of the untouched journeys.
        const untouched = sim.expectedNodeCounts(sim.journeys.filter((j) => !j.unpredictable));
        const rest = totals(byNode(cellsOf(sim)));
        for (const [node, row] of untouched) {
          const r = rest.get(node) ?? {};
          for (const [m, n] of Object.entries(row)) r[m] = (r[m] ?? 0) - n;
          rest.set(node, r);
        }
        checkFunnel(new Map([...rest].map(([node, row]) => [node, row])), 'crash-touched journeys');
        checkReport(sim, later);
      }),
      params,
    );
  });
});
