import type { ComponentStatus } from '../../domain/component-status.js';
import type { AnyIncidentStatus, Impact, IncidentKind } from '../../domain/incident.js';

/** What an operator asks for when opening an incident or scheduling maintenance (any front end). */
export interface CreateIncidentInput {
  readonly kind?: IncidentKind;
  readonly name: string;
  readonly status?: AnyIncidentStatus;
  readonly body?: string;
  readonly impactOverride?: Impact | null;
  /** Component id → the status this incident puts it in. */
  readonly componentStatuses?: Readonly<Record<string, ComponentStatus>>;
  /** Components affected without a status change. */
  readonly componentIds?: readonly string[];
  readonly deliverNotifications?: boolean;
  /** Backfill: a past incident, with its time; components keep their current status. */
  readonly backfilled?: boolean;
  readonly displayAt?: number;
  readonly scheduledFor?: number | null;
  readonly scheduledUntil?: number | null;
  readonly scheduledAutoInProgress?: boolean;
  readonly scheduledAutoCompleted?: boolean;
}

/** A change to an incident; a status or body adds an update, other fields only edit the incident. */
export interface UpdateIncidentInput {
  readonly name?: string;
  readonly status?: AnyIncidentStatus;
  readonly body?: string;
  readonly impactOverride?: Impact | null;
  readonly componentStatuses?: Readonly<Record<string, ComponentStatus>>;
  readonly componentIds?: readonly string[];
  readonly deliverNotifications?: boolean;
  readonly displayAt?: number;
  readonly scheduledFor?: number | null;
  readonly scheduledUntil?: number | null;
  readonly scheduledAutoInProgress?: boolean;
  readonly scheduledAutoCompleted?: boolean;
}
