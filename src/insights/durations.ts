/**
 * Times to complete, kept as a histogram so that they stay an aggregate: each completed journey
 * counts 1 in the bucket of its duration. Buckets are named by their upper bound in seconds
 * (`inf` for the last); the median is read from the histogram.
 */
const BOUNDS = [
  60, 120, 180, 240, 300, 360, 420, 480, 540, 600, 720, 840, 960, 1200, 1500, 1800, 2700, 3600, 5400, 7200, 14_400, 28_800,
  86_400, 172_800, 604_800,
];
const LAST = 'inf';

/** The bucket of a duration (ms). */
export function durationBucket(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  const bound = BOUNDS.find((b) => seconds <= b);
  return bound === undefined ? LAST : String(bound);
}

/** The bounds [lower, upper) of a bucket name in seconds; undefined for a name we did not write. */
function boundsOf(bucket: string): [number, number] | undefined {
  if (bucket === LAST) return [BOUNDS[BOUNDS.length - 1], Infinity];
  const at = BOUNDS.indexOf(Number(bucket));
  if (at < 0) return undefined;
  return [at === 0 ? 0 : BOUNDS[at - 1], BOUNDS[at]];
}

/**
 * The median duration in seconds, interpolated linearly inside the bucket that holds it (the
 * lower bound for the open last bucket); null when nothing completed.
 */
export function medianSeconds(histogram: ReadonlyMap<string, number>): number | null {
  const buckets = [...histogram]
    .map(([name, n]) => ({ bounds: boundsOf(name), n }))
    .filter((b): b is { bounds: [number, number]; n: number } => b.bounds !== undefined && b.n > 0)
    .sort((a, b) => a.bounds[0] - b.bounds[0]);
  const total = buckets.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const half = total / 2;
  let before = 0;
  for (const { bounds, n } of buckets) {
    if (before + n >= half) {
      const [lower, upper] = bounds;
      if (upper === Infinity) return lower;
      return Math.round(lower + ((half - before) / n) * (upper - lower));
    }
    before += n;
  }
  return null;
}
