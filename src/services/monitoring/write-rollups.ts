import type { MonitorResult } from '../../domain/check-result.js';
import { DAY, HOUR, MINUTE } from '../../lib/time.js';
import {
  loadRollups,
  ROLLUP_BUCKETS,
  rollupKeyString,
  upsertRollups,
  type RollupBucket,
  type RollupKey,
} from '../../store/rollups.js';
import type { CheckRollupsTable } from '../../store/schema.js';
import type { Db } from '../../store/store.js';
import {
  addLatency,
  formatHistogram,
  mergeHistograms,
  parseHistogram,
  percentile,
} from './latency-histogram.js';

export const BUCKET_MS: Readonly<Record<RollupBucket, number>> = { minute: MINUTE, hour: HOUR, day: DAY };

/** Buckets are UTC-aligned: a minute, hour or day starts at a multiple of its length since the epoch. */
export function rollupStart(bucket: RollupBucket, at: number): number {
  return Math.floor(at / BUCKET_MS[bucket]) * BUCKET_MS[bucket];
}

/** A rollup being built or merged: counts and a histogram, percentiles computed when written. */
export interface RollupTotals {
  count: number;
  failures: number;
  degraded: number;
  latencyMax: number | null;
  latencySum: number;
  readonly histogram: Map<number, number>;
}

export function emptyTotals(): RollupTotals {
  return { count: 0, failures: 0, degraded: 0, latencyMax: null, latencySum: 0, histogram: new Map() };
}

export function totalsOf(row: CheckRollupsTable): RollupTotals {
  return {
    count: row.count,
    failures: row.failures,
    degraded: row.degraded,
    latencyMax: row.latency_max,
    latencySum: row.latency_sum,
    histogram: parseHistogram(row.latency_histogram),
  };
}

export function mergeTotals(into: RollupTotals, from: RollupTotals): void {
  into.count += from.count;
  into.failures += from.failures;
  into.degraded += from.degraded;
  into.latencySum += from.latencySum;
  if (from.latencyMax !== null) into.latencyMax = Math.max(into.latencyMax ?? 0, from.latencyMax);
  mergeHistograms(into.histogram, from.histogram);
}

/**
 * Adds a batch to the minute, hour and day rollups: totals per (monitor, bucket, start) in memory,
 * one read of the rows they land in, one multi-row upsert. Results in maintenance count and keep
 * their latency but are not failures: maintenance stays out of availability.
 */
export async function writeRollups(
  tx: Db,
  results: readonly MonitorResult[],
  inMaintenance: (monitorId: string) => boolean,
): Promise<number> {
  const batch = new Map<string, { key: RollupKey; totals: RollupTotals }>();
  for (const r of results) {
    const maintenance = inMaintenance(r.monitorId);
    for (const bucket of ROLLUP_BUCKETS) {
      const key: RollupKey = { monitorId: r.monitorId, bucket, startAt: rollupStart(bucket, r.at) };
      const id = rollupKeyString(key);
      let entry = batch.get(id);
      if (entry === undefined) batch.set(id, (entry = { key, totals: emptyTotals() }));
      const t = entry.totals;
      t.count += 1;
      if (!maintenance && r.status === 'down') t.failures += 1;
      if (!maintenance && r.status === 'degraded') t.degraded += 1;
      if (r.latencyMs !== null) {
        const latency = Math.round(r.latencyMs);
        t.latencySum += latency;
        t.latencyMax = Math.max(t.latencyMax ?? 0, latency);
        addLatency(t.histogram, latency);
      }
    }
  }
  const stored = await loadRollups(
    tx,
    [...batch.values()].map((e) => e.key),
  );
  const rows = [...batch].map(([id, { key, totals }]) => {
    const before = stored.get(id);
    if (before !== undefined) mergeTotals(totals, totalsOf(before));
    return toRollupRow(key, totals);
  });
  await upsertRollups(tx, rows);
  return rows.length;
}

export function toRollupRow(key: RollupKey, t: RollupTotals): CheckRollupsTable {
  return {
    monitor_id: key.monitorId,
    bucket: key.bucket,
    start_at: key.startAt,
    count: t.count,
    failures: t.failures,
    degraded: t.degraded,
    latency_p50: t.latencyMax === null ? null : percentile(t.histogram, 0.5, t.latencyMax),
    latency_p95: t.latencyMax === null ? null : percentile(t.histogram, 0.95, t.latencyMax),
    latency_max: t.latencyMax,
    latency_sum: t.latencySum,
    latency_histogram: formatHistogram(t.histogram),
  };
}
