/**
 * The insights counters: anonymous aggregates of how journeys go (src/insights/). A cell counts
 * journeys, never holds a text or an identifier, and survives `data:purge` and erasure.
 */

/** One counter: a number of journeys for one (version, start day, channel, language, node, metric, detail). */
export interface InsightsCell {
  /** The journey version the conversations ran on. */
  version: number;
  /** The day the journeys started, YYYY-MM-DD on the operator's clock. */
  day: string;
  channel: string;
  lang: string;
  /** A step id, `@summary`, or '' for what concerns the whole journey (outcomes). */
  node: string;
  metric: string;
  /** What the metric is about: a programme, a criterion, a minute of last activity…; '' if nothing. */
  detail: string;
  /** A count; in a batch, a change (negative when journeys moved on). */
  n: number;
}

/** What the figures of one version need to be read: its resume delay and the order of its steps. */
export interface InsightsVersion {
  version: number;
  /** A journey with no activity for longer than this stopped where it stands (flow setting `resume_after_minutes`). */
  resumeAfterMinutes: number;
  /** Node ids in journey order (steps, then `@summary`). */
  nodes: string[];
}

/** Changes written at once. `writer` is one recorder's run (an id per process start) and `seq` numbers its batches 1, 2, 3…, each written after the previous one. */
export interface InsightsBatch {
  writer: string;
  seq: number;
  cells: InsightsCell[];
  versions: InsightsVersion[];
}

export interface InsightsFilter {
  /** Only these versions (all when absent). */
  versions?: number[];
  /** Start days from / to, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface InsightsStore {
  /**
   * Adds a batch, atomically and at most once: adding a batch whose (writer, seq) is already
   * stored changes nothing, so a write retried after a timeout is never counted twice.
   */
  add(batch: InsightsBatch): Promise<void>;
  /** The highest seq of `writer` that is stored (0 when none): its batches up to that one are all counted. */
  committedThrough(writer: string): Promise<number>;
  /** The cells matching the filter (summed per cell), and what is known of each version. */
  read(filter?: InsightsFilter): Promise<{ cells: InsightsCell[]; versions: InsightsVersion[] }>;
  /**
   * True when several processes write at once (Azure): a writer that is not this process may
   * still be about to store a batch. False for SQLite: one process writes, any other writer is a
   * past run of it.
   */
  readonly shared: boolean;
}

/** Writer ids: letters, digits, '-' and '_' (they name blobs). */
export const WRITER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
