import type { Selectable } from 'kysely';
import type { AffectedComponent, Incident, IncidentUpdate } from '../domain/incident.js';
import type { Db } from './store.js';
import type { IncidentsTable, IncidentUpdatesTable } from './schema.js';
import { incidentRowFields, parseAffectedComponents } from './incident-rows.js';

/**
 * All incidents and maintenances of a page with their updates (newest first) and component ids;
 * `publicOnly` leaves out drafts (automatic incidents an operator has not published).
 */
export async function listIncidents(
  db: Db,
  pageId: string,
  options: { readonly publicOnly?: boolean } = {},
): Promise<Incident[]> {
  let query = db.selectFrom('incidents').selectAll().where('page_id', '=', pageId);
  if (options.publicOnly === true) query = query.where('draft', '=', 0);
  const rows = await query
    .orderBy('started_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const updates = await db
    .selectFrom('incident_updates')
    .innerJoin('incidents', 'incidents.id', 'incident_updates.incident_id')
    .selectAll('incident_updates')
    .where('incidents.page_id', '=', pageId)
    .orderBy('incident_updates.display_at', 'desc')
    .orderBy('incident_updates.created_at', 'desc')
    .orderBy('incident_updates.id')
    .execute();
  const links = await db
    .selectFrom('incident_components')
    .innerJoin('incidents', 'incidents.id', 'incident_components.incident_id')
    .select(['incident_components.incident_id', 'incident_components.component_id'])
    .where('incidents.page_id', '=', pageId)
    .orderBy('incident_components.position')
    .execute();
  return assembleIncidents(rows, updates, links);
}

export interface IncidentRevision {
  readonly id: string;
  readonly revision: number;
}

/** The ids and revisions of a page's public incidents, in `listIncidents(..., { publicOnly })` order. */
export async function listPublicIncidentRevisions(db: Db, pageId: string): Promise<IncidentRevision[]> {
  return db
    .selectFrom('incidents')
    .select(['id', 'revision'])
    .where('page_id', '=', pageId)
    .where('draft', '=', 0)
    .orderBy('started_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

// Below SQLite's bound-parameter limit, and small enough for the planner to use the primary key.
const IDS_PER_QUERY = 500;

/** The incidents with these ids, in no particular order; ids that no longer exist are skipped. */
export async function listIncidentsByIds(db: Db, ids: readonly string[]): Promise<Incident[]> {
  const incidents: Incident[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const batch = ids.slice(start, start + IDS_PER_QUERY);
    const rows = await db.selectFrom('incidents').selectAll().where('id', 'in', batch).execute();
    if (rows.length === 0) continue;
    const updates = await db
      .selectFrom('incident_updates')
      .selectAll()
      .where('incident_id', 'in', batch)
      .orderBy('display_at', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    const links = await db
      .selectFrom('incident_components')
      .select(['incident_id', 'component_id'])
      .where('incident_id', 'in', batch)
      .orderBy('position')
      .execute();
    incidents.push(...assembleIncidents(rows, updates, links));
  }
  return incidents;
}

export async function findIncident(db: Db, incidentId: string): Promise<Incident | undefined> {
  return (await listIncidentsByIds(db, [incidentId]))[0];
}

export async function findIncidentIdBySourceRef(
  db: Db,
  pageId: string,
  sourceRef: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('incidents')
    .select('id')
    .where('page_id', '=', pageId)
    .where('source_ref', '=', sourceRef)
    .executeTakeFirst();
  return row?.id;
}

function assembleIncidents(
  rows: readonly Selectable<IncidentsTable>[],
  updateRows: readonly IncidentUpdatesTable[],
  links: readonly { incident_id: string; component_id: string }[],
): Incident[] {
  const updatesByIncident = new Map<string, IncidentUpdate[]>();
  for (const row of updateRows) {
    const list = updatesByIncident.get(row.incident_id) ?? [];
    list.push(toIncidentUpdate(row));
    updatesByIncident.set(row.incident_id, list);
  }
  const componentsByIncident = new Map<string, string[]>();
  for (const link of links) {
    const list = componentsByIncident.get(link.incident_id) ?? [];
    list.push(link.component_id);
    componentsByIncident.set(link.incident_id, list);
  }
  return rows.map((row) => ({
    ...incidentRowFields(row),
    componentIds: componentsByIncident.get(row.id) ?? [],
    updates: updatesByIncident.get(row.id) ?? [],
  }));
}

function toIncidentUpdate(row: IncidentUpdatesTable): IncidentUpdate {
  return {
    id: row.id,
    incidentId: row.incident_id,
    status: row.status as IncidentUpdate['status'],
    body: row.body,
    displayAt: row.display_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliverNotifications: row.deliver_notifications === 1,
    affectedComponents: parseAffectedComponents(row.affected_components),
  };
}

export async function insertIncident(
  db: Db,
  incident: Incident,
  sourceRef: string | null,
  auto: { readonly draft: boolean; readonly causeComponentId: string | null } = {
    draft: false,
    causeComponentId: null,
  },
): Promise<void> {
  await db
    .insertInto('incidents')
    .values({
      ...toIncidentRow(incident, sourceRef),
      draft: auto.draft ? 1 : 0,
      auto_cause_component_id: auto.causeComponentId,
    })
    .execute();
  await replaceIncidentChildren(db, incident);
}

/** Rewrites an incident with its updates and components (imports replace history wholesale). */
export async function replaceIncident(db: Db, incident: Incident, sourceRef: string | null): Promise<void> {
  const { id, ...rest } = toIncidentRow(incident, sourceRef);
  await db.updateTable('incidents').set(rest).where('id', '=', id).execute();
  await db.deleteFrom('incident_updates').where('incident_id', '=', incident.id).execute();
  await db.deleteFrom('incident_components').where('incident_id', '=', incident.id).execute();
  await replaceIncidentChildren(db, incident);
}

async function replaceIncidentChildren(db: Db, incident: Incident): Promise<void> {
  if (incident.updates.length > 0) {
    await db
      .insertInto('incident_updates')
      .values(incident.updates.map((u) => toIncidentUpdateRow(u)))
      .execute();
  }
  if (incident.componentIds.length > 0) {
    await db
      .insertInto('incident_components')
      .values(
        incident.componentIds.map((componentId, position) => ({
          incident_id: incident.id,
          component_id: componentId,
          position,
        })),
      )
      .execute();
  }
}

/** The columns an incident's own fields own; draft and auto-cause belong to the monitoring engine. */
export type IncidentFieldsRow = Omit<IncidentsTable, 'draft' | 'auto_cause_component_id' | 'revision'>;

export function toIncidentRow(incident: Incident, sourceRef: string | null): IncidentFieldsRow {
  return {
    id: incident.id,
    page_id: incident.pageId,
    kind: incident.kind,
    name: incident.name,
    status: incident.status,
    impact: incident.impact,
    impact_override: incident.impactOverride,
    created_at: incident.createdAt,
    updated_at: incident.updatedAt,
    started_at: incident.startedAt,
    monitoring_at: incident.monitoringAt,
    resolved_at: incident.resolvedAt,
    scheduled_for: incident.scheduledFor,
    scheduled_until: incident.scheduledUntil,
    scheduled_auto_in_progress: incident.scheduledAutoInProgress ? 1 : 0,
    scheduled_auto_completed: incident.scheduledAutoCompleted ? 1 : 0,
    backfilled: incident.backfilled ? 1 : 0,
    shortlink: incident.shortlink,
    postmortem_body: incident.postmortem?.body ?? null,
    postmortem_published_at: incident.postmortem?.publishedAt ?? null,
    postmortem_updated_at: incident.postmortem?.updatedAt ?? null,
    source_ref: sourceRef,
  };
}

export function toIncidentUpdateRow(update: IncidentUpdate): IncidentUpdatesTable {
  return {
    id: update.id,
    incident_id: update.incidentId,
    status: update.status,
    body: update.body,
    display_at: update.displayAt,
    created_at: update.createdAt,
    updated_at: update.updatedAt,
    deliver_notifications: update.deliverNotifications ? 1 : 0,
    affected_components: serializeAffectedComponents(update.affectedComponents),
  };
}

function serializeAffectedComponents(list: readonly AffectedComponent[] | null): string | null {
  if (list === null) return null;
  return JSON.stringify(
    list.map((a) => ({
      component_id: a.componentId,
      name: a.name,
      old_status: a.oldStatus,
      new_status: a.newStatus,
    })),
  );
}
