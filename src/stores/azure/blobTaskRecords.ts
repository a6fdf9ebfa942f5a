import type { Metadata } from '@azure/storage-blob';
import type { OutboxTask, TaskFilter } from '../outbox';
import { matches, type StoredTask, type TaskRecords } from '../taskRecords';
import { isConflict, isNotFound } from './blobErrors';
import { downloadText, uploadText } from './blobText';
import type { Container } from './container';

const PREFIX = 'outbox/';

/**
 * Outbox tasks in Azure Blob Storage: one JSON blob per task (`outbox/<kind>/<id>`), the eTag as
 * revision. Status, due time and subject are copied into the metadata so that a listing finds
 * due tasks without reading bodies.
 */
export class BlobTaskRecords implements TaskRecords {
  constructor(private readonly container: Container) {}

  async insert(task: OutboxTask): Promise<boolean> {
    await this.container.ensure();
    try {
      await this.write(task, { ifNoneMatch: '*' });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  async get(kind: string, id: string): Promise<StoredTask | undefined> {
    await this.container.ensure();
    const stored = await downloadText(this.blob(kind, id));
    return stored && { task: JSON.parse(stored.text) as OutboxTask, revision: stored.etag };
  }

  async replace(task: OutboxTask, revision: string): Promise<string | undefined> {
    await this.container.ensure();
    try {
      return await this.write(task, { ifMatch: revision });
    } catch (err) {
      if (isConflict(err) || isNotFound(err)) return undefined;
      throw err;
    }
  }

  async due(kind: string, now: number): Promise<Pick<OutboxTask, 'kind' | 'id' | 'nextAttemptAt'>[]> {
    const listed = (await this.listed(`${PREFIX}${encodeURIComponent(kind)}/`)).filter((t) => t.status === 'pending' && t.nextAttemptAt <= now);
    return listed.sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || compare(a.createdAt, b.createdAt) || compare(a.id, b.id));
  }

  async list(filter: TaskFilter): Promise<OutboxTask[]> {
    const out: OutboxTask[] = [];
    for (const summary of await this.listed(this.prefixOf(filter))) {
      // The listing's metadata rules most tasks out without reading them.
      if (!matches(summary as OutboxTask, filter)) continue;
      const stored = await this.get(summary.kind, summary.id);
      if (stored && matches(stored.task, filter)) out.push(stored.task);
    }
    return out.sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.kind, b.kind) || compare(a.id, b.id));
  }

  async delete(filter: TaskFilter, also?: (task: OutboxTask) => boolean): Promise<number> {
    let n = 0;
    for (const task of await this.list(filter)) {
      if (also && !also(task)) continue;
      const { succeeded } = await this.blob(task.kind, task.id).deleteIfExists();
      if (succeeded) n++;
    }
    return n;
  }

  private prefixOf(filter: TaskFilter): string {
    return filter.kind === undefined ? PREFIX : `${PREFIX}${encodeURIComponent(filter.kind)}/`;
  }

  /** What the metadata of a listing tells, for every task under `prefix`. */
  private async listed(prefix: string): Promise<(Pick<OutboxTask, 'kind' | 'id' | 'status' | 'nextAttemptAt' | 'createdAt' | 'subject'>)[]> {
    await this.container.ensure();
    const out = [];
    for await (const item of this.container.client.listBlobsFlat({ prefix, includeMetadata: true })) {
      const [kind, id] = item.name.slice(PREFIX.length).split('/').map(decodeURIComponent);
      const meta = item.metadata ?? {};
      out.push({
        kind,
        id,
        status: meta.status as OutboxTask['status'],
        nextAttemptAt: Number(meta.nextattemptat),
        createdAt: meta.createdat ?? '',
        ...(meta.subject !== undefined ? { subject: decodeURIComponent(meta.subject) } : {}),
      });
    }
    return out;
  }

  private async write(task: OutboxTask, conditions: { ifMatch?: string; ifNoneMatch?: string }): Promise<string> {
    const metadata: Metadata = { status: task.status, nextattemptat: String(task.nextAttemptAt), createdat: task.createdAt };
    // Metadata travels in HTTP headers: ASCII only.
    if (task.subject !== undefined) metadata.subject = encodeURIComponent(task.subject);
    const res = await uploadText(this.blob(task.kind, task.id), JSON.stringify(task), {
      metadata,
      blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
      conditions,
    });
    return res.etag!;
  }

  private blob(kind: string, id: string) {
    return this.container.client.getBlockBlobClient(`${PREFIX}${encodeURIComponent(kind)}/${encodeURIComponent(id)}`);
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
