import { sql } from 'kysely';
import type { StatusChange } from '../domain/component.js';
import { isComponentStatus, STATUS_SOURCES, type StatusSource } from '../domain/component-status.js';
import type { Db } from './store.js';

interface StatusChangeRow {
  component_id: string;
  status: string;
  source: string;
  at: number;
}

function toStatusChange(row: StatusChangeRow): StatusChange {
  if (!isComponentStatus(row.status)) throw new Error(`status change has an unknown status ${row.status}`);
  const source = (STATUS_SOURCES as readonly string[]).includes(row.source)
    ? (row.source as StatusSource)
    : 'manual';
  return { componentId: row.component_id, status: row.status, source, at: Number(row.at) };
}

export async function insertStatusChange(
  db: Db,
  change: StatusChange,
  incidentId: string | null = null,
): Promise<void> {
  await db
    .insertInto('status_changes')
    .values({
      component_id: change.componentId,
      status: change.status,
      source: change.source,
      at: change.at,
      incident_id: incidentId,
    })
    .execute();
}

export async function deleteIncidentStatusChanges(db: Db, incidentId: string): Promise<void> {
  await db.deleteFrom('status_changes').where('incident_id', '=', incidentId).execute();
}

/**
 * A page's status history from `fromMs` on, plus, for each component, the last change before it (the
 * status the window opens with). Sorted by time.
 */
export async function listStatusChangesSince(
  db: Db,
  pageId: string,
  fromMs: number,
): Promise<StatusChange[]> {
  const inWindow = await db
    .selectFrom('status_changes')
    .innerJoin('components', 'components.id', 'status_changes.component_id')
    .select([
      'status_changes.component_id',
      'status_changes.status',
      'status_changes.source',
      'status_changes.at',
    ])
    .where('components.page_id', '=', pageId)
    .where('status_changes.at', '>=', fromMs)
    .execute();
  // The status each component enters the window with: its newest change before it. max(at) per
  // component is one index probe on (component_id, at); a window function would scan all the history.
  const latest = await sql<StatusChangeRow & { id: number }>`
    select sc.id, sc.component_id, sc.status, sc.source, sc.at
    from components c
    join status_changes sc on sc.component_id = c.id and sc.at = (
      select max(s2.at) from status_changes s2 where s2.component_id = c.id and s2.at < ${fromMs}
    )
    where c.page_id = ${pageId}`.execute(db);
  // Several changes in the same millisecond: the one written last wins.
  const byComponent = new Map<string, StatusChangeRow & { id: number }>();
  for (const row of latest.rows) {
    const seen = byComponent.get(row.component_id);
    if (seen === undefined || Number(row.id) > Number(seen.id)) byComponent.set(row.component_id, row);
  }
  return [...byComponent.values(), ...inWindow].map(toStatusChange).sort((a, b) => a.at - b.at);
}

/** One component's changes between two times, with the change in force at `fromMs`. */
export async function listComponentStatusChanges(
  db: Db,
  componentId: string,
  fromMs: number,
  toMs: number,
): Promise<StatusChange[]> {
  const opening = await db
    .selectFrom('status_changes')
    .select(['component_id', 'status', 'source', 'at'])
    .where('component_id', '=', componentId)
    .where('at', '<', fromMs)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .execute();
  const inRange = await db
    .selectFrom('status_changes')
    .select(['component_id', 'status', 'source', 'at'])
    .where('component_id', '=', componentId)
    .where('at', '>=', fromMs)
    .where('at', '<', toMs)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return [...opening, ...inRange].map(toStatusChange);
}

/** The latest status in a component's history; what its current status must be. */
export async function latestStatusChange(db: Db, componentId: string): Promise<StatusChange | undefined> {
  const row = await db
    .selectFrom('status_changes')
    .select(['component_id', 'status', 'source', 'at'])
    .where('component_id', '=', componentId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toStatusChange(row);
}
