import { evaluateCondition, type Values } from '../domain';
import { type Flow, SUMMARY, fieldOf } from '../flow/model';
import type { Step } from '../flow/schema';
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
 */
export function walk(flow: Flow, answers: Record<string, StoredAnswer>, now: Date): Walk {
  const path: Step[] = [];
  const seen = new Set<string>();
  let values = valuesOf(flow, answers, path, now);
  let index = 0;
  while (index < flow.steps.length) {
    const step = flow.steps[index];
    if (seen.has(step.id)) break; // flow checks refuse loops; never spin on a bad flow
    seen.add(step.id);
    if (step.when && !evaluateCondition(step.when, values)) {
      index += 1;
      continue;
    }
    if (!(fieldOf(step) in answers)) return { next: { kind: 'step', step }, path, values };
    path.push(step);
    values = valuesOf(flow, answers, path, now);
    const target = nextTarget(step, values);
    if (target === undefined) {
      index += 1;
      continue;
    }
    if (target === SUMMARY) break;
    if (flow.endings[target]) return { next: { kind: 'ending', id: target }, path, values };
    index = flow.steps.findIndex((s) => s.id === target);
    if (index < 0) break;
  }
  return { next: { kind: 'summary' }, path, values };
}

/** The explicit target of a step's `next`, or undefined for "the following step". */
function nextTarget(step: Step, values: Values): string | undefined {
  if (step.next === undefined) return undefined;
  if (typeof step.next === 'string') return step.next;
  return step.next.find((b) => !b.when || evaluateCondition(b.when, values))?.goto;
}
