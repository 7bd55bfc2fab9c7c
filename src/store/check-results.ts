import type { MonitorResult } from '../domain/check-result.js';
import { chunks } from './monitors.js';
import type { CheckResultsTable } from './schema.js';
import type { Db } from './store.js';

// Five columns a row: 200 rows stay far below both dialects' parameter limits.
const ROWS_PER_INSERT = 200;

/** Raw results, a few multi-row inserts per batch; an up result's reason is not kept. */
export async function insertCheckResults(db: Db, results: readonly MonitorResult[]): Promise<void> {
  const rows: CheckResultsTable[] = results.map((r) => ({
    monitor_id: r.monitorId,
    at: r.at,
    status: r.status,
    latency_ms: r.latencyMs === null ? null : Math.round(r.latencyMs),
    reason: r.status === 'up' ? null : r.reason,
  }));
  for (const chunk of chunks(rows, ROWS_PER_INSERT))
    await db.insertInto('check_results').values(chunk).execute();
}

/** One monitor's raw results in [fromMs, toMs), oldest first. */
export async function listCheckResults(
  db: Db,
  monitorId: string,
  fromMs: number,
  toMs: number,
): Promise<CheckResultsTable[]> {
  return db
    .selectFrom('check_results')
    .selectAll()
    .where('monitor_id', '=', monitorId)
    .where('at', '>=', fromMs)
    .where('at', '<', toMs)
    .orderBy('at')
    .execute();
}

export async function deleteCheckResultsBefore(db: Db, beforeMs: number): Promise<number> {
  const result = await db.deleteFrom('check_results').where('at', '<', beforeMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
