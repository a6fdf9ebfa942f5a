import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteNeedsJournal } from '../../src/stores/sqlite/sqliteNeedsJournal';

/** The needs a bot run left in its journal (read after the bot stopped). */
export async function storedNeeds(dataDir: string): Promise<Record<string, unknown>[]> {
  const db = openDatabase(dataDir);
  try {
    return (await new SqliteNeedsJournal(db).all()).map((entry) => entry.record);
  } finally {
    closeDatabase(db);
  }
}

/**
 * Durable journal writes per second: SqliteNeedsJournal.save() of a real need record, in a loop,
 * on a fresh database in the temp folder (WAL, synchronous = FULL: one fsync per save, as when
 * the bot records a need before confirming it).
 */
export async function journalWritesPerSecond(record: Record<string, unknown>, durationMs: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-journal-'));
  const db = openDatabase(dir);
  try {
    const journal = new SqliteNeedsJournal(db);
    let writes = 0;
    const started = performance.now();
    while (performance.now() - started < durationMs) {
      await journal.save(`BENCH-2026-${String(writes + 1).padStart(5, '0')}`, `bench-${writes}`, record);
      writes++;
    }
    return writes / ((performance.now() - started) / 1000);
  } finally {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
