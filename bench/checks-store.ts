import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { MonitorResult } from '../src/domain/check-result.js';

/** Where the bench writes results: one call (one transaction) per scheduler batch. */
export interface BenchStore {
  readonly name: string;
  /** The monitors to schedule: generated here, or created through the project's services. */
  readonly monitorIds: readonly string[];
  write(results: readonly MonitorResult[]): Promise<void>;
  /** Results the write path dropped as belonging to no monitor it knows. */
  ignored(): number;
  size(): StoreSize;
  close(): Promise<void>;
}

export interface StoreSize {
  /** The database file, with the write-ahead log checkpointed into it. */
  readonly fileBytes: number;
  /** check_results and its indexes. */
  readonly rawBytes: number;
  readonly rawRows: number;
  /** check_rollups (0 when the table does not exist). */
  readonly rollupBytes: number;
  readonly rollupRows: number;
}

/**
 * Measures a SQLite file through its own connection: checkpoints the log (TRUNCATE, so the file holds
 * everything) and sums pages per table, indexes counted with their table.
 */
export function measureSqlite(file: string): StoreSize {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const tables = db
      .prepare<[], { table: string; bytes: number }>(
        'select m.tbl_name as "table", sum(s.pgsize) as bytes from dbstat s join sqlite_schema m on m.name = s.name group by m.tbl_name',
      )
      .all();
    const bytesOf = (table: string) => tables.find((t) => t.table === table)?.bytes ?? 0;
    const rowsOf = (table: string) =>
      tables.some((t) => t.table === table)
        ? (db.prepare<[], { n: number }>(`select count(*) as n from ${table}`).get()?.n ?? 0)
        : 0;
    return {
      fileBytes: statSync(file).size,
      rawBytes: bytesOf('check_results'),
      rawRows: rowsOf('check_results'),
      rollupBytes: bytesOf('check_rollups'),
      rollupRows: rowsOf('check_rollups'),
    };
  } finally {
    db.close();
  }
}

/**
 * The raw results table as the project's migration has it (same columns and indexes, an up result's reason
 * not kept), on better-sqlite3 with the store's pragmas: for when the project's recordResults cannot be used.
 */
export function openBenchStore(file: string, monitors: number, why: string): BenchStore {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    create table check_results (
      monitor_id text not null, at integer not null, status text not null, latency_ms integer, reason text
    );
    create index check_results_monitor_at on check_results (monitor_id, at);
    create index check_results_at on check_results (at);
  `);
  const insert = db.prepare<[string, number, string, number | null, string | null]>(
    'insert into check_results (monitor_id, at, status, latency_ms, reason) values (?, ?, ?, ?, ?)',
  );
  const writeAll = db.transaction((results: readonly MonitorResult[]) => {
    for (const r of results)
      insert.run(r.monitorId, r.at, r.status, r.latencyMs, r.status === 'up' ? null : r.reason);
  });
  return {
    name: `bench check_results table on better-sqlite3 (WAL), one transaction per tick (${why})`,
    monitorIds: Array.from({ length: monitors }, (_, i) => monitorId(i)),
    write: (results) => {
      writeAll(results);
      return Promise.resolve();
    },
    ignored: () => 0,
    size: () => measureSqlite(file),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/** Twelve base-36 characters, like the project's ids, and the same on every run (so are the phases). */
function monitorId(index: number): string {
  return index.toString(36).padStart(12, '0');
}
