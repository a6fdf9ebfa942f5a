import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import { queryOf, route } from '../http/request';
import type { NeedsJournal } from '../stores/needsJournal';
import type { PartnerKeys } from '../stores/partnerKeys';
import type { PublishedMissions } from '../stores/publishedMissions';
import { missionsPageSchema, missionsQuerySchema, needsPageSchema, needsQuerySchema, referenceParamSchema } from './apiSchemas';
import { PartnerAuth } from './auth';
import { partnerNeedOf, partnerNeedSchema, sharedPartnerOf } from './needView';
import { openApiDocument, PARTNER_API_BASE } from './openapi';
import { BadCursorError, paginate } from './pagination';
import { sendJson, sendRead } from './respond';

export interface PartnerApiDeps {
  keys: PartnerKeys;
  journal: Pick<NeedsJournal, 'all' | 'get'>;
  /** Published missions (section 3 of issue 11); none until a mission store exists. */
  missions: PublishedMissions;
  /** PARTNER_API_RATE_PER_MINUTE, per key and per instance. */
  ratePerMinute: number;
  now?: () => number;
}

/**
 * The partners' read API under /api/partners/v1/ (see openapi.ts for the contract): the needs
 * shared with the caller's partner (consent given, routed to it), one need, the published
 * missions, and the OpenAPI document. Needs are read from the local journal, the source of
 * truth: an erased need is gone at once.
 */
export function registerPartnerApi(server: Server, deps: PartnerApiDeps): void {
  const auth = new PartnerAuth(deps.keys, deps.ratePerMinute, deps.now);
  const document = JSON.stringify(openApiDocument());

  server.get(
    `${PARTNER_API_BASE}/openapi.json`,
    route((_req: Request, res: Response) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' });
      res.end(document);
    }),
  );

  server.get(
    `${PARTNER_API_BASE}/needs`,
    route(async (req: Request, res: Response) => {
      const key = await auth.check(req, res, 'needs:read');
      const query = key && parseQuery(req, res, needsQuerySchema);
      if (!key || !query) return;
      const contact = key.scopes.includes('needs:contact');
      const since = query.since ? Date.parse(query.since) : -Infinity;
      const shared = (await deps.journal.all()).filter((e) => sharedPartnerOf(e) === key.partnerId && Date.parse(e.updatedAt) >= since);
      const needs = shared.map((e) => partnerNeedOf(e, { contact })).filter((n) => n !== undefined);
      const page = pageOr400(res, () => paginate(needs, (n) => [n.recordedAt, n.reference], { ...query, query: `needs ${query.since ?? ''}` }));
      if (page) sendRead(req, res, needsPageSchema, page);
    }),
  );

  server.get(
    `${PARTNER_API_BASE}/needs/:reference`,
    route(async (req: Request, res: Response) => {
      const key = await auth.check(req, res, 'needs:read');
      if (!key) return;
      const reference = referenceParamSchema.safeParse(req.params?.reference);
      if (!reference.success) return sendJson(res, 400, { error: 'BadRequest', message: 'reference: expected a need reference such as PBL-2026-00042' });
      const entry = await deps.journal.get(reference.data);
      const need = entry && sharedPartnerOf(entry) === key.partnerId ? partnerNeedOf(entry, { contact: key.scopes.includes('needs:contact') }) : undefined;
      // Not shared with this partner looks the same as not there: nothing is told about other needs.
      if (!need) return sendJson(res, 404, { error: 'NotFound', message: `no need ${reference.data} is shared with your organisation` });
      sendRead(req, res, partnerNeedSchema, need);
    }),
  );

  server.get(
    `${PARTNER_API_BASE}/missions`,
    route(async (req: Request, res: Response) => {
      const key = await auth.check(req, res, 'missions:read');
      const query = key && parseQuery(req, res, missionsQuerySchema);
      if (!key || !query) return;
      const missions = await deps.missions.list();
      const page = pageOr400(res, () => paginate(missions, (m) => [m.createdAt, m.needReference], { ...query, query: 'missions' }));
      if (page) sendRead(req, res, missionsPageSchema, page);
    }),
  );
}

/** The query string checked by its schema, or undefined once a 400 says what is wrong. */
function parseQuery<S extends z.ZodType>(req: Request, res: Response, schema: S): z.infer<S> | undefined {
  const params = queryOf(req);
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (Object.prototype.hasOwnProperty.call(raw, name)) {
      sendJson(res, 400, { error: 'BadRequest', message: `${name}: given more than once` });
      return undefined;
    }
    raw[name] = value;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues
    .slice(0, 3)
    .map((i) => (i.code === 'unrecognized_keys' ? `unknown parameter ${i.keys.join(', ')}` : `${i.path.join('.')}: ${i.message}`))
    .join('; ');
  sendJson(res, 400, { error: 'BadRequest', message });
  return undefined;
}

function pageOr400<T>(res: Response, page: () => T): T | undefined {
  try {
    return page();
  } catch (err) {
    if (!(err instanceof BadCursorError)) throw err;
    sendJson(res, 400, { error: 'BadRequest', message: err.message });
    return undefined;
  }
}
