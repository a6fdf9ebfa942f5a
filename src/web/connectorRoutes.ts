import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { LOCAL_BOT, LOCAL_CHANNEL_ID } from './botEndpoint';
import type { ConversationStore } from './conversationStore';
import { INVALID_JSON, issuesLine, jsonBody, route, sendError } from './http';

/**
 * The Bot Connector side of the local Direct Line: the bot's replies arrive here because the
 * activities it received named this server as their serviceUrl. Only conversations the local
 * endpoint created are accepted; each reply joins that conversation's history for Web Chat to read.
 */
const replySchema = z.looseObject({
  type: z.string().min(1).max(64),
  from: z.looseObject({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
});

export function registerConnectorRoutes(server: Server, store: ConversationStore): void {
  const receive = route((req: Request, res: Response) => {
    const conversation = store.get(String(req.params?.conversationId ?? ''));
    if (!conversation) return sendError(res, 404, 'NotFound', 'not a conversation of the local Direct Line');
    const body = jsonBody(req);
    if (body === INVALID_JSON) return sendError(res, 400, 'BadArgument', 'the body is not valid JSON');
    const parsed = replySchema.safeParse(body);
    if (!parsed.success) return sendError(res, 400, 'BadArgument', issuesLine(parsed.error.issues));
    const { serviceUrl: _ignored, ...activity } = parsed.data;
    const stored = store.append(conversation, {
      ...activity,
      from: { ...LOCAL_BOT, ...activity.from, role: 'bot' },
      conversation: { id: conversation.id },
      channelId: LOCAL_CHANNEL_ID,
      timestamp: new Date().toISOString(),
    });
    res.send(200, { id: stored.id });
  });
  server.post('/v3/conversations/:conversationId/activities', receive);
  server.post('/v3/conversations/:conversationId/activities/:replyToId', receive);
}
