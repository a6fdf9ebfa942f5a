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
  private readonly upsertRowIfETag;
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
    // The same write, made only where the stored eTag is the one given (or no row is stored yet).
    this.upsertRowIfETag = db.prepare<[string, string, string, number, string]>(
      `INSERT INTO storage_items (key, value, etag, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag,
         updated_at = excluded.updated_at WHERE storage_items.etag = ?`,
    );
    this.deleteRow = db.prepare<[string]>('DELETE FROM storage_items WHERE key = ?');
    this.deleteBefore = db.prepare<[number]>('DELETE FROM storage_items WHERE updated_at < ?');
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    // One statement reads one snapshot: a transaction only when several keys must come from the same one
    // (a turn reads one key; BEGIN and COMMIT cost more than the SELECT).
    const readAll = () => {
      const items: StoreItems = {};
      for (const key of keys) {
        const row = this.selectRow.get(key);
        if (row) items[key] = markReadAs({ ...JSON.parse(row.value), eTag: row.etag }, row.value);
      }
      return items;
    };
    return keys.length > 1 ? this.db.transaction(readAll)() : readAll();
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const updatedAt = this.now().getTime();
    const entries = Object.entries(changes);
    const writeAll = () => {
      for (const [key, item] of entries) {
        // The eTag lives in its own column; JSON.stringify drops the undefined property. The state's
        // change check may have stringified it just before (stateJson.ts): the same text.
        const value = takeWriteAs(item) ?? JSON.stringify({ ...item, eTag: undefined });
        if (!item.eTag || item.eTag === '*') {
          this.upsertRow.run(key, value, randomUUID(), updatedAt);
          continue;
        }
        // The check and the write are one statement: atomic, even across processes. Nothing
        // written means a row is stored under another eTag.
        if (this.upsertRowIfETag.run(key, value, randomUUID(), updatedAt, item.eTag).changes === 0) {
          throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
      }
    };
    // A turn writes one key, in one statement; several keys are all written or none (IMMEDIATE:
    // the write lock is taken first, so that no other process writes between the checks).
    if (entries.length > 1) this.db.transaction(writeAll).immediate();
    else writeAll();
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
