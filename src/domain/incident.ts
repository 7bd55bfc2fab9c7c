import type { ComponentStatus } from './component-status.js';

export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'postmortem',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

export type AnyIncidentStatus = IncidentStatus | MaintenanceStatus;

export const IMPACTS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type Impact = (typeof IMPACTS)[number];

export type IncidentKind = 'incident' | 'maintenance';

export interface AffectedComponent {
  readonly componentId: string;
  readonly name: string;
  readonly oldStatus: ComponentStatus;
  readonly newStatus: ComponentStatus;
}

export interface IncidentUpdate {
  readonly id: string;
  readonly incidentId: string;
  readonly status: AnyIncidentStatus;
  readonly body: string;
  readonly displayAt: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly deliverNotifications: boolean;
  /** null when the update changed no component (Statuspage sends null, not []). */
  readonly affectedComponents: readonly AffectedComponent[] | null;
}

/** A postmortem is a draft until `publishedAt` is set. */
export interface Postmortem {
  readonly body: string;
  readonly publishedAt: number | null;
  readonly updatedAt: number;
}

/**
 * An incident or a scheduled maintenance (Statuspage keeps both in one shape). `impact` is the effective
 * impact: `impactOverride` when set, else derived from component statuses. Updates are newest first.
 */
export interface Incident {
  readonly id: string;
  readonly pageId: string;
  readonly kind: IncidentKind;
  readonly name: string;
  readonly status: AnyIncidentStatus;
  readonly impact: Impact;
  readonly impactOverride: Impact | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly startedAt: number;
  readonly monitoringAt: number | null;
  readonly resolvedAt: number | null;
  readonly scheduledFor: number | null;
  readonly scheduledUntil: number | null;
  readonly scheduledAutoInProgress: boolean;
  readonly scheduledAutoCompleted: boolean;
  readonly backfilled: boolean;
  readonly shortlink: string | null;
  readonly postmortem: Postmortem | null;
  readonly componentIds: readonly string[];
  readonly updates: readonly IncidentUpdate[];
}
