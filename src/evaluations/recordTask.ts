import { anyFieldEquals } from '../airtable/formula';
import { type AirtableRequest, recordsPath } from '../airtable/http';
import { listRecords } from '../airtable/listRecords';
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
    const [need] = await listRecords(deps.request, deps.baseId, 'Besoins', { filterByFormula: anyFieldEquals([{ field: REFERENCE_FIELD, value: fields['Référence besoin'] }]), ...call });
    const out = await deps.request<{ records?: { id: string }[] }>({
      method: 'PATCH',
      path: recordsPath(deps.baseId, 'Évaluations'),
      // typecast: a choice staff added to the journey since setup becomes a select option; the link is a record id.
      body: { performUpsert: { fieldsToMergeOn: [REFERENCE_FIELD] }, typecast: true, records: [{ fields: need ? { ...fields, [NEED_LINK_FIELD]: [need.id] } : fields }] },
      ...call,
    });
    return { recordId: out.records?.[0]?.id ?? null, linked: Boolean(need) };
  };
}
