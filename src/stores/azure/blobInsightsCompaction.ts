import type { ContainerClient } from '@azure/storage-blob';
import type { InsightsCell } from '../insightsStore';
import { backoff, isConflict } from './blobErrors';
import { uploadText } from './blobText';
import { downloadDeltas, downloadJson, type ListedDelta, listDeltas, monthOf, SNAPSHOTS, type SnapshotBody, snapshotBodySchema, toTuple } from './blobInsightsLayout';

export interface CompactionHooks {
  /** Tests: runs between reading a snapshot and writing it back, to make another writer win the race there. */
  beforeWrite?: (month: string) => Promise<void>;
}

/** Lost races on one snapshot before this compaction gives up on it (the next one retries). */
const MAX_ATTEMPTS = 20;
/** A writer's last delta stays as the mark of what it stored; after this long, no conversation can still name it. */
const MARK_KEPT_MS = 180 * 86_400_000;

/**
 * Merges the deltas into the monthly snapshots, then deletes the deltas merged. Safe with any
 * number of instances compacting and writing at once:
 * - a snapshot is written with If-Match on the eTag it was read with, and records in `merged`
 *   the last seq of each writer it holds, so a delta is added to a month once;
 * - a writer writes its deltas one after the other, so having listed its seq s means every
 *   earlier one was listed too or is already merged;
 * - a delta is deleted only once every month it touches has merged it; each writer's last one
 *   is kept (already merged, so ignored by readers) to tell which of its batches are stored.
 */
export async function compactInsights(client: ContainerClient, now: Date, hooks: CompactionHooks = {}): Promise<void> {
  const listed = await listDeltas(client);
  if (!listed.length) return;
  const bodies = await downloadDeltas(client, listed);
  const last = new Map<string, number>();
  for (const d of listed) last.set(d.writer, Math.max(last.get(d.writer) ?? 0, d.seq));

  const byMonth = new Map<string, { delta: ListedDelta; cells: InsightsCell[] }[]>();
  const monthsOf = new Map<string, Set<string>>();
  for (const delta of listed) {
    const cells = bodies.get(delta.name);
    if (!cells) continue;
    const months = new Set(cells.map((c) => monthOf(c.day)));
    monthsOf.set(delta.name, months);
    for (const month of months) {
      const list = byMonth.get(month) ?? [];
      list.push({ delta, cells: cells.filter((c) => monthOf(c.day) === month) });
      byMonth.set(month, list);
    }
  }

  const failed = new Set<string>();
  for (const [month, deltas] of byMonth) {
    if (!(await mergeMonth(client, month, deltas, last, hooks))) failed.add(month);
  }

  const stale = now.getTime() - MARK_KEPT_MS;
  const removable = listed.filter((d) => {
    const merged = [...(monthsOf.get(d.name) ?? [])].every((m) => !failed.has(m));
    const isMark = d.seq === last.get(d.writer);
    return merged && bodies.has(d.name) && (!isMark || d.lastModified.getTime() < stale);
  });
  for (const d of removable) await client.getBlobClient(d.name).deleteIfExists();
}

/** Adds a month's unmerged deltas to its snapshot; false when it kept losing the race. */
async function mergeMonth(
  client: ContainerClient,
  month: string,
  deltas: { delta: ListedDelta; cells: InsightsCell[] }[],
  last: ReadonlyMap<string, number>,
  hooks: CompactionHooks,
): Promise<boolean> {
  const blob = client.getBlockBlobClient(SNAPSHOTS + month);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await downloadJson(client, SNAPSHOTS + month, snapshotBodySchema);
    const snap: SnapshotBody = current?.value ?? { merged: {}, cells: [] };
    const sums = new Map(snap.cells.map((t) => [JSON.stringify(t.slice(0, 7)), t]));
    let changed = false;
    for (const { delta, cells } of deltas) {
      if (delta.seq <= (snap.merged[delta.writer] ?? 0)) continue;
      changed = true;
      for (const c of cells) {
        const t = toTuple(c);
        const key = JSON.stringify(t.slice(0, 7));
        const had = sums.get(key);
        if (had) had[7] += c.n;
        else sums.set(key, t);
      }
    }
    if (!changed) return true;
    const merged = { ...snap.merged };
    for (const { delta } of deltas) merged[delta.writer] = Math.max(merged[delta.writer] ?? 0, last.get(delta.writer) ?? 0);
    const body = JSON.stringify({ merged, cells: [...sums.values()].filter((t) => t[7] !== 0) } satisfies SnapshotBody);
    await hooks.beforeWrite?.(month);
    try {
      await uploadText(blob, body, {
        blobHTTPHeaders: { blobContentType: 'application/json; charset=utf-8' },
        conditions: current ? { ifMatch: current.etag } : { ifNoneMatch: '*' },
      });
      return true;
    } catch (err) {
      if (!isConflict(err)) throw err;
      await backoff(attempt);
    }
  }
  return false;
}
