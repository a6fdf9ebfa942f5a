import type { Activity } from 'botbuilder';
import type { CaptureChannel } from './channelHarness';
import { talk } from './talk';

let sequence = 0;

/** A user's message in a personal Emulator conversation, replies going to `channel` (unique id unless given). */
export function userMessage(channel: CaptureChannel, conversationId: string, text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: `msg-${++sequence}`,
    text,
    channelId: 'emulator',
    serviceUrl: channel.url,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
    ...extra,
  };
}

/** Plays the start of a journey, up to the question about employees; returns the conversation's `talk`. */
export async function upToEmployees(botUrl: () => string, channel: CaptureChannel, conversationId: string): Promise<ReturnType<typeof talk>> {
  const say = talk(botUrl, channel, conversationId);
  for (const [text, expected] of [
    ['bonjour', 'Acceptez-vous'],
    ['oui', 'nom'],
    ['Les Jardins Partagés', 'forme juridique'],
    ['association', 'RNA'],
    ['passer', 'code postal'],
    ['75011 Paris', 'année'],
    ['2012', 'salariés'],
  ]) await say(text, expected);
  return say;
}
