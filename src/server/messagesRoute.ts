import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import type { Server } from 'restify';
import { z } from 'zod';
import { say } from '../engine/texts';
import type { Flow } from '../flow/model';
import type { Logger } from '../log';
import type { TokenBuckets } from './tokenBucket';

/**
 * The least an activity must carry for the bot to answer it. Anything else is refused with a 400
 * before the adapter sees it (the adapter's own parsing throws, which restify would turn into a 500).
 */
const activityShape = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().url().max(2048),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  from: z.looseObject({ id: z.string().max(1024) }).optional(),
  text: z.string().optional(),
});

export interface MessagesRouteDeps {
  adapter: CloudAdapter;
  /** The adapter's own authentication, asked first so that every bad token is a 401 (the adapter answers 500 to a bad signature). */
  auth: BotFrameworkAuthentication;
  bot: ActivityHandler;
  flow: Flow;
  log: Logger;
  /** Per-conversation flood control (applied after authentication, so nobody can spend another's tokens). */
  limiter: TokenBuckets;
}

/** POST /api/messages: Bot Framework activities, authenticated by the adapter when an app id is set. */
export function registerMessagesRoute(server: Server, { adapter, auth, bot, flow, log, limiter }: MessagesRouteDeps): void {
  server.post('/api/messages', async (req, res) => {
    const shape = activityShape.safeParse(req.body);
    if (!shape.success) {
      const where = shape.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
      res.send(400, { error: 'BadRequest', message: `Not a Bot Framework activity (check: ${where})` });
      return;
    }
    try {
      const header = req.headers.authorization;
      await auth.authenticateRequest(shape.data as unknown as Activity, typeof header === 'string' ? header : '');
    } catch (err) {
      log.warn({ err: (err as Error).message, channelId: shape.data.channelId }, 'activity refused: not authenticated');
      res.send(401, { error: 'Unauthorized' });
      return;
    }
    try {
      await adapter.process(req, res, async (context) => {
        const conversationId = context.activity.conversation.id;
        const { allowed, firstRefusal } = limiter.take(conversationId);
        if (!allowed) {
          log.warn({ conversationId, channelId: context.activity.channelId }, 'conversation flooding: activity dropped');
          if (firstRefusal && context.activity.type === 'message') {
            await context.sendActivity(say(flow, 'slow_down', flow.settings.default_language));
          }
          return;
        }
        await bot.run(context);
      });
    } catch (err) {
      // The adapter parses the activity again, more strictly: a shape it refuses is the caller's fault.
      log.warn({ err }, 'activity refused by the adapter');
      if (!res.headersSent) res.send(400, { error: 'BadRequest', message: 'Invalid activity' });
    }
  });
}
