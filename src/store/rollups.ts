import { chunks } from './monitors.js';
import type { CheckRollupsTable } from './schema.js';
import type { Db } from './store.js';

export const ROLLUP_BUCKETS = ['minute', 'hour', 'day'] as const;
export type RollupBucket = (typeof ROLLUP_BUCKETS)[number];

export interface RollupKey {
  readonly monitorId: string;
  readonly bucket: RollupBucket;
  readonly startAt: number;
}

export function rollupKeyString(key: RollupKey): string {
  return `${key.monitorId}|${key.bucket}|${key.startAt}`;
}

/** The stored rows for these keys, by rollupKeyString; missing keys have no row yet. */
export async function loadRollups(
  db: Db,
  keys: readonly RollupKey[],
): Promise<Map<string, CheckRollupsTable>> {
  const found = new Map<string, CheckRollupsTable>();
  if (keys.length === 0) return found;
  const starts = [...new Set(keys.map((k) => k.startAt))];
  const buckets = [...new Set(keys.map((k) => k.bucket))];
  // Monitor × bucket × start covers every key and maybe a few more rows: still one index range each.
  for (const ids of chunks([...new Set(keys.map((k) => k.monitorId))])) {
    const rows = await db
      .selectFrom('check_rollups')
      .selectAll()
      .where('monitor_id', 'in', ids)
      .where('bucket', 'in', buckets)
      .where('start_at', 'in', starts)
      .execute();
    for (const row of rows)
      found.set(
        rollupKeyString({
          monitorId: row.monitor_id,
          bucket: row.bucket as RollupBucket,
          startAt: row.start_at,
        }),
        row,
      );
  }
  return found;
}

/** Writes whole rows (already merged with what was stored): one statement per chunk. */
export async function upsertRollups(db: Db, rows: readonly CheckRollupsTable[]): Promise<void> {
  for (const chunk of chunks(rows, 200)) {
    await db
      .insertInto('check_rollups')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['monitor_id', 'bucket', 'start_at']).doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          failures: eb.ref('excluded.failures'),
          degraded: eb.ref('excluded.degraded'),
          latency_p50: eb.ref('excluded.latency_p50'),
          latency_p95: eb.ref('excluded.latency_p95'),
          latency_max: eb.ref('excluded.latency_max'),
          latency_sum: eb.ref('excluded.latency_sum'),
          latency_histogram: eb.ref('excluded.latency_histogram'),
        })),
      )
      .execute();
  }
}

/** Rollups of these monitors in [fromMs, toMs), oldest first. */
export async function listRollups(
  db: Db,
  monitorIds: readonly string[],
  bucket: RollupBucket,
  fromMs: number,
  toMs: number,
): Promise<CheckRollupsTable[]> {
  const rows: CheckRollupsTable[] = [];
  for (const ids of chunks(monitorIds)) {
    rows.push(
      ...(await db
        .selectFrom('check_rollups')
        .selectAll()
        .where('monitor_id', 'in', ids)
        .where('bucket', '=', bucket)
        .where('start_at', '>=', fromMs)
        .where('start_at', '<', toMs)
        .execute()),
    );
  }
  return rows.sort((a, b) => a.start_at - b.start_at);
}

/** Deletes one monitor's rollups of a bucket older than `beforeMs`, along its primary key. */
export async function deleteRollupsBefore(
  db: Db,
  monitorId: string,
  bucket: RollupBucket,
  beforeMs: number,
): Promise<number> {
  const result = await db
    .deleteFrom('check_rollups')
    .where('monitor_id', '=', monitorId)
    .where('bucket', '=', bucket)
    .where('start_at', '<', beforeMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
