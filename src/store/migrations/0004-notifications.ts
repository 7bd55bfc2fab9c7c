import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

// Subscribers and the notification outbox. A change writes one notification_events row in its own
// transaction; workers expand it into notification_deliveries in batches (unique per event and
// subscriber, so a repeated batch inserts nothing twice) and send those under a lease.

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('endpoint', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('webhook_secret', 'text')
    .addColumn('all_components', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('confirmed_at', 'bigint')
    .addColumn('quarantined_at', 'bigint')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_failure_at', 'bigint')
    .addColumn('confirmation_sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscribers_page_dedupe')
    .unique()
    .on('subscribers')
    .columns(['page_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('subscribers_page_id').on('subscribers').columns(['page_id', 'id']).execute();
  await db.schema
    .createIndex('subscribers_unconfirmed')
    .on('subscribers')
    .columns(['confirmed_at', 'created_at'])
    .execute();

  await db.schema
    .createTable('subscriber_components')
    .addColumn('subscriber_id', 'text', (c) => c.notNull().references('subscribers.id').onDelete('cascade'))
    .addColumn('component_id', 'text', (c) => c.notNull().references('components.id'))
    .addPrimaryKeyConstraint('subscriber_components_pk', ['subscriber_id', 'component_id'])
    .execute();
  await db.schema
    .createIndex('subscriber_components_component')
    .on('subscriber_components')
    .columns(['component_id', 'subscriber_id'])
    .execute();

  await db.schema
    .createTable('notification_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('page_id', 'text', (c) => c.notNull().references('pages.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('update_id', 'text')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('component_ids', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('fanout_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fanout_cursor', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_events_fanout')
    .on('notification_events')
    .columns(['fanout_done', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notification_events_incident')
    .on('notification_events')
    .columns(['incident_id', 'update_id'])
    .execute();

  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) =>
      c.notNull().references('notification_events.id').onDelete('cascade'),
    )
    // No foreign key: an unsubscribed (deleted) subscriber's deliveries stay, for the counts, and are skipped.
    .addColumn('subscriber_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_deliveries_event_subscriber')
    .unique()
    .on('notification_deliveries')
    .columns(['event_id', 'subscriber_id'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_due')
    .on('notification_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
}
