import { parseYesNo } from '../answers';
import type { Locale } from '../answers/types';
import { evaluateCondition } from '../domain';
import { type Flow, fieldOf } from '../flow/model';
import type { Step } from '../flow/schema';
import type { NeedRecord } from '../needs/record';
import { collectingFields, finishCallback } from './callback';
import { editableSteps, findStepByName } from './commands';
import { addSwitchHint } from './language';
import { wayThroughButtons } from './wayThrough';
import { notEligibleFirst } from './notEligible';
import { formatAnswer } from './format';
import type { TurnEvent } from './events';
import type { TurnEnv } from './machine';
import type { ChoiceButton, OutMessage } from './messages';
import { type ConversationState, initialState } from './state';
import { suggestChoices } from './suggest';
import { showSummary } from './summary';
import { render, say, type Vars } from './texts';
import { userValue } from './userText';
import { displayVars } from './values';
import { walk, type Walk } from './walk';

/**
 * One turn under way: the conversation's state, what the bot says, the need to record; and moving
 * through the journey (asking, going back, editing, ending). Commands, answers, call backs and the
 * summary live in their own files and act on a Turn.
 */
export class Turn {
  readonly out: OutMessage[] = [];
  need?: NeedRecord;
  erase = false;
  /** Set when the journey is forgotten (consent refused, cancelled): nothing of this turn is kept. */
  forget = false;
  /** What the user sent, for the transcript. */
  userText?: string;
  /** Fields of a need record that would not validate (nothing recorded, the user told). */
  invalidNeed?: string[];
  /** What insights cannot read from the state afterwards (turn events). */
  readonly events: TurnEvent[] = [];
  /** A new journey began this turn (the transport may run it on the live version of the journey). */
  began = false;
  /** The step whose answer was echoed on the previous turn ("modifier" alone right after edits it). */
  justNoted?: string;
  /** Our question the user was answering this turn (cleared from the state when the turn began). */
  pendingWas?: ConversationState['pending'];

  constructor(
    readonly flow: Flow,
    public state: ConversationState,
    readonly env: TurnEnv,
  ) {}

  get lang(): Locale {
    return this.state.lang;
  }

  walk(): Walk {
    return walk(this.flow, this.state.answers, this.env.now);
  }

  vars(w: Walk = this.walk()): Vars {
    return displayVars(this.flow, this.state, w.values, this.env.now);
  }

  text(key: string, vars?: Vars): string {
    return say(this.flow, key, this.lang, vars);
  }

  say(key: string, vars?: Vars): void {
    this.out.push({ type: 'text', text: this.text(key, vars) });
  }

  button(key: string): ChoiceButton {
    const label = this.text(key);
    return { value: label, label };
  }

  currentStep(): Step | undefined {
    return this.state.phase === 'asking' && this.state.asking ? this.flow.stepById.get(this.state.asking) : undefined;
  }

  stepNamed(name: string): Step | undefined {
    return findStepByName(this.flow, name, this.lang);
  }

  /** True while this step is one of the details of a call back still to collect (it is then required). */
  collecting(step: Step): boolean {
    return collectingFields(this).includes(fieldOf(step));
  }

  /** Forgets the journey, keeping the language (and whether it was chosen), the clock and the needs already recorded (unless erased). */
  reset(opts: { erased?: boolean } = {}): void {
    const { lang, lastTurnAt, recorded, langChosen, langOffered } = this.state;
    this.state = {
      ...initialState(lang),
      lastTurnAt,
      ...(recorded && !opts.erased ? { recorded } : {}),
      ...(langChosen ? { langChosen } : {}),
      ...(langOffered ? { langOffered } : {}),
    };
  }

  /** A need recorded this turn, under the journey's reference. */
  recorded(need: NeedRecord): string {
    const reference = need.Besoins.Référence;
    const s = this.state;
    this.need = need;
    s.reference = reference;
    if (!s.recorded?.includes(reference)) s.recorded = [...(s.recorded ?? []), reference];
    return reference;
  }

  /** The needs of this conversation still on record, for texts that say what is kept. */
  keptReferences(): string | undefined {
    return this.state.recorded?.length ? this.state.recorded.join(', ') : undefined;
  }

  // ---------------------------------------------------------------- moving through the journey

  /** Starts a new journey from the first question, forgetting any previous one. */
  begin(): void {
    this.began = true;
    this.reset();
    this.advance();
    // The welcome says, in the other language, how to switch (unless the user already chose).
    if (!this.state.langChosen) addSwitchHint(this);
  }

  /** Asks what comes next: call-back details if requested, else the first unanswered question. */
  advance(): void {
    const collecting = collectingFields(this);
    if (collecting.length) {
      const missing = collecting.find((f) => (this.state.answers[f]?.v ?? null) === null);
      const step = missing ? this.flow.steps.find((s) => fieldOf(s) === missing) : undefined;
      if (step) return this.ask(step);
      // Recorded after the request was complete: nothing more to ask.
      if (!finishCallback(this)) return;
    }
    const w = this.walk();
    // A decisive criterion certainly not met: said at once, and no question that cannot change it.
    if (notEligibleFirst(this, w)) return;
    if (w.next.kind === 'step') return this.ask(w.next.step);
    if (w.next.kind === 'ending') return this.end(w.next.id);
    showSummary(this, w);
  }

  ask(step: Step, opts: { suggest?: boolean } = {}): void {
    const s = this.state;
    if (s.asking !== step.id) s.attempts = 0;
    s.phase = 'asking';
    s.asking = step.id;
    if (s.history[s.history.length - 1] !== step.id) s.history = [...s.history, step.id].slice(-100);
    s.suggestion = undefined;
    let text = this.askText(step);
    if (step.kind === 'multichoice' && step.suggest_from && opts.suggest !== false) {
      const source = s.answers[step.suggest_from]?.v;
      const suggestion = typeof source === 'string' ? suggestChoices(source, step.choices) : [];
      if (suggestion.length) {
        s.suggestion = suggestion;
        // The list sign of the texts: a choice's own label may hold a comma ("Bien manger, bien vieillir").
        const labels = suggestion.map((v) => step.choices.find((c) => c.value === v)!.label[this.lang]).join(this.text('punctuation.list'));
        text += `\n\n${this.text('suggestion', { suggestion: labels })}`;
      }
    }
    const current = s.answers[fieldOf(step)];
    if (current && current.v !== null) {
      text += `\n${this.text('current_answer', { value: userValue(formatAnswer(this.flow, step, current.v, this.lang)) })}`;
    }
    const progress = this.progressLine(step);
    if (progress) text = `${progress}\n\n${text}`;
    this.out.push(this.question(step, text));
  }

  /**
   * "Étape 2 sur 4 · Votre besoin" above the first question asked in a section (again after a
   * move to another section); never while a call back or a short need collects its details, which
   * are not a step of the journey.
   */
  private progressLine(step: Step): string | undefined {
    const s = this.state;
    if (!this.flow.settings.show_progress || this.collecting(step) || s.notEligible?.short) return undefined;
    const counted = this.flow.sections.filter((section) => section.progress);
    const index = counted.findIndex((section) => section.steps.some((x) => x.id === step.id));
    if (index < 0 || s.progressShown === counted[index].file) return undefined;
    s.progressShown = counted[index].file;
    return this.text('progress', { step: index + 1, total: counted.length, section: counted[index].title[this.lang] });
  }

  /** The question's wording (its call-back wording while a call back's details are collected). */
  askText(step: Step): string {
    const text = this.collecting(step) && step.callback_ask ? step.callback_ask : step.ask;
    // The placeholders cost a walk and every answer formatted: only for a wording that has some ({{…}} or a plural block).
    return render(text, this.lang, text[this.lang].includes('{') ? this.vars() : {});
  }

  /** A question message with its buttons. */
  question(step: Step, text: string): OutMessage {
    const s = this.state;
    const actions: ChoiceButton[] = [];
    if (step.kind === 'yesno') actions.push(this.button('yes'), this.button('no'));
    if (s.suggestion?.length) actions.push(this.button('yes'));
    // A call-back detail is required: no "Passer" button that would be refused.
    if (step.optional && !this.collecting(step)) actions.push(this.button('skip_button'));
    actions.push(...wayThroughButtons(this, step));
    const current = s.answers[fieldOf(step)]?.v;
    const base = { type: 'question' as const, text, stepId: step.id, actions: actions.length ? actions : undefined };
    if (step.kind !== 'choice' && step.kind !== 'multichoice') return base;
    const selected = s.suggestion ?? (Array.isArray(current) ? current : typeof current === 'string' ? [current] : undefined);
    return {
      ...base,
      choices: step.choices.map((c) => ({ value: c.value, label: c.label[this.lang] })),
      multiple: step.kind === 'multichoice',
      selected,
      // Not the summary's "Confirmer": this button sends one answer, not the whole request.
      submitLabel: this.text('choices.submit_button'),
      inputLabel: this.text(step.kind === 'multichoice' ? 'choices.label_multiple' : 'choices.label_single'),
    };
  }

  /** Asks again whatever is waiting for the user. */
  reask(): void {
    switch (this.state.phase) {
      case 'asking': {
        const step = this.currentStep();
        return step ? this.ask(step) : this.advance();
      }
      case 'summary':
        return showSummary(this);
      case 'done':
        return this.say('done_already', { reference: this.state.reference });
      case 'idle':
        return;
    }
  }

  /**
   * "Retour": the question before the current one on the path the answers take now (as the
   * summary and "modifier" see it), never one whose condition no longer holds, never forward.
   */
  back(): void {
    const s = this.state;
    // Nothing to go back to: start, as "modifier" and "reprendre" do, rather than stay silent.
    if (s.phase === 'idle') return this.begin();
    if (s.phase !== 'asking' && s.phase !== 'summary') return this.reask();
    const path = this.walk().path;
    const current = this.currentStep();
    const previous = current ? previousOnPath(this.flow, path, current) : path.at(-1);
    if (!previous) {
      this.say('back_unavailable');
      return this.reask();
    }
    this.ask(previous);
  }

  edit(step: Step): void {
    const w = this.walk();
    if (step.when && !evaluateCondition(step.when, w.values)) {
      this.say('edit_unavailable');
      return this.reask();
    }
    this.ask(step);
  }

  askWhichToEdit(key: 'edit_which' | 'edit_unknown', name?: string): void {
    this.state.pending = 'edit';
    const answered = this.walk().path.filter((s) => s.summary !== false);
    const among = answered.length ? answered : editableSteps(this.flow);
    this.out.push({
      type: 'text',
      text: `${this.text(key, { name: userValue(name ?? '') })}\n${among.map((s) => `- ${s.label[this.lang]}`).join('\n')}`,
    });
  }

  /**
   * An early end of the journey (consent refused, or the user stops once told it cannot be for
   * them): the answers are forgotten. `text`: said instead of the flow ending's own.
   */
  end(endingId: string, text?: string): void {
    const kept = this.keptReferences();
    this.events.push({ kind: 'ending', ending: endingId, path: this.walk().path.map((s) => s.id) });
    this.forget = true;
    this.reset();
    // An ending's text says nothing is kept: not true once a request has been recorded.
    if (kept) this.say('ending_request_kept', { reference: kept });
    else this.out.push({ type: 'text', text: text ?? render(this.flow.endings[endingId].text, this.lang) });
  }
}

/** The answered question before `current` on the path: by position on it, else by order in the flow. */
function previousOnPath(flow: Flow, path: readonly Step[], current: Step): Step | undefined {
  const at = path.indexOf(current);
  if (at >= 0) return path[at - 1];
  const index = flow.steps.indexOf(current);
  return path.filter((s) => flow.steps.indexOf(s) < index).at(-1);
}

export function yesNo(text: string, lang: Locale): boolean | undefined {
  if (!text) return undefined;
  const r = parseYesNo(text, { locale: lang, now: new Date(0) });
  return r.status === 'value' ? r.value : undefined;
}
