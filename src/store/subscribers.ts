import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, SubscribersTable } from './schema.js';
import type { Db } from './store.js';

export type SubscriberRow = SubscribersTable;

/** unconfirmed: waiting for the opt-in link · active: receives notifications · quarantined: a disabled webhook. */
export type SubscriberState = 'unconfirmed' | 'active' | 'quarantined';
export type SubscriberStateFilter = SubscriberState | 'all';
export type SubscriberMode = 'email' | 'webhook';

export function stateOf(row: Pick<SubscriberRow, 'confirmed_at' | 'quarantined_at'>): SubscriberState {
  if (row.quarantined_at !== null) return 'quarantined';
  return row.confirmed_at === null ? 'unconfirmed' : 'active';
}

export async function insertSubscriber(
  db: Db,
  row: SubscriberRow,
  componentIds: readonly string[],
): Promise<void> {
  await db.insertInto('subscribers').values(row).execute();
  await insertComponentLinks(db, row.id, componentIds);
}

export async function findSubscriberByToken(db: Db, token: string): Promise<SubscriberRow | undefined> {
  return db.selectFrom('subscribers').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function findSubscriber(db: Db, pageId: string, id: string): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('subscribers')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findSubscriberByDedupeKey(
  db: Db,
  pageId: string,
  dedupeKey: string,
): Promise<SubscriberRow | undefined> {
  return db
    .selectFrom('subscribers')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('dedupe_key', '=', dedupeKey)
    .executeTakeFirst();
}

export async function findSubscribersByIds(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, SubscriberRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function updateSubscriber(
  db: Db,
  id: string,
  patch: Partial<Omit<SubscriberRow, 'id' | 'page_id'>>,
): Promise<void> {
  await db.updateTable('subscribers').set(patch).where('id', '=', id).execute();
}

/** An empty list means every component. */
export async function replaceSubscriberComponents(
  db: Db,
  id: string,
  componentIds: readonly string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('subscriber_components').where('subscriber_id', '=', id).execute();
  await insertComponentLinks(db, id, componentIds);
  await db
    .updateTable('subscribers')
    .set({ all_components: componentIds.length === 0 ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

async function insertComponentLinks(
  db: Db,
  subscriberId: string,
  componentIds: readonly string[],
): Promise<void> {
  if (componentIds.length === 0) return;
  await db
    .insertInto('subscriber_components')
    .values(
      [...new Set(componentIds)].map((componentId) => ({
        subscriber_id: subscriberId,
        component_id: componentId,
      })),
    )
    .execute();
}

export async function listSubscriberComponentIds(
  db: Db,
  subscriberIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(subscriberIds.map((id) => [id, []]));
  if (subscriberIds.length === 0) return result;
  const rows = await db
    .selectFrom('subscriber_components')
    .select(['subscriber_id', 'component_id'])
    .where('subscriber_id', 'in', [...subscriberIds])
    .orderBy('component_id')
    .execute();
  for (const row of rows) result.get(row.subscriber_id)?.push(row.component_id);
  return result;
}

export async function deleteSubscriberRow(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('subscribers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Unconfirmed subscribers last asked to confirm at or before `cutoff` (their links expired); returns how many. */
export async function deleteUnconfirmedBefore(db: Db, cutoff: number): Promise<number> {
  const result = await db
    .deleteFrom('subscribers')
    .where('confirmed_at', 'is', null)
    .where((eb) => eb(eb.fn.coalesce('confirmation_sent_at', 'created_at'), '<=', cutoff))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function stateCondition(
  eb: ExpressionBuilder<Database, 'subscribers'>,
  state: SubscriberState,
): Expression<SqlBool> {
  switch (state) {
    case 'unconfirmed':
      return eb.and([eb('confirmed_at', 'is', null), eb('quarantined_at', 'is', null)]);
    case 'active':
      return eb.and([eb('confirmed_at', 'is not', null), eb('quarantined_at', 'is', null)]);
    case 'quarantined':
      return eb('quarantined_at', 'is not', null);
  }
}

export async function listSubscriberRows(
  db: Db,
  pageId: string,
  options: {
    readonly state: SubscriberStateFilter;
    readonly mode?: SubscriberMode | undefined;
    readonly offset: number;
    readonly limit: number;
  },
): Promise<SubscriberRow[]> {
  const { state, mode } = options;
  return db
    .selectFrom('subscribers')
    .selectAll()
    .where('page_id', '=', pageId)
    .$if(state !== 'all', (q) => q.where((eb) => stateCondition(eb, state as SubscriberState)))
    .$if(mode !== undefined, (q) => q.where('mode', '=', mode!))
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .offset(options.offset)
    .limit(options.limit)
    .execute();
}

export async function countSubscriberRows(
  db: Db,
  pageId: string,
  mode?: SubscriberMode,
): Promise<Record<SubscriberState, number>> {
  const rows = await db
    .selectFrom('subscribers')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb
        .case()
        .when('quarantined_at', 'is not', null)
        .then('quarantined')
        .when('confirmed_at', 'is', null)
        .then('unconfirmed')
        .else('active')
        .end()
        .as('state'),
    ])
    .where('page_id', '=', pageId)
    .$if(mode !== undefined, (q) => q.where('mode', '=', mode!))
    .groupBy('state')
    .execute();
  const counts: Record<SubscriberState, number> = { unconfirmed: 0, active: 0, quarantined: 0 };
  for (const row of rows) counts[row.state as SubscriberState] = Number(row.count);
  return counts;
}

export async function hasActiveSubscribers(
  db: Db,
  pageId: string,
  modes: readonly string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('subscribers')
    .select('id')
    .where('page_id', '=', pageId)
    .where('mode', 'in', [...modes])
    .where('confirmed_at', 'is not', null)
    .where('quarantined_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The next batch of active subscribers (ids above `after`, in id order) who hear about a notification:
 * those subscribed to every component, or to one of `componentIds`; everyone when that list is empty.
 */
export async function listFanoutRecipients(
  db: Db,
  options: {
    readonly pageId: string;
    readonly modes: readonly string[];
    readonly componentIds: readonly string[];
    readonly after: string | null;
    readonly limit: number;
  },
): Promise<{ id: string; mode: string }[]> {
  let query = db
    .selectFrom('subscribers')
    .select(['id', 'mode'])
    .where('page_id', '=', options.pageId)
    .where('mode', 'in', [...options.modes])
    .where('confirmed_at', 'is not', null)
    .where('quarantined_at', 'is', null);
  if (options.after !== null) query = query.where('id', '>', options.after);
  if (options.componentIds.length > 0) {
    const componentIds = [...options.componentIds];
    query = query.where((eb) =>
      eb.or([
        eb('all_components', '=', 1),
        eb.exists(
          eb
            .selectFrom('subscriber_components')
            .select('subscriber_components.component_id')
            .whereRef('subscriber_components.subscriber_id', '=', 'subscribers.id')
            .where('subscriber_components.component_id', 'in', componentIds),
        ),
      ]),
    );
  }
  return query.orderBy('id').limit(options.limit).execute();
}

/** Counts one more failed webhook attempt; returns the run so far (undefined when quarantined or gone). */
export async function countWebhookFailure(
  db: Db,
  id: string,
  now: number,
): Promise<{ failures: number; firstFailureAt: number } | undefined> {
  const row = await db
    .updateTable('subscribers')
    .set((eb) => ({
      consecutive_failures: eb('consecutive_failures', '+', 1),
      first_failure_at: eb.fn.coalesce('first_failure_at', eb.val(now)),
    }))
    .where('id', '=', id)
    .where('quarantined_at', 'is', null)
    .returning(['consecutive_failures', 'first_failure_at'])
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { failures: Number(row.consecutive_failures), firstFailureAt: Number(row.first_failure_at ?? now) };
}

export async function resetWebhookFailures(db: Db, id: string): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ consecutive_failures: 0, first_failure_at: null })
    .where('id', '=', id)
    .where('consecutive_failures', '>', 0)
    .execute();
}

/** Quarantines a subscriber once: true only for the call that did it. */
export async function quarantineSubscriber(db: Db, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ quarantined_at: now, updated_at: now })
    .where('id', '=', id)
    .where('quarantined_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
