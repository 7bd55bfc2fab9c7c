import type { Incident } from '../../domain/incident.js';
import { AppError } from '../../lib/app-error.js';
import { findIncident } from '../../store/incidents.js';
import type { AdminEnv } from './admin-env.js';

/** The incident or maintenance of this page with that id; NOT_FOUND otherwise. */
export async function loadIncident(env: AdminEnv, id: string): Promise<Incident> {
  const incident = await findIncident(env.ctx.store.db, id);
  if (incident === undefined || incident.pageId !== env.pageId)
    throw new AppError('NOT_FOUND', `there is no incident with id "${id}"`);
  return incident;
}

export function incidentPath(id: string): string {
  return `/admin/incidents/${encodeURIComponent(id)}`;
}
