import { evaluateCondition, type Values } from '../domain';
import { conditionFields } from '../flow/conditionFields';
import { type Flow, fieldOf } from '../flow/model';
import type { Criterion, Step } from '../flow/schema';
import type { NeedRecord } from '../needs/record';
import { type OwnOption, pickOption, wordsOf } from './options';
import { recordNeed } from './summary';
import { render } from './texts';
import { type Turn, yesNo } from './turn';
import { plainText, userValue } from './userText';
import { displayVars } from './values';
import type { Walk } from './walk';

/**
 * Telling early when it cannot be for them. As soon as a criterion staff mark `decisive` in
 * rules.yaml is certainly not met, the bot says so with the reason and the orientation it would
 * give at the end (the fallback's pitch), and offers two ways on: leave a short need anyway (the
 * flow's `not_eligible_fields`, then the need is recorded as "Non éligible" with that criterion),
 * or stop here. No question whose answer cannot change the outcome is asked meanwhile.
 */

/** Insights' name for the journey that stops here. */
const ENDING = 'not_eligible';

/**
 * The first decisive criterion certainly not met: every field it reads answered (an unknown
 * answer is no answer) and the criterion false.
 */
export function decisiveFailure(flow: Flow, values: Values): Criterion | undefined {
  return flow.rules.eligibility.criteria.find(
    (c) =>
      c.decisive &&
      c.blocking !== false &&
      conditionFields(c.when).every((f) => values[f] !== undefined && values[f] !== null) &&
      !evaluateCondition(c.when, values),
  );
}

/** In `advance`: true when what comes next is this early answer (or the short need's questions, or recording it). */
export function notEligibleFirst(t: Turn, w: Walk): boolean {
  const s = t.state;
  if (s.completed) return false;
  const failed = decisiveFailure(t.flow, w.values);
  if (!failed) {
    // An edit made it possible again: the journey goes on as usual.
    s.notEligible = undefined;
    return false;
  }
  if (s.notEligible?.criterion !== failed.id) {
    s.notEligible = { criterion: failed.id };
    const vars = t.vars(w);
    const lines = [`${t.text('not_eligible.intro')} ${render(failed.unmet, t.lang, vars)}`, render(t.flow.rules.fallback.pitch, t.lang, vars)];
    t.out.push({ type: 'text', text: lines.join('\n\n') });
    return offerWaysOn(t);
  }
  if (!s.notEligible.short) return offerWaysOn(t);
  const next = shortNeedSteps(t.flow).find((step) => !(fieldOf(step) in s.answers));
  if (next) t.ask(next);
  else recordShortNeed(t, w, failed);
  return true;
}

const shortNeedSteps = (flow: Flow): Step[] => flow.steps.filter((step) => flow.settings.not_eligible_fields.includes(fieldOf(step)));

function options(t: Turn): OwnOption<'short' | 'stop'>[] {
  return [
    { value: 'short', label: t.text('not_eligible.leave_button'), words: wordsOf(t, 'not_eligible.leave_words') },
    { value: 'stop', label: t.text('not_eligible.stop_button'), words: wordsOf(t, 'not_eligible.stop_words') },
  ];
}

function offerWaysOn(t: Turn): true {
  const s = t.state;
  s.pending = 'not_eligible';
  // Nothing on screen to answer but this question ("retour" still goes to the last answer).
  s.phase = 'asking';
  s.asking = undefined;
  const buttons = options(t).map((o) => ({ value: o.label, label: o.label }));
  t.out.push({ type: 'question', text: t.text('not_eligible.question'), stepId: 'not_eligible', actions: buttons });
  return true;
}

/** The reply to the two ways on; anything else is not for us (false): the offer comes back. */
export function onNotEligibleReply(t: Turn, text: string): boolean {
  const s = t.state;
  if (!s.notEligible) return false;
  const yn = yesNo(text, t.lang);
  // The options' own words first: "stop" here means stopping, not cancelling.
  const picked = pickOption(text, options(t)) ?? (yn === true ? 'short' : yn === false ? 'stop' : undefined);
  if (picked === 'short') {
    s.notEligible.short = true;
    t.say('not_eligible.short_intro');
    t.advance();
  } else if (picked === 'stop') t.end(ENDING, t.text('not_eligible.stopped'));
  else return false;
  return true;
}

/**
 * The short need, for staff: the answers so far and the contact details, Éligible false, the
 * failed criterion as the only reason (the others were not asked), Statut "Non éligible".
 */
function recordShortNeed(t: Turn, w: Walk, failed: Criterion): void {
  const s = t.state;
  const asked = shortNeedSteps(t.flow).filter((step) => !w.path.includes(step) && fieldOf(step) in s.answers);
  const need = recordNeed(t, { ...w, path: [...w.path, ...asked] }, true);
  if (!need) return;
  const staff = displayVars(t.flow, s, w.values, t.env.now, 'fr');
  const record: NeedRecord = {
    Structures: need.Structures,
    Besoins: {
      ...need.Besoins,
      Statut: 'Non éligible',
      Éligible: false,
      'Programme recommandé': t.flow.rules.fallback.value,
      'Autres programmes': [],
      Motifs: `- ${plainText(render(failed.unmet, 'fr', staff))}`,
    },
  };
  const reference = t.recorded(record);
  s.phase = 'done';
  s.asking = undefined;
  t.say('not_eligible.recorded', { reference, email: userValue(record.Structures.Email ?? '') });
}
