import { worstStatus, type ComponentStatus } from './component-status.js';
import type { Impact, IncidentKind } from './incident.js';

const IMPACT_OF_STATUS: Readonly<Record<ComponentStatus, Impact>> = {
  operational: 'none',
  under_maintenance: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/**
 * An incident's effective impact: the override when set, 'maintenance' for a maintenance, else the
 * impact of the worst status among the affected components.
 */
export function deriveImpact(
  statuses: readonly ComponentStatus[],
  kind: IncidentKind,
  override: Impact | null,
): Impact {
  if (override !== null) return override;
  if (kind === 'maintenance') return 'maintenance';
  return IMPACT_OF_STATUS[worstStatus(statuses)];
}
