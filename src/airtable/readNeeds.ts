import { EXPORT_COLUMNS, type FlatNeed } from '../needs/export';
import type { AirtableRequest } from './http';
import { listRecords } from './listRecords';
import { fieldTypeOf, STRUCTURE_LINK_FIELD } from './schema';

export interface ReadNeedsOptions {
  request: AirtableRequest;
  baseId: string;
  signal?: AbortSignal;
  maxAttempts?: number;
}

/**
 * The needs as the staff base holds them (with staff edits: status, corrected fields), flattened
 * like `flattenNeed` (src/needs/export.ts): the Besoins fields, `Structure` = the structure's
 * name, then the structure's fields. For `needs:export` when Airtable is configured.
 */
export async function readNeeds(options: ReadNeedsOptions): Promise<FlatNeed[]> {
  const list = (table: string) => listRecords(options.request, options.baseId, table, { signal: options.signal, maxAttempts: options.maxAttempts });
  const [needs, structures] = [await list('Besoins'), await list('Structures')];
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
