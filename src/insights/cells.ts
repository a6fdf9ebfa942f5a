import type { InsightsCell } from '../stores/insightsStore';
import type { InsightsTrack } from './track';

/**
 * The counters one journey adds, as cell keys. Per node: `reached` and `answered`, the sticky
 * flags, and where it stands (`frontier` with the minute of its last activity, or `cancelled`).
 * Per journey (node ''): `started`, `callback`, and its outcome.
 */
export const METRIC = {
  reached: 'reached',
  answered: 'answered',
  reprompted: 'reprompted',
  why: 'why',
  skipped: 'skipped',
  frontier: 'frontier',
  cancelled: 'cancelled',
  started: 'started',
  completed: 'completed',
  ending: 'ending',
  programme: 'programme',
  notEligible: 'not_eligible',
  failed: 'failed',
  callback: 'callback',
  duration: 'duration',
} as const;

/** Separates the parts of a key: a control character no id, channel or programme name holds. */
const SEP = '\u001f';

const local = (node: string, metric: string, detail = ''): string => node + SEP + metric + SEP + detail.replaceAll(SEP, ' ');

/** The key prefix of a journey's cells: what does not change along it (the language may). */
export const prefixOf = (t: InsightsTrack): string => t.version + SEP + t.day + SEP + t.channel + SEP + t.lang;

/**
 * The cells a track counts (each 1), as keys without their prefix. `from`: the answered steps
 * before that position are left out (addChange: steps both tracks answered alike count the same).
 */
export function cellsOf(t: InsightsTrack, from = 0): string[] {
  const c = t.contribution;
  const keys = [local('', METRIC.started)];
  for (let i = from; i < c.answered.length; i++) keys.push(local(c.answered[i], METRIC.reached), local(c.answered[i], METRIC.answered));
  const reached = (node: string) => node === c.frontier || c.answered.includes(node);
  if (c.frontier) {
    keys.push(local(c.frontier, METRIC.reached));
    keys.push(c.cancelled ? local(c.frontier, METRIC.cancelled) : local(c.frontier, METRIC.frontier, String(c.at ?? 0)));
  }
  // A flag counts while its step applies: a question that stopped applying takes its flags away too.
  for (const flag of ['reprompted', 'why', 'skipped'] as const) {
    for (const node of t[flag]) if (reached(node)) keys.push(local(node, METRIC[flag]));
  }
  if (t.callback) keys.push(local('', METRIC.callback));
  const o = c.outcome;
  if (o?.ending) keys.push(local('', METRIC.ending, o.ending));
  if (o?.programme) {
    keys.push(local('', METRIC.completed), local('', METRIC.programme, o.programme));
    if (o.failed?.length) keys.push(local('', METRIC.notEligible), ...o.failed.map((id) => local('', METRIC.failed, id)));
    if (o.durationBucket) keys.push(local('', METRIC.duration, o.durationBucket));
  }
  return keys;
}

/** Adds `sign` × the cells of a track to a map of changes (full keys). */
export function addCells(into: Map<string, number>, t: InsightsTrack | undefined, sign: 1 | -1): void {
  if (!t) return;
  const prefix = prefixOf(t) + SEP;
  for (const key of cellsOf(t)) {
    const full = prefix + key;
    const n = (into.get(full) ?? 0) + sign;
    if (n === 0) into.delete(full);
    else into.set(full, n);
  }
}

/**
 * Adds the cells of `after` minus those of `before` to a map of changes. A journey keeps its key
 * prefix from turn to turn (only a language switch changes it), so the two lists are compared
 * first and only the few cells that differ get their full key: most of a turn's cost otherwise.
 * The steps both tracks answered in the same order first add the same cells to both lists, which
 * cancel out: they are not listed at all (a turn usually adds one step to a path of dozens).
 */
export function addChange(into: Map<string, number>, before: InsightsTrack, after: InsightsTrack): void {
  const prefix = prefixOf(before);
  if (prefix !== prefixOf(after)) {
    addCells(into, before, -1);
    addCells(into, after, 1);
    return;
  }
  const [was, is] = [before.contribution.answered, after.contribution.answered];
  let same = 0;
  while (same < was.length && same < is.length && was[same] === is[same]) same++;
  const counts = new Map<string, number>();
  for (const key of cellsOf(before, same)) counts.set(key, (counts.get(key) ?? 0) - 1);
  for (const key of cellsOf(after, same)) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, d] of counts) {
    if (d === 0) continue;
    const full = prefix + SEP + key;
    const n = (into.get(full) ?? 0) + d;
    if (n === 0) into.delete(full);
    else into.set(full, n);
  }
}

/** Adds one map of changes into another (a batch), dropping what cancels out. */
export function mergeChanges(into: Map<string, number>, changes: ReadonlyMap<string, number>): void {
  for (const [key, d] of changes) {
    const n = (into.get(key) ?? 0) + d;
    if (n === 0) into.delete(key);
    else into.set(key, n);
  }
}

/** A full key and its count as a cell. */
export function toCell(key: string, n: number): InsightsCell {
  const [version, day, channel, lang, node, metric, detail] = key.split(SEP);
  return { version: Number(version), day, channel, lang, node, metric, detail, n };
}

/** A cell's full key (the inverse of toCell). */
export const keyOf = (c: Omit<InsightsCell, 'n'>): string =>
  c.version + SEP + c.day + SEP + c.channel + SEP + c.lang + SEP + local(c.node, c.metric, c.detail);
