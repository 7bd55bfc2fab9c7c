import { severityOf, worstStatus, type ComponentStatus, type StatusSource } from './component-status.js';
import type { MonitorType } from './monitor.js';
import type { MonitorHealth } from './monitor-state.js';

export interface MonitorHealthInput {
  readonly health: MonitorHealth;
  /** Upstream monitors: the status of the component they mirror, when the last fetch told one. */
  readonly mirroredStatus?: ComponentStatus | null;
  readonly type: MonitorType;
}

export interface ComponentHealthInput {
  readonly monitors: readonly MonitorHealthInput[];
  /** An operator's override; it wins until cleared. */
  readonly manual: ComponentStatus | null;
  /** An active maintenance covers the component. */
  readonly maintenance: boolean;
}

export interface DerivedStatus {
  readonly status: ComponentStatus;
  readonly source: StatusSource;
}

/**
 * A component's status from its monitors. A manual status wins, then maintenance. Otherwise upstream
 * monitors mirror their upstream status and the others follow the rule: all down → major outage, some
 * down → partial outage, any degraded → degraded performance, else operational; the worse of the two
 * wins. Monitors with no data yet (unknown health, or an upstream fetch that told no status) are left
 * out, and with none left the result is null: the component keeps whatever status it has.
 */
export function deriveComponentStatus(input: ComponentHealthInput): DerivedStatus | null {
  if (input.manual !== null) return { status: input.manual, source: 'manual' };
  if (input.maintenance) return { status: 'under_maintenance', source: 'maintenance' };

  const mirrored = input.monitors.flatMap((m) =>
    m.type === 'upstream' && m.mirroredStatus != null ? [m.mirroredStatus] : [],
  );
  const known = input.monitors.filter((m) => m.type !== 'upstream' && m.health !== 'unknown');
  const candidates: DerivedStatus[] = [];
  if (known.length > 0)
    candidates.push({ status: ruleStatus(known.map((m) => m.health)), source: 'monitor' });
  if (mirrored.length > 0) candidates.push({ status: worstStatus(mirrored), source: 'upstream' });
  return candidates.reduce<DerivedStatus | null>(
    (worst, c) => (worst === null || severityOf(c.status) > severityOf(worst.status) ? c : worst),
    null,
  );
}

function ruleStatus(health: readonly MonitorHealth[]): ComponentStatus {
  const down = health.filter((h) => h === 'down').length;
  if (down === health.length) return 'major_outage';
  if (down > 0) return 'partial_outage';
  return health.includes('degraded') ? 'degraded_performance' : 'operational';
}

/** Partial and major outages open automatic incidents; slowness and maintenance do not. */
export function isOutage(status: ComponentStatus): boolean {
  return status === 'partial_outage' || status === 'major_outage';
}

/** What an outage of a component does on its own: nothing, a draft for an operator, or a published incident. */
export const AUTO_INCIDENT_MODES = ['off', 'draft', 'publish'] as const;
export type AutoIncidentMode = (typeof AUTO_INCIDENT_MODES)[number];

export function isAutoIncidentMode(value: unknown): value is AutoIncidentMode {
  return typeof value === 'string' && (AUTO_INCIDENT_MODES as readonly string[]).includes(value);
}
