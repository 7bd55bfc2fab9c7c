import type { Incident } from '../../domain/incident.js';
import { AppError } from '../../lib/app-error.js';
import { findIncident } from '../../store/incidents.js';
import type { Db } from '../../store/store.js';

export async function findPageIncident(tx: Db, pageId: string, incidentId: string): Promise<Incident> {
  const incident = await findIncident(tx, incidentId);
  if (incident === undefined || incident.pageId !== pageId)
    throw new AppError('NOT_FOUND', `there is no incident with id "${incidentId}"`);
  return incident;
}
