import { anyFieldEquals } from './formula';
import { AirtableApiError, type AirtableRequest, recordsPath } from './http';
import { type AirtableRecord, listRecords } from './listRecords';
import type { StructureKey } from './mapping';
import { NEED_REFERENCE_FIELD, NEEDS_LINK_FIELD, REFERENCE_FIELD, STRUCTURE_LINK_FIELD } from './schema';

/** The fields of a structure that identify a person: cleared when the structure itself stays. */
const PERSONAL_STRUCTURE_FIELDS = ['Contact', 'Email', 'Téléphone'] as const;

/** What to erase: the needs of a conversation and/or by reference, and the structures they were sent with. */
export interface ErasureTarget {
  conversationId?: string;
  references: readonly string[];
  /**
   * The merge keys of the structures the needs were sent with: a structure upserted by a sync
   * whose need was then dropped (erased meanwhile) is linked to no need, and is found by its key.
   */
  structureKeys?: readonly StructureKey[];
}

/** What was found to erase: written down before anything is deleted, so that a retry can finish the job. */
export interface ErasureFound {
  needs: { id: string; reference?: string }[];
  structures: string[];
  /** The needs' mission briefs and evaluations (absent in what an older version found). */
  missions?: string[];
  evaluations?: string[];
}

export interface AirtableErasure {
  /** Besoins records deleted (their references). */
  needs: string[];
  /** Structures deleted (no other need linked to them). */
  structuresDeleted: number;
  /** Structures kept for other needs, with their contact fields cleared. */
  structuresCleared: number;
}

export interface ErasureOptions {
  /** What an earlier attempt found (its needs may be deleted already): resume from there. */
  found?: ErasureFound;
  /** Called with what was found, before anything is deleted. */
  onFound?: (found: ErasureFound) => Promise<void>;
  signal?: AbortSignal;
  maxAttempts?: number;
}

/**
 * Right to erasure in the staff base: deletes the mission briefs and evaluations of the needs of
 * a conversation, the needs (by the conversation's id, and by reference for needs the local
 * journal knew), then each structure they were linked to (or that
 * has one of their keys) when no other need uses it, or else that structure's contact fields.
 *
 * Idempotent and resumable: what is found is handed to `onFound` before any deletion, and a
 * record already gone (a 404, e.g. a DELETE that Airtable applied but answered after the
 * timeout, then retried) counts as deleted, so a retry with `found` finishes the clean-up.
 */
export async function eraseFromAirtable(
  request: AirtableRequest,
  baseId: string,
  target: ErasureTarget,
  options: ErasureOptions = {},
): Promise<AirtableErasure> {
  const call = { signal: options.signal, maxAttempts: options.maxAttempts };
  let found = options.found;
  if (!found) {
    found = await findTargets(request, baseId, target, call);
    await options.onFound?.(found);
  }
  const out: AirtableErasure = { needs: [], structuresDeleted: 0, structuresCleared: 0 };
  const ours = new Set(found.needs.map((n) => n.id));
  // What came from the needs first: a brief or an evaluation never outlives its need.
  for (const [table, ids] of [['Missions', found.missions ?? []], ['Évaluations', found.evaluations ?? []]] as const) {
    for (const id of ids) await gone(request({ method: 'DELETE', path: `${recordsPath(baseId, table)}/${encodeURIComponent(id)}`, ...call }));
  }
  for (const need of found.needs) {
    await gone(request({ method: 'DELETE', path: `${recordsPath(baseId, 'Besoins')}/${encodeURIComponent(need.id)}`, ...call }));
    out.needs.push(need.reference ?? need.id);
  }
  for (const id of found.structures) {
    const path = `${recordsPath(baseId, 'Structures')}/${encodeURIComponent(id)}`;
    const structure = await gone(request<AirtableRecord>({ method: 'GET', path, ...call }));
    if (!structure) continue;
    const others = asIds(structure.fields?.[NEEDS_LINK_FIELD]).filter((n) => !ours.has(n));
    if (!others.length) {
      await gone(request({ method: 'DELETE', path, ...call }));
      out.structuresDeleted++;
    } else {
      const fields = Object.fromEntries(PERSONAL_STRUCTURE_FIELDS.map((f) => [f, null]));
      await gone(request({ method: 'PATCH', path: recordsPath(baseId, 'Structures'), body: { records: [{ id, fields }] }, ...call }));
      out.structuresCleared++;
    }
  }
  return out;
}

async function findTargets(
  request: AirtableRequest,
  baseId: string,
  target: ErasureTarget,
  call: { signal?: AbortSignal; maxAttempts?: number },
): Promise<ErasureFound> {
  const needTerms = [
    ...(target.conversationId ? [{ field: 'Conversation', value: target.conversationId }] : []),
    ...target.references.map((r) => ({ field: REFERENCE_FIELD, value: r })),
  ];
  const keyTerms = (target.structureKeys ?? []).map((k) => ({ field: k.field, value: k.value }));
  const needs = needTerms.length ? await listRecords(request, baseId, 'Besoins', { filterByFormula: anyFieldEquals(needTerms), ...call }) : [];
  const byKey = keyTerms.length ? await listRecords(request, baseId, 'Structures', { filterByFormula: anyFieldEquals(keyTerms), ...call }) : [];
  const structures = new Set<string>();
  for (const need of needs) for (const id of asIds(need.fields[STRUCTURE_LINK_FIELD])) structures.add(id);
  for (const s of byKey) structures.add(s.id);
  const references = new Set([...target.references, ...needs.map((n) => n.fields[REFERENCE_FIELD]).filter((r): r is string => typeof r === 'string')]);
  const byNeed = async (table: 'Missions' | 'Évaluations') => {
    if (!references.size) return [];
    const terms = [...references].map((value) => ({ field: NEED_REFERENCE_FIELD, value }));
    try {
      return (await listRecords(request, baseId, table, { filterByFormula: anyFieldEquals(terms), ...call })).map((r) => r.id);
    } catch (err) {
      // A base set up before missions and evaluations existed has no such table (Airtable says 404,
      // or 403 "model not found"): nothing to delete there.
      if (err instanceof AirtableApiError && (err.status === 404 || err.type === 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND')) return [];
      throw err;
    }
  };
  return {
    needs: needs.map((n) => {
      const reference = n.fields[REFERENCE_FIELD];
      return typeof reference === 'string' ? { id: n.id, reference } : { id: n.id };
    }),
    structures: [...structures],
    missions: await byNeed('Missions'),
    evaluations: await byNeed('Évaluations'),
  };
}

/** The answer, or undefined when the record is gone already (deleted by an earlier attempt, or by staff). */
async function gone<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof AirtableApiError && (err.status === 404 || err.type === 'ROW_DOES_NOT_EXIST')) return undefined;
    throw err;
  }
}

const asIds = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
