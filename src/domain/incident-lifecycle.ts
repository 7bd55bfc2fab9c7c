import {
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
  type Incident,
  type IncidentKind,
} from './incident.js';

const CLOSED: ReadonlySet<AnyIncidentStatus> = new Set(['resolved', 'postmortem', 'completed']);

/** Resolved, postmortem and completed incidents are over; everything else is still open. */
export function isClosedStatus(status: AnyIncidentStatus): boolean {
  return CLOSED.has(status);
}

/** Which statuses an update may carry: Statuspage lets operators move freely within a kind's set. */
export function allowedStatuses(kind: IncidentKind): readonly AnyIncidentStatus[] {
  return kind === 'incident' ? INCIDENT_STATUSES.filter((s) => s !== 'postmortem') : MAINTENANCE_STATUSES;
}

export function isAllowedStatus(kind: IncidentKind, status: AnyIncidentStatus): boolean {
  return allowedStatuses(kind).includes(status);
}

/**
 * The timestamps an incident carries after moving to `status` at `at`: monitoring_at is set the first
 * time it is monitored, resolved_at when it closes, and both clear again if it reopens.
 */
export function lifecycleTimes(
  incident: Pick<Incident, 'monitoringAt' | 'resolvedAt'>,
  status: AnyIncidentStatus,
  at: number,
): { monitoringAt: number | null; resolvedAt: number | null } {
  const closed = isClosedStatus(status);
  return {
    monitoringAt:
      status === 'monitoring' || status === 'verifying'
        ? (incident.monitoringAt ?? at)
        : closed
          ? incident.monitoringAt
          : null,
    resolvedAt: closed ? (incident.resolvedAt ?? at) : null,
  };
}
