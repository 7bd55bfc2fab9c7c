import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

// Size on SQLite (test/monitoring-size.test.ts: 10 monitors at 30 s for one day, one batch per tick):
// raw results 224 KiB per monitor-day (80 bytes a result with both indexes), rollups 84 KiB per
// monitor-day, of which hour + day rows are 3 KiB. A monitor at 30 s in steady state (7 days raw,
// 13 months of rollups) takes about 34 MiB; pruning minute rollups after 30 days instead brings it to
// about 5 MiB (pruneResults' minuteRollupDays).

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  // SQLite stores a composite-key table in its key's b-tree: no hidden rowid, no second copy of the key.
  const withoutRowid = dialect === 'sqlite' ? sql`without rowid` : sql``;

  await db.schema
    .createTable('monitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('push_token', 'text')
    .addColumn('interval_ms', 'bigint', (c) => c.notNull())
    .addColumn('timeout_ms', 'bigint', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('recoveries', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('monitors_page_key')
    .unique()
    .on('monitors')
    .columns(['page_id', 'key'])
    .execute();
  await db.schema.createIndex('monitors_component').on('monitors').column('component_id').execute();
  await db.schema.createIndex('monitors_push_token').on('monitors').column('push_token').execute();

  await db.schema
    .createTable('monitor_states')
    .addColumn('monitor_id', 'text', (c) => c.primaryKey().references('monitors.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_beat_at', 'bigint')
    .execute();

  await db.schema
    .createTable('check_results')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latency_ms', 'integer')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('check_results_monitor_at')
    .on('check_results')
    .columns(['monitor_id', 'at'])
    .execute();
  await db.schema.createIndex('check_results_at').on('check_results').column('at').execute();

  await db.schema
    .createTable('check_rollups')
    .addColumn('monitor_id', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('start_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('degraded', 'integer', (c) => c.notNull())
    .addColumn('latency_p50', 'integer')
    .addColumn('latency_p95', 'integer')
    .addColumn('latency_max', 'integer')
    .addColumn('latency_sum', 'bigint', (c) => c.notNull())
    .addColumn('latency_histogram', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('check_rollups_pk', ['monitor_id', 'bucket', 'start_at'])
    .modifyEnd(withoutRowid)
    .execute();

  await db.schema
    .createTable('component_settings')
    .addColumn('component_id', 'text', (c) => c.primaryKey().references('components.id'))
    .addColumn('auto_incident', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('auto_resolve', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('manual_status', 'text')
    .addColumn('manual_set_at', 'bigint')
    .addColumn('derived_status', 'text')
    .addColumn('derived_source', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('component_dependencies')
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('depends_on_id', 'text', (c) => c.notNull().references('components.id'))
    .addPrimaryKeyConstraint('component_dependencies_pk', ['component_id', 'depends_on_id'])
    .execute();

  await db.schema
    .alterTable('incidents')
    .addColumn('draft', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('incidents').addColumn('auto_cause_component_id', 'text').execute();
}
