import type { AirtableRequest } from '../airtable/http';
import { findNeedRecord, upsertRecord } from '../airtable/listRecords';
import { NEED_LINK_FIELD, REFERENCE_FIELD } from '../airtable/schema';
import type { EvaluationFields } from '../needs/evaluationRecord';
import type { TaskHandler, TaskPolicy } from '../stores/outboxWorker';

/**
 * The answers of an evaluation, as an outbox task (kind `evaluation.record`, id "<need>:<kind>"):
 * written durably by the turn that completed the evaluation, before the association is thanked
 * (the journal of the answers), then upserted into `Évaluations` on `Référence`, linked to the
 * need. Never given up: answers must not be lost for lack of retries.
 */
export const EVALUATION_RECORD = 'evaluation.record';

export interface RecordPayload {
  fields: EvaluationFields;
}

export const RECORD_POLICY: TaskPolicy = { maxAttempts: Infinity, backoffBaseMs: 5_000, backoffCapMs: 30 * 60_000 };

export function recordHandler(deps: { request: AirtableRequest; baseId: string; maxAttempts?: number }): TaskHandler<RecordPayload> {
  return async ({ fields }, { signal }) => {
    const call = { signal, maxAttempts: deps.maxAttempts };
    const need = await findNeedRecord(deps.request, deps.baseId, fields['Référence besoin'], call);
    // The link is a record id.
    const recordId = await upsertRecord(deps.request, deps.baseId, 'Évaluations', REFERENCE_FIELD, need ? { ...fields, [NEED_LINK_FIELD]: [need.id] } : fields, call);
    return { recordId, linked: Boolean(need) };
  };
}
