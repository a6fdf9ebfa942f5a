import fs from 'node:fs';
import path from 'node:path';
import { validateJourney } from '../../journey/validate';
import { PUBLIC_DIR } from '../../paths';
import { registerDirectLine } from '../../web/directLine';
import { sendError as sendDirectLineError } from '../../web/http';
import type { WebStyle } from '../../web/style';
import { etagOf } from '../../web/webchatBundle';
import { languageOf, logAction, route, storedDraft, type StudioContext, writeRoute } from '../api/context';
import { sendError, sendJson } from '../api/http';
import { studioIssues } from '../api/issues';
import { trySchema } from '../api/requests';
import { TRY_DIRECT_LINE_BASE } from '../http/studioPaths';
import { sendStudioHtml } from '../page/pageHeaders';
import { tryPage } from './tryPage';
import { tryScenario } from './tryScenario';
import { TrySessions } from './trySessions';

export const TRY_PAGE = '/studio/try';

/**
 * Trying the draft: POST /studio/api/try opens a try (the draft as parsed now, a language, a
 * channel's rendering) and gives the address of its page; GET /studio/try?session=… is that
 * page (the real Web Chat), /studio/try/directline/* its Direct Line 3.0 (polling), each call
 * needing the staff session that opened the try AND the try's token; GET
 * /studio/api/try/:session/scenario is the conversation so far as a scenario.
 */
export function registerTryRoutes(ctx: StudioContext, style: WebStyle, sessions = new TrySessions({ clock: ctx.clock, log: ctx.log.child({ component: 'studio-try' }) })): TrySessions {
  const { server, words } = ctx;

  writeRoute(ctx, 'post', '/studio/api/try', trySchema, async (body, _req, res, staff, auth) => {
    const view = await storedDraft(ctx);
    const { flow, issues } = validateJourney(view.files);
    // The scenarios' own issues do not stop a try; the flow's do (the engine needs a valid flow).
    if (!flow) return sendJson(res, 409, { error: 'issues', issues: studioIssues(issues, words) });
    const session = sessions.open(auth.key, flow, body.lang, body.channel);
    if (!session) return sendError(res, 503, 'busy', 'every try of this server is in use: close one, or try again in a few minutes');
    logAction(ctx, staff, 'try', { revision: view.revision, lang: body.lang, channel: body.channel }, `opened a try of the draft (revision ${view.revision})`);
    sendJson(res, 201, { url: `${TRY_PAGE}?session=${session.id}`, session: session.id });
  });

  server.get(
    '/studio/api/try/:session/scenario',
    route(ctx, (req, res, _staff, auth) => {
      const session = sessions.get(String(req.params?.session ?? ''), auth.key);
      if (!session) return sendError(res, 404, 'unknown_try', 'no such try in this session: it ended (30 minutes with its pane closed) or was replaced by newer ones');
      if (session.truncated) return sendError(res, 409, 'try_too_long', 'this try is too long to be kept as a scenario: start a new one');
      sendJson(res, 200, tryScenario(session, words, languageOf(req, auth)));
    }),
  );

  server.get(
    TRY_PAGE,
    route(ctx, (req, res, _staff, auth) => {
      const id = new URL(req.url ?? '/', 'http://local').searchParams.get('session') ?? '';
      const session = sessions.get(id, auth.key);
      const lang = languageOf(req, auth);
      const config = session && { domain: TRY_DIRECT_LINE_BASE, token: session.conversation.token, userId: session.conversation.userId, locale: session.lang === 'en' ? 'en-US' : 'fr-FR' };
      sendStudioHtml(res, session ? 200 : 404, tryPage(words, lang, style, config));
    }),
  );

  const script = fs.readFileSync(path.join(PUBLIC_DIR, 'studio-try.js'));
  const etag = etagOf(script);
  server.get(
    `${TRY_PAGE}/try.js`,
    route(ctx, (_req, res) => {
      res.setHeader('content-type', 'application/javascript; charset=utf-8');
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('etag', etag);
      res.setHeader('x-content-type-options', 'nosniff');
      res.statusCode = 200;
      res.end(script);
    }),
  );

  registerDirectLine(server, {
    store: sessions.store,
    log: ctx.log.child({ component: 'studio-try' }),
    base: TRY_DIRECT_LINE_BASE,
    deliver: sessions.deliver,
    allows: (req, res, conversation) => {
      const owner = ctx.auth.sessionOf(req)?.key;
      if (owner && sessions.ofConversation(conversation)?.owner === owner) return true;
      sendDirectLineError(res, 403, 'Forbidden', 'this try belongs to another staff session');
      return false;
    },
  });
  return sessions;
}
