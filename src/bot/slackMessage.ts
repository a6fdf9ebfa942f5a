import type { TurnInput } from '../engine/machine';
import { plainText } from '../engine/userText';
import { slackEscape } from './escapeMarkup';

/**
 * Slack message buttons through Azure Bot Service's "full-fidelity Slack message": legacy
 * attachments with button actions in the activity's channelData (Azure posts them with Slack's
 * chat.postMessage). A click comes back as a message whose channelData carries Slack's
 * interactive_message payload. Both directions live here so that they stay in step.
 */

/** A button: an option of a choice question (sent back as its position), or words sent as if typed. */
export type SlackButton = { label: string; option: number } | { label: string; typed: string };

export interface SlackAction {
  name: 'answer' | 'say';
  text: string;
  type: 'button';
  value: string;
}

export interface SlackAttachment {
  text: string;
  fallback: string;
  callback_id: string;
  attachment_type: 'default';
  actions: SlackAction[];
}

/** Slack shows at most 5 buttons per legacy attachment and reads 20 attachments per message. */
const ACTIONS_PER_ATTACHMENT = 5;
const MAX_ATTACHMENTS = 20;

/**
 * The channelData of a message with buttons. `callback_id` names the question (a click on an
 * older message must not answer another question); `fallback` is what notifications show.
 * No `text` here: the message text is the activity's own, sent once.
 */
export function slackButtons(stepId: string, buttons: readonly SlackButton[], fallback: string): { attachments: SlackAttachment[] } | undefined {
  if (!buttons.length) return undefined;
  // Every text Slack shows is escaped (a `<!channel>` in a notification alerts a whole channel);
  // what comes back on a click is not shown, and is compared with what the user could type.
  const shown = (text: string) => slackEscape(plainText(text));
  const actions: SlackAction[] = buttons.map((b) =>
    'option' in b
      ? { name: 'answer', text: shown(b.label), type: 'button', value: String(b.option) }
      : { name: 'say', text: shown(b.label), type: 'button', value: plainText(b.typed) },
  );
  const attachments: SlackAttachment[] = [];
  for (let i = 0; i < actions.length && attachments.length < MAX_ATTACHMENTS; i += ACTIONS_PER_ATTACHMENT) {
    attachments.push({ text: '', fallback: shown(fallback), callback_id: stepId, attachment_type: 'default', actions: actions.slice(i, i + ACTIONS_PER_ATTACHMENT) });
  }
  return { attachments };
}

/**
 * A button click as the engine's input, or undefined when the activity is not a click. Azure's
 * documentation names the payload `payload`, Microsoft's Slack extension reads `Payload`, and
 * Slack itself posts it as a JSON string: all are accepted.
 */
export function slackClick(channelData: unknown): TurnInput | undefined {
  const payload = parsePayload(field(channelData, 'payload') ?? field(channelData, 'Payload') ?? field(field(channelData, 'SlackMessage'), 'payload'));
  const actions = field(payload, 'actions');
  const action = Array.isArray(actions) ? actions[0] : undefined;
  const value = field(action, 'value');
  if (typeof value !== 'string' || !value) return undefined;
  const name = field(action, 'name') ?? field(action, 'action_id');
  const step = field(payload, 'callback_id');
  if (name === 'answer' && typeof step === 'string') return { kind: 'message', value: { answer: value, step } };
  return { kind: 'message', text: value };
}

function parsePayload(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function field(o: unknown, key: string): unknown {
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>)[key] : undefined;
}
