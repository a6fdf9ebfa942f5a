import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../log';
import { joinActivity, LOCAL_CHANNEL_ID } from './botEndpoint';
import { type ConversationStore, type LocalConversation, tokenMatches } from './conversationStore';
import { bearerToken, FAILED, parseBody, queryOf, route, sendError } from './http';

/**
 * A minimal Direct Line 3.0 (polling only), so that the real Web Chat talks to a bot as it does
 * through Azure: start a conversation, post an activity (echoed in the history with its
 * channelData.clientActivityID), read the history from a watermark, refresh a token. Every call
 * carries the conversation's own token. Mounted in local mode at DIRECT_LINE_BASE (the bot behind
 * /api/messages), and by the studio for its try pane (the draft, run in-process).
 */
export const DIRECT_LINE_BASE = '/v3/directline';

/** Hands an activity to the bot, after the conversation's previous ones; resolves with an HTTP status (2xx: taken). */
export type Deliver = (conversation: LocalConversation, activity: Record<string, unknown>) => Promise<number>;

export interface DirectLineDeps {
  store: ConversationStore;
  log: Logger;
  /** Where the routes are mounted (default DIRECT_LINE_BASE). */
  base?: string;
  /** How an activity reaches the bot; the bot's replies join the conversation's history (store.append). */
  deliver: Deliver;
  /**
   * A further check once the token named the conversation (the studio: the staff member who
   * opened it). False once it has answered the request itself.
   */
  allows?: (req: Request, res: Response, conversation: LocalConversation) => boolean;
}

/** What the browser may send; anything else is dropped, a wrong type is a 400. */
const startSchema = z
  .object({
    user: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).optional(),
    locale: z.string().max(35).optional(),
  })
  .optional();

const MAX_TEXT = 10_000;
/** What is kept of an activity, as JSON; value and channelData have their own share of it. */
const MAX_ACTIVITY_BYTES = 32 * 1024;
const MAX_PART_BYTES = { value: 16 * 1024, channelData: 8 * 1024 } as const;
/** The body as sent (whitespace included) and its nesting: Web Chat's activities nest 4 levels at most. */
const ACTIVITY_BODY = { maxBytes: 64 * 1024, maxDepth: 12 };
const SMALL_BODY = { maxBytes: 4 * 1024, maxDepth: 4 };
const userActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(MAX_TEXT).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  value: z.unknown().optional(),
  name: z.string().max(256).optional(),
  locale: z.string().max(35).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  from: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional(), role: z.string().max(32).optional() }).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported by the local Direct Line').optional(),
});

export function registerDirectLine(server: Server, { store, log, base = DIRECT_LINE_BASE, deliver: toBot, allows = () => true }: DirectLineDeps): void {
  const expiresIn = Math.round(store.limits.idleMs / 1000);
  const session = (c: LocalConversation) => ({ conversationId: c.id, token: c.token, expires_in: expiresIn });

  // Opens the conversation the token was issued for; the bot is told once that the user joined.
  server.post(`${base}/conversations`, route(async (req: Request, res: Response) => {
    const token = bearerToken(req);
    if (!token) return sendError(res, 401, 'Unauthorized', 'missing "Authorization: Bearer <token>" (POST /api/directline/token gives one)');
    const conversation = store.byTokenValue(token);
    if (!conversation) return sendError(res, 403, 'Forbidden', 'unknown or expired token');
    if (!allows(req, res, conversation)) return;
    const body = await parseBody(req, res, startSchema, SMALL_BODY);
    if (body === FAILED) return;
    store.touch(conversation);
    if (conversation.started) return res.send(200, session(conversation));
    conversation.started = true;
    conversation.locale = body?.locale;
    res.send(201, session(conversation));
    const status = await toBot(conversation, joinActivity(conversation)).catch((err: Error) => err.name);
    if (status !== 200) log.warn({ conversationId: conversation.id, status }, 'local Direct Line: the bot did not take the join');
  }));

  server.post(`${base}/tokens/refresh`, route(async (req: Request, res: Response) => {
    if ((await parseBody(req, res, z.unknown(), SMALL_BODY)) === FAILED) return;
    const token = bearerToken(req);
    if (!token) return sendError(res, 401, 'Unauthorized', 'missing "Authorization: Bearer <token>"');
    const conversation = store.byTokenValue(token);
    if (!conversation) return sendError(res, 403, 'Forbidden', 'unknown or expired token');
    if (!allows(req, res, conversation)) return;
    store.touch(conversation);
    res.send(200, session(conversation));
  }));

  server.post(`${base}/conversations/:conversationId/activities`, route(async (req: Request, res: Response) => {
    const conversation = authorize(req, res, store, allows);
    if (!conversation) return;
    const activity = await parseBody(req, res, userActivitySchema, ACTIVITY_BODY);
    if (activity === FAILED) return;
    const oversize = oversized(activity);
    if (oversize) return sendError(res, 413, 'MessageSizeTooBig', oversize);
    // Typing is not kept nor forwarded: the bot does nothing with it.
    if (activity.type === 'typing') return res.send(200, { id: `${conversation.id}|typing` });
    const stored = store.append(conversation, {
      ...activity,
      locale: activity.locale ?? conversation.locale,
      // The token is bound to its user: whatever id the browser claims, this is who speaks.
      from: { id: conversation.userId, ...(activity.from?.name ? { name: activity.from.name } : {}), role: 'user' },
      conversation: { id: conversation.id },
      channelId: LOCAL_CHANNEL_ID,
      timestamp: new Date().toISOString(),
    });
    try {
      const status = await toBot(conversation, stored);
      if (status >= 200 && status < 300) return res.send(200, { id: stored.id });
      log.warn({ conversationId: conversation.id, status }, 'local Direct Line: the bot refused an activity');
      sendError(res, 502, 'BotError', `the bot answered ${status}`);
    } catch (err) {
      log.warn({ conversationId: conversation.id, reason: (err as Error).name }, 'local Direct Line: the bot could not be reached');
      sendError(res, 502, 'BotUnavailable', 'the bot could not be reached');
    }
  }));

  server.get(`${base}/conversations/:conversationId/activities`, route((req: Request, res: Response) => {
    const conversation = authorize(req, res, store, allows);
    if (!conversation) return;
    const raw = queryOf(req).get('watermark');
    if (raw && !/^\d{1,9}$/.test(raw)) return sendError(res, 400, 'BadArgument', 'watermark must be the number a previous answer gave');
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', 'application/json');
    res.statusCode = 200;
    res.end(store.page(conversation, raw ? Number(raw) : undefined));
  }));
}

/** The conversation of the URL, if the caller holds its token: 401 without one, 404 unknown, 403 wrong. */
function authorize(req: Request, res: Response, store: ConversationStore, allows: NonNullable<DirectLineDeps['allows']>): LocalConversation | undefined {
  const token = bearerToken(req);
  if (!token) {
    sendError(res, 401, 'Unauthorized', 'missing "Authorization: Bearer <token>"');
    return undefined;
  }
  const conversation = store.get(String(req.params?.conversationId ?? ''));
  if (!conversation) {
    sendError(res, 404, 'NotFound', 'unknown or expired conversation');
    return undefined;
  }
  if (!tokenMatches(conversation, token)) {
    sendError(res, 403, 'Forbidden', 'this token is not valid for this conversation');
    return undefined;
  }
  if (!allows(req, res, conversation)) return undefined;
  store.touch(conversation);
  return conversation;
}

/** Why an activity is too big to keep, if it is. */
function oversized(activity: z.infer<typeof userActivitySchema>): string | undefined {
  for (const part of ['value', 'channelData'] as const) {
    const value = activity[part];
    if (value !== undefined && jsonBytes(value) > MAX_PART_BYTES[part]) return `${part} must stay under ${MAX_PART_BYTES[part]} bytes of JSON`;
  }
  if (jsonBytes(activity) > MAX_ACTIVITY_BYTES) return `an activity must stay under ${MAX_ACTIVITY_BYTES} bytes`;
  return undefined;
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value) ?? '');
