/**
 * The duration histograms behind the public medians (migration 0016,
 * report_figure_bucket): bucket 0 holds durations under a minute; above that each
 * doubling of the minutes is cut into 8 buckets, so a bucket is at most 12.5 % wide.
 * A median read from the histogram is placed inside its bucket by linear
 * interpolation: within the bucket's width of the exact median, usually within 1–2 %.
 */
export const SUB_BUCKETS = 8;
export const MAX_OCTAVE = 24;

/** Bucket of a duration in seconds: the same rule as report_figure_bucket() in SQL. */
export function bucketOf(seconds: number): number {
  if (seconds < 60) return 0;
  const minutes = seconds / 60;
  const octave = Math.max(0, Math.min(MAX_OCTAVE, Math.floor(Math.log(minutes) / Math.log(2))));
  const sub = Math.max(0, Math.min(SUB_BUCKETS - 1, Math.floor(SUB_BUCKETS * (minutes / 2 ** octave - 1))));
  return 1 + SUB_BUCKETS * octave + sub;
}

/** [low, high) of a bucket, in minutes. */
export function bucketBounds(bucket: number): [number, number] {
  if (bucket <= 0) return [0, 1];
  const octave = Math.floor((bucket - 1) / SUB_BUCKETS);
  const sub = (bucket - 1) % SUB_BUCKETS;
  const base = 2 ** octave;
  return [base * (1 + sub / SUB_BUCKETS), base * (1 + (sub + 1) / SUB_BUCKETS)];
}

export interface BucketSlice {
  bucket: number;
  /** Values in lower buckets. */
  before: number;
  /** Values in this bucket. */
  n: number;
}

/** The value at a 0-based rank, the bucket's values spread evenly across it. */
function valueAt(rank: number, slices: readonly BucketSlice[]): number | null {
  const slice = slices.find((s) => s.before <= rank && rank < s.before + s.n);
  if (!slice) return null;
  const [low, high] = bucketBounds(slice.bucket);
  return low + ((high - low) * (rank - slice.before + 0.5)) / slice.n;
}

/**
 * The median in hours from the bucket(s) holding the middle rank(s) of `total` values:
 * percentile_cont(0.5)'s rule — the value at rank (total − 1) / 2, interpolating
 * between the two neighbouring ranks when it falls between them.
 */
export function medianHours(slices: readonly BucketSlice[], total: number): number | null {
  if (total <= 0) return null;
  const rank = (total - 1) / 2;
  const low = valueAt(Math.floor(rank), slices);
  const high = valueAt(Math.ceil(rank), slices);
  if (low === null || high === null) return null;
  return (low + (high - low) * (rank - Math.floor(rank))) / 60;
}
