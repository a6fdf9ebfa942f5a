import { evaluateCondition, type Values } from '../domain';
import { type Flow, SUMMARY, fieldOf } from '../flow/model';
import type { Condition, Step } from '../flow/schema';
import type { StoredAnswer } from './state';
import { valuesOf } from './values';

export type Destination = { kind: 'step'; step: Step } | { kind: 'ending'; id: string } | { kind: 'summary' };

export interface Walk {
  /** Where the journey stands: the first unanswered question, an ending, or the summary. */
  next: Destination;
  /** The answered questions on the way, in order: the ones that count. */
  path: Step[];
  /** Values of the path (answers + derived + eligible). */
  values: Values;
}

/**
 * Follows the journey from its first step with the answers given so far. Answers are kept when a
 * question is edited, so the walk alone decides what to ask next and which answers still apply.
 *
 * Conditions that read only answers are evaluated on the answers of the path; the derived values
 * (territory, eligibility, recommendation…) are computed only for a condition that reads one, and
 * for the result: computing them after every answer made a walk quadratic, and it was the largest
 * part of a turn's engine time.
 */
export function walk(flow: Flow, answers: Record<string, StoredAnswer>, now: Date): Walk {
  const last = lastWalk.get(answers);
  if (last && last.flow === flow && last.at === now.getTime() && sameAnswers(last.answered, answers)) return last.walk;
  const result = walkAnew(flow, answers, now);
  lastWalk.set(answers, { flow, at: now.getTime(), answered: Object.entries(answers), walk: result });
  return result;
}

/**
 * The last walk of each answers object, with the answers it saw: a turn's engine and its insights
 * (src/insights/advance.ts) walk the same final answers at the same instant, twice the same work.
 * A stored answer is replaced, never changed in place (answering.ts), so the same entries mean the
 * same answers; a walk is only read by its callers.
 */
const lastWalk = new WeakMap<object, { flow: Flow; at: number; answered: [string, StoredAnswer][]; walk: Walk }>();

function sameAnswers(seen: readonly [string, StoredAnswer][], answers: Record<string, StoredAnswer>): boolean {
  let count = 0;
  for (const key in answers) {
    const entry = seen[count++];
    if (!entry || entry[0] !== key || entry[1] !== answers[key]) return false;
  }
  return count === seen.length;
}

function walkAnew(flow: Flow, answers: Record<string, StoredAnswer>, now: Date): Walk {
  const path: Step[] = [];
  const seen = new Set<string>();
  const derived = derivedNames(flow);
  const plain: Record<string, unknown> = {};
  let full: Values | undefined;
  const values = (): Values => (full ??= valuesOf(flow, answers, path, now));
  const holds = (cond: Condition): boolean => evaluateCondition(cond, readsDerived(cond, derived) ? values() : plain);
  let index = 0;
  while (index < flow.steps.length) {
    const step = flow.steps[index];
    if (seen.has(step.id)) break; // flow checks refuse loops; never spin on a bad flow
    seen.add(step.id);
    if (step.when && !holds(step.when)) {
      index += 1;
      continue;
    }
    if (!(fieldOf(step) in answers)) return { next: { kind: 'step', step }, path, values: values() };
    path.push(step);
    plain[fieldOf(step)] = answers[fieldOf(step)].v;
    full = undefined;
    const target = nextTarget(step, holds);
    if (target === undefined) {
      index += 1;
      continue;
    }
    if (target === SUMMARY) break;
    if (flow.endings[target]) return { next: { kind: 'ending', id: target }, path, values: values() };
    index = flow.steps.findIndex((s) => s.id === target);
    if (index < 0) break;
  }
  return { next: { kind: 'summary' }, path, values: values() };
}

/** The names valuesOf adds to the answers, per flow: what a condition must not read from answers alone. */
const derivedOf = new WeakMap<Flow, ReadonlySet<string>>();
function derivedNames(flow: Flow): ReadonlySet<string> {
  let names = derivedOf.get(flow);
  if (!names) derivedOf.set(flow, (names = new Set([...Object.keys(flow.derived), 'eligible'])));
  return names;
}

/** Whether a condition of the flow reads a derived value: answered once per condition object. */
const readsDerivedOf = new WeakMap<object, boolean>();
function readsDerived(cond: Condition, derived: ReadonlySet<string>): boolean {
  if (typeof cond !== 'object' || cond === null) return false;
  let reads = readsDerivedOf.get(cond);
  if (reads === undefined) readsDerivedOf.set(cond, (reads = readsAny(cond, derived)));
  return reads;
}

/** Whether a condition reads one of these fields (anywhere in its all / any / not). */
function readsAny(cond: Condition, fields: ReadonlySet<string>): boolean {
  if (typeof cond !== 'object' || cond === null) return false;
  const c = cond as { all?: unknown; any?: unknown; not?: unknown; field?: unknown };
  if (Array.isArray(c.all) && c.all.some((x: Condition) => readsAny(x, fields))) return true;
  if (Array.isArray(c.any) && c.any.some((x: Condition) => readsAny(x, fields))) return true;
  if (c.not !== undefined && readsAny(c.not as Condition, fields)) return true;
  return typeof c.field === 'string' && fields.has(c.field);
}

/** The explicit target of a step's `next`, or undefined for "the following step". */
function nextTarget(step: Step, holds: (cond: Condition) => boolean): string | undefined {
  if (step.next === undefined) return undefined;
  if (typeof step.next === 'string') return step.next;
  return step.next.find((b) => !b.when || holds(b.when))?.goto;
}
