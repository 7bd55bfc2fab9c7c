export const COMPONENT_STATUSES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;

export type ComponentStatus = (typeof COMPONENT_STATUSES)[number];

/** Where a component's status came from; kept on every status change. */
export const STATUS_SOURCES = ['manual', 'monitor', 'maintenance', 'upstream'] as const;
export type StatusSource = (typeof STATUS_SOURCES)[number];

// Maintenance sits between operational and degraded: it hides nothing worse.
const SEVERITY: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function isComponentStatus(value: unknown): value is ComponentStatus {
  return typeof value === 'string' && (COMPONENT_STATUSES as readonly string[]).includes(value);
}

export function severityOf(status: ComponentStatus): number {
  return SEVERITY[status];
}

/** The worst of several statuses; operational when there are none. */
export function worstStatus(statuses: Iterable<ComponentStatus>): ComponentStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) if (SEVERITY[status] > SEVERITY[worst]) worst = status;
  return worst;
}

export const STATUS_LABELS: Readonly<Record<ComponentStatus, string>> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};
