import type { Incident, IncidentUpdate } from '../domain/incident.js';
import { toIncidentRow, toIncidentUpdateRow } from './incidents.js';
import type { Db } from './store.js';

/** Saves an incident's own fields (not its updates or components). */
export async function saveIncidentFields(db: Db, incident: Incident): Promise<void> {
  const { id, source_ref: _ref, ...fields } = toIncidentRow(incident, null);
  await db.updateTable('incidents').set(fields).where('id', '=', id).execute();
}

export async function insertIncidentUpdate(db: Db, update: IncidentUpdate): Promise<void> {
  await db.insertInto('incident_updates').values(toIncidentUpdateRow(update)).execute();
}

export async function saveIncidentUpdate(db: Db, update: IncidentUpdate): Promise<void> {
  const { id, ...fields } = toIncidentUpdateRow(update);
  await db.updateTable('incident_updates').set(fields).where('id', '=', id).execute();
}

/** Links components to an incident, keeping existing links and their order. */
export async function linkIncidentComponents(
  db: Db,
  incidentId: string,
  componentIds: readonly string[],
): Promise<void> {
  const existing = await db
    .selectFrom('incident_components')
    .select(['component_id', 'position'])
    .where('incident_id', '=', incidentId)
    .execute();
  const known = new Set(existing.map((e) => e.component_id));
  let position = existing.reduce((max, e) => Math.max(max, e.position + 1), 0);
  const fresh = [...new Set(componentIds)].filter((id) => !known.has(id));
  if (fresh.length === 0) return;
  await db
    .insertInto('incident_components')
    .values(
      fresh.map((componentId) => ({
        incident_id: incidentId,
        component_id: componentId,
        position: position++,
      })),
    )
    .execute();
}

export async function deleteIncidentRow(db: Db, incidentId: string): Promise<void> {
  await db.deleteFrom('incident_components').where('incident_id', '=', incidentId).execute();
  await db.deleteFrom('incident_updates').where('incident_id', '=', incidentId).execute();
  await db
    .updateTable('status_changes')
    .set({ incident_id: null })
    .where('incident_id', '=', incidentId)
    .execute();
  await db.deleteFrom('incidents').where('id', '=', incidentId).execute();
}
