import { languageRequest, MAX_TEXT_LENGTH } from '../answers';
import { cleanInput } from '../answers/clean';
import type { TurnEvent } from './events';
import type { Flow } from '../flow/model';
import type { ChannelName, NeedRecord } from '../needs/record';
import { onAnswer } from './answering';
import { offerResume, onCommand, onPending } from './commandHandlers';
import { type Command, detectCommand } from './commands';
import { askBack, readSentence } from './intents';
import { languageOfLocale, offerEnglish } from './language';
import type { OutMessage } from './messages';
import { type ConversationState, initialState, TRANSCRIPT_MAX_CHARS, TRANSCRIPT_MAX_ENTRIES } from './state';
import { asSubmitted, commandFromCard } from './submitted';
import { Turn } from './turn';
import { plainCopy } from './plainCopy';
import { plainText } from './userText';

/** What reached the bot: the user joined, or wrote / clicked something. */
export interface TurnInput {
  kind: 'start' | 'message';
  text?: string;
  /** An Adaptive Card `Action.Submit` payload: `{ answer }` or `{ command, field }`. */
  value?: unknown;
  /** The channel's locale ("fr-FR", "en-US"): the language of a conversation that starts with this turn. */
  locale?: string;
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
  /** User values in their texts and card data are marked (userText.ts): the renderer escapes them per channel. */
  messages: OutMessage[];
  /** A need to record durably BEFORE the messages are sent (completion or call-back request). */
  need?: NeedRecord;
  /** The user confirmed "delete my data": the transport erases everything kept of the conversation, then says how it went. */
  erase?: true;
  /**
   * A need that would not validate was not recorded (no reference allocated) and the user was
   * told: the fields at fault, without their values, for the transport to log.
   */
  invalidNeed?: string[];
  /** What insights cannot read from the state afterwards (src/engine/events.ts). */
  events: TurnEvent[];
  /** A new journey began this turn: the transport may run it again on the live version of the journey. */
  began?: true;
}

/**
 * The journey as a state machine: (flow, state, input) → (new state, messages, need).
 * No I/O: the transport saves the state, records the need and sends the messages.
 */
export function runTurn(flow: Flow, previous: ConversationState | undefined, input: TurnInput, env: TurnEnv): TurnResult {
  // A new conversation speaks the channel's language (French when it is missing or not spoken here).
  const state: ConversationState = previous ? copyOf(previous) : initialState(languageOfLocale(input.locale, flow));
  const turn = new Turn(flow, state, env);
  const idle = state.lastTurnAt ? env.now.getTime() - Date.parse(state.lastTurnAt) : 0;
  const away = idle > flow.settings.resume_after_minutes * 60_000;
  if (input.kind === 'start') onStart(turn);
  else onMessage(turn, input, away);
  finish(turn);
  return {
    state: turn.state,
    messages: turn.out,
    need: turn.need,
    ...(turn.erase ? { erase: true as const } : {}),
    ...(turn.invalidNeed ? { invalidNeed: turn.invalidNeed } : {}),
    events: turn.events,
    ...(turn.began ? { began: true as const } : {}),
  };
}

/**
 * A deep copy of the state, except the transcript's lines, which are shared: a turn only appends
 * lines (or drops the oldest), never changes one, and they are most of the state's size.
 */
function copyOf(previous: ConversationState): ConversationState {
  const copy: ConversationState = plainCopy({ ...previous, transcript: [] });
  copy.transcript = [...(previous.transcript ?? [])];
  return copy;
}

/** The user joined (channels may say so more than once): welcome once, offer to resume later. */
function onStart(t: Turn): void {
  const started = Object.keys(t.state.answers).length > 0;
  if (t.state.phase === 'idle') t.begin();
  else if (t.state.phase !== 'done' && started) offerResume(t);
}

function onMessage(t: Turn, input: TurnInput, away: boolean): void {
  const submitted = asSubmitted(input.value);
  const typed = (input.text ?? '').trim();
  // Longer messages get a polite "too long", whatever the question. Characters are code points,
  // as parseText counts them: an emoji is one character, not two UTF-16 units.
  if (typed.length > MAX_TEXT_LENGTH && [...typed].length > MAX_TEXT_LENGTH) return t.say('too_long');
  // From here on only clean text: what the bot echoes ("modifier <name>") or keeps has no control
  // characters, direction overrides, half emoji or the markers of user values.
  const text = cleanInput(typed);
  if (!text && submitted?.answer === undefined && !submitted?.command) return t.say('not_text');
  t.userText = text || String(submitted?.answer ?? submitted?.command ?? '');
  const s = t.state;
  t.justNoted = s.noted;
  s.noted = undefined;
  // A command's words, or a request in the user's own words to speak English or French.
  const language = !submitted?.command ? languageRequest(text) : undefined;
  let cmd: Command | undefined = submitted?.command ? commandFromCard(submitted) : (detectCommand(t.flow, text) ?? (language && { name: language === 'en' ? 'english' : 'french' }));
  if (s.pending && onPending(t, s.pending, cmd, text, submitted)) return;
  if (away && !cmd && (s.phase === 'asking' || s.phase === 'summary')) return offerResume(t);
  if (!cmd && text && submitted?.answer === undefined) {
    // A command said in a sentence, weighed against the question on screen (intents.ts).
    const reading = readSentence(t, text);
    if (reading.kind === 'ask') return askBack(t, reading.cmd, text);
    if (reading.kind === 'command') cmd = reading.cmd;
    else if (reading.mentions) t.say('intent.answer_kept', { action: t.text(`intent.action.${reading.mentions}`) });
  }
  if (cmd) return onCommand(t, cmd, text, submitted);
  onAnswer(t, text, submitted);
  offerEnglish(t, text);
}

/** Bounds the transcript and stamps the turn. */
function finish(t: Turn): void {
  const s = t.state;
  s.lastTurnAt = t.env.now.toISOString();
  if (t.forget) return;
  const clip = (text: string) => {
    if (text.length <= TRANSCRIPT_MAX_CHARS) return text;
    // Never half an emoji: a lone surrogate is invalid UTF-8 for Airtable.
    const end = /[\uD800-\uDBFF]/.test(text[TRANSCRIPT_MAX_CHARS - 1]) ? TRANSCRIPT_MAX_CHARS - 1 : TRANSCRIPT_MAX_CHARS;
    return `${text.slice(0, end)}…`;
  };
  // Cleaned like every stored answer: no control characters or direction overrides reach staff.
  if (t.userText) s.transcript.push({ from: 'user', text: clip(cleanInput(t.userText)) });
  for (const m of t.out) s.transcript.push({ from: 'bot', text: clip(plainText(m.text)) });
  if (s.transcript.length > TRANSCRIPT_MAX_ENTRIES) s.transcript = s.transcript.slice(-TRANSCRIPT_MAX_ENTRIES);
}
