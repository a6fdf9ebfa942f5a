import type { OutboxTask, TaskFilter } from './outbox';

/**
 * What a store keeps of outbox tasks, with optimistic concurrency: every stored task carries a
 * revision (a counter, an eTag) and a replacement names the revision it read. ClaimingOutbox
 * (src/stores/claimingOutbox.ts) builds the outbox's behaviour on it once for every store.
 */
export interface StoredTask {
  task: OutboxTask;
  revision: string;
}

export interface TaskRecords {
  /** Writes the task unless (kind, id) exists; false when it did. */
  insert(task: OutboxTask): Promise<boolean>;
  get(kind: string, id: string): Promise<StoredTask | undefined>;
  /** Writes over the task if it is still at `revision`: its new revision, or undefined when it changed or is gone. */
  replace(task: OutboxTask, revision: string): Promise<string | undefined>;
  /** Pending tasks of a kind due by `now`, oldest due first, without payloads (cheap to list). */
  due(kind: string, now: number): Promise<Pick<OutboxTask, 'kind' | 'id' | 'nextAttemptAt'>[]>;
  /** Tasks matching the filter, oldest first, with payloads. */
  list(filter: TaskFilter): Promise<OutboxTask[]>;
  /** Deletes the tasks matching the filter (or the predicate over them); returns how many. */
  delete(filter: TaskFilter, also?: (task: OutboxTask) => boolean): Promise<number>;
}

export function matches(task: OutboxTask, filter: TaskFilter): boolean {
  return (
    (filter.kind === undefined || task.kind === filter.kind) &&
    (filter.id === undefined || task.id === filter.id) &&
    (filter.status === undefined || task.status === filter.status) &&
    (filter.subject === undefined || task.subject === filter.subject)
  );
}
