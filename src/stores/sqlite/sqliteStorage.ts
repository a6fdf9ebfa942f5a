import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Database } from './database';
import { markReadAs, takeWriteAs } from '../stateJson';

interface Row {
  value: string;
  etag: string;
}

/**
 * Bot state storage (ConversationState, UserState) in SQLite, with botbuilder's MemoryStorage
 * semantics: items round-trip through JSON, every write gets a fresh eTag, an eTag of '*' or none
 * (or a key not stored yet) writes unconditionally, any other mismatch is a conflict.
 * Stricter than MemoryStorage on one point: a conflict writes nothing of the batch.
 */
export class SqliteStorage implements Storage {
  private readonly selectRow;
  private readonly upsertRow;
  private readonly deleteRow;
  private readonly deleteBefore;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.selectRow = db.prepare<[string], Row>('SELECT value, etag FROM storage_items WHERE key = ?');
    this.upsertRow = db.prepare<[string, string, string, number]>(
      `INSERT INTO storage_items (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag,
         updated_at = excluded.updated_at`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM storage_items WHERE key = ?');
    this.deleteBefore = db.prepare<[number]>('DELETE FROM storage_items WHERE updated_at < ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    // One transaction so that several keys are read from the same snapshot.
    return this.db.transaction(() => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.selectRow.get(key);
        if (row) items[key] = markReadAs({ ...JSON.parse(row.value), eTag: row.etag }, row.value);
      }
      return items;
    })();
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const updatedAt = this.now().getTime();
    // IMMEDIATE: the eTag check and the write happen under the same lock, even across processes.
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const stored = this.selectRow.get(key);
        if (stored && item.eTag && item.eTag !== '*' && item.eTag !== stored.etag) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        // The eTag lives in its own column; JSON.stringify drops the undefined property. The state's
        // change check may have stringified it just before (stateJson.ts): the same text.
        this.upsertRow.run(key, takeWriteAs(item) ?? JSON.stringify({ ...item, eTag: undefined }), randomUUID(), updatedAt);
      }
    }).immediate();
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const key of keys) this.deleteRow.run(key);
    })();
  }

  /** Removes items not written since `cutoff`; returns how many. For retention purges. */
  deleteOlderThan(cutoff: Date): number {
    return this.deleteBefore.run(cutoff.getTime()).changes;
  }
}
