import { type NeedRecord, needFieldsSchema, structureFieldsSchema } from './record';

/** One need as staff see it: the Besoins fields, `Structure` (its name), then the structure's fields. */
export type FlatNeed = Record<string, unknown>;

const NEED_FIELDS = Object.keys(needFieldsSchema.shape);
const STRUCTURE_FIELDS = Object.keys(structureFieldsSchema.shape);
export const EXPORT_COLUMNS = [NEED_FIELDS[0], 'Structure', ...NEED_FIELDS.slice(1), ...STRUCTURE_FIELDS];

export function flattenNeed(record: NeedRecord): FlatNeed {
  const flat: FlatNeed = {};
  for (const column of EXPORT_COLUMNS) {
    const v =
      column === 'Structure'
        ? record.Structures.Nom
        : column in record.Besoins
          ? (record.Besoins as Record<string, unknown>)[column]
          : (record.Structures as Record<string, unknown>)[column];
    if (v !== undefined) flat[column] = v;
  }
  return flat;
}

/** One RFC 4180 CSV cell; one a spreadsheet would run as a formula is prefixed with a quote. */
export function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  let s = Array.isArray(v) ? v.join('; ') : typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v);
  if (/^[=@\t\r]/.test(s) || /^[+-](?![\d\s(])/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV of the needs. */
export function toCsv(rows: readonly FlatNeed[]): string {
  const lines = [EXPORT_COLUMNS.map(csvCell).join(',')];
  for (const row of rows) lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
