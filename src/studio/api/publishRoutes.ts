import type { Response } from 'restify';
import type { JourneyFiles } from '../../flow/files';
import { diffJourneys } from '../../journey/diff';
import { rollbackJourney, UnknownVersionError } from '../../journey/publishing';
import { validateJourney } from '../../journey/validate';
import { StaleDraftError } from '../../stores/journeyStore';
import { queryOf } from '../../web/http';
import { authorOf, draftsOf, logAction, route, storedDraft, type StudioContext, writeRoute } from './context';
import { diffAnswer } from './diffSummary';
import { sendError, sendJson } from './http';
import { studioIssues } from './issues';
import { replayScenarios } from './replay';
import { emptySchema, publishSchema, rollbackSchema } from './requests';

/**
 * Scenarios, publishing and versions: POST /studio/api/scenarios/run, POST /studio/api/publish,
 * GET /studio/api/versions, GET /studio/api/versions/:n, POST /studio/api/versions/:n/rollback,
 * GET /studio/api/diff. A publish re-validates the draft, replays every scenario on the live
 * version and on the draft, and refuses a change of outcome staff did not confirm.
 */
export function registerPublishRoutes(ctx: StudioContext): void {
  const { server, words, store } = ctx;

  /** The draft's validation and the two flows to replay on; undefined once answered 409 (the draft has issues). */
  const flowsToCompare = async (res: Response, files: JourneyFiles) => {
    const validation = validateJourney(files);
    if (!validation.flow || validation.issues.length) {
      sendJson(res, 409, { error: 'issues', issues: studioIssues(validation.issues, words) });
      return undefined;
    }
    const live = await (await ctx.registry()).flow((await store.liveVersion())!);
    return { scenarios: validation.scenarios, live, draft: validation.flow };
  };

  writeRoute(ctx, 'post', '/studio/api/scenarios/run', emptySchema, async (_body, _req, res) => {
    const flows = await flowsToCompare(res, (await storedDraft(ctx)).files);
    if (flows) sendJson(res, 200, await replayScenarios(flows.scenarios, flows.live, flows.draft));
  });

  writeRoute(ctx, 'post', '/studio/api/publish', publishSchema, async (body, _req, res, staff) => {
    const draft = await store.draft();
    if (!draft && body.revision === 0) return sendError(res, 400, 'no_draft', 'the draft is the live version: there is nothing to publish');
    if (!draft || draft.revision !== body.revision) throw new StaleDraftError(body.revision, draft?.revision ?? 0);
    const flows = await flowsToCompare(res, draft.files);
    if (!flows) return;
    const replayed = await replayScenarios(flows.scenarios, flows.live, flows.draft);
    const unconfirmed = replayed.filter((r) => r.changed && !body.confirm.includes(r.file));
    if (unconfirmed.length) return sendJson(res, 409, { error: 'outcomes_changed', changes: unconfirmed });
    const result = await (await draftsOf(ctx)).publish(body.revision, authorOf(staff), body.comment);
    if (!result.ok) return sendJson(res, 409, { error: 'issues', issues: studioIssues(result.issues, words) });
    const { number } = result.version;
    const confirmed = replayed.filter((r) => r.changed).map((r) => r.file);
    logAction(ctx, staff, 'publish', { version: number, basedOn: draft.basedOn, confirmed }, `published journey version ${number}`);
    sendJson(res, 201, { version: number });
  });

  server.get(
    '/studio/api/versions',
    route(ctx, async (_req, res) => {
      const [versions, live] = await Promise.all([store.versions(), store.liveVersion()]);
      const list = versions.map(({ number, author, createdAt, comment }) => ({ number, author, createdAt, comment, live: number === live }));
      sendJson(res, 200, list.reverse());
    }),
  );

  server.get(
    '/studio/api/versions/:n',
    route(ctx, async (req, res) => {
      const number = versionNumber(req.params?.n);
      const version = await store.version(number);
      if (!version) throw new UnknownVersionError(number);
      const { files, ...info } = version;
      sendJson(res, 200, { info, files });
    }),
  );

  writeRoute(ctx, 'post', '/studio/api/versions/:n/rollback', rollbackSchema, async (body, req, res, staff) => {
    const target = versionNumber(req.params?.n);
    const version = await rollbackJourney(store, target, authorOf(staff), { comment: body.comment, registry: await ctx.registry() });
    logAction(ctx, staff, 'rollback', { version: version.number, to: target }, `rolled back to version ${target}: journey version ${version.number} is live`);
    sendJson(res, 201, { version: version.number });
  });

  server.get(
    '/studio/api/diff',
    route(ctx, async (req, res) => {
      const query = queryOf(req);
      const from = query.get('from') ?? 'live';
      const to = query.get('to') ?? 'draft';
      for (const [name, value, word] of [['from', from, 'live'], ['to', to, 'draft']] as const) {
        if (value !== word && !/^[1-9]\d{0,8}$/.test(value)) return sendError(res, 400, 'invalid_query', `${name} must be "${word}" or a version number`);
      }
      const filesOf = async (which: string): Promise<JourneyFiles> => {
        if (which === 'draft') return (await storedDraft(ctx)).files;
        const number = which === 'live' ? (await store.liveVersion())! : Number(which);
        const version = await store.version(number);
        if (!version) throw new UnknownVersionError(number);
        return version.files;
      };
      const diff = diffJourneys(await filesOf(from), await filesOf(to), { before: label(from), after: label(to) });
      sendJson(res, 200, diffAnswer(diff, words));
    }),
  );
}

/** A version number from the URL; 0 (which no version has) for anything else, so the answer is 404. */
const versionNumber = (raw: unknown): number => (typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : 0);

const label = (which: string): string => (/^\d+$/.test(which) ? `version-${which}` : which);
