import type { DialectName } from './dialect-name.js';
import type { NotificationDeliveriesTable, NotificationEventsTable } from './schema.js';
import type { Db } from './store.js';

export type NotificationEventRow = NotificationEventsTable;
export type DeliveryRow = NotificationDeliveriesTable;
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export async function insertNotificationEvent(db: Db, row: NotificationEventRow): Promise<void> {
  await db.insertInto('notification_events').values(row).execute();
}

/** Inserts deliveries; one that exists already for its event and subscriber is left as it is. */
export async function insertDeliveries(db: Db, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notification_deliveries')
    .values([...rows])
    .onConflict((oc) => oc.columns(['event_id', 'subscriber_id']).doNothing())
    .execute();
}

/**
 * The oldest event still to fan out, locked for the caller's transaction. On PostgreSQL, workers in
 * other processes skip it (SKIP LOCKED) and take the next one; SQLite has one writer at a time.
 */
export async function lockNextFanout(
  db: Db,
  dialect: DialectName,
): Promise<NotificationEventRow | undefined> {
  return db
    .selectFrom('notification_events')
    .selectAll()
    .where('fanout_done', '=', 0)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
    .executeTakeFirst();
}

export async function saveFanoutProgress(
  db: Db,
  eventId: string,
  cursor: string | null,
  done: boolean,
): Promise<void> {
  await db
    .updateTable('notification_events')
    .set({ fanout_cursor: cursor, fanout_done: done ? 1 : 0 })
    .where('id', '=', eventId)
    .execute();
}

/**
 * Leases up to `limit` due deliveries in one statement: pending, due, on one of `channels`, and not
 * leased (or the lease ran out, e.g. its worker crashed). Each claim counts as an attempt.
 */
export async function claimDueDeliveries(
  db: Db,
  dialect: DialectName,
  options: {
    readonly now: number;
    readonly limit: number;
    readonly channels: readonly string[];
    readonly leaseMs: number;
    readonly workerId: string;
  },
): Promise<DeliveryRow[]> {
  if (options.limit <= 0 || options.channels.length === 0) return [];
  const { now } = options;
  const due = db
    .selectFrom('notification_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('channel', 'in', [...options.channels])
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .limit(options.limit)
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked());
  return db
    .updateTable('notification_deliveries')
    .set((eb) => ({
      locked_until: now + options.leaseMs,
      locked_by: options.workerId,
      attempts: eb('attempts', '+', 1),
      updated_at: now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function findNotificationEvents(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, NotificationEventRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('notification_events')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export type DeliveryResultPatch =
  | { readonly status: 'sent'; readonly at: number }
  | {
      readonly status: 'pending';
      readonly at: number;
      readonly nextAttemptAt: number;
      readonly error: string;
    }
  | { readonly status: 'failed' | 'skipped'; readonly at: number; readonly error: string };

export async function saveDeliveryResult(
  db: Db,
  ids: string | readonly string[],
  patch: DeliveryResultPatch,
): Promise<void> {
  const list = typeof ids === 'string' ? [ids] : [...ids];
  if (list.length === 0) return;
  const base = { status: patch.status, locked_until: null, locked_by: null, updated_at: patch.at };
  const values =
    patch.status === 'sent'
      ? { ...base, sent_at: patch.at, last_error: null }
      : patch.status === 'pending'
        ? { ...base, next_attempt_at: patch.nextAttemptAt, last_error: patch.error }
        : { ...base, last_error: patch.error };
  await db.updateTable('notification_deliveries').set(values).where('id', 'in', list).execute();
}

export interface DeliveryCountRow {
  readonly channel: string;
  readonly status: string;
  readonly count: number;
}

/** Deliveries of the incident notifications about one update (or, with null, the postmortem). */
export interface IncidentDeliveryCounts {
  readonly counts: DeliveryCountRow[];
  /** Some subscribers are not expanded into deliveries yet. */
  readonly fanningOut: boolean;
}

/** Delivery counts of an incident's notifications, by the update they were about (null: the postmortem). */
export async function countIncidentDeliveries(
  db: Db,
  incidentId: string,
): Promise<Map<string | null, IncidentDeliveryCounts>> {
  const events = await db
    .selectFrom('notification_events')
    .select(['id', 'update_id', 'fanout_done'])
    .where('incident_id', '=', incidentId)
    .where('kind', '=', 'incident')
    .execute();
  const byUpdate = new Map<string | null, { counts: DeliveryCountRow[]; fanningOut: boolean }>();
  if (events.length === 0) return byUpdate;
  const updateOf = new Map<string, string | null>();
  for (const event of events) {
    updateOf.set(event.id, event.update_id);
    const entry = byUpdate.get(event.update_id) ?? { counts: [], fanningOut: false };
    byUpdate.set(event.update_id, { ...entry, fanningOut: entry.fanningOut || event.fanout_done === 0 });
  }
  const rows = await db
    .selectFrom('notification_deliveries')
    .select((eb) => ['event_id', 'channel', 'status', eb.fn.countAll<number>().as('count')])
    .where('event_id', 'in', [...updateOf.keys()])
    .groupBy(['event_id', 'channel', 'status'])
    .execute();
  for (const row of rows) {
    byUpdate
      .get(updateOf.get(row.event_id) ?? null)
      ?.counts.push({ channel: row.channel, status: row.status, count: Number(row.count) });
  }
  return byUpdate;
}
