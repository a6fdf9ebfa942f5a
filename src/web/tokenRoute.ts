import crypto from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Env } from '../config/env';
import { clientAddress, rateKey } from '../http/clientAddress';
import { TokenBuckets } from '../http/tokenBucket';
import type { Logger } from '../log';
import type { ConversationStore } from './conversationStore';
import { FAILED, parseBody, route, sendError } from './http';
import type { ChatMode } from './mode';

export const TOKEN_ROUTE = '/api/directline/token';
/** A page load takes one token: 10 in a burst per address, then one every 6 seconds. */
export const TOKEN_RATE = { burst: 10, perSecond: 1 / 6 };

export interface TokenRouteDeps {
  mode: ChatMode;
  env: Pick<Env, 'DIRECT_LINE_SECRET' | 'DIRECT_LINE_ENDPOINT_URL' | 'TRUST_PROXY'>;
  log: Logger;
  /** The local Direct Line's conversations (local mode). */
  store?: ConversationStore;
  limiter?: TokenBuckets;
}

const azureTokenSchema = z.object({ token: z.string().min(1), expires_in: z.number().optional() });

/**
 * POST /api/directline/token: a chat session for the page, bound to a fresh random user id.
 * Production exchanges DIRECT_LINE_SECRET with Azure Direct Line (the secret never leaves the
 * server); local mode issues a token of the local endpoint. The body is read within a small
 * bound; only `{ "purpose": "evaluation" }` means something (the page was opened by an
 * evaluation's link: the user id is marked so that the bot skips its welcome), anything else is
 * ignored.
 */
export function registerTokenRoute(
  server: Server,
  { mode, env, log, store, limiter = new TokenBuckets({ capacity: TOKEN_RATE.burst, refillPerSecond: TOKEN_RATE.perSecond }) }: TokenRouteDeps,
): void {
  const endpoint = env.DIRECT_LINE_ENDPOINT_URL.replace(/\/+$/, '');
  server.post(
    TOKEN_ROUTE,
    route(async (req: Request, res: Response) => {
      res.setHeader('cache-control', 'no-store');
      const body = await parseBody(req, res, z.unknown(), { maxBytes: 4 * 1024, maxDepth: 8 });
      if (body === FAILED) return;
      const evaluation = typeof body === 'object' && body !== null && (body as { purpose?: unknown }).purpose === 'evaluation';
      if (!limiter.take(rateKey(clientAddress(req, env.TRUST_PROXY))).allowed) {
        return sendError(res, 429, 'TooManyRequests', 'too many chat sessions from this address: try again in a moment', {
          'retry-after': String(Math.ceil(1 / TOKEN_RATE.perSecond)),
        });
      }
      if (mode === 'local' && store) {
        const conversation = store.create({ evaluation });
        if (!conversation) {
          log.warn({ conversations: store.size }, 'local Direct Line: every conversation is in use, no new session');
          return sendError(res, 503, 'ChatBusy', 'every chat of this development server is in use: try again in a few minutes', { 'retry-after': '60' });
        }
        return res.send(200, { mode, token: conversation.token, userId: conversation.userId, expiresIn: Math.round(store.limits.idleMs / 1000) });
      }
      if (mode !== 'azure' || !env.DIRECT_LINE_SECRET) {
        return sendError(res, 503, 'ChatUnavailable', 'the website chat is not configured on this server (DIRECT_LINE_SECRET)');
      }
      const userId = `dl_${evaluation ? 'ev.' : ''}${crypto.randomBytes(12).toString('base64url')}`;
      let answer: globalThis.Response;
      try {
        answer = await fetch(`${endpoint}/tokens/generate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${env.DIRECT_LINE_SECRET}`, 'content-type': 'application/json' },
          body: JSON.stringify({ user: { id: userId } }),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        log.warn({ reason: (err as Error).name }, 'Direct Line token exchange failed: Azure could not be reached');
        return sendError(res, 502, 'DirectLineUnavailable', 'the chat service could not be reached: try again in a moment');
      }
      const parsed = answer.ok ? azureTokenSchema.safeParse(await answer.json().catch(() => undefined)) : undefined;
      if (!parsed?.success) {
        if (!answer.ok) await answer.arrayBuffer().catch(() => undefined);
        log.warn({ status: answer.status }, 'Direct Line token exchange failed: Azure refused or answered something unexpected');
        return sendError(res, 502, 'DirectLineUnavailable', 'the chat service refused to open a session: try again in a moment');
      }
      res.send(200, { mode, token: parsed.data.token, userId, expiresIn: parsed.data.expires_in, domain: endpoint });
    }),
  );
}
