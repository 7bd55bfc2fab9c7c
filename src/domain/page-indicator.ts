import { worstStatus, type ComponentStatus } from './component-status.js';

export const INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type PageIndicator = (typeof INDICATORS)[number];

/** The page-wide status line, as Statuspage's `status.indicator` and `status.description`. */
export interface PageIndicatorSummary {
  readonly indicator: PageIndicator;
  readonly description: string;
}

/**
 * Statuspage's page indicator, from leaf component statuses only (groups are rolled up from their
 * children and would count twice). The rows are checked in order: the first that matches wins.
 */
export function rollUpIndicator(leafStatuses: readonly ComponentStatus[]): PageIndicatorSummary {
  const total = leafStatuses.length;
  const count = (status: ComponentStatus): number => leafStatuses.filter((s) => s === status).length;
  const major = count('major_outage');
  const partial = count('partial_outage');
  const degraded = count('degraded_performance');

  if (total === 0 || count('operational') === total) {
    return { indicator: 'none', description: 'All Systems Operational' };
  }
  if (major === total) return { indicator: 'critical', description: 'Major System Outage' };
  if (major > 0 || partial === total) return { indicator: 'major', description: 'Partial System Outage' };
  if (partial > 0) return { indicator: 'minor', description: 'Minor Service Outage' };
  if (degraded === total) return { indicator: 'minor', description: 'Degraded System Service' };
  if (degraded > 0) return { indicator: 'minor', description: 'Partially Degraded Service' };
  // Only operational and under_maintenance are left, and not all are operational.
  return { indicator: 'maintenance', description: 'Service Under Maintenance' };
}

/** A group's status: the worst of its children's, operational when it has none. */
export function rollUpGroupStatus(childStatuses: readonly ComponentStatus[]): ComponentStatus {
  return worstStatus(childStatuses);
}
