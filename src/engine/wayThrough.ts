import { type Flow, fieldOf } from '../flow/model';
import type { Choice, Step } from '../flow/schema';
import type { ChoiceButton } from './messages';
import type { Turn } from './turn';

/**
 * Never a loop: someone for whom none of a required list applies is offered the flow's "other"
 * choice, and after `max_attempts` failures of any kind at a required question (not understood,
 * "passer" refused, "other" declined) they are offered a call back AND a way through: "je ne
 * sais pas" (recorded as unknown) or the "other" choice.
 */

/** The choice offered when none applies: the step's `other`, else the flow's `other_choice`, if the list has it. */
export function otherChoiceOf(flow: Flow, step: Step): Choice | undefined {
  if (step.kind !== 'choice' && step.kind !== 'multichoice') return undefined;
  const value = step.other ?? flow.settings.other_choice;
  return step.choices.find((c) => c.value === value);
}

/** How the team reaches the user: those questions have the call back's own way out, not "je ne sais pas". */
const isContactDetail = (flow: Flow, step: Step): boolean =>
  [...flow.settings.callback_fields, ...flow.settings.callback_alternative_fields].includes(fieldOf(step));

/** True once a required question failed `max_attempts` times: "je ne sais pas" then goes through. */
export function wayThroughOpen(t: Turn, step: Step): boolean {
  return !step.optional && !t.collecting(step) && !isContactDetail(t.flow, step) && t.state.attempts >= t.flow.settings.max_attempts;
}

/** The line added to the call-back offer after too many failures. */
export function wayThroughText(t: Turn, step: Step): string | undefined {
  if (!wayThroughOpen(t, step)) return undefined;
  const other = otherChoiceOf(t.flow, step);
  return other ? t.text('attempts.way_through_other', { other: other.label[t.lang] }) : t.text('attempts.way_through');
}

/** Its buttons: be called back (unless one is recorded or cannot be), and "je ne sais pas". */
export function wayThroughButtons(t: Turn, step: Step): ChoiceButton[] {
  if (!wayThroughOpen(t, step)) return [];
  const s = t.state;
  const buttons: ChoiceButton[] = [];
  if (s.consentAt && !s.callback) buttons.push(t.button('attempts.human_button'));
  buttons.push(t.button('attempts.unknown_button'));
  return buttons;
}

/** "Aucune" to a required list that has an "other" choice: offered with a one-line confirmation. */
export function offerOther(t: Turn, step: Step, other: Choice): void {
  t.state.pending = 'other';
  // None of the suggested choices applies either.
  t.state.suggestion = undefined;
  t.out.push({
    type: 'question',
    text: t.text('other.offer', { other: other.label[t.lang] }),
    stepId: `other_${step.id}`,
    actions: [t.button('yes'), t.button('no')],
  });
}
