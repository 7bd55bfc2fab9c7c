import type { ComponentStatus } from '../../domain/component-status.js';
import type { AnyIncidentStatus, Impact, IncidentKind } from '../../domain/incident.js';

/**
 * Incident history to load, whatever file it came from (our YAML/JSON form or a Statuspage v2
 * document). Components are referenced by key, id or name (matched case-insensitively) and times are
 * epoch milliseconds. `ref` makes imports idempotent: importing the same incident twice updates it.
 */
export interface ImportDocument {
  readonly incidents: readonly ImportIncident[];
}

export interface ImportIncident {
  readonly ref: string;
  readonly kind: IncidentKind;
  readonly name: string;
  readonly status: AnyIncidentStatus;
  readonly impactOverride: Impact | null;
  readonly createdAt: number | null;
  readonly startedAt: number | null;
  readonly monitoringAt: number | null;
  readonly resolvedAt: number | null;
  readonly scheduledFor: number | null;
  readonly scheduledUntil: number | null;
  readonly components: readonly string[];
  /** Oldest first. */
  readonly updates: readonly ImportUpdate[];
  readonly postmortem: { readonly body: string; readonly publishedAt: number | null } | null;
}

export interface ImportUpdate {
  readonly status: AnyIncidentStatus;
  readonly body: string;
  readonly displayAt: number;
  readonly createdAt: number | null;
  /** New status per component reference; an empty object when the update changed none. */
  readonly components: Readonly<Record<string, ComponentStatus>>;
}
