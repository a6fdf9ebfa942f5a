import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { sameSecret } from '../http/sameSecret';
import { LOCAL_BOT, LOCAL_CHANNEL_ID } from './botEndpoint';
import type { ConversationStore } from './conversationStore';
import { FAILED, parseBody, route, sendError } from './http';

/**
 * The Bot Connector side of the local Direct Line: the bot's replies arrive here because the
 * activities it received named these routes as their serviceUrl. The routes sit under a random
 * per-process secret (`/local/<secret>/v3/conversations/…`), so only this server's own bot can
 * post into a conversation; only conversations the local endpoint created are accepted, and each
 * reply joins that conversation's history for Web Chat to read.
 */
const replySchema = z.looseObject({
  type: z.string().min(1).max(64),
  from: z.looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
});

/** A reply card is a few kB; this leaves room and keeps one reply from filling a conversation's budget. */
const MAX_REPLY_BYTES = 128 * 1024;

export function registerConnectorRoutes(server: Server, store: ConversationStore, secret: string): void {
  const receive = route(async (req: Request, res: Response) => {
    const conversation = sameSecret(String(req.params?.secret ?? ''), secret) ? store.get(String(req.params?.conversationId ?? '')) : undefined;
    if (!conversation) return sendError(res, 404, 'NotFound', 'not a conversation of the local Direct Line');
    const parsed = await parseBody(req, res, replySchema, { maxBytes: 2 * MAX_REPLY_BYTES });
    if (parsed === FAILED) return;
    const { serviceUrl: _ignored, ...activity } = parsed;
    const reply = {
      ...activity,
      from: { ...LOCAL_BOT, ...activity.from, role: 'bot' },
      conversation: { id: conversation.id },
      channelId: LOCAL_CHANNEL_ID,
      timestamp: new Date().toISOString(),
    };
    if (Buffer.byteLength(JSON.stringify(reply)) > MAX_REPLY_BYTES) {
      return sendError(res, 413, 'MessageSizeTooBig', `a reply must stay under ${MAX_REPLY_BYTES} bytes`);
    }
    res.send(200, { id: store.append(conversation, reply).id });
  });
  server.post('/local/:secret/v3/conversations/:conversationId/activities', receive);
  server.post('/local/:secret/v3/conversations/:conversationId/activities/:replyToId', receive);
}
