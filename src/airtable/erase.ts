import { anyFieldEquals } from './formula';
import { type AirtableRequest, recordsPath } from './http';
import { type AirtableRecord, listRecords } from './listRecords';
import { NEEDS_LINK_FIELD, REFERENCE_FIELD, STRUCTURE_LINK_FIELD } from './schema';

/** The fields of a structure that identify a person: cleared when the structure itself stays. */
const PERSONAL_STRUCTURE_FIELDS = ['Contact', 'Email', 'Téléphone'] as const;

export interface AirtableErasure {
  /** Besoins records deleted. */
  needs: string[];
  /** Structures deleted (no other need linked to them). */
  structuresDeleted: number;
  /** Structures kept for other needs, with their contact fields cleared. */
  structuresCleared: number;
}

/**
 * Right to erasure in the staff base: deletes the needs of a conversation (by its id, and by
 * reference for needs the local journal knew), then each structure they were linked to when no
 * other need uses it, or else that structure's contact fields.
 */
export async function eraseFromAirtable(
  request: AirtableRequest,
  baseId: string,
  target: { conversationId?: string; references: readonly string[] },
): Promise<AirtableErasure> {
  const terms = [
    ...(target.conversationId ? [{ field: 'Conversation', value: target.conversationId }] : []),
    ...target.references.map((r) => ({ field: REFERENCE_FIELD, value: r })),
  ];
  const out: AirtableErasure = { needs: [], structuresDeleted: 0, structuresCleared: 0 };
  if (!terms.length) return out;
  const needs = await listRecords(request, baseId, 'Besoins', { filterByFormula: anyFieldEquals(terms) });
  const deleted = new Set(needs.map((n) => n.id));
  const structures = new Set<string>();
  for (const need of needs) {
    for (const id of asIds(need.fields[STRUCTURE_LINK_FIELD])) structures.add(id);
    await request({ method: 'DELETE', path: `${recordsPath(baseId, 'Besoins')}/${encodeURIComponent(need.id)}` });
    const reference = need.fields[REFERENCE_FIELD];
    out.needs.push(typeof reference === 'string' ? reference : need.id);
  }
  for (const id of structures) {
    const path = `${recordsPath(baseId, 'Structures')}/${encodeURIComponent(id)}`;
    const structure = await request<AirtableRecord>({ method: 'GET', path });
    const others = asIds(structure.fields?.[NEEDS_LINK_FIELD]).filter((n) => !deleted.has(n));
    if (!others.length) {
      await request({ method: 'DELETE', path });
      out.structuresDeleted++;
    } else {
      const fields = Object.fromEntries(PERSONAL_STRUCTURE_FIELDS.map((f) => [f, null]));
      await request({ method: 'PATCH', path: recordsPath(baseId, 'Structures'), body: { records: [{ id, fields }] } });
      out.structuresCleared++;
    }
  }
  return out;
}

const asIds = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
