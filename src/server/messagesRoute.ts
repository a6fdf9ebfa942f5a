import type { Activity, ActivityHandler, InvokeResponse } from 'botbuilder';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { say } from '../engine/texts';
import type { Flow } from '../flow/model';
import { readJsonBody } from '../http/jsonBody';
import type { TokenBuckets } from '../http/tokenBucket';
import type { Logger } from '../log';
import type { AuthenticatedAdapter } from './authenticatedAdapter';
import { replyLanguage } from './replyLanguage';

/** A user or the bot, as activities name them. */
const account = z.looseObject({ id: z.string().max(1024), name: z.string().max(1024).nullish() });

/**
 * The least an activity must carry for the bot to answer it, and the shape of every field the bot
 * and the adapter read. Anything else is refused with a 400 before the adapter sees it (a field of
 * the wrong type would otherwise fail mid-turn, or in the adapter's own parsing).
 */
const activityShape = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().url().max(2048),
    conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
    from: account.optional(),
    recipient: account.optional(),
    membersAdded: z.array(account).max(100).optional(),
    membersRemoved: z.array(account).max(100).optional(),
    entities: z.array(z.looseObject({ type: z.string().max(256).optional(), mentioned: account.optional() })).max(100).optional(),
    attachments: z.array(z.looseObject({})).max(100).optional(),
    text: z.string().optional(),
    /** An invoke's or event's name: the adapter dispatches on it. */
    name: z.string().max(256).optional(),
    value: z.unknown().optional(),
  })
  .superRefine((activity, ctx) => {
    const value = activity.type === 'invoke' && activity.name ? invokeValues.get(activity.name) : undefined;
    if (value && !value.safeParse(activity.value).success) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `not the value of a ${activity.name} invoke` });
    }
  });

/**
 * The invoke values botbuilder's ActivityHandler reads without checking them (a TypeError in the
 * middle of the turn otherwise). Any other invoke gets botbuilder's 501: the bot handles none.
 */
const invokeValues = new Map<string, z.ZodType>([
  ['adaptiveCard/action', z.looseObject({ action: z.looseObject({ type: z.string() }) })],
  ['application/search', z.looseObject({})],
]);

export interface MessagesRouteDeps {
  adapter: AuthenticatedAdapter;
  /** The adapter's own authentication, asked here (once a turn) so that every bad token is a 401 (the adapter answers 500 to a bad signature). */
  auth: BotFrameworkAuthentication;
  bot: ActivityHandler;
  /** The live journey (texts said before a turn runs). */
  flow: () => Flow;
  log: Logger;
  /** Per-conversation flood control (applied after authentication, so nobody can spend another's tokens). */
  limiter: TokenBuckets;
  /**
   * Local mode (no authentication): the serviceUrls the bot may reply to; anything else is a 403,
   * so that nobody makes the bot post to an address of their choosing. Undefined when the adapter
   * authenticates (the channel's token then names the serviceUrl).
   */
  acceptsServiceUrl?: (serviceUrl: string) => boolean;
}

/** POST /api/messages: Bot Framework activities, authenticated by the adapter when an app id is set. */
export function registerMessagesRoute(server: Server, deps: MessagesRouteDeps): void {
  const { auth, log, acceptsServiceUrl } = deps;
  // zod compiles a schema's checks on its first use: at start, not on the first user's turn.
  activityShape.safeParse({ type: 'message', channelId: 'warm-up', serviceUrl: 'http://localhost', conversation: { id: 'warm-up' }, text: '' });
  server.post('/api/messages', async (req: Request, res: Response) => {
    const body = await readJsonBody(req, res);
    if (!body.ok) return void res.send(body.status, { error: ERROR_CODES[body.status], message: body.message });
    const shape = activityShape.safeParse(body.value);
    if (!shape.success) {
      const where = shape.error.issues.map((i) => i.path.join('.') || '(body)').join(', ');
      res.send(400, { error: 'BadRequest', message: `Not a Bot Framework activity (check: ${where})` });
      return;
    }
    if (acceptsServiceUrl && !acceptsServiceUrl(shape.data.serviceUrl)) {
      log.warn({ channelId: shape.data.channelId }, 'activity refused: local mode replies only to its own serviceUrl');
      res.send(403, {
        error: 'Forbidden',
        message:
          'local mode (no MicrosoftAppId) replies only to its own local Direct Line; set LOCAL_EMULATOR=true to use the ' +
          'Bot Framework Emulator on this machine, or configure the bot credentials',
      });
      return;
    }
    // The body as read (zod's parse is a checked copy): the adapter keeps every field the channel sent.
    const activity = body.value as Activity;
    let authenticated: AuthenticateRequestResult;
    try {
      const header = req.headers.authorization;
      authenticated = await auth.authenticateRequest(activity, typeof header === 'string' ? header : '');
    } catch (err) {
      log.warn({ err: (err as Error).message, channelId: shape.data.channelId }, 'activity refused: not authenticated');
      res.send(401, { error: 'Unauthorized' });
      return;
    }
    await runTurn(res, activity, authenticated, deps);
  });
}

const ERROR_CODES = { 400: 'BadRequest', 413: 'PayloadTooLarge', 415: 'UnsupportedMediaType' } as const;

/**
 * Hands the authenticated activity to the adapter. A failure the adapter lets through (its turn
 * error handler failing too, or no client to reply with) is a 500 whose text stays in the log.
 */
async function runTurn(res: Response, activity: Activity, authenticated: AuthenticateRequestResult, { adapter, bot, flow, log, limiter }: MessagesRouteDeps): Promise<void> {
  let invoke: InvokeResponse | undefined;
  try {
    invoke = await adapter.runAuthenticated(authenticated, activity, async (context) => {
      const conversationId = context.activity.conversation.id;
      const { allowed, firstRefusal } = limiter.take(conversationId);
      if (!allowed) {
        log.warn({ conversationId, channelId: context.activity.channelId }, 'conversation flooding: activity dropped');
        if (firstRefusal && context.activity.type === 'message') {
          const live = flow();
          // Before the bot reads the state: the activity's locale says the language.
          await context.sendActivity(say(live, 'slow_down', replyLanguage(live, context.activity)));
        }
        return;
      }
      await bot.run(context);
    });
  } catch (err) {
    log.error({ err }, 'the adapter failed an activity');
    if (!res.headersSent) res.send(500, { error: 'InternalError', message: 'the bot could not process this activity' });
    return;
  }
  const answer = { status: invoke?.status ?? 200, body: invoke?.body as unknown };
  if (res.headersSent) return;
  // 501 is botbuilder's answer to an invoke the bot does not handle: what the channel expects.
  if (answer.status === 501) res.send(501, { error: 'NotImplemented', message: 'this bot does not handle that invoke' });
  else if (answer.status >= 500) {
    log.error({ status: answer.status, reason: typeof answer.body === 'string' ? answer.body : undefined }, 'the adapter failed an activity');
    res.send(500, { error: 'InternalError', message: 'the bot could not process this activity' });
  } else if (answer.status === 401) res.send(401, { error: 'Unauthorized' });
  else if (answer.status >= 400) res.send(answer.status, { error: 'BadRequest', message: 'Invalid activity' });
  else if (answer.body === undefined) {
    res.statusCode = answer.status;
    res.end();
  } else res.send(answer.status, answer.body);
}
