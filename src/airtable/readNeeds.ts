import { EXPORT_COLUMNS, type FlatNeed } from '../needs/export';
import { type AirtableRequest, recordsPath } from './http';
import { fieldTypeOf, STRUCTURE_LINK_FIELD } from './schema';

/**
 * The needs as the staff base holds them (with staff edits: status, corrected fields), flattened
 * like `flattenNeed` (src/needs/export.ts): the Besoins fields, `Structure` = the structure's
 * name, then the structure's fields. For `needs:export` when Airtable is configured.
 */

interface AirtableRecord {
  id: string;
  createdTime?: string;
  fields: Record<string, unknown>;
}

export interface ReadNeedsOptions {
  request: AirtableRequest;
  baseId: string;
  signal?: AbortSignal;
  maxAttempts?: number;
}

export async function readNeeds(options: ReadNeedsOptions): Promise<FlatNeed[]> {
  const [needs, structures] = [await listAll(options, 'Besoins'), await listAll(options, 'Structures')];
  const structureById = new Map(structures.map((s) => [s.id, s.fields]));
  const besoinsColumns = new Set(EXPORT_COLUMNS.filter((c) => c !== STRUCTURE_LINK_FIELD && fieldTypeOf('Besoins', c)));
  const rows = needs
    .filter((n) => typeof n.fields['Référence'] === 'string' && n.fields['Référence'] !== '')
    .sort((a, b) => (a.createdTime ?? '').localeCompare(b.createdTime ?? '') || String(a.fields['Référence']).localeCompare(String(b.fields['Référence'])));
  return rows.map((need) => {
    const link = need.fields[STRUCTURE_LINK_FIELD];
    const structure = Array.isArray(link) && typeof link[0] === 'string' ? structureById.get(link[0]) : undefined;
    const flat: FlatNeed = {};
    for (const column of EXPORT_COLUMNS) {
      let v: unknown;
      if (column === STRUCTURE_LINK_FIELD) v = structure?.Nom;
      else if (besoinsColumns.has(column)) v = cell('Besoins', column, need.fields[column]);
      else v = structure ? cell('Structures', column, structure[column]) : undefined;
      if (v !== undefined) flat[column] = v;
    }
    return flat;
  });
}

/** Airtable leaves unchecked boxes out; the local export writes false. */
function cell(table: 'Besoins' | 'Structures', column: string, value: unknown): unknown {
  if (fieldTypeOf(table, column) === 'checkbox') return value === true;
  return value === null ? undefined : value;
}

async function listAll(options: ReadNeedsOptions, table: string): Promise<AirtableRecord[]> {
  const out: AirtableRecord[] = [];
  let offset: string | undefined;
  do {
    const page = await options.request<{ records: AirtableRecord[]; offset?: string }>({
      method: 'GET',
      path: recordsPath(options.baseId, table),
      query: { pageSize: 100, offset },
      signal: options.signal,
      maxAttempts: options.maxAttempts,
    });
    out.push(...page.records);
    offset = page.offset;
  } while (offset);
  return out;
}
