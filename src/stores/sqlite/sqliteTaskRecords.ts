import type { OutboxTask, TaskFilter } from '../outbox';
import type { StoredTask, TaskRecords } from '../taskRecords';
import type { Database } from './database';

interface Row {
  kind: string;
  id: string;
  status: OutboxTask['status'];
  payload: string | null;
  subject: string | null;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  revision: number;
}

const COLUMNS = 'kind, id, status, payload, subject, attempts, next_attempt_at, last_error, result, created_at, updated_at, revision';

/** Outbox tasks in the SQLite file (table `outbox_tasks`); the revision is a counter. */
export class SqliteTaskRecords implements TaskRecords {
  private readonly insertRow;
  private readonly selectOne;
  private readonly replaceRow;
  private readonly selectDue;

  constructor(private readonly db: Database) {
    this.insertRow = db.prepare<[Record<string, unknown>]>(
      `INSERT INTO outbox_tasks (${COLUMNS}) VALUES (@kind, @id, @status, @payload, @subject, @attempts, @next_attempt_at, @last_error, @result, @created_at, @updated_at, 1)
       ON CONFLICT (kind, id) DO NOTHING`,
    );
    this.selectOne = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM outbox_tasks WHERE kind = ? AND id = ?`);
    this.replaceRow = db.prepare<[Record<string, unknown>]>(
      `UPDATE outbox_tasks SET status = @status, payload = @payload, subject = @subject, attempts = @attempts,
         next_attempt_at = @next_attempt_at, last_error = @last_error, result = @result, updated_at = @updated_at,
         revision = revision + 1
       WHERE kind = @kind AND id = @id AND revision = @revision`,
    );
    this.selectDue = db.prepare<[string, number], { kind: string; id: string; next_attempt_at: number }>(
      `SELECT kind, id, next_attempt_at FROM outbox_tasks WHERE kind = ? AND status = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, created_at, id`,
    );
  }

  async insert(task: OutboxTask): Promise<boolean> {
    return this.insertRow.run(toRow(task)).changes > 0;
  }

  async get(kind: string, id: string): Promise<StoredTask | undefined> {
    const row = this.selectOne.get(kind, id);
    return row && { task: toTask(row), revision: String(row.revision) };
  }

  async replace(task: OutboxTask, revision: string): Promise<string | undefined> {
    const changed = this.replaceRow.run({ ...toRow(task), revision: Number(revision) }).changes > 0;
    return changed ? String(Number(revision) + 1) : undefined;
  }

  async due(kind: string, now: number): Promise<Pick<OutboxTask, 'kind' | 'id' | 'nextAttemptAt'>[]> {
    return this.selectDue.all(kind, now).map((r) => ({ kind: r.kind, id: r.id, nextAttemptAt: r.next_attempt_at }));
  }

  async list(filter: TaskFilter): Promise<OutboxTask[]> {
    const { where, params } = sqlFilter(filter);
    return this.db
      .prepare<unknown[], Row>(`SELECT ${COLUMNS} FROM outbox_tasks ${where} ORDER BY created_at, kind, id`)
      .all(...params)
      .map(toTask);
  }

  async delete(filter: TaskFilter, also?: (task: OutboxTask) => boolean): Promise<number> {
    const { where, params } = sqlFilter(filter);
    if (!also) return this.db.prepare(`DELETE FROM outbox_tasks ${where}`).run(...params).changes;
    const remove = this.db.prepare<[string, string]>('DELETE FROM outbox_tasks WHERE kind = ? AND id = ?');
    return this.db.transaction(() => {
      let n = 0;
      for (const row of this.db.prepare<unknown[], Row>(`SELECT ${COLUMNS} FROM outbox_tasks ${where}`).all(...params)) {
        if (also(toTask(row))) n += remove.run(row.kind, row.id).changes;
      }
      return n;
    })();
  }
}

function sqlFilter(filter: TaskFilter): { where: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['kind', filter.kind],
    ['id', filter.id],
    ['status', filter.status],
    ['subject', filter.subject],
  ] as const) {
    if (value === undefined) continue;
    terms.push(`${column} = ?`);
    params.push(value);
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

function toRow(task: OutboxTask): Record<string, unknown> {
  return {
    kind: task.kind,
    id: task.id,
    status: task.status,
    payload: task.payload === undefined ? null : JSON.stringify(task.payload),
    subject: task.subject ?? null,
    attempts: task.attempts,
    next_attempt_at: task.nextAttemptAt,
    last_error: task.lastError ?? null,
    result: task.result === undefined ? null : JSON.stringify(task.result),
    created_at: task.createdAt,
    updated_at: task.updatedAt,
  };
}

function toTask(row: Row): OutboxTask {
  const task: OutboxTask = {
    kind: row.kind,
    id: row.id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.payload !== null) task.payload = JSON.parse(row.payload);
  if (row.subject !== null) task.subject = row.subject;
  if (row.last_error !== null) task.lastError = row.last_error;
  if (row.result !== null) task.result = JSON.parse(row.result);
  return task;
}
