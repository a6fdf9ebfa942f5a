import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import type { Locale } from '../../answers/types';
import type { JourneyFiles } from '../../flow/files';
import type { BodyLimits } from '../../http/jsonBody';
import { JourneyDrafts } from '../../journey/draft';
import { UnknownVersionError } from '../../journey/publishing';
import type { JourneyRegistry } from '../../journey/registry';
import type { Logger } from '../../log';
import { type JourneyStore, LiveVersionChangedError, StaleDraftError } from '../../stores/journeyStore';
import { type Staff, staffLabel } from '../auth/staff';
import { pickLanguage } from '../http/authTexts';
import type { StaffHandler } from '../http/gate';
import type { StudioAuth } from '../http/registerStudioAuth';
import { FAILED, readBody, sendError, sendJson } from './http';
import { OpError } from './ops';
import type { StudioWords } from './studioWords';

/** What every group of studio routes works with. */
export interface StudioContext {
  server: Server;
  auth: StudioAuth;
  store: JourneyStore;
  /** The live version's registry, once the store's journey is open (told at once of a publish here). */
  registry: () => Promise<JourneyRegistry>;
  words: StudioWords;
  log: Logger;
  clock: () => Date;
}

export const draftsOf = async (ctx: StudioContext): Promise<JourneyDrafts> => new JourneyDrafts(ctx.store, await ctx.registry());

/**
 * The draft's revision and files as stored (the live version's files, revision 0, while nobody
 * edits), without validating them: what a write applies to. With `expectedRevision`, a draft at
 * another revision is refused (StaleDraftError).
 */
export async function storedDraft(ctx: StudioContext, expectedRevision?: number): Promise<{ revision: number; files: JourneyFiles }> {
  // Once the store's journey is open (seeded with the repository's on a fresh store): never a draft made on nothing.
  await ctx.registry();
  const draft = await ctx.store.draft();
  if (expectedRevision !== undefined && (draft?.revision ?? 0) !== expectedRevision) throw new StaleDraftError(expectedRevision, draft?.revision ?? 0);
  if (draft) return draft;
  const live = await ctx.store.liveVersion();
  return { revision: 0, files: (live === undefined ? undefined : await ctx.store.version(live))?.files ?? {} };
}

/** Who wrote (versions' author, the draft's `updatedBy`, the logs): the email, or the local name. */
export const authorOf = staffLabel;

/** The studio's language for this request: the session's (the gate keeps `?lang=` in it), else the browser's (French first). */
export const languageOf = (req: Request, session: { lang?: Locale }): Locale => session.lang ?? pickLanguage(req);

/** Logs what a write did, with who did it (the gate logs the request itself). */
export function logAction(ctx: StudioContext, staff: Staff, action: string, details: Record<string, unknown>, message: string): void {
  ctx.log.info({ staff: staffLabel(staff), action, ...details }, `studio: ${message}`);
}

/**
 * A staff-only route (`write`: a non-GET with the CSRF check) whose expected failures become
 * answers: a stale revision 409 `{ error: 'stale', revision }`, a live version that changed 409
 * `{ error: 'live_changed', live }`, an operation that cannot apply 400 naming it, an unknown
 * version 404. Anything else is logged and answered 500 with a fixed sentence.
 */
export function route(ctx: StudioContext, handler: StaffHandler, options: { write?: boolean } = {}): (req: Request, res: Response) => Promise<void> {
  return ctx.auth.staffOnly(async (req, res, staff, session) => {
    try {
      await handler(req, res, staff, session);
    } catch (err) {
      if (err instanceof StaleDraftError) return sendJson(res, 409, { error: 'stale', revision: err.current });
      if (err instanceof LiveVersionChangedError) return sendJson(res, 409, { error: 'live_changed', live: err.current });
      if (err instanceof OpError) return sendError(res, 400, err.code, err.message);
      if (err instanceof UnknownVersionError) return sendError(res, 404, 'unknown_version', err.message);
      ctx.log.error({ err, method: req.method, path: req.url?.split('?')[0] }, 'studio: request failed');
      if (!res.headersSent) sendError(res, 500, 'internal', 'the studio could not do this: see the server log');
    }
  }, options);
}

type Session = Parameters<StaffHandler>[3];

/**
 * A write route (`post` or `patch`): staff only with the CSRF check, its JSON body validated by
 * `schema` before the handler runs (400 naming each wrong field), the failures of `route`.
 */
export function writeRoute<S extends z.ZodType>(
  ctx: StudioContext,
  method: 'post' | 'patch',
  path: string,
  schema: S,
  handler: (body: z.infer<S>, req: Request, res: Response, staff: Staff, session: Session) => unknown,
  limits?: BodyLimits,
): void {
  const answer = route(
    ctx,
    async (req, res, staff, session) => {
      const body = await readBody(req, res, schema, limits);
      if (body !== FAILED) await handler(body, req, res, staff, session);
    },
    { write: true },
  );
  if (method === 'post') ctx.server.post(path, answer);
  else ctx.server.patch(path, answer);
}
