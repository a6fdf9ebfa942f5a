import type { Locale, PostcodeAnswer } from '../answers/types';
import { assessEligibility, calendarVars, dayIn, isoDay, recommend, territoryOf, yearsSince, type Values } from '../domain';
import { type Flow, fieldOf } from '../flow/model';
import type { Step } from '../flow/schema';
import { formatAnswer } from './format';
import type { ConversationState, StoredAnswer } from './state';
import { say, type Vars } from './texts';
import { userValue } from './userText';

/** Answers of the given steps, plus the derived values and eligibility rules can read. */
export function valuesOf(flow: Flow, answers: Record<string, StoredAnswer>, steps: readonly Step[], now: Date): Values {
  const values: Record<string, unknown> = {};
  for (const step of steps) {
    const a = answers[fieldOf(step)];
    if (a) values[fieldOf(step)] = a.v;
  }
  for (const [name, d] of Object.entries(flow.derived)) {
    if (d.kind === 'recommendation') continue; // last: it reads every other value
    const src = values[d.from];
    if (src === null || src === undefined) continue;
    if (d.kind === 'territory' || d.kind === 'territory_covered') {
      const t = territoryOf((src as PostcodeAnswer).postcode, flow.territories);
      values[name] = d.kind === 'territory' ? t.name : t.covered;
    } else if (d.kind === 'years_since' && typeof src === 'number') {
      values[name] = yearsSince(src, now, flow.calendar.time_zone);
    }
  }
  values.eligible = assessEligibility(flow.rules.eligibility.criteria, values).eligible;
  for (const [name, d] of Object.entries(flow.derived)) {
    if (d.kind === 'recommendation') values[name] = recommend(flow.rules, values).primary.value;
  }
  return values;
}

/**
 * Placeholders for texts: every answer as the user reads it (marked as a user value, see
 * userText.ts), derived values, the calendar (next Factory edition…).
 */
export function displayVars(flow: Flow, state: ConversationState, values: Values, now: Date, lang: Locale = state.lang): Vars {
  const vars: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string' || typeof v === 'number') vars[k] = v;
  for (const step of flow.steps) {
    const a = state.answers[fieldOf(step)];
    if (a) vars[fieldOf(step)] = userValue(formatAnswer(flow, step, a.v, lang));
  }
  Object.assign(vars, calendarOf(flow, now, lang));
  return vars;
}

/**
 * The calendar's texts on a day: they read the operator's day only (calendarVars: the next
 * edition, registrations, the cohort, the month's theme; tested), so they are worked out once per
 * day and language, not once per turn.
 */
const calendars = new WeakMap<Flow, Map<string, Record<string, string>>>();
function calendarOf(flow: Flow, now: Date, lang: Locale): Record<string, string> {
  let known = calendars.get(flow);
  if (!known) calendars.set(flow, (known = new Map()));
  const key = `${isoDay(dayIn(now, flow.calendar.time_zone))} ${lang}`;
  let vars = known.get(key);
  if (!vars) {
    vars = calendarVars(flow.calendar, now, lang, (k, v) => say(flow, k, lang, v));
    if (known.size >= 8) known.clear();
    known.set(key, vars);
  }
  return vars;
}
