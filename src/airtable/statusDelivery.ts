import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Locale } from '../answers/types';
import { render } from '../engine/texts';
import type { Flow } from '../flow/model';
import type { ConversationReferenceData } from '../stores/conversationReferences';

/** How the status watcher (src/airtable/statusWatcher.ts) tells the association: which text, through which channel, for how long. */

/** The statuses the association is told about, and the key of their text in dialogs/texts.yaml. */
export const STATUS_TEXT_KEYS = {
  Accepté: 'status.accepted',
  Réorienté: 'status.redirected',
} as const;
export type ToldStatus = keyof typeof STATUS_TEXT_KEYS;

export const isToldStatus = (status: unknown): status is ToldStatus =>
  typeof status === 'string' && Object.prototype.hasOwnProperty.call(STATUS_TEXT_KEYS, status);

export type StatusText = (status: ToldStatus, lang: Locale, vars: Readonly<Record<string, string>>) => string | undefined;
export type ProactiveSend = (ref: ConversationReferenceData, text: string) => Promise<void>;
export type SendTimer = (ms: number, signal: AbortSignal) => Promise<void>;

/** Stops waiting when `timer` says the time is up, or when the watcher stops (the send itself cannot be cancelled). */
export async function bounded(sending: Promise<void>, ms: number, timer: SendTimer, signal: AbortSignal): Promise<void> {
  const over = new AbortController();
  const timeUp = timer(ms, AbortSignal.any([over.signal, signal])).then(
    () => Promise.reject(new Error(`no answer from the channel within ${ms} ms`)),
    () => Promise.reject(new Error('the watcher stopped while sending')),
  );
  try {
    await Promise.race([sending, timeUp]);
  } finally {
    over.abort();
    timeUp.catch(() => undefined);
  }
}

/**
 * The texts of dialogs/texts.yaml (`status.accepted`, `status.redirected`), `{{reference}}`
 * filled in; undefined when the flow lacks one.
 */
export function flowStatusTexts(flow: Pick<Flow, 'texts'>): StatusText {
  return (status, lang, vars) => {
    const text = flow.texts[STATUS_TEXT_KEYS[status]];
    return text?.[lang] ? render(text, lang, vars) : undefined;
  };
}

/** Runs `logic` in a proactive turn of the conversation of `ref`; rejects with what `logic` threw. */
export type ProactiveTurn = (ref: ConversationReferenceData, logic: (context: TurnContext) => Promise<void>) => Promise<void>;

/**
 * A proactive turn through the bot's adapter (`continueConversationAsync` with the bot's app
 * id, '' without credentials).
 *
 * The error is caught inside the turn and rethrown after it: otherwise the adapter would hand it
 * to `onTurnError` (which replies "technical problem" to the user and swallows it), and the
 * caller would believe the message was delivered.
 */
export function proactiveTurn(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, appId: string): ProactiveTurn {
  return async (ref, logic) => {
    let failure: { err: unknown } | undefined;
    await adapter.continueConversationAsync(appId, ref as Partial<ConversationReference>, async (context: TurnContext) => {
      try {
        await logic(context);
      } catch (err) {
        failure = { err };
      }
    });
    if (failure) throw failure.err;
  };
}

/** A `send` for the watcher: a Bot Framework proactive message. */
export function proactiveSend(adapter: Pick<CloudAdapter, 'continueConversationAsync'>, appId: string): ProactiveSend {
  const turn = proactiveTurn(adapter, appId);
  return (ref, text) =>
    turn(ref, async (context) => {
      await context.sendActivity(text);
    });
}
