import { MAX_TEXT_LENGTH, parseYesNo } from '../answers';
import { cleanInput } from '../answers/clean';
import type { Locale, Parsed } from '../answers/types';
import { evaluateCondition, recommend } from '../domain';
import { type Flow, fieldOf } from '../flow/model';
import { COMMANDS, type CommandName, type Step } from '../flow/schema';
import { buildNeedRecord } from '../needs/buildRecord';
import type { ChannelName, NeedRecord } from '../needs/record';
import { type Command, commandKey, detectCommand, editableSteps, findStepByName } from './commands';
import { formatAnswer } from './format';
import type { ChoiceButton, OutMessage } from './messages';
import { parseForStep, parseSubmitted } from './parseAnswer';
import {
  type ConversationState,
  type Pending,
  initialState,
  TRANSCRIPT_MAX_CHARS,
  TRANSCRIPT_MAX_ENTRIES,
} from './state';
import { suggestChoices } from './suggest';
import { render, say, type Vars } from './texts';
import { displayVars } from './values';
import { walk, type Walk } from './walk';

/** What reached the bot: the user joined, or wrote / clicked something. */
export interface TurnInput {
  kind: 'start' | 'message';
  text?: string;
  /** An Adaptive Card `Action.Submit` payload: `{ answer }` or `{ command, field }`. */
  value?: unknown;
}

/** The outside world of one turn, injected so the engine stays a pure function of its inputs. */
export interface TurnEnv {
  now: Date;
  conversationId: string;
  channel: ChannelName;
  /** Allocates the next need reference (the journal's sequence). */
  nextReference: () => string;
}

export interface TurnResult {
  state: ConversationState;
  messages: OutMessage[];
  /** A need to record durably BEFORE the messages are sent (completion or call-back request). */
  need?: NeedRecord;
  /** The user confirmed "delete my data": the transport erases everything kept of the conversation, then says how it went. */
  erase?: true;
}

/**
 * The journey as a state machine: (flow, state, input) → (new state, messages, need).
 * No I/O: the transport saves the state, records the need and sends the messages.
 */
export function runTurn(flow: Flow, previous: ConversationState | undefined, input: TurnInput, env: TurnEnv): TurnResult {
  const state: ConversationState = previous ? structuredClone(previous) : initialState(flow.settings.default_language);
  const turn = new Turn(flow, state, env);
  const idle = state.lastTurnAt ? env.now.getTime() - Date.parse(state.lastTurnAt) : 0;
  const away = idle > flow.settings.resume_after_minutes * 60_000;
  if (input.kind === 'start') turn.onStart();
  else turn.onMessage(input, away);
  turn.finish();
  return { state: turn.state, messages: turn.out, need: turn.need, ...(turn.erase ? { erase: true as const } : {}) };
}

interface Submitted {
  answer?: unknown;
  /** The question a card was sent for: a click on an older card must not answer the current one. */
  step?: string;
  command?: string;
  field?: string;
}

class Turn {
  readonly out: OutMessage[] = [];
  need?: NeedRecord;
  erase = false;
  /** Set when the journey is forgotten (consent refused, cancelled): nothing of this turn is kept. */
  private forget = false;
  private userText?: string;

  constructor(
    readonly flow: Flow,
    public state: ConversationState,
    readonly env: TurnEnv,
  ) {}

  private get lang(): Locale {
    return this.state.lang;
  }

  // ---------------------------------------------------------------- entry points

  /** The user joined (channels may say so more than once): welcome once, offer to resume later. */
  onStart(): void {
    const started = Object.keys(this.state.answers).length > 0;
    if (this.state.phase === 'idle') this.begin();
    else if (this.state.phase !== 'done' && started) this.offerResume();
  }

  onMessage(input: TurnInput, away: boolean): void {
    const submitted = asSubmitted(input.value);
    const typed = (input.text ?? '').trim();
    // Longer messages get a polite "too long", whatever the question. Characters are code points,
    // as parseText counts them: an emoji is one character, not two UTF-16 units.
    if (typed.length > MAX_TEXT_LENGTH && [...typed].length > MAX_TEXT_LENGTH) {
      this.say('too_long');
      return;
    }
    // From here on only clean text: what the bot echoes ("modifier <name>") or keeps has no control
    // characters, direction overrides or half emoji.
    const text = cleanInput(typed);
    if (!text && submitted?.answer === undefined && !submitted?.command) {
      this.say('not_text');
      return;
    }
    this.userText = text || String(submitted?.answer ?? submitted?.command ?? '');
    const cmd = submitted?.command ? commandFromCard(submitted) : detectCommand(this.flow, text);

    if (this.state.pending && this.onPending(this.state.pending, cmd, text, submitted)) return;
    if (away && !cmd && (this.state.phase === 'asking' || this.state.phase === 'summary')) return this.offerResume();
    if (cmd) return this.onCommand(cmd, text, submitted);
    this.onAnswer(text, submitted);
  }

  /** Bounds the transcript and stamps the turn. */
  finish(): void {
    const s = this.state;
    s.lastTurnAt = this.env.now.toISOString();
    if (this.forget) return;
    const clip = (t: string) => {
      if (t.length <= TRANSCRIPT_MAX_CHARS) return t;
      // Never half an emoji: a lone surrogate is invalid UTF-8 for Airtable.
      const end = /[\uD800-\uDBFF]/.test(t[TRANSCRIPT_MAX_CHARS - 1]) ? TRANSCRIPT_MAX_CHARS - 1 : TRANSCRIPT_MAX_CHARS;
      return `${t.slice(0, end)}…`;
    };
    // Cleaned like every stored answer: no control characters or direction overrides reach staff.
    if (this.userText) s.transcript.push({ from: 'user', text: clip(cleanInput(this.userText)) });
    for (const m of this.out) s.transcript.push({ from: 'bot', text: clip(m.text) });
    if (s.transcript.length > TRANSCRIPT_MAX_ENTRIES) s.transcript = s.transcript.slice(-TRANSCRIPT_MAX_ENTRIES);
  }

  // ---------------------------------------------------------------- our own questions

  /** Answers to "are you sure?", "resume or restart?", "which answer?". True when handled. */
  private onPending(pending: Pending, cmd: Command | undefined, text: string, submitted?: Submitted): boolean {
    this.state.pending = undefined;
    const yes = cmd?.name === 'confirm' || yesNo(text, this.lang) === true;
    const no = yesNo(text, this.lang) === false;
    switch (pending) {
      case 'restart':
      case 'cancel':
      case 'erase':
        if (cmd && cmd.name !== 'confirm') return false;
        if (yes) {
          if (pending === 'restart') this.restart();
          else if (pending === 'cancel') this.cancel();
          else this.eraseAll();
        }
        else if (no) {
          this.say('not_cancelled');
          this.reask();
        } else this.confirmFirst(pending);
        return true;
      case 'resume':
        if (cmd?.name === 'restart') this.restart();
        else if (cmd?.name === 'resume' || (cmd?.name === 'confirm' && this.state.phase !== 'summary')) {
          this.say('resumed');
          this.reask();
        } else if (cmd) return false;
        // Anything else answers the question the user can see above the offer.
        else this.onAnswer(text, submitted);
        return true;
      case 'edit': {
        if (cmd && !(cmd.name === 'edit' && !cmd.argument)) return false;
        const step = this.stepNamed(submitted?.field ?? text);
        if (step) this.edit(step);
        else this.askWhichToEdit('edit_unknown', text);
        return true;
      }
    }
  }

  // ---------------------------------------------------------------- global commands

  private onCommand(cmd: Command, text: string, submitted?: Submitted): void {
    const phase = this.state.phase;
    switch (cmd.name) {
      case 'help':
      case 'why': {
        const step = this.currentStep();
        const why = step ? render(step.why, this.lang, this.vars()) : '';
        this.out.push({ type: 'text', text: cmd.name === 'why' && why ? why : say(this.flow, 'help', this.lang, { why }).trim() });
        return this.reask();
      }
      case 'back':
        return this.back();
      case 'edit':
        if (phase === 'idle') return this.begin();
        if (phase === 'done') return this.say('done_already', { reference: this.state.reference });
        if (!cmd.argument) return this.askWhichToEdit('edit_which');
        {
          const step = this.stepNamed(cmd.argument);
          return step ? this.edit(step) : this.askWhichToEdit('edit_unknown', cmd.argument);
        }
      case 'restart':
        return phase === 'idle' || phase === 'done' ? this.restart() : this.confirmFirst('restart');
      case 'cancel':
        if (phase === 'idle') return this.say('cancelled');
        if (phase === 'done') return this.say('done_already', { reference: this.state.reference });
        return this.confirmFirst('cancel');
      case 'human':
        return this.human();
      case 'erase':
        return this.confirmFirst('erase');
      case 'skip':
        if (phase !== 'asking') return this.onAnswer(text, submitted);
        return this.skip();
      case 'resume':
        if (phase === 'idle') return this.begin();
        this.say('resumed');
        return this.reask();
      case 'greeting':
        if (phase === 'idle') return this.begin();
        if (phase === 'done') return this.say('done_already', { reference: this.state.reference });
        // Nothing answered yet: just ask again rather than offer to resume nothing.
        return Object.keys(this.state.answers).length ? this.offerResume() : this.reask();
      case 'confirm':
        return phase === 'summary' ? this.complete() : this.onAnswer(text, submitted);
      case 'english':
      case 'french':
        this.state.lang = cmd.name === 'english' ? 'en' : 'fr';
        this.say('language_switched');
        return phase === 'idle' ? this.begin() : this.reask();
    }
  }

  // ---------------------------------------------------------------- answers

  private onAnswer(text: string, submitted?: Submitted): void {
    switch (this.state.phase) {
      case 'idle':
        return this.begin();
      case 'done':
        return this.say('done_already', { reference: this.state.reference });
      case 'summary': {
        const yn = yesNo(text, this.lang);
        if (yn === true) return this.complete();
        if (yn === false) return this.askWhichToEdit('edit_which');
        const step = text ? this.stepNamed(text) : undefined;
        if (step) return this.edit(step);
        return this.showSummary();
      }
      case 'asking': {
        const step = this.currentStep();
        if (!step) return this.advance();
        return this.answerStep(step, text, submitted);
      }
    }
  }

  private answerStep(step: Step, text: string, submitted?: Submitted): void {
    const ctx = { locale: this.lang, now: this.env.now };
    if (submitted?.step && submitted.step !== step.id) return this.ask(step);
    let parsed: Parsed<unknown> | undefined = submitted?.answer !== undefined ? parseSubmitted(step, submitted.answer) : undefined;
    if (!parsed && step.kind === 'multichoice') {
      if (this.state.suggestion?.length) {
        const yn = yesNo(text, this.lang);
        if (yn === true) parsed = { status: 'value', value: this.state.suggestion, approx: false, echo: false };
        else if (yn === false) return this.ask(step, { suggest: false });
      }
      const none = [...(step.none?.fr ?? []), ...(step.none?.en ?? [])].map(commandKey);
      if (!parsed && none.includes(commandKey(text))) parsed = { status: 'value', value: [], approx: false, echo: false };
    }
    parsed ??= parseForStep(step, text, ctx);
    if (parsed.status === 'invalid' && step.kind !== 'yesno') {
      // "Avez-vous un site web ?" — "oui": ask for it; "non" to an optional one: nothing to store.
      const yn = yesNo(text, this.lang);
      if (yn === true && !('choices' in step)) {
        this.say('value_please');
        return this.ask(step);
      }
      if (yn === false && step.optional) parsed = { status: 'none' };
    }
    if (parsed.status === 'invalid') return this.reprompt(step, parsed.problem);

    const v = parsed.status === 'value' ? parsed.value : null;
    this.state.answers[fieldOf(step)] = parsed.status === 'value' && parsed.approx ? { v, approx: true } : { v };
    this.state.attempts = 0;
    this.state.suggestion = undefined;
    if (step.kind === 'yesno' && step.role === 'consent') this.state.consentAt = v === true ? this.env.now.toISOString() : undefined;
    if (parsed.status === 'value' && (parsed.echo || parsed.approx)) {
      const vars = { value: formatAnswer(this.flow, step, v, this.lang) };
      const own = parsed.approx ? step.noted_approx : step.noted;
      this.out.push({ type: 'text', text: own ? render(own, this.lang, vars) : say(this.flow, parsed.approx ? 'noted_approx' : 'noted', this.lang, vars) });
    }
    this.advance();
  }

  private reprompt(step: Step, problem: string): void {
    this.state.attempts += 1;
    const options = 'choices' in step ? step.choices.map((c) => c.label[this.lang]).join(', ') : '';
    const specific = `invalid.${step.kind}.${problem}`;
    let text = step.retry
      ? render(step.retry, this.lang, this.vars())
      : say(this.flow, this.flow.texts[specific] ? specific : `invalid.${step.kind}`, this.lang, { options });
    if (this.state.attempts >= this.flow.settings.max_attempts) {
      text += `\n\n${say(this.flow, step.optional ? 'attempts.optional' : 'attempts.required', this.lang)}`;
    }
    this.out.push(this.question(step, text));
  }

  private skip(): void {
    const step = this.currentStep();
    if (!step) return this.reask();
    if (!step.optional || this.collectingCallback().includes(fieldOf(step))) {
      this.say('skip_not_allowed');
      return this.reask();
    }
    this.state.answers[fieldOf(step)] = { v: null };
    this.state.attempts = 0;
    this.state.suggestion = undefined;
    this.say('skipped');
    this.advance();
  }

  // ---------------------------------------------------------------- moving through the journey

  /** Starts a new journey from the first question, forgetting any previous one. */
  private begin(): void {
    const lang = this.state.lang;
    this.state = { ...initialState(lang), lastTurnAt: this.state.lastTurnAt };
    this.advance();
  }

  /** Asks what comes next: call-back details if requested, else the first unanswered question. */
  private advance(): void {
    const collecting = this.collectingCallback();
    if (collecting.length) {
      const missing = collecting.find((f) => (this.state.answers[f]?.v ?? null) === null);
      const step = missing ? this.flow.steps.find((s) => fieldOf(s) === missing) : undefined;
      if (step) return this.ask(step);
      const reference = this.env.nextReference();
      this.state.callback = { reference };
      this.state.reference = reference;
      this.need = this.record(reference, walk(this.flow, this.state.answers, this.env.now), false);
      this.say('human_done', { reference });
    }
    const w = walk(this.flow, this.state.answers, this.env.now);
    if (w.next.kind === 'step') return this.ask(w.next.step);
    if (w.next.kind === 'ending') return this.end(w.next.id);
    this.showSummary(w);
  }

  private ask(step: Step, opts: { suggest?: boolean } = {}): void {
    const s = this.state;
    if (s.asking !== step.id) s.attempts = 0;
    s.phase = 'asking';
    s.asking = step.id;
    if (s.history[s.history.length - 1] !== step.id) s.history = [...s.history, step.id].slice(-100);
    s.suggestion = undefined;
    let text = render(step.ask, this.lang, this.vars());
    if (step.kind === 'multichoice' && step.suggest_from && opts.suggest !== false) {
      const source = s.answers[step.suggest_from]?.v;
      const suggestion = typeof source === 'string' ? suggestChoices(source, step.choices) : [];
      if (suggestion.length) {
        s.suggestion = suggestion;
        const labels = suggestion.map((v) => step.choices.find((c) => c.value === v)!.label[this.lang]).join(', ');
        text += `\n\n${say(this.flow, 'suggestion', this.lang, { suggestion: labels })}`;
      }
    }
    const current = s.answers[fieldOf(step)];
    if (current && current.v !== null) {
      text += `\n${say(this.flow, 'current_answer', this.lang, { value: formatAnswer(this.flow, step, current.v, this.lang) })}`;
    }
    this.out.push(this.question(step, text));
  }

  /** A question message with its buttons. */
  private question(step: Step, text: string): OutMessage {
    const s = this.state;
    const actions: ChoiceButton[] = [];
    if (step.kind === 'yesno') actions.push(this.button('yes'), this.button('no'));
    if (s.suggestion?.length) actions.push(this.button('yes'));
    if (step.optional) actions.push(this.button('skip_button'));
    const current = s.answers[fieldOf(step)]?.v;
    const base = { type: 'question' as const, text, stepId: step.id, actions: actions.length ? actions : undefined };
    if (step.kind !== 'choice' && step.kind !== 'multichoice') return base;
    const selected = s.suggestion ?? (Array.isArray(current) ? current : typeof current === 'string' ? [current] : undefined);
    return {
      ...base,
      choices: step.choices.map((c) => ({ value: c.value, label: c.label[this.lang] })),
      multiple: step.kind === 'multichoice',
      selected,
      submitLabel: say(this.flow, 'summary.confirm_button', this.lang),
    };
  }

  /** Asks again whatever is waiting for the user. */
  private reask(): void {
    switch (this.state.phase) {
      case 'asking': {
        const step = this.currentStep();
        return step ? this.ask(step) : this.advance();
      }
      case 'summary':
        return this.showSummary();
      case 'done':
        return this.say('done_already', { reference: this.state.reference });
      case 'idle':
        return;
    }
  }

  private back(): void {
    const s = this.state;
    // Nothing to go back to: start, as "modifier" and "reprendre" do, rather than stay silent.
    if (s.phase === 'idle') return this.begin();
    if (s.phase === 'summary') {
      const last = walk(this.flow, s.answers, this.env.now).path.at(-1);
      return last ? this.ask(last) : this.reask();
    }
    if (s.phase !== 'asking') return this.reask();
    const at = s.history.lastIndexOf(s.asking ?? '');
    const previous = at > 0 ? s.history[at - 1] : undefined;
    const step = previous ? this.flow.stepById.get(previous) : undefined;
    if (!step) {
      this.say('back_unavailable');
      return this.reask();
    }
    s.history = s.history.slice(0, at - 1);
    this.ask(step);
  }

  private edit(step: Step): void {
    const w = walk(this.flow, this.state.answers, this.env.now);
    if (step.when && !evaluateCondition(step.when, w.values)) {
      this.say('edit_unavailable');
      return this.reask();
    }
    this.ask(step);
  }

  private askWhichToEdit(key: 'edit_which' | 'edit_unknown', name?: string): void {
    this.state.pending = 'edit';
    const answered = walk(this.flow, this.state.answers, this.env.now).path.filter((s) => s.summary !== false);
    const among = answered.length ? answered : editableSteps(this.flow);
    this.out.push({
      type: 'text',
      text: `${say(this.flow, key, this.lang, { name: name ?? '' })}\n${among.map((s) => `- ${s.label[this.lang]}`).join('\n')}`,
    });
  }

  private showSummary(w: Walk = walk(this.flow, this.state.answers, this.env.now)): void {
    if (w.next.kind !== 'summary') return this.advance();
    const s = this.state;
    s.phase = 'summary';
    s.asking = undefined;
    const items = w.path
      .filter((step) => step.summary !== false)
      .map((step) => ({ field: step.id, label: step.label[this.lang], value: formatAnswer(this.flow, step, s.answers[fieldOf(step)]?.v, this.lang) }));
    const t = (k: string) => say(this.flow, k, this.lang);
    const text = [t('summary.intro'), ...items.map((i) => `- ${i.label} : ${i.value}`), '', t('summary.question')].join('\n');
    this.out.push({
      type: 'card',
      template: 'summary',
      text,
      data: { title: t('summary.title'), items, question: t('summary.question'), confirmLabel: t('summary.confirm_button'), editLabel: t('summary.edit_button') },
      actions: [this.button('summary.confirm_button'), this.button('summary.edit_button')],
    });
  }

  /** The user confirmed the summary: recommend, record, thank. */
  private complete(): void {
    const w = walk(this.flow, this.state.answers, this.env.now);
    if (w.next.kind !== 'summary') return this.advance();
    const reference = this.state.callback?.reference ?? this.env.nextReference();
    this.state.reference = reference;
    this.need = this.record(reference, w, true);
    this.state.phase = 'done';
    this.state.asking = undefined;
    this.state.pending = undefined;
    this.recommendationMessage(w);
    const email = this.need.Structures.Email ?? '';
    this.say('thanks', { reference, email });
  }

  private recommendationMessage(w: Walk): void {
    const rec = recommend(this.flow.rules, w.values);
    const vars = this.vars(w);
    const lang = this.lang;
    const show = (p: typeof rec.primary) => ({
      name: p.name[lang],
      pitch: render(p.pitch, lang, vars),
      reasons: p.reasons.map((r) => render(r, lang, vars)),
    });
    const primary = show(rec.primary);
    const others = rec.others.map(show);
    const t = (k: string, v?: Vars) => say(this.flow, k, lang, v);
    const intro = [rec.eligible ? '' : t('recommendation.not_eligible'), t('recommendation.intro', { programme: primary.name })].filter(Boolean).join(' ');
    // Criteria that do not block (e.g. an uncovered territory) are still worth saying.
    const notes = rec.unmet.filter((c) => c.blocking === false).map((c) => render(c.unmet, lang, vars));
    const lines = [intro, primary.pitch, ...notes];
    if (primary.reasons.length) lines.push('', `${t('recommendation.reasons')} :`, ...primary.reasons.map((r) => `- ${r}`));
    if (others.length) {
      lines.push('', `${t('recommendation.others')} :`);
      for (const o of others) lines.push(`- ${o.name} : ${o.pitch}`, ...o.reasons.map((r) => `  • ${r}`));
    }
    this.out.push({
      type: 'card',
      template: 'recommendation',
      text: lines.join('\n'),
      data: { title: t('recommendation.title'), intro, notes, primary, reasonsTitle: t('recommendation.reasons'), othersTitle: t('recommendation.others'), others, hasOthers: others.length > 0, hasReasons: primary.reasons.length > 0 },
    });
  }

  /** The need record at this point (a call-back request may come before the recommendation). */
  private record(reference: string, w: Walk, withRecommendation: boolean): NeedRecord {
    // A call back requested early: its contact answers come from further on in the journey.
    const contact = this.flow.steps.filter((s) => this.flow.settings.callback_fields.includes(fieldOf(s)) && !w.path.includes(s));
    return buildNeedRecord(this.flow, this.state, {
      reference,
      conversationId: this.env.conversationId,
      channel: this.env.channel,
      path: [...w.path, ...contact],
      values: w.values,
      recommendation: withRecommendation ? recommend(this.flow.rules, w.values) : undefined,
      staffVars: displayVars(this.flow, this.state, w.values, this.env.now, 'fr'),
    });
  }

  private end(endingId: string): void {
    const ending = this.flow.endings[endingId];
    this.forget = true;
    this.state = { ...initialState(this.state.lang), lastTurnAt: this.state.lastTurnAt };
    this.out.push({ type: 'text', text: render(ending.text, this.lang) });
  }

  private restart(): void {
    this.say('restarted');
    this.begin();
  }

  private cancel(): void {
    const kept = this.state.callback?.reference;
    this.forget = true;
    this.state = { ...initialState(this.state.lang), lastTurnAt: this.state.lastTurnAt };
    this.say('cancelled');
    if (kept) this.say('cancelled_callback_kept', { reference: kept });
  }

  /** Right to erasure: nothing of this conversation is kept; the transport deletes what was stored and tells the user. */
  private eraseAll(): void {
    this.erase = true;
    this.forget = true;
    this.state = { ...initialState(this.state.lang), lastTurnAt: this.state.lastTurnAt };
  }

  private confirmFirst(what: 'restart' | 'cancel' | 'erase'): void {
    this.state.pending = what;
    const text = say(this.flow, `confirm.${what}`, this.lang);
    this.out.push({ type: 'question', text, stepId: `confirm_${what}`, actions: [this.button('yes'), this.button('no')] });
  }

  private offerResume(): void {
    const s = this.state;
    s.pending = 'resume';
    const step = this.currentStep();
    const text =
      s.phase === 'summary' || !step
        ? say(this.flow, 'resume_offer_summary', this.lang)
        : say(this.flow, 'resume_offer', this.lang, { label: step.label[this.lang] });
    this.out.push({ type: 'question', text, stepId: 'resume', actions: [this.button('resume_button'), this.button('restart_button')] });
  }

  private human(): void {
    const s = this.state;
    if (!s.consentAt) {
      this.say('human_no_consent');
      return this.reask();
    }
    if (s.callback?.reference) {
      this.say('human_already', { reference: s.callback.reference });
      return this.reask();
    }
    if (s.phase === 'done' && s.reference) {
      // The need is recorded: flag it for a call back under the same reference.
      s.callback = { reference: s.reference };
      this.need = this.record(s.reference, walk(this.flow, s.answers, this.env.now), true);
      return this.say('human_done', { reference: s.reference });
    }
    s.callback = {};
    this.say('human_collect');
    this.advance();
  }

  // ---------------------------------------------------------------- helpers

  /** The call-back fields while a call back is requested and not yet recorded (they are then required). */
  private collectingCallback(): string[] {
    const cb = this.state.callback;
    return cb && !cb.reference ? this.flow.settings.callback_fields : [];
  }

  private currentStep(): Step | undefined {
    return this.state.phase === 'asking' && this.state.asking ? this.flow.stepById.get(this.state.asking) : undefined;
  }

  private stepNamed(name: string): Step | undefined {
    return findStepByName(this.flow, name, this.lang);
  }

  private vars(w: Walk = walk(this.flow, this.state.answers, this.env.now)): Vars {
    return displayVars(this.flow, this.state, w.values, this.env.now);
  }

  private say(key: string, vars?: Vars): void {
    this.out.push({ type: 'text', text: say(this.flow, key, this.lang, vars) });
  }

  private button(key: string): ChoiceButton {
    const label = say(this.flow, key, this.lang);
    return { value: label, label };
  }
}

function yesNo(text: string, lang: Locale): boolean | undefined {
  if (!text) return undefined;
  const r = parseYesNo(text, { locale: lang, now: new Date(0) });
  return r.status === 'value' ? r.value : undefined;
}

function asSubmitted(value: unknown): Submitted | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  return {
    // Option positions only: an element such as {"toString": "0"} cannot even be turned into a string.
    answer:
      typeof v.answer === 'string'
        ? v.answer
        : Array.isArray(v.answer)
          ? v.answer.filter((x) => typeof x === 'string' || typeof x === 'number').map(String)
          : undefined,
    step: typeof v.step === 'string' ? v.step : undefined,
    command: typeof v.command === 'string' ? v.command : undefined,
    field: typeof v.field === 'string' ? v.field : undefined,
  };
}

function commandFromCard(s: Submitted): Command | undefined {
  const name = s.command as CommandName;
  return (COMMANDS as readonly string[]).includes(name) ? { name, argument: s.field } : undefined;
}
