import type { Criterion } from '../flow/schema';
import { evaluateCondition } from './conditions';
import type { Values } from './values';

export interface Eligibility {
  /** Every blocking criterion holds. */
  eligible: boolean;
  /** Criteria that hold, blocking or not, in file order. */
  met: Criterion[];
  /** Criteria that do not hold, blocking or not, in file order (filter on `blocking` if needed). */
  unmet: Criterion[];
}

/** Checks the eligibility criteria of `dialogs/rules.yaml`; a non-blocking one is only reported. */
export function assessEligibility(criteria: readonly Criterion[], values: Values): Eligibility {
  const met: Criterion[] = [];
  const unmet: Criterion[] = [];
  for (const criterion of criteria) (evaluateCondition(criterion.when, values) ? met : unmet).push(criterion);
  return { eligible: unmet.every((c) => c.blocking === false), met, unmet };
}
