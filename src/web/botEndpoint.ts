import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { afterPrevious, type LocalConversation } from './conversationStore';

/** Who the user talks to, as the local Direct Line names the bot in activities. */
export const LOCAL_BOT = { id: 'bot', name: 'Bot', role: 'bot' } as const;
export const LOCAL_CHANNEL_ID = 'directline';

/** This server's own origin, as it reaches itself: where /api/messages and the Bot Connector routes are. */
export function ownOrigin(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address) throw new Error('the server is not listening yet');
  const wildcard = !address.address || address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/**
 * Posts one activity to the bot's /api/messages, after the conversation's previous turns: two
 * quick messages never run at once on the same state. Its serviceUrl is this server's connector
 * (replies come back there). Resolves with the HTTP status.
 */
export function sendToBot(origin: string, serviceUrl: string, conversation: LocalConversation, activity: Record<string, unknown>): Promise<number> {
  return afterPrevious(conversation, async () => {
    const res = await fetch(`${origin}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...activity, serviceUrl, channelId: LOCAL_CHANNEL_ID, recipient: LOCAL_BOT }),
      signal: AbortSignal.timeout(30_000),
    });
    await res.arrayBuffer();
    return res.status;
  });
}

/** The conversationUpdate that tells the bot a user joined (it answers with the welcome). */
export function joinActivity(conversation: LocalConversation): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    conversation: { id: conversation.id },
    from: { id: conversation.userId, role: 'user' },
    membersAdded: [{ id: conversation.userId }],
    locale: conversation.locale,
  };
}
