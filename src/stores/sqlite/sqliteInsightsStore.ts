import type { InsightsBatch, InsightsCell, InsightsFilter, InsightsStore, InsightsVersion } from '../insightsStore';
import type { Database } from './database';

/** Schema step of the insights counters (appended to MIGRATIONS in database.ts). */
export const INSIGHTS_MIGRATION = `
  CREATE TABLE insights_counters (
    version INTEGER NOT NULL,
    day     TEXT NOT NULL,     -- start day of the journeys, YYYY-MM-DD on the operator's clock
    channel TEXT NOT NULL,
    lang    TEXT NOT NULL,
    node    TEXT NOT NULL,     -- step id, '@summary', or '' for the whole journey
    metric  TEXT NOT NULL,
    detail  TEXT NOT NULL,     -- programme, criterion, ending, minute of last activity… or ''
    n       INTEGER NOT NULL,  -- a number of journeys: no text, no identifier
    PRIMARY KEY (version, day, channel, lang, node, metric, detail)
  ) WITHOUT ROWID;
  CREATE INDEX insights_counters_day ON insights_counters (day);

  CREATE TABLE insights_versions (
    version              INTEGER PRIMARY KEY,
    resume_after_minutes INTEGER NOT NULL,
    nodes                TEXT NOT NULL  -- JSON list of node ids in journey order
  );

  -- The last batch stored per writer (one recorder run): a batch is added once.
  CREATE TABLE insights_writers (
    writer     TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  );
`;

type Row = Omit<InsightsCell, 'n'> & { n: number };

/**
 * InsightsStore on the embedded SQLite file: a batch is one transaction (the counters, the
 * versions it names, and its writer's seq), so it is all stored or not at all, and once.
 */
export class SqliteInsightsStore implements InsightsStore {
  readonly shared = false;
  private readonly upsert;
  private readonly dropZero;
  private readonly writerSeq;
  private readonly setWriter;
  private readonly putVersion;
  private readonly allVersions;
  private readonly addBatch;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    const key = 'version = @version AND day = @day AND channel = @channel AND lang = @lang AND node = @node AND metric = @metric AND detail = @detail';
    this.upsert = db.prepare<[InsightsCell]>(
      `INSERT INTO insights_counters (version, day, channel, lang, node, metric, detail, n)
       VALUES (@version, @day, @channel, @lang, @node, @metric, @detail, @n)
       ON CONFLICT (version, day, channel, lang, node, metric, detail) DO UPDATE SET n = n + excluded.n`,
    );
    // A journey that moved on leaves zero behind (a minute of last activity): no row for nothing.
    this.dropZero = db.prepare<[Omit<InsightsCell, 'n'>]>(`DELETE FROM insights_counters WHERE ${key} AND n = 0`);
    this.writerSeq = db.prepare<[string], { seq: number }>('SELECT seq FROM insights_writers WHERE writer = ?');
    this.setWriter = db.prepare<[string, number, string]>(
      `INSERT INTO insights_writers (writer, seq, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (writer) DO UPDATE SET seq = excluded.seq, updated_at = excluded.updated_at`,
    );
    this.putVersion = db.prepare<[number, number, string]>(
      `INSERT INTO insights_versions (version, resume_after_minutes, nodes) VALUES (?, ?, ?)
       ON CONFLICT (version) DO UPDATE SET resume_after_minutes = excluded.resume_after_minutes, nodes = excluded.nodes`,
    );
    this.allVersions = db.prepare<[], { version: number; resume_after_minutes: number; nodes: string }>(
      'SELECT version, resume_after_minutes, nodes FROM insights_versions ORDER BY version',
    );
    this.addBatch = db.transaction((batch: InsightsBatch) => {
      if ((this.writerSeq.get(batch.writer)?.seq ?? 0) >= batch.seq) return;
      for (const v of batch.versions) this.putVersion.run(v.version, v.resumeAfterMinutes, JSON.stringify(v.nodes));
      for (const cell of batch.cells) {
        this.upsert.run(cell);
        if (cell.n < 0) this.dropZero.run(cellKey(cell));
      }
      this.setWriter.run(batch.writer, batch.seq, this.now().toISOString());
    });
  }

  async add(batch: InsightsBatch): Promise<void> {
    this.addBatch.immediate(batch);
  }

  async committedThrough(writer: string): Promise<number> {
    return this.writerSeq.get(writer)?.seq ?? 0;
  }

  async read(filter: InsightsFilter = {}): Promise<{ cells: InsightsCell[]; versions: InsightsVersion[] }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.versions) {
      where.push(`version IN (${filter.versions.map(() => '?').join(', ') || 'NULL'})`);
      params.push(...filter.versions);
    }
    if (filter.from) {
      where.push('day >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('day <= ?');
      params.push(filter.to);
    }
    const sql = `SELECT version, day, channel, lang, node, metric, detail, n FROM insights_counters${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const cells = this.db.prepare<(string | number)[], Row>(sql).all(...params);
    const versions = this.allVersions.all().map((r) => ({ version: r.version, resumeAfterMinutes: r.resume_after_minutes, nodes: JSON.parse(r.nodes) as string[] }));
    return { cells, versions };
  }
}

const cellKey = ({ version, day, channel, lang, node, metric, detail }: InsightsCell): Omit<InsightsCell, 'n'> => ({ version, day, channel, lang, node, metric, detail });
