import { anyFieldEquals } from './formula';
import { type AirtableRequest, recordsPath } from './http';
import { REFERENCE_FIELD } from './schema';

export interface AirtableRecord {
  id: string;
  createdTime?: string;
  fields: Record<string, unknown>;
}

export interface ListOptions {
  /** Only the records for which this formula is true (see formula.ts for literals). */
  filterByFormula?: string;
  signal?: AbortSignal;
  maxAttempts?: number;
}

/** Every record of a table (or those a formula selects), following Airtable's pages of 100. */
export async function listRecords(request: AirtableRequest, baseId: string, table: string, options: ListOptions = {}): Promise<AirtableRecord[]> {
  const out: AirtableRecord[] = [];
  let offset: string | undefined;
  do {
    const page = await request<{ records?: AirtableRecord[]; offset?: string }>({
      method: 'GET',
      path: recordsPath(baseId, table),
      query: { filterByFormula: options.filterByFormula, pageSize: 100, offset },
      signal: options.signal,
      maxAttempts: options.maxAttempts,
    });
    out.push(...(page.records ?? []));
    offset = page.offset || undefined;
  } while (offset);
  return out;
}

/** The need record with this `Référence`, or undefined when the base has none (deleted, erased). */
export async function findNeedRecord(request: AirtableRequest, baseId: string, reference: string, options: Omit<ListOptions, 'filterByFormula'> = {}): Promise<AirtableRecord | undefined> {
  const [need] = await listRecords(request, baseId, 'Besoins', { filterByFormula: anyFieldEquals([{ field: REFERENCE_FIELD, value: reference }]), ...options });
  return need;
}

/**
 * Writes one record, matched on `mergeOn` (Airtable's upsert: a retry after a timeout Airtable did
 * apply finds the record instead of making a second one), with `typecast` so that a choice staff
 * added since setup becomes an option. Resolves with the record's id (null if none came back).
 */
export async function upsertRecord(
  request: AirtableRequest,
  baseId: string,
  table: string,
  mergeOn: string,
  fields: Record<string, unknown>,
  options: Omit<ListOptions, 'filterByFormula'> = {},
): Promise<string | null> {
  const out = await request<{ records?: { id: string }[] }>({
    method: 'PATCH',
    path: recordsPath(baseId, table),
    body: { performUpsert: { fieldsToMergeOn: [mergeOn] }, typecast: true, records: [{ fields }] },
    signal: options.signal,
    maxAttempts: options.maxAttempts,
  });
  return out.records?.[0]?.id ?? null;
}
