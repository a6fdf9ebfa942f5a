import { SCENARIOS_PREFIX, type JourneyFiles } from '../../flow/files';
import { editYaml } from '../../journey/yamlEdit';
import { authorOf, draftsOf, logAction, route, storedDraft, type StudioContext, writeRoute } from './context';
import { draftAnswer, draftChange } from './draftAnswer';
import { sendJson } from './http';
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

  writeRoute(
    ctx,
    'patch',
    '/studio/api/draft',
    patchDraftSchema,
    async (body, _req, res, staff) => {
      const current = await storedDraft(ctx, body.revision);
      const edits = fileEdits(current.files, applyOps(current.files, body.ops));
      const drafts = await draftsOf(ctx);
      // edit() checks the revision again as it writes: a write in between makes this one stale.
      const saved = edits.length ? await drafts.edit(edits, body.revision, authorOf(staff)) : await drafts.view();
      logAction(ctx, staff, 'edit_draft', { revision: saved.revision, ops: body.ops.length, files: edits.map((e) => e.file) }, `edited the draft (revision ${saved.revision})`);
      sendJson(res, 200, draftChange(current.files, saved, words));
    },
    DRAFT_BODY,
  );

  writeRoute(ctx, 'post', '/studio/api/draft/reset', revisionSchema, async (body, _req, res, staff) => {
    const drafts = await draftsOf(ctx);
    await drafts.discard(body.revision);
    const view = await drafts.view();
    logAction(ctx, staff, 'reset_draft', { live: view.basedOn }, `discarded the draft: it is the live version ${view.basedOn} again`);
    sendJson(res, 200, draftAnswer(view, words));
  });

  writeRoute(ctx, 'post', '/studio/api/draft/rebase', revisionSchema, async (body, _req, res, staff) => {
    const view = await (await draftsOf(ctx)).rebase(body.revision, authorOf(staff));
    logAction(ctx, staff, 'rebase_draft', { revision: view.revision, basedOn: view.basedOn }, `the draft now builds on version ${view.basedOn}`);
    sendJson(res, 200, draftAnswer(view, words));
  });

  writeRoute(
    ctx,
    'post',
    '/studio/api/scenarios',
    saveScenarioSchema,
    async (body, _req, res, staff) => {
      const current = await storedDraft(ctx, body.revision);
      const file = freeScenarioPath(current.files, body.name);
      const saved = await (await draftsOf(ctx)).edit([{ op: 'replace', file, text: named(body.yaml, body.name) }], body.revision, authorOf(staff));
      logAction(ctx, staff, 'save_scenario', { file, revision: saved.revision }, `saved the scenario ${file} in the draft`);
      sendJson(res, 201, { ...draftChange(current.files, saved, words), file });
    },
    DRAFT_BODY,
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
