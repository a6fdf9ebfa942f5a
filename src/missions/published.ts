import type { AirtableRequest } from '../airtable/http';
import { listRecords, type AirtableRecord } from '../airtable/listRecords';
import { NEED_REFERENCE_FIELD } from '../airtable/schema';
import type { Logger } from '../log';
import { BackgroundLoop } from '../stores/backgroundLoop';
import type { WatermarkStore } from '../stores/conversationReferences';
import { type PublishedMission, type PublishedMissions, publishedMissionSchema } from '../stores/publishedMissions';

/**
 * The missions staff published (`Publiée` ticked in the table Missions), read back from Airtable
 * every few minutes into a local copy, which the partners' API serves (PublishedMissions): the
 * marketplace keeps its missions while Airtable is down, and after a restart.
 *
 * The copy is one snapshot (a few hundred missions at most, a few hundred kB) kept whole in the
 * store's small named values (WatermarkStore: a SQLite row, or a blob shared by the instances),
 * replaced at each refresh: a mission unpublished or deleted in Airtable leaves it at the next
 * refresh; an erased need's mission leaves it at once (`forget`).
 */
export interface PublishedMissionsOptions {
  request: AirtableRequest;
  baseId: string;
  store: WatermarkStore;
  logger: Logger;
  now?: () => number;
  maxAttempts?: number;
}

interface Snapshot {
  at: string;
  missions: PublishedMission[];
}

export const PUBLISHED_FORMULA = '{Publiée} = TRUE()';

export class PublishedMissionsCopy implements PublishedMissions {
  private readonly background: BackgroundLoop;
  private readonly name: string;
  private readonly now: () => number;
  /** The last snapshot read, by its text: reading it again is parsing it only when it changed. */
  private cache?: { text: string; missions: PublishedMission[] };

  constructor(private readonly o: PublishedMissionsOptions) {
    this.background = new BackgroundLoop('published missions', o.logger);
    this.name = `missions:published:${o.baseId}`;
    this.now = o.now ?? Date.now;
  }

  async list(): Promise<PublishedMission[]> {
    const text = await this.o.store.get(this.name);
    if (!text) return [];
    if (this.cache?.text !== text) this.cache = { text, missions: (JSON.parse(text) as Snapshot).missions };
    return this.cache.missions;
  }

  /** Reads the published missions from Airtable and replaces the copy; the copy stays as it was when Airtable fails. */
  async refresh(signal?: AbortSignal): Promise<{ published: number; skipped: number }> {
    const records = await listRecords(this.o.request, this.o.baseId, 'Missions', { filterByFormula: PUBLISHED_FORMULA, signal, maxAttempts: this.o.maxAttempts });
    const missions: PublishedMission[] = [];
    let skipped = 0;
    for (const record of records) {
      const parsed = publishedMissionSchema.safeParse(toMission(record));
      if (parsed.success) missions.push(parsed.data);
      else {
        skipped++;
        this.o.logger.warn({ recordId: record.id, problems: parsed.error.issues.map((i) => i.path.join('.')) }, 'a published mission is incomplete in Airtable: not served');
      }
    }
    await this.save(missions);
    return { published: missions.length, skipped };
  }

  /** Right to erasure: the missions of these needs leave the copy now. */
  async forget(references: readonly string[]): Promise<void> {
    if (!references.length) return;
    const current = await this.list();
    const kept = current.filter((m) => !references.includes(m.needReference));
    if (kept.length !== current.length) await this.save(kept);
  }

  start(intervalMs: number): void {
    this.background.start(async () => {
      try {
        await this.refresh(this.background.signal);
      } catch (err) {
        if (!this.background.signal.aborted) this.o.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'published missions not refreshed; the copy stays as it was');
      }
    }, intervalMs);
  }

  stop(): Promise<void> {
    return this.background.stop();
  }

  private save(missions: PublishedMission[]): Promise<void> {
    const snapshot: Snapshot = { at: new Date(this.now()).toISOString(), missions };
    return this.o.store.set(this.name, JSON.stringify(snapshot));
  }
}

/** A Missions record as the API's contract has it (field names: src/airtable/schema.ts). */
function toMission(record: AirtableRecord): unknown {
  const f = record.fields;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  return {
    needReference: str(f[NEED_REFERENCE_FIELD]),
    title: str(f.Titre) ?? '',
    structure: str(f.Structure) ?? '',
    problem: str(f.Problème) ?? '',
    tried: str(f['Déjà essayé']),
    expectedResult: str(f['Résultat attendu']) ?? '',
    skills: Array.isArray(f.Compétences) ? f.Compétences.filter((s) => typeof s === 'string') : [],
    format: str(f.Format) ?? '',
    duration: str(f.Durée),
    territory: str(f.Territoire),
    deadline: str(f.Échéance),
    createdAt: new Date(str(f['Créée le']) ?? record.createdTime ?? 0).toISOString(),
  };
}
