import type { Activity } from 'botbuilder';
import { type CaptureChannel, postActivity, readable } from './channelHarness';
import { normalise } from './conversationScript';

/**
 * Speaks to a bot as a channel does, in one conversation: each call posts a message to
 * /api/messages and checks that the replies captured at the channel's serviceUrl say `expected`.
 */
export function talk(botUrl: () => string, channel: CaptureChannel, conversationId: string, channelId = 'emulator') {
  let n = 0;
  return async (text: string, expected: string): Promise<string> => {
    const activity: Partial<Activity> = {
      type: 'message',
      id: `m-${++n}`,
      text,
      channelId,
      serviceUrl: channel.url,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: 'User' },
      recipient: { id: 'bot', name: 'Bot' },
    };
    const status = await postActivity(botUrl(), activity);
    if (status !== 200) throw new Error(`POST /api/messages answered ${status} to "${text}"`);
    const replies = channel.take().map(readable).join('\n');
    if (!normalise(replies).includes(normalise(expected))) throw new Error(`after "${text}" expected "${expected}", got:\n${replies}`);
    return replies;
  };
}
