import { anyFieldEquals } from '../airtable/formula';
import type { AirtableRequest } from '../airtable/http';
import { listRecords, upsertRecord } from '../airtable/listRecords';
import { NEED_LINK_FIELD, NEED_REFERENCE_FIELD } from '../airtable/schema';
import type { Flow } from '../flow/model';
import type { TaskHandler, TaskPolicy } from '../stores/outboxWorker';
import { draftBrief } from './brief';
import { readNeed } from './needInfo';

/**
 * The draft brief of an accepted need, as an outbox task (kind `mission.brief`, id = the need's
 * reference: one task per need whatever the number of instances and restarts). It writes the
 * `Missions` record once: a brief already there (staff may have edited it) is never touched, and
 * the write is an upsert on `Référence besoin`, so a retry after a timeout Airtable did apply
 * finds the record instead of making a second one.
 */
export const MISSION_BRIEF = 'mission.brief';

export interface BriefPayload {
  reference: string;
}

/** Retried for about a day (Airtable down, a field renamed), then given up with the reason, for staff. */
export const BRIEF_POLICY: TaskPolicy = { maxAttempts: 30, backoffBaseMs: 30_000, backoffCapMs: 60 * 60_000 };

export interface BriefDeps {
  request: AirtableRequest;
  baseId: string;
  /** The journey live now (its dialogs/mission.yaml). */
  flow: () => Flow;
  now?: () => number;
  maxAttempts?: number;
}

export function briefHandler(deps: BriefDeps): TaskHandler<BriefPayload> {
  const now = deps.now ?? Date.now;
  return async ({ reference }, { signal }) => {
    const call = { signal, maxAttempts: deps.maxAttempts };
    const existing = await listRecords(deps.request, deps.baseId, 'Missions', { filterByFormula: anyFieldEquals([{ field: NEED_REFERENCE_FIELD, value: reference }]), ...call });
    if (existing.length) return { outcome: 'already there', recordId: existing[0].id };
    const need = await readNeed(deps.request, deps.baseId, reference, call);
    if (!need) return { outcome: 'need not in Airtable' };
    const cells = draftBrief(deps.flow(), need, new Date(now()));
    if (!cells) return { outcome: 'no dialogs/mission.yaml' };
    // The link is a record id.
    const recordId = await upsertRecord(deps.request, deps.baseId, 'Missions', NEED_REFERENCE_FIELD, { ...cells, [NEED_LINK_FIELD]: [need.id] }, call);
    return { outcome: 'drafted', recordId };
  };
}
