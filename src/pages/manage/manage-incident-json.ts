import type { AnyIncidentStatus, Impact, Incident } from '../../domain/incident.js';
import { formatNullableTimestamp, formatTimestamp } from '../../domain/timestamp.js';
import { buildIncidentJson, type IncidentUpdateJson } from '../v2/incident-json.js';
import type { ManageComponentJson } from './manage-component-json.js';

/** An incident update as the Manage API writes it: the v2 shape plus the Twitter keys Beacon leaves empty. */
export interface ManageIncidentUpdateJson extends IncidentUpdateJson {
  readonly twitter_updated_at: null;
  readonly wants_twitter_update: false;
}

/**
 * An incident or maintenance as the Manage API writes it: every documented key, null when Beacon has no
 * such thing (tweets, reminders, metadata). Keys in the docs' order, then the ones real responses add.
 */
export interface ManageIncidentJson {
  readonly id: string;
  readonly components: readonly ManageComponentJson[];
  readonly created_at: string;
  readonly impact: Impact;
  readonly impact_override: Impact | null;
  readonly incident_updates: readonly ManageIncidentUpdateJson[];
  readonly metadata: Readonly<Record<string, never>>;
  readonly monitoring_at: string | null;
  readonly name: string;
  readonly page_id: string;
  readonly postmortem_body: string | null;
  readonly postmortem_body_last_updated_at: string | null;
  readonly postmortem_ignored: boolean;
  readonly postmortem_notified_subscribers: boolean;
  readonly postmortem_notified_twitter: boolean;
  readonly postmortem_published_at: string | null;
  readonly resolved_at: string | null;
  readonly scheduled_auto_completed: boolean;
  readonly scheduled_auto_in_progress: boolean;
  readonly scheduled_for: string | null;
  readonly auto_transition_deliver_notifications_at_end: boolean;
  readonly auto_transition_deliver_notifications_at_start: boolean;
  readonly auto_transition_to_maintenance_state: boolean;
  readonly auto_transition_to_operational_state: boolean;
  readonly scheduled_remind_prior: boolean;
  readonly scheduled_reminded_at: string | null;
  readonly scheduled_until: string | null;
  readonly shortlink: string | null;
  readonly status: AnyIncidentStatus;
  readonly updated_at: string;
  readonly started_at: string;
  readonly reminder_intervals: null;
  readonly backfilled: boolean;
}

/** The postmortem resource (`/incidents/:id/postmortem`). Beacon keeps one text: the draft is the body. */
export interface ManagePostmortemJson {
  readonly preview_key: null;
  readonly body: string | null;
  readonly body_updated_at: string | null;
  readonly body_draft: string;
  readonly body_draft_updated_at: string;
  readonly published_at: string | null;
  readonly notify_subscribers: boolean;
  readonly notify_twitter: boolean;
  readonly custom_tweet: null;
  readonly created_at: null;
  readonly updated_at: string;
}

export function buildManageIncidentJson(
  incident: Incident,
  components: ReadonlyMap<string, ManageComponentJson>,
  timeZone: string,
): ManageIncidentJson {
  const v2 = buildIncidentJson(incident, new Map(), timeZone);
  const { postmortem } = incident;
  const maintenance = incident.kind === 'maintenance';
  // Beacon's scheduler does both transitions (components and notifications) exactly when it moves the maintenance on.
  const autoStart = maintenance && incident.scheduledAutoInProgress;
  const autoEnd = maintenance && incident.scheduledAutoCompleted;
  return {
    id: incident.id,
    components: incident.componentIds.flatMap((id) => components.get(id) ?? []),
    created_at: v2.created_at,
    impact: incident.impact,
    impact_override: incident.impactOverride,
    incident_updates: v2.incident_updates.map((update) => ({
      ...update,
      twitter_updated_at: null,
      wants_twitter_update: false,
    })),
    metadata: {},
    monitoring_at: v2.monitoring_at,
    name: incident.name,
    page_id: incident.pageId,
    postmortem_body: postmortem?.body ?? null,
    postmortem_body_last_updated_at: formatNullableTimestamp(postmortem?.updatedAt ?? null, timeZone),
    postmortem_ignored: false,
    postmortem_notified_subscribers: false,
    postmortem_notified_twitter: false,
    postmortem_published_at: formatNullableTimestamp(postmortem?.publishedAt ?? null, timeZone),
    resolved_at: v2.resolved_at,
    scheduled_auto_completed: incident.scheduledAutoCompleted,
    scheduled_auto_in_progress: incident.scheduledAutoInProgress,
    scheduled_for: formatNullableTimestamp(incident.scheduledFor, timeZone),
    auto_transition_deliver_notifications_at_end: autoEnd,
    auto_transition_deliver_notifications_at_start: autoStart,
    auto_transition_to_maintenance_state: autoStart,
    auto_transition_to_operational_state: autoEnd,
    scheduled_remind_prior: false,
    scheduled_reminded_at: null,
    scheduled_until: formatNullableTimestamp(incident.scheduledUntil, timeZone),
    shortlink: incident.shortlink,
    status: incident.status,
    updated_at: v2.updated_at,
    started_at: v2.started_at,
    reminder_intervals: null,
    backfilled: incident.backfilled,
  };
}

/** One update of an incident, or undefined when the incident has no update with that id. */
export function buildManageIncidentUpdateJson(
  incident: Incident,
  updateId: string,
  timeZone: string,
): ManageIncidentUpdateJson | undefined {
  return buildManageIncidentJson(incident, new Map(), timeZone).incident_updates.find(
    (update) => update.id === updateId,
  );
}

/** The postmortem of an incident, or undefined when none was written. */
export function buildManagePostmortemJson(
  incident: Incident,
  timeZone: string,
): ManagePostmortemJson | undefined {
  const { postmortem } = incident;
  if (postmortem === null) return undefined;
  const updatedAt = formatTimestamp(postmortem.updatedAt, timeZone);
  const published = postmortem.publishedAt !== null;
  return {
    preview_key: null,
    body: published ? postmortem.body : null,
    body_updated_at: published ? updatedAt : null,
    body_draft: postmortem.body,
    body_draft_updated_at: updatedAt,
    published_at: formatNullableTimestamp(postmortem.publishedAt, timeZone),
    notify_subscribers: false,
    notify_twitter: false,
    custom_tweet: null,
    created_at: null,
    updated_at: updatedAt,
  };
}
