import type { Criterion, ProgrammeRule, RulesFile, Text } from '../flow/schema';
import { evaluateCondition } from './conditions';
import { assessEligibility } from './eligibility';
import type { Values } from './values';

export interface RecommendedProgramme {
  /** The Airtable option of `Programme recommandé` / `Autres programmes`. */
  value: string;
  name: Text;
  pitch: Text;
  /** Why this programme: its conditions' `because`, or for the fallback the unmet blocking criteria. */
  reasons: Text[];
}

export interface Recommendation {
  eligible: boolean;
  primary: RecommendedProgramme;
  /** Every other programme that holds, in order of precedence. */
  others: RecommendedProgramme[];
  /** Criteria that do not hold, blocking or not (a non-blocking one is worth mentioning too). */
  unmet: Criterion[];
}

/** A programme holds when all its conditions hold and, if it requires it, the structure is eligible. */
function holds(programme: ProgrammeRule, eligible: boolean, values: Values): boolean {
  if (programme.requires_eligibility !== false && !eligible) return false;
  return programme.conditions.every((c) => evaluateCondition(c.when, values));
}

function recommended(programme: ProgrammeRule): RecommendedProgramme {
  const { value, name, pitch } = programme;
  // Eligibility itself is not repeated: reasons stay specific to this programme.
  return { value, name, pitch, reasons: programme.conditions.map((c) => c.because) };
}

/**
 * The programme to recommend, by the precedence of `rules.programmes`. A structure that is not
 * eligible gets the fallback, with why, plus the programmes that do not require eligibility.
 */
export function recommend(rules: RulesFile, values: Values): Recommendation {
  const { eligible, unmet } = assessEligibility(rules.eligibility.criteria, values);
  // Programme conditions may read `eligible` like any answer.
  const withEligibility: Values = { ...values, eligible };
  const holding = rules.programmes.filter((p) => holds(p, eligible, withEligibility)).map(recommended);
  const { value, name, pitch } = rules.fallback;

  if (!eligible) {
    const reasons = unmet.filter((c) => c.blocking !== false).map((c) => c.unmet);
    return { eligible, primary: { value, name, pitch, reasons }, others: holding, unmet };
  }
  const [primary, ...others] = holding;
  return primary
    ? { eligible, primary, others, unmet }
    : { eligible, primary: { value, name, pitch, reasons: [] }, others: [], unmet };
}
