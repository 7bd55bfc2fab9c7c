import { listComponentMonitorIds } from '../../store/monitors.js';
import { listRollups, type RollupBucket } from '../../store/rollups.js';
import type { Db } from '../../store/store.js';
import { histogramCount, percentile } from './latency-histogram.js';
import { emptyTotals, mergeTotals, totalsOf, type RollupTotals } from './write-rollups.js';

export interface ResponseTimePoint {
  readonly startAt: number;
  readonly count: number;
  readonly failures: number;
  readonly degraded: number;
  /** Latency percentiles and maximum in ms over every monitor of the component; null without latency. */
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
  readonly mean: number | null;
}

/** A component's response times per bucket in [fromMs, toMs), oldest first, from rollups only (for charts). */
export async function readResponseTimes(
  db: Db,
  componentId: string,
  fromMs: number,
  toMs: number,
  bucket: RollupBucket,
): Promise<ResponseTimePoint[]> {
  const rows = await listRollups(db, await listComponentMonitorIds(db, componentId), bucket, fromMs, toMs);
  const byStart = new Map<number, RollupTotals>();
  for (const row of rows) {
    let totals = byStart.get(row.start_at);
    if (totals === undefined) byStart.set(row.start_at, (totals = emptyTotals()));
    mergeTotals(totals, totalsOf(row));
  }
  return [...byStart].map(([startAt, t]) => toPoint(startAt, t));
}

export function toPoint(startAt: number, t: RollupTotals): ResponseTimePoint {
  const withLatency = histogramCount(t.histogram);
  return {
    startAt,
    count: t.count,
    failures: t.failures,
    degraded: t.degraded,
    p50: t.latencyMax === null ? null : percentile(t.histogram, 0.5, t.latencyMax),
    p95: t.latencyMax === null ? null : percentile(t.histogram, 0.95, t.latencyMax),
    max: t.latencyMax,
    mean: withLatency === 0 ? null : Math.round(t.latencySum / withLatency),
  };
}
