import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

// Migrations take Kysely<any>: they must not depend on today's schema types, which later migrations change.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  const serialKey = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('pages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.references('components.id'))
    .addColumn('is_group', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('showcase', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('only_show_if_degraded', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('start_date', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('components_page_key')
    .unique()
    .on('components')
    .columns(['page_id', 'key'])
    .execute();

  await db.schema
    .createTable('status_changes')
    .addColumn('id', serial, serialKey)
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .execute();
  await db.schema
    .createIndex('status_changes_component_at')
    .on('status_changes')
    .columns(['component_id', 'at'])
    .execute();
  await db.schema.createIndex('status_changes_at').on('status_changes').column('at').execute();
  await db.schema.createIndex('status_changes_incident').on('status_changes').column('incident_id').execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull())
    .addColumn('impact_override', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('monitoring_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .addColumn('scheduled_for', 'bigint')
    .addColumn('scheduled_until', 'bigint')
    .addColumn('scheduled_auto_in_progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheduled_auto_completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('backfilled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('shortlink', 'text')
    .addColumn('postmortem_body', 'text')
    .addColumn('postmortem_published_at', 'bigint')
    .addColumn('postmortem_updated_at', 'bigint')
    .addColumn('source_ref', 'text')
    .execute();
  await db.schema
    .createIndex('incidents_page_started')
    .on('incidents')
    .columns(['page_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('incidents_page_source_ref')
    .unique()
    .on('incidents')
    .columns(['page_id', 'source_ref'])
    .execute();

  await db.schema
    .createTable('incident_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('display_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deliver_notifications', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('affected_components', 'text')
    .execute();
  await db.schema
    .createIndex('incident_updates_incident')
    .on('incident_updates')
    .column('incident_id')
    .execute();

  await db.schema
    .createTable('incident_components')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_components_pk', ['incident_id', 'component_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', serial, serialKey)
    .addColumn('page_id', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
