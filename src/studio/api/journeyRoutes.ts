import { SCENARIOS_PREFIX, type JourneyFiles } from '../../flow/files';
import { editYaml } from '../../journey/yamlEdit';
import { StaleDraftError } from '../../stores/journeyStore';
import { authorOf, draftsOf, logAction, route, type StudioContext } from './context';
import { draftAnswer, draftChange } from './draftAnswer';
import { FAILED, readBody, sendJson } from './http';
import { applyOps, fileEdits } from './ops';
import { patchDraftSchema, revisionSchema, saveScenarioSchema } from './requests';

/** Draft writes carry whole files: a journey is about 80 kB, its largest file 25 kB. */
const DRAFT_BODY = { maxBytes: 1024 * 1024 };

/**
 * The journey and its one shared draft: GET /studio/api/journey, PATCH /studio/api/draft,
 * POST /studio/api/draft/reset, POST /studio/api/draft/rebase, POST /studio/api/scenarios.
 * Every write names the draft revision it was made on (409 `stale` otherwise); issues never
 * block saving a draft.
 */
export function registerJourneyRoutes(ctx: StudioContext): void {
  const { server, words } = ctx;

  server.get(
    '/studio/api/journey',
    route(ctx, async (_req, res) => {
      const view = await (await draftsOf(ctx)).view();
      const live = await ctx.store.liveVersion();
      const info = (await ctx.store.versions()).find((v) => v.number === live);
      sendJson(res, 200, { live: info, draft: draftAnswer(view, words) });
    }),
  );

  server.patch(
    '/studio/api/draft',
    route(
      ctx,
      async (req, res, staff) => {
        const body = await readBody(req, res, patchDraftSchema, DRAFT_BODY);
        if (body === FAILED) return;
        const drafts = await draftsOf(ctx);
        const current = await drafts.view();
        if (current.revision !== body.revision) throw new StaleDraftError(body.revision, current.revision);
        const edits = fileEdits(current.files, applyOps(current.files, body.ops));
        const saved = edits.length ? await drafts.edit(edits, body.revision, authorOf(staff)) : current;
        logAction(ctx, staff, 'edit_draft', { revision: saved.revision, ops: body.ops.length, files: edits.map((e) => e.file) }, `edited the draft (revision ${saved.revision})`);
        sendJson(res, 200, draftChange(current.files, saved, words));
      },
      { write: true },
    ),
  );

  server.post(
    '/studio/api/draft/reset',
    route(
      ctx,
      async (req, res, staff) => {
        const body = await readBody(req, res, revisionSchema);
        if (body === FAILED) return;
        const drafts = await draftsOf(ctx);
        await drafts.discard(body.revision);
        const view = await drafts.view();
        logAction(ctx, staff, 'reset_draft', { live: view.basedOn }, `discarded the draft: it is the live version ${view.basedOn} again`);
        sendJson(res, 200, draftAnswer(view, words));
      },
      { write: true },
    ),
  );

  server.post(
    '/studio/api/draft/rebase',
    route(
      ctx,
      async (req, res, staff) => {
        const body = await readBody(req, res, revisionSchema);
        if (body === FAILED) return;
        const view = await (await draftsOf(ctx)).rebase(body.revision, authorOf(staff));
        logAction(ctx, staff, 'rebase_draft', { revision: view.revision, basedOn: view.basedOn }, `the draft now builds on version ${view.basedOn}`);
        sendJson(res, 200, draftAnswer(view, words));
      },
      { write: true },
    ),
  );

  server.post(
    '/studio/api/scenarios',
    route(
      ctx,
      async (req, res, staff) => {
        const body = await readBody(req, res, saveScenarioSchema, DRAFT_BODY);
        if (body === FAILED) return;
        const drafts = await draftsOf(ctx);
        const current = await drafts.view();
        if (current.revision !== body.revision) throw new StaleDraftError(body.revision, current.revision);
        const file = freeScenarioPath(current.files, body.name);
        const saved = await drafts.edit([{ op: 'replace', file, text: named(body.yaml, body.name) }], body.revision, authorOf(staff));
        logAction(ctx, staff, 'save_scenario', { file, revision: saved.revision }, `saved the scenario ${file} in the draft`);
        sendJson(res, 201, { ...draftChange(current.files, saved, words), file });
      },
      { write: true },
    ),
  );
}

/** `dialogs/scenarios/<slug>.yaml`, numbered when the name is taken. */
export function freeScenarioPath(files: JourneyFiles, name: string): string {
  const slug =
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'scenario';
  for (let n = 1; ; n++) {
    const file = `${SCENARIOS_PREFIX}${slug}${n > 1 ? `-${n}` : ''}.yaml`;
    if (files[file] === undefined) return file;
  }
}

/** The scenario with the name staff gave it (as written, when it cannot be edited: its issues will say why). */
function named(yaml: string, name: string): string {
  try {
    return editYaml(yaml, { op: 'set', path: ['name'], value: name });
  } catch {
    return yaml;
  }
}
