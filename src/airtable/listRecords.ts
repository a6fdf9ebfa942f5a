import { type AirtableRequest, recordsPath } from './http';

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
