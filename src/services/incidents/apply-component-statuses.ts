import type { ComponentStatus } from '../../domain/component-status.js';
import type { AffectedComponent, IncidentKind } from '../../domain/incident.js';
import { setComponentStatus } from '../../store/components.js';
import { insertStatusChange } from '../../store/status-changes.js';
import type { Db } from '../../store/store.js';
import { loadLeafComponents } from './load-leaf-components.js';

/**
 * Moves components to new statuses for an incident update, recording each in the status history, and
 * returns the affected-components list for the update. A backfilled incident describes the past: it
 * records the list but changes no current status.
 */
export async function applyComponentStatuses(
  tx: Db,
  options: {
    readonly pageId: string;
    readonly incidentId: string;
    readonly kind: IncidentKind;
    readonly statuses: Readonly<Record<string, ComponentStatus>>;
    readonly at: number;
    readonly recordHistory: boolean;
  },
): Promise<AffectedComponent[]> {
  const rows = await loadLeafComponents(tx, options.pageId, Object.keys(options.statuses));
  const affected: AffectedComponent[] = [];
  for (const [id, newStatus] of Object.entries(options.statuses)) {
    const row = rows.get(id)!;
    const oldStatus = row.status as ComponentStatus;
    affected.push({ componentId: id, name: row.name, oldStatus, newStatus });
    if (!options.recordHistory || oldStatus === newStatus) continue;
    await setComponentStatus(tx, id, newStatus, options.at);
    const source =
      options.kind === 'maintenance' && newStatus === 'under_maintenance' ? 'maintenance' : 'manual';
    await insertStatusChange(
      tx,
      { componentId: id, status: newStatus, source, at: options.at },
      options.incidentId,
    );
  }
  return affected;
}
