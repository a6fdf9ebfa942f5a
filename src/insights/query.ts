import type { InsightsCell, InsightsVersion } from '../stores/insightsStore';
import { METRIC } from './cells';
import { medianSeconds } from './durations';

/** The figures of one node (the studio's StepFigures). */
export interface StepFigures {
  reached: number;
  answered: number;
  reprompted: number;
  why: number;
  skipped: number;
  /** No answer for longer than the resume delay, or cancelled there. */
  stopped: number;
  inProgress: number;
}

export interface StepRow extends StepFigures {
  version: number;
  /** A step id, or `@summary`. */
  step: string;
  channel?: string;
  lang?: string;
  /** Of `stopped`, those that cancelled. */
  cancelled: number;
}

export type OutcomeKind = 'started' | 'completed' | 'ending' | 'programme' | 'not_eligible' | 'callback';

/** A count of journeys: per programme recommended, per early ending, not eligible per failed criterion (key '' = not eligible at all)… */
export interface OutcomeRow {
  version: number;
  channel?: string;
  lang?: string;
  kind: OutcomeKind;
  key: string;
  count: number;
}

export interface MedianRow {
  version: number;
  channel?: string;
  lang?: string;
  completed: number;
  medianCompletionSeconds: number | null;
}

export interface InsightsReport {
  steps: StepRow[];
  outcomes: OutcomeRow[];
  /** Per group. */
  medians: MedianRow[];
  /** Over everything selected. */
  medianCompletionSeconds: number | null;
}

export interface ReportOptions {
  /** Figures at this instant: a journey idle for longer than its version's resume delay has stopped. */
  now: Date;
  channel?: string;
  lang?: string;
  /** Rows per version always; per channel and/or language too when asked. */
  by?: ('channel' | 'lang')[];
}

const DEFAULT_RESUME_MINUTES = 60;
const OUTCOME_OF: Record<string, OutcomeKind> = {
  [METRIC.started]: 'started',
  [METRIC.completed]: 'completed',
  [METRIC.ending]: 'ending',
  [METRIC.programme]: 'programme',
  [METRIC.failed]: 'not_eligible',
  [METRIC.notEligible]: 'not_eligible',
  [METRIC.callback]: 'callback',
};

/**
 * The figures of the cells read from the store (already filtered by version and period). A
 * journey at a question is "in progress" until its last activity is older than its version's
 * resume delay, then "stopped": decided here, at read time, so nothing has to sweep.
 */
export function insightsReport(cells: readonly InsightsCell[], versions: readonly InsightsVersion[], options: ReportOptions): InsightsReport {
  const by = new Set(options.by ?? []);
  const meta = new Map(versions.map((v) => [v.version, v]));
  const nowMinute = Math.floor(options.now.getTime() / 60_000);
  const steps = new Map<string, StepRow>();
  const outcomes = new Map<string, OutcomeRow>();
  const histograms = new Map<string, { row: MedianRow; buckets: Map<string, number> }>();
  const all = new Map<string, number>();

  for (const c of cells) {
    if ((options.channel && c.channel !== options.channel) || (options.lang && c.lang !== options.lang)) continue;
    const group = { version: c.version, ...(by.has('channel') ? { channel: c.channel } : {}), ...(by.has('lang') ? { lang: c.lang } : {}) };
    const groupKey = JSON.stringify(group);
    if (c.node) {
      const key = `${groupKey}\u001f${c.node}`;
      let row = steps.get(key);
      if (!row) steps.set(key, (row = { ...group, step: c.node, reached: 0, answered: 0, reprompted: 0, why: 0, skipped: 0, stopped: 0, inProgress: 0, cancelled: 0 }));
      addStepCell(row, c, nowMinute, meta.get(c.version)?.resumeAfterMinutes ?? DEFAULT_RESUME_MINUTES);
    } else if (c.metric === METRIC.duration) {
      let h = histograms.get(groupKey);
      if (!h) histograms.set(groupKey, (h = { row: { ...group, completed: 0, medianCompletionSeconds: null }, buckets: new Map() }));
      h.buckets.set(c.detail, (h.buckets.get(c.detail) ?? 0) + c.n);
      h.row.completed += c.n;
      all.set(c.detail, (all.get(c.detail) ?? 0) + c.n);
    } else if (OUTCOME_OF[c.metric]) {
      const kind = OUTCOME_OF[c.metric];
      const key = `${groupKey}\u001f${kind}\u001f${c.detail}`;
      let row = outcomes.get(key);
      if (!row) outcomes.set(key, (row = { ...group, kind, key: c.detail, count: 0 }));
      row.count += c.n;
    }
  }

  const medians = [...histograms.values()].map(({ row, buckets }) => ({ ...row, medianCompletionSeconds: medianSeconds(buckets) }));
  return {
    steps: [...steps.values()].sort(stepOrder(meta)),
    outcomes: [...outcomes.values()].sort((a, b) => a.version - b.version || cmp(a.channel, b.channel) || cmp(a.lang, b.lang) || cmp(a.kind, b.kind) || cmp(a.key, b.key)),
    medians: medians.sort((a, b) => a.version - b.version || cmp(a.channel, b.channel) || cmp(a.lang, b.lang)),
    medianCompletionSeconds: medianSeconds(all),
  };
}

function addStepCell(row: StepRow, c: InsightsCell, nowMinute: number, resumeAfterMinutes: number): void {
  switch (c.metric) {
    case METRIC.reached:
    case METRIC.answered:
    case METRIC.reprompted:
    case METRIC.why:
    case METRIC.skipped:
      row[c.metric] += c.n;
      return;
    case METRIC.cancelled:
      row.cancelled += c.n;
      row.stopped += c.n;
      return;
    case METRIC.frontier:
      // Stopped as the engine sees it: idle for longer than the resume delay.
      if (nowMinute - Number(c.detail) > resumeAfterMinutes) row.stopped += c.n;
      else row.inProgress += c.n;
  }
}

const cmp = (a: string | undefined, b: string | undefined): number => (a ?? '').localeCompare(b ?? '');

/** Versions in order, nodes in journey order (unknown ones last, by name), then channel and language. */
function stepOrder(meta: ReadonlyMap<number, InsightsVersion>) {
  const rank = (r: StepRow) => {
    const at = meta.get(r.version)?.nodes.indexOf(r.step) ?? -1;
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return (a: StepRow, b: StepRow) => a.version - b.version || rank(a) - rank(b) || cmp(a.step, b.step) || cmp(a.channel, b.channel) || cmp(a.lang, b.lang);
}
