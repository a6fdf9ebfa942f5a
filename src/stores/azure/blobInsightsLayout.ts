import type { ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import type { InsightsCell } from '../insightsStore';
import { downloadText } from './blobText';

/**
 * Layout of the insights container:
 * - `deltas/<writer>/<seq>`: one batch of changes of one recorder run, written once
 *   (If-None-Match: *); seq zero-padded so that names sort in order.
 * - `snapshots/<YYYY-MM>`: the sums of the journeys started that month, with `merged`, the last
 *   seq of each writer already added in; written with If-Match on the eTag read (compaction).
 * - `versions/<n>`: what reading version n needs (resume delay, node order).
 * A reader adds to the snapshots the deltas they have not merged yet.
 */
export const DELTAS = 'deltas/';
export const SNAPSHOTS = 'snapshots/';
export const VERSIONS = 'versions/';

export const deltaName = (writer: string, seq: number): string => `${DELTAS}${writer}/${String(seq).padStart(10, '0')}`;

/** A cell as stored: [version, day, channel, lang, node, metric, detail, n]. */
const tupleSchema = z.tuple([z.number().int(), z.string(), z.string(), z.string(), z.string(), z.string(), z.string(), z.number().int()]);
type Tuple = z.infer<typeof tupleSchema>;

export const deltaBodySchema = z.object({ cells: z.array(tupleSchema) });
export const snapshotBodySchema = z.object({ merged: z.record(z.string(), z.number().int()), cells: z.array(tupleSchema) });
export const versionBodySchema = z.object({ version: z.number().int(), resumeAfterMinutes: z.number().int(), nodes: z.array(z.string()) });
export type SnapshotBody = z.infer<typeof snapshotBodySchema>;

export const toTuple = (c: InsightsCell): Tuple => [c.version, c.day, c.channel, c.lang, c.node, c.metric, c.detail, c.n];
export const fromTuple = ([version, day, channel, lang, node, metric, detail, n]: Tuple): InsightsCell => ({ version, day, channel, lang, node, metric, detail, n });

/** A delta listed in the container. */
export interface ListedDelta {
  name: string;
  writer: string;
  seq: number;
  lastModified: Date;
}

export async function listDeltas(client: ContainerClient, writer?: string): Promise<ListedDelta[]> {
  const out: ListedDelta[] = [];
  for await (const item of client.listBlobsFlat({ prefix: writer ? `${DELTAS}${writer}/` : DELTAS })) {
    const m = /^deltas\/([^/]+)\/(\d+)$/.exec(item.name);
    if (m) out.push({ name: item.name, writer: m[1], seq: Number(m[2]), lastModified: item.properties.lastModified });
  }
  return out;
}

/** Every delta body, by name; one deleted meanwhile (merged by a compaction) is left out. */
export async function downloadDeltas(client: ContainerClient, listed: ListedDelta[]): Promise<Map<string, InsightsCell[]>> {
  const out = new Map<string, InsightsCell[]>();
  await mapLimited(listed, 8, async (d) => {
    const body = await downloadJson(client, d.name, deltaBodySchema);
    if (body) out.set(d.name, body.value.cells.map(fromTuple));
  });
  return out;
}

/** A JSON blob parsed with its schema, with its eTag; undefined when absent. */
export async function downloadJson<S extends z.ZodType>(client: ContainerClient, name: string, schema: S): Promise<{ value: z.infer<S>; etag: string } | undefined> {
  const got = await downloadText(client.getBlobClient(name));
  return got && { value: schema.parse(JSON.parse(got.text)), etag: got.etag };
}

/** The month (YYYY-MM) a cell's journeys started in: its snapshot. */
export const monthOf = (day: string): string => day.slice(0, 7);

/** Runs `fn` on every item, at most `limit` at once. */
export async function mapLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
