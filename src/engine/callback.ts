import { matchChoices } from '../answers';
import { fieldOf } from '../flow/model';
import type { Step } from '../flow/schema';
import type { Command } from './commands';
import type { ChoiceButton } from './messages';
import type { Submitted } from './submitted';
import { recordNeed } from './summary';
import type { Turn } from './turn';

/**
 * "Parler à quelqu'un": the details to reach the user are collected (then required), and the need
 * is recorded at once under a reference, before or after the journey's end. Someone with no phone
 * is offered a way out: the flow's alternative contact (an email), or no call back at all.
 */

const WAY_OUT = 'way_out';

/** The details of a call back still to collect: none once it is recorded, or without consent. */
export function collectingFields(t: Turn): string[] {
  const { callback, consentAt } = t.state;
  if (!callback || callback.reference || !consentAt) return [];
  const { callback_fields, callback_alternative_fields } = t.flow.settings;
  return callback.alternative ? callback_alternative_fields : callback_fields;
}

export function human(t: Turn): void {
  const s = t.state;
  // A journey with no call back (the evaluation): say how to reach the team instead.
  if (!t.flow.settings.callback_fields.length) {
    t.say('human_unavailable');
    return t.reask();
  }
  if (!s.consentAt) {
    t.say('human_no_consent');
    return t.reask();
  }
  if (s.callback?.reference) {
    t.say('human_already', { reference: s.callback.reference });
    return t.reask();
  }
  if (s.callback) {
    // Already collecting: starting again would ask the same questions.
    t.say('human_collecting');
    return t.reask();
  }
  s.callback = {};
  if (collectingFields(t).some((f) => (s.answers[f]?.v ?? null) === null)) t.say('human_collect');
  t.advance();
}

/**
 * Every detail is in: records the need now (with its recommendation when the request was already
 * complete). False when the journey has nothing more to ask.
 */
export function finishCallback(t: Turn): boolean {
  const s = t.state;
  const completed = Boolean(s.completed);
  const need = recordNeed(t, t.walk(), completed);
  if (need) {
    const reference = t.recorded(need);
    s.callback = { ...s.callback, reference };
    t.events.push({ kind: 'callback' });
    t.say(s.callback.alternative ? 'human_done_alternative' : 'human_done', { ...t.vars(), reference });
    if (!completed) t.say('human_continue');
  } else s.callback = undefined;
  if (!completed) return true;
  s.phase = 'done';
  s.asking = undefined;
  return false;
}

/** The user declined a call-back detail, or could not give it: how else the team may reach them. */
export function offerWayOut(t: Turn, step: Step): void {
  t.state.pending = 'way_out';
  const options = wayOutOptions(t, step);
  const key = options.some((o) => o.value === 'alternative') ? 'way_out.question' : 'way_out.question_no_alternative';
  t.out.push({ type: 'question', text: t.text(key), stepId: WAY_OUT, choices: options });
}

/**
 * An answer to the way out: the alternative contact, or no call back. Anything else (a command, or
 * the phone number after all) is not handled here: false.
 */
export function onWayOut(t: Turn, cmd: Command | undefined, text: string, submitted?: Submitted): boolean {
  const step = t.currentStep();
  if (!step || !t.state.callback) return false;
  const options = wayOutOptions(t, step);
  let picked: string | undefined;
  if (submitted?.step === WAY_OUT && typeof submitted.answer === 'string') picked = options[Number(submitted.answer)]?.value;
  // Typed: the options' own words first ("continuer" is also a command, and here means no call back).
  else if (text && !submitted?.command) {
    const words = (o: ChoiceButton) => (['fr', 'en'] as const).flatMap((l) => [t.flow.texts[`way_out.${o.value}`][l], t.flow.texts[`way_out.${o.value}_words`][l]]);
    const r = matchChoices(text, options.map((o) => ({ value: o.value, synonyms: words(o) })), { multiple: false, numbered: true, locale: t.lang });
    if (r.status === 'value') picked = r.value[0];
  }
  if (picked === 'alternative') {
    t.state.callback.alternative = true;
    t.advance();
    return true;
  }
  if (picked === 'withdraw') {
    withdraw(t);
    return true;
  }
  return false;
}

function wayOutOptions(t: Turn, declined: Step): ChoiceButton[] {
  const alternatives = t.flow.settings.callback_alternative_fields;
  const offered = !t.state.callback?.alternative && alternatives.length > 0 && !alternatives.includes(fieldOf(declined));
  const option = (value: 'alternative' | 'withdraw'): ChoiceButton => ({ value, label: t.text(`way_out.${value}`) });
  return offered ? [option('alternative'), option('withdraw')] : [option('withdraw')];
}

/** No call back after all: the answers stay, the journey goes on where it was (or stays complete). */
function withdraw(t: Turn): void {
  const s = t.state;
  s.callback = undefined;
  t.say('way_out.withdrawn');
  if (!s.completed) return t.advance();
  s.phase = 'done';
  s.asking = undefined;
}
