import { INTENT_ACT, INTENT_ASK, isNoneAnswer, matchIntent, type IntentExamples } from '../answers';
import type { Flow } from '../flow/model';
import { COMMANDS, type CommandName, type Step } from '../flow/schema';
import { onAnswer } from './answering';
import { onCommand } from './commandHandlers';
import { type Command, commandKey } from './commands';
import { pickOption, wordsOf } from './options';
import { parseForStep } from './parseAnswer';
import { type Turn, yesNo } from './turn';

/**
 * Commands said in people's own sentences ("je préfère qu'on me rappelle", "can someone call me
 * back?"), read with matchIntent over the words and examples staff keep in commands.yaml, and
 * weighed against the question on screen: an answer is never taken for a command.
 */

/** Not read inside sentences: a greeting opens many answers, and requests to change language have their own reader. */
const IN_SENTENCES = COMMANDS.filter((c) => c !== 'greeting' && c !== 'english' && c !== 'french');

const tables = new WeakMap<Flow, IntentExamples>();

/** Per language, per command: its whole-message words and its example sentences. */
export function intentExamples(flow: Flow): IntentExamples {
  let examples = tables.get(flow);
  if (!examples) {
    const of = (lang: 'fr' | 'en') =>
      Object.fromEntries(IN_SENTENCES.map((c) => [c, [...flow.commands[c].words[lang], ...flow.commands[c].examples[lang]]]));
    examples = { fr: of('fr'), en: of('en') };
    tables.set(flow, examples);
  }
  return examples;
}

/** What a sentence without a command word is: an answer (maybe mentioning a command), a command, or unsure. */
export type Reading =
  | { kind: 'answer'; mentions?: CommandName }
  | { kind: 'command'; cmd: Command }
  | { kind: 'ask'; cmd: Command };

/** Commands that mean something where the conversation stands. */
function applies(name: CommandName, t: Turn): boolean {
  if (name === 'confirm') return t.state.phase === 'summary';
  if (name === 'resume') return t.pendingWas === 'resume';
  if (name === 'skip') return t.state.phase === 'asking' && t.currentStep() !== undefined;
  // A call back already asked for: "qu'on me rappelle" in an answer is about that one.
  if (name === 'human') return !t.state.callback;
  return true;
}

/**
 * The arbitration between an answer and a command said in a sentence, by the question on screen:
 * - a free-text question: the answer wins unless the message is only the command ("je voudrais
 *   parler à quelqu'un"); a description that mentions a call back is a description;
 * - another question: a sure match (≥ INTENT_ACT) that is only the command acts; a sure match
 *   with more in it acts unless that more answers the question (then the answer wins);
 * - anywhere, an unsure match (INTENT_ASK ≤ confidence < INTENT_ACT: the command beside other
 *   words, "Oui, mais je préfère qu'on me rappelle") could be both: it is asked back in one line;
 * - when the answer wins over a match, the bot says it kept the message as the answer, and how to
 *   ask for the command alone.
 * At the summary a sure match acts and an unsure one is asked back; elsewhere only sure ones act.
 */
export function readSentence(t: Turn, text: string): Reading {
  const m = matchIntent(withoutAddresses(text), intentExamples(t.flow), t.lang);
  if (!m || !applies(m.command as CommandName, t)) return { kind: 'answer' };
  const name = m.command as CommandName;
  const argument = name === 'edit' && m.rest.length ? m.rest.join(' ') : undefined;
  const cmd: Command = { name, ...(argument ? { argument } : {}) };
  // "je voudrais modifier mon email": what is left names the answer to edit, nothing else.
  const whole = m.whole || (argument !== undefined && t.stepNamed(argument) !== undefined);
  const sure = m.confidence >= INTENT_ACT;
  const step = t.currentStep();
  if (t.state.phase !== 'asking' || !step) {
    // At the summary, "oui, tout est bon, vous pouvez envoyer" confirms whatever else it says.
    if (sure || name === 'confirm') return { kind: 'command', cmd };
    return t.state.phase === 'summary' ? { kind: 'ask', cmd } : { kind: 'answer' };
  }
  // Said back only for a call back, the request most worth not missing.
  const kept: Reading = { kind: 'answer', ...(name === 'human' ? { mentions: name } : {}) };
  if (step.kind === 'text') return !whole ? kept : sure ? { kind: 'command', cmd } : { kind: 'ask', cmd };
  if (!sure) return { kind: 'ask', cmd };
  if (whole) return { kind: 'command', cmd };
  return answersStep(t, step, text) ? kept : { kind: 'command', cmd };
}

/** An address says nothing of a command ("contact(at)asso.fr" is no request to be contacted). */
const withoutAddresses = (text: string): string => text.replace(/\S*(?:@|\(at\)|\[at\]|:\/\/|www\.)\S*/gi, ' ');

/** Whether the message reads as an answer to the question (a value, "none", or one of the step's words for none). */
function answersStep(t: Turn, step: Step, text: string): boolean {
  if (parseForStep(step, text, { locale: t.lang, now: t.env.now }).status !== 'invalid') return true;
  if ((step.kind === 'choice' || step.kind === 'multichoice') && isNoneAnswer(text)) return true;
  const none = [...(step.none?.fr ?? []), ...(step.none?.en ?? [])].map(commandKey);
  return none.includes(commandKey(text));
}

const button = (t: Turn, name: CommandName) => t.text(`intent.button.${name}`);

/** "Voulez-vous être rappelé, ou est-ce votre réponse ?" with a button for each. */
export function askBack(t: Turn, cmd: Command, text: string): void {
  const s = t.state;
  s.pending = 'intent';
  s.intent = { command: cmd.name, ...(cmd.argument ? { argument: cmd.argument } : {}), text };
  const command = button(t, cmd.name);
  t.out.push({
    type: 'question',
    text: t.text('intent.ask', { action: t.text(`intent.action.${cmd.name}`) }),
    stepId: 'intent',
    actions: [{ value: command, label: command }, t.button('intent.answer_button')],
  });
}

/** The reply to asking back: the command, or the sentence as the answer; anything else is a new message (false). */
export function onIntentReply(t: Turn, cmd: Command | undefined, text: string): boolean {
  const asked = t.state.intent;
  t.state.intent = undefined;
  if (!asked) return false;
  const options = [
    { value: 'command' as const, label: button(t, asked.command) },
    { value: 'answer' as const, label: t.text('intent.answer_button'), words: wordsOf(t, 'intent.answer_words') },
  ];
  const yn = yesNo(text, t.lang);
  const picked =
    pickOption(text, options) ?? (cmd?.name === asked.command ? 'command' : yn === true ? 'command' : yn === false ? 'answer' : undefined);
  if (picked === 'command') onCommand(t, { name: asked.command, argument: asked.argument }, asked.text);
  else if (picked === 'answer') onAnswer(t, asked.text);
  else return false;
  return true;
}
