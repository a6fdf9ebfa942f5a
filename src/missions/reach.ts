/**
 * How well a conversation of each channel reaches the association later, for what follows its
 * need (the preparation message, the evaluations):
 * - lasting: a workspace chat it keeps open and is notified of (Teams, Slack);
 * - session: a chat that lasts as long as its page (the website's Web Chat, the Emulator): a
 *   message arrives, but is only seen if the page is still open;
 * - none: no conversation to write to.
 */
export type Reach = 'lasting' | 'session' | 'none';

const REACH: Readonly<Record<string, Reach>> = {
  msteams: 'lasting',
  slack: 'lasting',
  webchat: 'session',
  directline: 'session',
  emulator: 'session',
};

export const reachOf = (channelId: string | undefined): Reach => REACH[channelId ?? ''] ?? 'none';
