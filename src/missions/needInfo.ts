import { type AirtableRequest, recordsPath } from '../airtable/http';
import { findNeedRecord } from '../airtable/listRecords';
import { STRUCTURE_LINK_FIELD } from '../airtable/schema';
import type { Locale } from '../answers/types';

/**
 * A need as staff see it in Airtable now (their corrections, the programme they chose, the end
 * of the mission), with its structure: what the brief, the preparation message and the
 * evaluations are written from.
 */
export interface NeedInfo {
  /** The Besoins record id (for links). */
  id: string;
  reference: string;
  fields: Record<string, unknown>;
  /** The linked Structures record's fields; empty when there is none. */
  structure: Record<string, unknown>;
}

export interface ReadNeedOptions {
  signal?: AbortSignal;
  maxAttempts?: number;
}

/** The need with this reference, or undefined when the base has none (deleted, erased). */
export async function readNeed(request: AirtableRequest, baseId: string, reference: string, options: ReadNeedOptions = {}): Promise<NeedInfo | undefined> {
  const need = await findNeedRecord(request, baseId, reference, options);
  if (!need) return undefined;
  const link = need.fields[STRUCTURE_LINK_FIELD];
  const structureId = Array.isArray(link) && typeof link[0] === 'string' ? link[0] : undefined;
  let structure: Record<string, unknown> = {};
  if (structureId) {
    const path = `${recordsPath(baseId, 'Structures')}/${encodeURIComponent(structureId)}`;
    structure = (await request<{ fields?: Record<string, unknown> }>({ method: 'GET', path, ...options })).fields ?? {};
  }
  return { id: need.id, reference, fields: need.fields, structure };
}

export const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The need's language (`Langue`), French when unknown. */
export const langOf = (need: NeedInfo): Locale => (need.fields.Langue === 'en' ? 'en' : 'fr');
