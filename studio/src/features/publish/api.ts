import { ApiError, api, query } from '../../shared/api/client';
import type { DiffAnswer, Issue } from '../../shared/api/contract';

/** The draft is thrown away: it is the live version again. */
export const discardDraft = (revision: number) => api.post<unknown>('draft/reset', { revision });

/** The draft builds on the live version from now on (after another publish or a rollback): its files are kept. */
export const rebaseDraft = (revision: number) => api.post<unknown>('draft/rebase', { revision });

export const diffOf = (from: string | number, to: string | number) => api.get<DiffAnswer>(`diff${query({ from, to })}`);

export type PublishResult =
  | { ok: true; version: number }
  | { ok: false; why: 'issues'; issues: Issue[] }
  | { ok: false; why: 'outcomes_changed'; files: string[] }
  | { ok: false; why: 'live_changed'; live: number }
  | { ok: false; why: 'stale' };

/** Publishes the draft; the server re-validates it and replays the scenarios first. */
export async function publish(revision: number, comment: string, confirm: string[]): Promise<PublishResult> {
  try {
    const { version } = await api.post<{ version: number | { number: number } }>('publish', { revision, comment, confirm });
    return { ok: true, version: typeof version === 'number' ? version : version.number };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 409) throw err;
    const body = (err.body ?? {}) as { issues?: Issue[]; changes?: { file?: string }[] | string[] };
    if (err.code === 'issues') return { ok: false, why: 'issues', issues: body.issues ?? [] };
    if (err.code === 'outcomes_changed') return { ok: false, why: 'outcomes_changed', files: (body.changes ?? []).map((c) => (typeof c === 'string' ? c : (c.file ?? ''))) };
    if (err.code === 'live_changed') return { ok: false, why: 'live_changed', live: Number((err.body as { live?: unknown }).live) };
    return { ok: false, why: 'stale' };
  }
}
