/**
 * A fixed log-scale latency histogram: bucket 0 holds [0, 1) ms, bucket i ≥ 1 holds
 * [2^((i-1)/4), 2^(i/4)) ms, the last one everything from about 46 s up. Four buckets per doubling
 * make each 19 % wide, so a percentile read back (interpolated inside its bucket) is within 19 % of
 * the exact one, and histograms of any two periods merge by adding counts. Stored sparse as text.
 */
export type LatencyHistogram = ReadonlyMap<number, number>;

export const HISTOGRAM_BUCKETS = 64;
const STEPS_PER_DOUBLING = 4;

export function bucketOf(latencyMs: number): number {
  if (!(latencyMs >= 1)) return 0;
  return Math.min(HISTOGRAM_BUCKETS - 1, Math.floor(Math.log2(latencyMs) * STEPS_PER_DOUBLING) + 1);
}

export function addLatency(histogram: Map<number, number>, latencyMs: number): void {
  const bucket = bucketOf(latencyMs);
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + 1);
}

export function mergeHistograms(into: Map<number, number>, from: LatencyHistogram): void {
  for (const [bucket, count] of from) into.set(bucket, (into.get(bucket) ?? 0) + count);
}

export function histogramCount(histogram: LatencyHistogram): number {
  let total = 0;
  for (const count of histogram.values()) total += count;
  return total;
}

/** The q-quantile (nearest rank, 0 < q ≤ 1), never above `maxMs`; null for an empty histogram. */
export function percentile(histogram: LatencyHistogram, q: number, maxMs: number): number | null {
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    const count = histogram.get(bucket)!;
    if (seen + count < rank) {
      seen += count;
      continue;
    }
    const fraction = (rank - seen) / count;
    const lower = bucket === 0 ? 0 : 2 ** ((bucket - 1) / STEPS_PER_DOUBLING);
    const upper =
      bucket === HISTOGRAM_BUCKETS - 1 ? Math.max(maxMs, lower) : 2 ** (bucket / STEPS_PER_DOUBLING);
    const value = bucket === 0 ? fraction * upper : lower * (upper / lower) ** fraction;
    return Math.min(Math.round(value), maxMs);
  }
  return maxMs;
}

/** "index:count,index:count" in index order; "" when empty. */
export function formatHistogram(histogram: LatencyHistogram): string {
  return [...histogram]
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => a - b)
    .map(([bucket, count]) => `${bucket}:${count}`)
    .join(',');
}

export function parseHistogram(text: string): Map<number, number> {
  const histogram = new Map<number, number>();
  if (text === '') return histogram;
  for (const pair of text.split(',')) {
    const [bucket, count] = pair.split(':').map(Number);
    if (Number.isInteger(bucket) && Number.isInteger(count)) histogram.set(bucket!, count!);
  }
  return histogram;
}
