import { isNoneAnswer } from '../answers';
import type { Parsed } from '../answers/types';
import { fieldOf } from '../flow/model';
import type { Step } from '../flow/schema';
import { offerWayOut } from './callback';
import { commandKey } from './commands';
import { formatAnswer } from './format';
import { parseForStep, parseSubmitted } from './parseAnswer';
import type { Submitted } from './submitted';
import { complete, showSummary } from './summary';
import { render } from './texts';
import { type Turn, yesNo } from './turn';
import { userValue } from './userText';
import { offerOther, otherChoiceOf, wayThroughOpen, wayThroughText } from './wayThrough';

/** What the user wrote or clicked, read as the answer to what is on screen. */
export function onAnswer(t: Turn, text: string, submitted?: Submitted): void {
  switch (t.state.phase) {
    case 'idle':
      return t.begin();
    case 'done':
      return t.say('done_already', { reference: t.state.reference });
    case 'summary': {
      const yn = yesNo(text, t.lang);
      if (yn === true) return complete(t);
      if (yn === false) return t.askWhichToEdit('edit_which');
      const step = text ? t.stepNamed(text) : undefined;
      if (step) return t.edit(step);
      return showSummary(t);
    }
    case 'asking': {
      const step = t.currentStep();
      if (!step) return t.advance();
      return answerStep(t, step, text, submitted);
    }
  }
}

const isList = (step: Step): boolean => step.kind === 'choice' || step.kind === 'multichoice';

function answerStep(t: Turn, step: Step, text: string, submitted?: Submitted): void {
  const s = t.state;
  const ctx = { locale: t.lang, now: t.env.now };
  if (submitted?.step && submitted.step !== step.id) return t.ask(step);
  let parsed: Parsed<unknown> | undefined = submitted?.answer !== undefined ? parseSubmitted(step, submitted.answer) : undefined;
  if (!parsed && step.kind === 'multichoice' && s.suggestion?.length) {
    const yn = yesNo(text, t.lang);
    if (yn === true) parsed = { status: 'value', value: s.suggestion, approx: false, echo: false };
    else if (yn === false) return t.ask(step, { suggest: false });
  }
  // "aucune", "je n'ai pas de téléphone": the step's words for "none" (and, for a list that has
  // such words, any way of saying none of them applies).
  const none = [...(step.none?.fr ?? []), ...(step.none?.en ?? [])].map(commandKey);
  const saysNone = !parsed && (none.includes(commandKey(text)) || (isList(step) && isNoneAnswer(text)));
  if (saysNone && step.none && step.kind === 'multichoice') parsed = { status: 'value', value: [], approx: false, echo: false };
  else if (saysNone && step.optional) parsed = { status: 'none' };
  else if (saysNone && isList(step)) {
    // A required list none of whose choices applies: its "other" choice, confirmed; never a loop.
    const other = otherChoiceOf(t.flow, step);
    return other ? offerOther(t, step, other) : reprompt(t, step, 'none');
  }
  // A list understood from free text is said back, so that "modifier" can correct it at once.
  if (!parsed && step.kind === 'multichoice') {
    const r = parseForStep(step, text, ctx);
    parsed = r.status === 'value' ? { ...r, echo: true } : r;
  }
  parsed ??= parseForStep(step, text, ctx);
  if (parsed.status === 'invalid' && step.kind !== 'yesno') {
    // "Avez-vous un site web ?" — "oui": ask for it; "non" to an optional one: nothing to store.
    const yn = yesNo(text, t.lang);
    if (yn === true && !('choices' in step)) {
      t.say('value_please');
      return t.ask(step);
    }
    if (yn === false && step.optional) parsed = { status: 'none' };
  }
  if (parsed.status === 'invalid') return reprompt(t, step, parsed.problem);
  accept(t, step, parsed);
}

/** Stores a valid answer, says what was understood when it was interpreted, and moves on. */
export function accept(t: Turn, step: Step, parsed: Exclude<Parsed<unknown>, { status: 'invalid' }>): void {
  const s = t.state;
  const v = parsed.status === 'value' ? parsed.value : null;
  s.answers[fieldOf(step)] = parsed.status === 'value' && parsed.approx ? { v, approx: true } : { v };
  s.attempts = 0;
  s.suggestion = undefined;
  // No phone for a call back: the team cannot call; say how else it can reach the user.
  if (v === null && t.collecting(step)) return offerWayOut(t, step);
  if (step.kind === 'yesno' && step.role === 'consent') s.consentAt = v === true ? t.env.now.toISOString() : undefined;
  // A consent is dated (e.g. the need's `Partage partenaire`).
  if (step.kind === 'yesno' && step.role && v === true) s.answers[fieldOf(step)].at = t.env.now.toISOString();
  if (parsed.status === 'value' && (parsed.echo || parsed.approx)) {
    // `count` lets a text agree with the number ("{count, plural, one {…} other {…}}").
    const vars = { value: userValue(formatAnswer(t.flow, step, v, t.lang)), count: typeof v === 'number' ? v : undefined };
    const own = parsed.approx ? step.noted_approx : step.noted;
    const key = parsed.approx ? 'noted_approx' : step.kind === 'multichoice' ? 'noted_choices' : 'noted';
    t.out.push({ type: 'text', text: own ? render(own, t.lang, vars) : t.text(key, vars) });
    s.noted = step.id;
  }
  t.advance();
}

/** An answer the bot could not use: why, and the question again (see `failed`). */
function reprompt(t: Turn, step: Step, problem: string): void {
  t.events.push({ kind: 'reprompt', step: step.id });
  const options = 'choices' in step ? step.choices.map((c) => c.label[t.lang]).join(', ') : '';
  const specific = `invalid.${step.kind}.${problem}`;
  const text = step.retry ? render(step.retry, t.lang, t.vars()) : t.text(t.flow.texts[specific] ? specific : `invalid.${step.kind}`, { options });
  failed(t, step, text);
}

/**
 * A failed attempt of any kind at the current question (not understood, "passer" refused,
 * "other" declined): `text`, then the question's buttons; from the flow's `max_attempts` on, the
 * offer of a call back and, for a required question, a way through.
 */
function failed(t: Turn, step: Step, text: string): void {
  const s = t.state;
  s.attempts += 1;
  const tooMany = s.attempts >= t.flow.settings.max_attempts;
  if (tooMany && t.collecting(step)) {
    // A call-back detail the user cannot give: the way out, not "passer" (refused) nor "parler à quelqu'un" (under way).
    t.out.push({ type: 'text', text });
    return offerWayOut(t, step);
  }
  if (tooMany) {
    // Once a call back is recorded, offering one again leads nowhere.
    const called = Boolean(s.callback?.reference);
    const key = step.optional ? (called ? 'attempts.optional_called' : 'attempts.optional') : called ? 'attempts.required_called' : 'attempts.required';
    text += `\n\n${t.text(key)}`;
    const through = wayThroughText(t, step);
    if (through) text += ` ${through}`;
  }
  t.out.push(t.question(step, text));
}

/** The reply to "none applies: the other choice?": yes stores it; no is a failed attempt; anything else is not for us (false). */
export function onOtherOffer(t: Turn, text: string, yes: boolean): boolean {
  const step = t.currentStep();
  const other = step && otherChoiceOf(t.flow, step);
  if (!step || !other) return false;
  if (yes || commandKey(text) === commandKey(other.label[t.lang])) {
    accept(t, step, { status: 'value', value: step.kind === 'multichoice' ? [other.value] : other.value, approx: false, echo: true });
  } else if (yesNo(text, t.lang) === false) {
    failed(t, step, `${t.text('other.declined')}\n\n${t.askText(step)}`);
  } else return false;
  return true;
}

/** "Passer": an optional question; a required one only as a way through ("je ne sais pas", recorded as unknown). */
export function skip(t: Turn): void {
  const step = t.currentStep();
  if (!step) return t.reask();
  if (t.collecting(step) && step.optional) {
    // Optional in the journey, needed for the call back: the user has none.
    t.state.answers[fieldOf(step)] = { v: null };
    return offerWayOut(t, step);
  }
  const unknown = !step.optional && wayThroughOpen(t, step);
  if (!step.optional && !unknown) {
    // "je ne sais pas" to a count or a year: an estimate will do, and the kind's text says so.
    const specific = `skip_not_allowed.${step.kind}`;
    t.say(t.flow.texts[specific] ? specific : 'skip_not_allowed');
    return failed(t, step, t.askText(step));
  }
  t.state.answers[fieldOf(step)] = { v: null };
  t.state.attempts = 0;
  t.state.suggestion = undefined;
  t.events.push({ kind: 'skip', step: step.id });
  t.say(unknown ? 'skipped_unknown' : 'skipped');
  t.advance();
}
