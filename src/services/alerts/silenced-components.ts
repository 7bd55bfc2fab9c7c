import { listComponents } from '../../store/components.js';
import type { Db } from '../../store/store.js';
import { activeMaintenanceComponentIds } from '../monitoring/active-maintenance.js';

/**
 * Components whose alerts a maintenance window silences at `at`: those of an active maintenance (a
 * group's children with it) and those whose current status is under maintenance.
 */
export async function silencedComponentIds(db: Db, pageId: string, at: number): Promise<Set<string>> {
  const inWindow = await activeMaintenanceComponentIds(db, pageId, at);
  const silenced = new Set<string>();
  for (const component of await listComponents(db, pageId)) {
    const group = component.groupId;
    if (
      component.status === 'under_maintenance' ||
      inWindow.has(component.id) ||
      (group !== null && inWindow.has(group))
    )
      silenced.add(component.id);
  }
  return silenced;
}
