import type { NeedRecord, StructureFields } from '../needs/record';
import { type FieldType, fieldTypeOf, REFERENCE_FIELD, STRUCTURE_KEY_FIELD, STRUCTURE_LINK_FIELD, type TableName } from './schema';

/**
 * From a need record (keyed by Airtable field names already) to the cell values the Web API
 * takes: arrays for multiple selects, numbers, booleans, ISO dates (YYYY-MM-DD) and date-times.
 */

/** How a structure is found again: RNA, else SIREN, else our normalised "name|postcode". */
export interface StructureKey {
  field: 'RNA' | 'SIREN' | typeof STRUCTURE_KEY_FIELD;
  value: string;
}

/** Lower case, no accents, punctuation and spaces folded: "Les Restos du Cœur !" → "les restos du coeur". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The merge key of the structure. The key is only ever sent as a JSON value of
 * `performUpsert` (never inside a formula), so nothing in a name can widen the match.
 * A structure with neither identifier nor name (a call-back asked early) gets one of its own.
 */
export function structureKey(s: StructureFields, reference: string): StructureKey {
  if (s.RNA) return { field: 'RNA', value: s.RNA.trim().toUpperCase() };
  if (s.SIREN) return { field: 'SIREN', value: s.SIREN.replace(/\s+/g, '') };
  const name = s.Nom?.trim();
  if (!name) return { field: STRUCTURE_KEY_FIELD, value: `besoin:${reference}` };
  const norm = normaliseName(name) || name.toLowerCase().replace(/\s+/g, ' ');
  return { field: STRUCTURE_KEY_FIELD, value: `${norm}|${s['Code postal'] ?? ''}` };
}

/** One cell, converted to what a field of this type takes; undefined = not sent. */
export function toCell(type: FieldType, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'multipleSelects':
      return (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined && v !== '').map(String);
    case 'number':
    case 'currency': {
      const n = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'checkbox':
      return value === true || value === 'true';
    case 'date': {
      const s = value instanceof Date ? value.toISOString() : String(value);
      return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined;
    }
    case 'dateTime': {
      const d = value instanceof Date ? value : new Date(String(value));
      return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
    }
    case 'multipleRecordLinks':
      return undefined;
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

function cells(table: TableName, fields: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (skip.has(name)) continue;
    const type = fieldTypeOf(table, name);
    if (!type) continue;
    const cell = toCell(type, value);
    if (cell !== undefined) out[name] = cell;
  }
  return out;
}

/** The Structures cells of a need; the key field is written when it is our `Clé`. */
export function structureCells(record: NeedRecord, key: StructureKey): Record<string, unknown> {
  const out = cells('Structures', record.Structures);
  if (key.field === STRUCTURE_KEY_FIELD) out[STRUCTURE_KEY_FIELD] = key.value;
  else out[key.field] = key.value;
  return out;
}

/**
 * Fields staff own once the need is in the base: the bot sets them when it creates the row and
 * never overwrites them afterwards (a re-saved need keeps the status staff gave it).
 */
export const STAFF_OWNED_FIELDS: ReadonlySet<string> = new Set(['Statut']);

/** The Besoins cells of a need, linked to its structure by record id. */
export function needCells(
  record: NeedRecord,
  structureId: string | undefined,
  options: { includeStaffOwned: boolean },
): Record<string, unknown> {
  const out = cells('Besoins', record.Besoins, options.includeStaffOwned ? new Set() : STAFF_OWNED_FIELDS);
  out[REFERENCE_FIELD] = record.Besoins[REFERENCE_FIELD];
  if (structureId) out[STRUCTURE_LINK_FIELD] = [structureId];
  return out;
}
