import type { Activity, ChannelAccount } from 'botbuilder';
import { languageRequest, looksEnglish } from '../answers';
import type { TurnInput } from '../engine/machine';
import type { ConversationState } from '../engine/state';
import type { ChannelCapabilities } from './channels';
import { slackClick } from './slackMessage';

/**
 * What the user said or clicked, read from a message activity the same way on every channel:
 * typed text without the bot's @mention (Teams channels), an Adaptive Card `Action.Submit`
 * payload (`value`), or a Slack button click (channelData payload, where the channel has them).
 */
export function readMessage(activity: Partial<Activity>, caps: ChannelCapabilities): TurnInput {
  return { ...readWhat(activity, caps), ...localeOf(activity) };
}

function readWhat(activity: Partial<Activity>, caps: ChannelCapabilities): TurnInput {
  const click = caps.buttons === 'slackAttachments' ? slackClick(activity.channelData) : undefined;
  if (click) return click;
  if (typeof activity.text !== 'string') return { kind: 'message', value: activity.value };
  const { text, mentioned } = withoutBotMention(activity.text, activity);
  // "@Bot" alone: the user calls the bot, as "bonjour" would (welcome, or where we were).
  if (mentioned && !text && activity.value === undefined) return { kind: 'message', value: { command: 'greeting' } };
  return { kind: 'message', text, value: activity.value };
}

/** The user joining (or the bot installed), with the channel's locale: the welcome's language. */
export const readStart = (activity: Partial<Activity>): TurnInput => ({ kind: 'start', ...localeOf(activity) });

/** Web Chat sends the browser's language, Teams the client's ("en-US"); a long or odd value is not one. */
function localeOf(activity: Partial<Activity>): { locale?: string } {
  const locale = activity.locale;
  return typeof locale === 'string' && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(locale) && locale.length <= 35 ? { locale } : {};
}

/**
 * Whether the conversation may be in English: an English locale, a request or an answer in
 * English, or a state already in English. The English recognizers are then warmed up (without
 * waiting: a turn never waits for them; until they are warm, our own lexicon reads English values).
 */
export function mayBeEnglish(input: TurnInput, state: ConversationState | undefined): boolean {
  if (state?.lang === 'en' || /^en(?:[-_]|$)/i.test(input.locale ?? '')) return true;
  const text = input.text ?? '';
  return text !== '' && (languageRequest(text) === 'en' || looksEnglish(text));
}

/**
 * Removes the bot's @mentions. Teams writes them `<at>Name</at>` in the text and names them in a
 * mention entity; the entity's text may differ in case from the message's, and an entity may be
 * missing. Other people's mentions keep their name.
 */
export function withoutBotMention(text: string, activity: Partial<Activity>): { text: string; mentioned: boolean } {
  const bot = activity.recipient;
  let out = text;
  let mentioned = false;
  for (const entity of activity.entities ?? []) {
    if (String(entity.type).toLowerCase() !== 'mention') continue;
    const who = entity.mentioned as ChannelAccount | undefined;
    const said = typeof entity.text === 'string' ? entity.text : '';
    if (!said || !sameId(who?.id, bot?.id)) continue;
    const before = out;
    out = out.replace(new RegExp(escapeRegExp(said), 'gi'), ' ');
    mentioned ||= out !== before;
  }
  out = out.replace(/<at>([\s\S]*?)<\/at>/gi, (_, name: string) => {
    if (bot?.name && name.trim().toLowerCase() === bot.name.trim().toLowerCase()) {
      mentioned = true;
      return ' ';
    }
    return name;
  });
  return { text: mentioned ? out.replace(/[ \t\u00a0]{2,}/g, ' ').trim() : out, mentioned };
}

/**
 * Whether a conversationUpdate should welcome. In a personal chat (or Web Chat, the Emulator)
 * someone joining is the start; in a Teams channel or group chat only the bot's own arrival
 * (its installation) is, not each person joining the team later. The engine itself never
 * welcomes twice in a conversation.
 */
export function welcomes(activity: Partial<Activity>): boolean {
  const added = activity.membersAdded ?? [];
  if (!added.length) return false;
  const botAdded = added.some((m) => sameId(m.id, activity.recipient?.id));
  const type = activity.conversation?.conversationType;
  const shared = type === 'channel' || type === 'groupChat' || activity.conversation?.isGroup === true;
  return botAdded || !shared;
}

const sameId = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.toLowerCase() === b.toLowerCase();

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
