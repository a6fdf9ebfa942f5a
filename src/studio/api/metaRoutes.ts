import { languageOf, route, type StudioContext } from './context';
import { sendJson } from './http';
import { journeySchemas } from './jsonSchemas';

/**
 * What the page needs before anything else: GET /studio/api/me (who, the CSRF token writes send,
 * the language), GET /studio/api/ui-texts (studio/texts.yaml, every key in fr and en) and
 * GET /studio/api/schemas (the JSON Schemas its forms are generated from).
 */
export function registerMetaRoutes(ctx: StudioContext): void {
  const { server, words } = ctx;
  server.get(
    '/studio/api/me',
    route(ctx, (req, res, staff, session) => sendJson(res, 200, { staff, csrfToken: session.csrfToken, lang: languageOf(req, session) })),
  );
  server.get(
    '/studio/api/ui-texts',
    route(ctx, (_req, res) => sendJson(res, 200, words.all)),
  );
  server.get(
    '/studio/api/schemas',
    route(ctx, (_req, res) => sendJson(res, 200, journeySchemas())),
  );
}
