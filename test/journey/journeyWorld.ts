import { readJourneyDir } from '../../src/flow/readJourneyDir';
import type { JourneyStore } from '../../src/stores/journeyStore';
import { closeDatabase, type Database, openDatabase } from '../../src/stores/sqlite/database';
import { SqliteJourneyStore } from '../../src/stores/sqlite/sqliteJourneyStore';
import { CARDS_DIR, DIALOGS_DIR } from '../../src/paths';
import { makeTempDir } from '../stores/tempDir';

/** The repository's journey, as version 1 of a fresh store holds it. */
export const repositoryFiles = () => readJourneyDir(DIALOGS_DIR, CARDS_DIR);

/** The shipped files with one passage of one file replaced (fails loudly when the passage is gone). */
export function withReplaced(files: Record<string, string>, file: string, from: string, to: string): Record<string, string> {
  if (!files[file]?.includes(from)) throw new Error(`${file} does not contain:\n${from}`);
  return { ...files, [file]: files[file].replace(from, to) };
}

/** A real SQLite journey store in a temp folder; every `open()` is another connection (another instance). */
export class SqliteWorld {
  private readonly temp = makeTempDir();
  private readonly dbs: Database[] = [];
  readonly dir = this.temp.dir;

  open(now?: () => Date): JourneyStore {
    const db = openDatabase(this.temp.dir);
    this.dbs.push(db);
    return new SqliteJourneyStore(db, now);
  }

  /** Closes the connections (a store used after this throws, as an unreachable store would). */
  closeConnections(): void {
    this.dbs.splice(0).forEach(closeDatabase);
  }

  remove(): void {
    this.closeConnections();
    this.temp.cleanup();
  }
}

/** Counts the calls a store receives (the store itself is real). */
export function counting(store: JourneyStore): { store: JourneyStore; calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const counted = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls[String(name)] = (calls[String(name)] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}
