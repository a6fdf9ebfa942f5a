import type { JourneyFiles } from '../../flow/files';
import {
  type DraftWrite,
  type JourneyDraft,
  type JourneyStore,
  type JourneyVersion,
  type JourneyVersionInfo,
  LiveVersionChangedError,
  type NewVersion,
  StaleDraftError,
} from '../journeyStore';
import type { Database } from './database';

/** Schema step for MIGRATIONS in database.ts: the journey's versions, live pointer and draft. */
export const JOURNEY_MIGRATION = `
  CREATE TABLE journey_versions (
    number     INTEGER PRIMARY KEY,
    files      TEXT NOT NULL,     -- JSON: journey path -> text
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,     -- ISO 8601 UTC
    comment    TEXT NOT NULL,
    based_on   INTEGER
  );
  CREATE TABLE journey_live (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL REFERENCES journey_versions (number)
  );
  CREATE TABLE journey_draft (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    files      TEXT,              -- JSON; NULL once discarded or published
    revision   INTEGER NOT NULL,  -- never goes back, so that a stale write is always refused
    based_on   INTEGER,
    updated_by TEXT,
    updated_at TEXT
  );
`;

interface VersionRow {
  number: number;
  author: string;
  created_at: string;
  comment: string;
  based_on: number | null;
}
interface DraftRow {
  files: string | null;
  revision: number;
  based_on: number | null;
  updated_by: string | null;
  updated_at: string | null;
}

const info = (r: VersionRow): JourneyVersionInfo => ({
  number: r.number,
  author: r.author,
  createdAt: r.created_at,
  comment: r.comment,
  ...(r.based_on !== null ? { basedOn: r.based_on } : {}),
});

/**
 * JourneyStore on the embedded SQLite file. Every write is one IMMEDIATE transaction, so that
 * two processes on the same file never interleave a publish or a draft write.
 */
export class SqliteJourneyStore implements JourneyStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seed(files: JourneyFiles, author: string, comment: string): Promise<number> {
    return this.db
      .transaction(() => {
        const live = this.live();
        if (live !== undefined || this.latest() !== undefined) return live ?? this.latest()!;
        return this.insert({ files, author, comment }).number;
      })
      .immediate();
  }

  async liveVersion(): Promise<number | undefined> {
    return this.live();
  }

  async versions(): Promise<JourneyVersionInfo[]> {
    return this.db.prepare<[], VersionRow>('SELECT number, author, created_at, comment, based_on FROM journey_versions ORDER BY number').all().map(info);
  }

  async version(number: number): Promise<JourneyVersion | undefined> {
    const row = this.db
      .prepare<[number], VersionRow & { files: string }>('SELECT number, files, author, created_at, comment, based_on FROM journey_versions WHERE number = ?')
      .get(number);
    return row && { ...info(row), files: JSON.parse(row.files) as JourneyFiles };
  }

  async publish(version: NewVersion, expectedLive?: number): Promise<JourneyVersionInfo> {
    return this.db
      .transaction(() => {
        const live = this.live();
        if (expectedLive !== undefined && live !== expectedLive) throw new LiveVersionChangedError(expectedLive, live);
        return this.insert(version);
      })
      .immediate();
  }

  async draft(): Promise<JourneyDraft | undefined> {
    const row = this.draftRow();
    return row?.files ? toDraft(row) : undefined;
  }

  async saveDraft(draft: DraftWrite, expectedRevision: number): Promise<JourneyDraft> {
    return this.db
      .transaction(() => {
        const row = this.expectDraft(expectedRevision);
        const saved: DraftRow = {
          files: JSON.stringify(draft.files),
          revision: (row?.revision ?? 0) + 1,
          based_on: draft.basedOn,
          updated_by: draft.updatedBy,
          updated_at: this.now().toISOString(),
        };
        this.db
          .prepare(
            `INSERT INTO journey_draft (id, files, revision, based_on, updated_by, updated_at)
             VALUES (1, @files, @revision, @based_on, @updated_by, @updated_at)
             ON CONFLICT (id) DO UPDATE SET files = excluded.files, revision = excluded.revision,
               based_on = excluded.based_on, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
          )
          .run(saved);
        return toDraft(saved);
      })
      .immediate();
  }

  async deleteDraft(expectedRevision: number): Promise<void> {
    this.db
      .transaction(() => {
        const row = this.expectDraft(expectedRevision);
        if (row?.files) this.db.prepare('UPDATE journey_draft SET files = NULL, revision = revision + 1 WHERE id = 1').run();
      })
      .immediate();
  }

  /** The draft row when it is as the writer read it; StaleDraftError otherwise. */
  private expectDraft(expectedRevision: number): DraftRow | undefined {
    const row = this.draftRow();
    const current = row?.files ? row.revision : 0;
    if (current !== expectedRevision) throw new StaleDraftError(expectedRevision, current);
    return row;
  }

  private draftRow(): DraftRow | undefined {
    return this.db.prepare<[], DraftRow>('SELECT files, revision, based_on, updated_by, updated_at FROM journey_draft WHERE id = 1').get();
  }

  private live(): number | undefined {
    return this.db.prepare<[], { version: number }>('SELECT version FROM journey_live WHERE id = 1').get()?.version;
  }

  private latest(): number | undefined {
    return this.db.prepare<[], { number: number | null }>('SELECT MAX(number) AS number FROM journey_versions').get()?.number ?? undefined;
  }

  /** The next version, made live (inside the caller's transaction). */
  private insert(version: NewVersion): JourneyVersionInfo {
    const row: VersionRow = {
      number: (this.latest() ?? 0) + 1,
      author: version.author,
      created_at: this.now().toISOString(),
      comment: version.comment,
      based_on: version.basedOn ?? null,
    };
    this.db
      .prepare('INSERT INTO journey_versions (number, files, author, created_at, comment, based_on) VALUES (@number, @files, @author, @created_at, @comment, @based_on)')
      .run({ ...row, files: JSON.stringify(version.files) });
    this.db.prepare('INSERT INTO journey_live (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version').run(row.number);
    return info(row);
  }
}

const toDraft = (row: DraftRow): JourneyDraft => ({
  files: JSON.parse(row.files!) as JourneyFiles,
  revision: row.revision,
  basedOn: row.based_on ?? 0,
  updatedBy: row.updated_by ?? '',
  updatedAt: row.updated_at ?? '',
});
