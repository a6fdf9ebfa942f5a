import type { Activity, CardAction } from 'botbuilder';
import { capabilitiesOf } from '../../bot/channels';
import { readMessage } from '../../bot/input';
import { toActivities } from '../../bot/render';
import type { SlackAttachment } from '../../bot/slackMessage';
import { runTurn, type TurnInput } from '../../engine/machine';
import type { OutMessage } from '../../engine/messages';
import { initialState } from '../../engine/state';
import { say } from '../../engine/texts';
import type { ScenarioTurn } from '../../journey/scenarioSchema';
import type { Logger } from '../../log';
import { LOCAL_BOT, LOCAL_CHANNEL_ID } from '../../web/botEndpoint';
import type { ConversationStore } from '../../web/conversationStore';
import { MAX_TRY_TURNS, type TrySession } from './trySession';

/** The references a try gives: they never look like a real need's. */
export const TRY_REFERENCE_PREFIX = 'ESSAI';

interface TurnDeps {
  store: ConversationStore;
  now: Date;
  log: Logger;
}

/**
 * One turn of a try: what Web Chat sent, read as the chosen channel reads it; the real engine
 * on the draft's flow and the try's state; the replies rendered with that channel's
 * capabilities (src/bot/render.ts) and added to the conversation for Web Chat to read. A need
 * is only kept in the try's memory, under an ESSAI-… reference.
 */
export function runTryTurn(session: TrySession, activity: Record<string, unknown>, { store, now, log }: TurnDeps): void {
  const caps = capabilitiesOf(session.channel);
  const input = inputOf(activity, session.channel);
  if (!input) return;
  const { flow } = session;
  let messages: OutMessage[];
  try {
    const result = runTurn(flow, session.state ?? initialState(session.lang), input, {
      now,
      conversationId: session.conversation.id,
      channel: caps.name,
      nextReference: () => `${TRY_REFERENCE_PREFIX}-${now.getUTCFullYear()}-${String(++session.references).padStart(5, '0')}`,
    });
    if (result.need) session.needs.push(result.need);
    messages = result.messages;
    session.state = result.state;
    if (result.erase) {
      // "Supprimer mes données", confirmed: the try forgets everything, as the bot would.
      session.state = undefined;
      session.needs = [];
      messages = [{ type: 'text', text: say(flow, 'erased', result.state.lang) }];
    }
    record(session, input, now.getTime());
  } catch (err) {
    // A draft the checks let through but the engine cannot run: shown as the bot shows its failures.
    log.error({ err }, 'studio try: the turn failed');
    messages = [{ type: 'text', text: say(flow, 'turn_error', session.state?.lang ?? session.lang) }];
  }
  for (const reply of toActivities(flow, messages, caps)) {
    store.append(session.conversation, {
      ...forWebChat(reply),
      from: LOCAL_BOT,
      conversation: { id: session.conversation.id },
      channelId: LOCAL_CHANNEL_ID,
      timestamp: now.toISOString(),
      ...(typeof activity.id === 'string' ? { replyToId: activity.id } : {}),
    });
  }
}

/** What the user did, as the chosen channel's bot would read it; undefined for what it ignores (typing, events). */
function inputOf(activity: Record<string, unknown>, channel: TrySession['channel']): TurnInput | undefined {
  if (activity.type === 'conversationUpdate') return { kind: 'start' };
  if (activity.type !== 'message') return undefined;
  const caps = capabilitiesOf(channel);
  const click = slackClickOf(activity.value);
  // A Slack button shown in Web Chat (see forWebChat) comes back as Slack sends a click.
  const message = caps.buttons === 'slackAttachments' && click ? { type: 'message', channelData: { payload: click } } : activity;
  return readMessage(message as Partial<Activity>, caps);
}

/** Remembers the turn as a scenario turn (with the time it took place: long pauses become `advance`). */
function record(session: TrySession, input: TurnInput, at: number): void {
  if (session.turns.length >= MAX_TRY_TURNS) {
    session.truncated = true;
    return;
  }
  const turn: ScenarioTurn | undefined =
    input.kind === 'start'
      ? { join: true }
      : typeof input.text === 'string' && input.text.trim()
        ? { user: input.text }
        : input.value && typeof input.value === 'object'
          ? { submit: input.value as Record<string, unknown> }
          : undefined;
  if (turn) session.turns.push({ at, turn });
}

interface SlackClick {
  callback_id: string;
  actions: { name: string; value: string }[];
}

const slackClickOf = (value: unknown): SlackClick | undefined => {
  const slack = value && typeof value === 'object' ? (value as { slack?: unknown }).slack : undefined;
  if (!slack || typeof slack !== 'object') return undefined;
  const { callback_id, name, value: v } = slack as Record<string, unknown>;
  return typeof callback_id === 'string' && typeof name === 'string' && typeof v === 'string' ? { callback_id, actions: [{ name, value: v }] } : undefined;
};

/**
 * Web Chat shows suggested actions, not Slack's message buttons: each Slack button becomes a
 * button whose click Web Chat sends back as `value.slack`, which inputOf turns into the click
 * Slack would send. Everything else is shown as rendered.
 */
function forWebChat(activity: Partial<Activity>): Partial<Activity> {
  const attachments = (activity.channelData as { attachments?: SlackAttachment[] } | undefined)?.attachments;
  if (!Array.isArray(attachments)) return activity;
  const { channelData: _slack, ...rest } = activity;
  const actions: CardAction[] = attachments.flatMap((a) =>
    a.actions.map((b) => ({ type: 'messageBack', title: b.text, displayText: b.text, value: { slack: { callback_id: a.callback_id, name: b.name, value: b.value } } })),
  );
  return { ...rest, suggestedActions: { actions, to: [] } };
}
