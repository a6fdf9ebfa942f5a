import fs from 'node:fs';
import path from 'node:path';
import { validateJourney } from '../../journey/validate';
import { PUBLIC_DIR } from '../../paths';
import { registerDirectLine } from '../../web/directLine';
import { sendError as sendDirectLineError } from '../../web/http';
import type { WebStyle } from '../../web/style';
import { etagOf } from '../../web/webchatBundle';
import { draftsOf, languageOf, logAction, route, type StudioContext } from '../api/context';
import { FAILED, readBody, sendError, sendJson } from '../api/http';
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

  server.post(
    '/studio/api/try',
    route(
      ctx,
      async (req, res, staff) => {
        const body = await readBody(req, res, trySchema);
        if (body === FAILED) return;
        const view = await (await draftsOf(ctx)).view();
        const { flow, issues } = validateJourney(view.files);
        // The scenarios' own issues do not stop a try; the flow's do (the engine needs a valid flow).
        if (!flow) return sendJson(res, 409, { error: 'issues', issues: studioIssues(issues, words) });
        const session = sessions.open(staff.id, flow, body.lang, body.channel);
        if (!session) return sendError(res, 503, 'busy', 'every try of this server is in use: close one, or try again in a few minutes');
        logAction(ctx, staff, 'try', { revision: view.revision, lang: body.lang, channel: body.channel }, `opened a try of the draft (revision ${view.revision})`);
        sendJson(res, 201, { url: `${TRY_PAGE}?session=${session.id}`, session: session.id });
      },
      { write: true },
    ),
  );

  server.get(
    '/studio/api/try/:session/scenario',
    route(ctx, (req, res, staff, auth) => {
      const session = sessions.get(String(req.params?.session ?? ''), staff.id);
      if (!session) return sendError(res, 404, 'unknown_try', 'no such try of yours: it ended (30 minutes without a message) or was replaced by newer ones');
      if (session.truncated) return sendError(res, 409, 'try_too_long', 'this try is too long to be kept as a scenario: start a new one');
      sendJson(res, 200, tryScenario(session, words, languageOf(req, auth)));
    }),
  );

  server.get(
    TRY_PAGE,
    route(ctx, (req, res, staff, auth) => {
      const id = new URL(req.url ?? '/', 'http://local').searchParams.get('session') ?? '';
      const session = sessions.get(id, staff.id);
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
      const staff = ctx.auth.staffOf(req);
      if (staff && sessions.ofConversation(conversation)?.staffId === staff.id) return true;
      sendDirectLineError(res, 403, 'Forbidden', 'this try belongs to another staff session');
      return false;
    },
  });
  return sessions;
}
