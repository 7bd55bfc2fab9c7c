import type { Db } from '../../store/store.js';

/**
 * Components covered by a maintenance at `at`: one in progress or verifying, or one still scheduled
 * whose window has begun (it may not be set to start on its own). Their failures stay out of alerts.
 */
export async function activeMaintenanceComponentIds(
  tx: Db,
  pageId: string,
  at: number,
): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('incidents')
    .innerJoin('incident_components', 'incident_components.incident_id', 'incidents.id')
    .select('incident_components.component_id')
    .where('incidents.page_id', '=', pageId)
    .where('incidents.kind', '=', 'maintenance')
    .where((eb) =>
      eb.or([
        eb('incidents.status', 'in', ['in_progress', 'verifying']),
        eb.and([
          eb('incidents.status', '=', 'scheduled'),
          eb('incidents.scheduled_for', '<=', at),
          eb('incidents.scheduled_until', '>', at),
        ]),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.component_id));
}
