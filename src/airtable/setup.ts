import { AirtableApiError, type AirtableRequest, tablesPath } from './http';
import type { BaseSchema, FieldSpec, TableSpec } from './schema';

/**
 * Brings the staff base up to the schema through the Metadata API: creates missing tables and
 * fields, adds missing select options. It never deletes, renames or retypes anything: a field
 * of the wrong type is reported and left alone. Running it again changes nothing.
 */

export interface MetaChoice {
  id: string;
  name: string;
  color?: string;
}
export interface MetaField {
  id: string;
  name: string;
  type: string;
  description?: string;
  options?: { choices?: MetaChoice[]; linkedTableId?: string; inverseLinkFieldId?: string; [k: string]: unknown };
}
export interface MetaTable {
  id: string;
  name: string;
  primaryFieldId: string;
  fields: MetaField[];
}

export interface SetupReport {
  tablesCreated: number;
  fieldsCreated: number;
  optionsAdded: number;
  /** Differences left for staff to settle (wrong type, renamed link…). */
  problems: string[];
  /** Things setup could not do but that do not block the sync. */
  warnings: string[];
  /** Every line printed, in order. */
  lines: string[];
}

export interface SetupOptions {
  request: AirtableRequest;
  baseId: string;
  schema: BaseSchema;
  /** Called with each line as it happens (the script prints them). */
  print?: (line: string) => void;
  signal?: AbortSignal;
  maxAttempts?: number;
}

export async function setupBase(options: SetupOptions): Promise<SetupReport> {
  const { request, baseId, schema, signal, maxAttempts } = options;
  const report: SetupReport = { tablesCreated: 0, fieldsCreated: 0, optionsAdded: 0, problems: [], warnings: [], lines: [] };
  const say = (line: string) => {
    report.lines.push(line);
    options.print?.(line);
  };
  const problem = (line: string) => {
    report.problems.push(line);
    say(`! ${line}`);
  };
  const path = tablesPath(baseId);
  const list = async () => (await request<{ tables: MetaTable[] }>({ method: 'GET', path, signal, maxAttempts })).tables;

  let tables = await list();
  const table = (name: string) => tables.find((t) => t.name === name);
  const fieldOf = (t: MetaTable, name: string) => t.fields.find((f) => f.name === name);

  // A. Missing tables, with their plain fields and their links to tables that exist already.
  let linkCreated = false;
  for (const spec of schema.tables) {
    if (table(spec.name)) continue;
    const fields = spec.fields.filter((f) => !f.link || (!f.link.inverseOf && table(f.link.table)));
    const body = { name: spec.name, fields: fields.map((f) => createPayload(f, tables)) };
    const created = await request<MetaTable>({ method: 'POST', path, body, signal, maxAttempts });
    tables.push(created);
    report.tablesCreated++;
    say(`+ table ${spec.name} (${fields.length} fields, primary field ${fields[0].name})`);
    if (fields.some((f) => f.link)) linkCreated = true;
  }
  // Airtable added the reverse of each link to the linked table: read them back.
  if (linkCreated) tables = await list();

  // B. Plain fields: create the missing ones, check the others, add missing select options.
  for (const spec of schema.tables) {
    const t = table(spec.name)!;
    const primary = t.fields.find((f) => f.id === t.primaryFieldId);
    if (primary && primary.name !== spec.fields[0].name) {
      problem(`${spec.name}: the primary field is "${primary.name}", expected "${spec.fields[0].name}": left as is.`);
    }
    for (const f of spec.fields) {
      if (f.link) continue;
      const existing = fieldOf(t, f.name);
      if (!existing) {
        await createField(t, f);
        say(`+ field ${spec.name}.${f.name} (${f.type})`);
      } else if (existing.type !== f.type) {
        problem(`${spec.name}.${f.name} is of type ${existing.type} in Airtable, expected ${f.type}: left as is (change it in Airtable if that was a mistake).`);
      } else if (f.type === 'singleSelect' || f.type === 'multipleSelects') {
        await addMissingChoices(spec, t, existing, f);
      }
    }
  }

  // C. Links we create (Besoins.Structure): Airtable then makes their reverse (Structures.Besoins).
  for (const spec of schema.tables) {
    for (const f of spec.fields) {
      if (!f.link || f.link.inverseOf) continue;
      const t = table(spec.name)!;
      const target = table(f.link.table)!;
      const existing = fieldOf(t, f.name);
      if (existing) {
        checkLink(spec, f, existing, target);
        continue;
      }
      // Made from the other side already? Then its reverse lives here under another name.
      const reverse = linkBetween(target, t);
      if (reverse) {
        problem(`${spec.name}.${f.name} is missing, but ${target.name}.${reverse.from.name} already links the tables through ${spec.name}.${reverse.to?.name ?? '(hidden field)'}: rename that field to "${f.name}" in Airtable.`);
        continue;
      }
      await createField(t, f);
      say(`+ field ${spec.name}.${f.name} (link to ${target.name})`);
      tables = await list();
    }
  }

  // D. Reverse links (Structures.Besoins): check only.
  for (const spec of schema.tables) {
    for (const f of spec.fields) {
      if (!f.link?.inverseOf) continue;
      const t = table(spec.name)!;
      const target = table(f.link.table)!;
      const existing = fieldOf(t, f.name);
      if (existing) {
        checkLink(spec, f, existing, target);
        continue;
      }
      const partner = fieldOf(target, f.link.inverseOf);
      const reverseId = partner?.options?.inverseLinkFieldId;
      const reverse = reverseId ? t.fields.find((x) => x.id === reverseId) : undefined;
      if (reverse) {
        problem(`${spec.name}.${f.name}: the reverse of ${target.name}.${f.link.inverseOf} is named "${reverse.name}": rename it to "${f.name}" in Airtable if you want the usual name.`);
      } else {
        problem(`${spec.name}.${f.name} is missing (the reverse of ${target.name}.${f.link.inverseOf}): show it in Airtable from the link field's settings.`);
      }
    }
  }

  const summary = [
    `${report.tablesCreated} table(s) created`,
    `${report.fieldsCreated} field(s) added`,
    `${report.optionsAdded} select option(s) added`,
    `${report.problems.length} problem(s) to review`,
  ];
  if (report.warnings.length) summary.push(`${report.warnings.length} warning(s)`);
  const nothing = !report.tablesCreated && !report.fieldsCreated && !report.optionsAdded;
  say(`${nothing ? 'Nothing to change. ' : ''}Summary: ${summary.join(', ')}.`);
  return report;

  async function createField(t: MetaTable, f: FieldSpec): Promise<void> {
    const created = await request<MetaField>({ method: 'POST', path: `${path}/${t.id}/fields`, body: createPayload(f, tables), signal, maxAttempts });
    t.fields.push(created);
    report.fieldsCreated++;
  }

  async function addMissingChoices(spec: TableSpec, t: MetaTable, existing: MetaField, f: FieldSpec): Promise<void> {
    const have = existing.options?.choices ?? [];
    const wanted = ((f.options?.choices ?? []) as { name: string }[]).map((c) => c.name);
    const missing = wanted.filter((name) => !have.some((c) => c.name === name));
    if (!missing.length) return;
    const label = `${spec.name}.${f.name}`;
    // Every existing choice is sent back, by id: an option left out would be deleted.
    const choices = [...have.map((c) => ({ id: c.id, name: c.name, ...(c.color ? { color: c.color } : {}) })), ...missing.map((name) => ({ name }))];
    try {
      const updated = await request<MetaField>({
        method: 'PATCH',
        path: `${path}/${t.id}/fields/${existing.id}`,
        body: { options: { choices } },
        signal,
        maxAttempts,
      });
      existing.options = updated.options ?? { ...existing.options, choices: choices as MetaChoice[] };
      report.optionsAdded += missing.length;
      say(`+ option(s) ${label}: ${missing.map((m) => JSON.stringify(m)).join(', ')}`);
    } catch (err) {
      if (!(err instanceof AirtableApiError) || (err.status !== 422 && err.status !== 400)) throw err;
      const line = `could not add option(s) ${missing.map((m) => JSON.stringify(m)).join(', ')} to ${label} (Airtable ${err.type}: ${err.airtableMessage}). The sync creates a missing option the first time it writes it (typecast); or add it in Airtable.`;
      report.warnings.push(line);
      say(`~ ${line}`);
    }
  }

  function checkLink(spec: TableSpec, f: FieldSpec, existing: MetaField, target: MetaTable): void {
    if (existing.type !== 'multipleRecordLinks') {
      problem(`${spec.name}.${f.name} is of type ${existing.type} in Airtable, expected a link to ${target.name}: left as is.`);
    } else if (existing.options?.linkedTableId !== target.id) {
      const other = tables.find((x) => x.id === existing.options?.linkedTableId)?.name ?? existing.options?.linkedTableId;
      problem(`${spec.name}.${f.name} links to ${other}, expected ${target.name}: left as is.`);
    }
  }
}

/** A link field of `from` to `to`, with its reverse field in `to` when shown. */
function linkBetween(from: MetaTable, to: MetaTable): { from: MetaField; to?: MetaField } | undefined {
  const link = from.fields.find((f) => f.type === 'multipleRecordLinks' && f.options?.linkedTableId === to.id);
  if (!link) return undefined;
  return { from: link, to: to.fields.find((f) => f.id === link.options?.inverseLinkFieldId) };
}

/** A field as the Metadata API creates it. */
function createPayload(f: FieldSpec, tables: MetaTable[]): Record<string, unknown> {
  const payload: Record<string, unknown> = { name: f.name, type: f.type };
  if (f.description) payload.description = f.description;
  if (f.link) {
    const target = tables.find((t) => t.name === f.link!.table);
    if (!target) throw new Error(`setup: table ${f.link.table} must exist before a link to it`);
    payload.options = { linkedTableId: target.id };
  } else if (f.options) {
    payload.options = f.options;
  }
  return payload;
}
