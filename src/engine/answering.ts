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
  // "aucune", "je n'ai pas de téléphone": the step's words for "none".
  const none = [...(step.none?.fr ?? []), ...(step.none?.en ?? [])].map(commandKey);
  if (!parsed && none.includes(commandKey(text))) {
    if (step.kind === 'multichoice') parsed = { status: 'value', value: [], approx: false, echo: false };
    else if (step.optional) parsed = { status: 'none' };
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
    const vars = { value: userValue(formatAnswer(t.flow, step, v, t.lang)) };
    const own = parsed.approx ? step.noted_approx : step.noted;
    t.out.push({ type: 'text', text: own ? render(own, t.lang, vars) : t.text(parsed.approx ? 'noted_approx' : 'noted', vars) });
  }
  t.advance();
}

function reprompt(t: Turn, step: Step, problem: string): void {
  t.events.push({ kind: 'reprompt', step: step.id });
  const s = t.state;
  s.attempts += 1;
  const tooMany = s.attempts >= t.flow.settings.max_attempts;
  const options = 'choices' in step ? step.choices.map((c) => c.label[t.lang]).join(', ') : '';
  const specific = `invalid.${step.kind}.${problem}`;
  let text = step.retry ? render(step.retry, t.lang, t.vars()) : t.text(t.flow.texts[specific] ? specific : `invalid.${step.kind}`, { options });
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
  }
  t.out.push(t.question(step, text));
}

/** "Passer": only an optional question, and never a detail a call back needs. */
export function skip(t: Turn): void {
  const step = t.currentStep();
  if (!step) return t.reask();
  if (t.collecting(step) && step.optional) {
    // Optional in the journey, needed for the call back: the user has none.
    t.state.answers[fieldOf(step)] = { v: null };
    return offerWayOut(t, step);
  }
  if (!step.optional) {
    t.say('skip_not_allowed');
    return t.reask();
  }
  t.state.answers[fieldOf(step)] = { v: null };
  t.state.attempts = 0;
  t.state.suggestion = undefined;
  t.events.push({ kind: 'skip', step: step.id });
  t.say('skipped');
  t.advance();
}
