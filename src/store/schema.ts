import type { ColumnType, Generated } from 'kysely';

// Times are epoch milliseconds (bigint in PostgreSQL, integer in SQLite) and flags are 0/1 integers, so
// both dialects read back identical rows and the uptime maths needs no date parsing.
type Flag = number;

export interface PagesTable {
  id: string;
  name: string;
  url: string | null;
  time_zone: string;
  locale: string;
  created_at: number;
  updated_at: number;
  /** Bumped by every write that changes what the public page shows; readers poll it. */
  version: number;
}

export interface ComponentsTable {
  id: string;
  page_id: string;
  key: string;
  group_id: string | null;
  is_group: Flag;
  name: string;
  description: string | null;
  position: number;
  status: string;
  showcase: Flag;
  only_show_if_degraded: Flag;
  start_date: string | null;
  created_at: number;
  updated_at: number;
  /** Removed from the config: kept for history, hidden everywhere. */
  deleted_at: number | null;
  /** 'config' (beacon.yaml owns it) or 'api' (created in the admin UI or the manage API). */
  managed_by: string;
}

export interface StatusChangesTable {
  id: Generated<number>;
  component_id: string;
  status: string;
  source: string;
  at: number;
  /** Set when the change came from an incident update, so the incident's history can be rewritten. */
  incident_id: string | null;
}

export interface IncidentsTable {
  id: string;
  page_id: string;
  kind: string;
  name: string;
  status: string;
  impact: string;
  impact_override: string | null;
  created_at: number;
  updated_at: number;
  started_at: number;
  monitoring_at: number | null;
  resolved_at: number | null;
  scheduled_for: number | null;
  scheduled_until: number | null;
  scheduled_auto_in_progress: Flag;
  scheduled_auto_completed: Flag;
  backfilled: Flag;
  shortlink: string | null;
  postmortem_body: string | null;
  postmortem_published_at: number | null;
  postmortem_updated_at: number | null;
  /** Where an imported incident came from ("statuspage:<id>", "yaml:<key>"); null when written here. */
  source_ref: string | null;
  /** 1: written by the monitors for an operator to publish; hidden from the public page until then. */
  draft: Flag;
  /** Set on automatic incidents: the failing component that explains the others. */
  auto_cause_component_id: string | null;
  /** Bumped by database triggers on every write to the incident, its updates or its component links. */
  revision: Generated<number>;
}

export interface IncidentUpdatesTable {
  id: string;
  incident_id: string;
  status: string;
  body: string;
  display_at: number;
  created_at: number;
  updated_at: number;
  deliver_notifications: Flag;
  /** JSON array of {component_id, name, old_status, new_status}, or null when no component changed. */
  affected_components: string | null;
}

export interface IncidentComponentsTable {
  incident_id: string;
  component_id: string;
  position: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  page_id: string | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: string | null;
  after: string | null;
  at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface UsersTable {
  id: string;
  email: string;
  role: string;
  password_hash: string | null;
  totp_secret: string | null;
  /** 1 once a code has confirmed the secret; until then sign-in does not ask for one. */
  totp_enabled: Generated<Flag>;
  /** The last accepted TOTP time step: a code is accepted once. */
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked database does not leak live sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  renewed_at: number;
  expires_at: number;
  second_factor_pending: Flag;
  user_agent: string | null;
  /** How many times the session was renewed: at most once per renewal window, whatever the traffic. */
  renew_count: Generated<number>;
}

export interface ApiKeysTable {
  id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  scope: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface IncidentTemplatesTable {
  id: string;
  page_id: string;
  name: string;
  title: string;
  body: string;
  update_status: string | null;
  should_send_notifications: Flag;
  /** JSON array of component ids. */
  component_ids: string;
  created_at: number;
  updated_at: number;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string | null;
  succeeded: Flag;
  at: number;
}

export interface MonitorsTable {
  id: string;
  page_id: string;
  component_id: string;
  /** "<component key>#<index>" or the monitor's own key from beacon.yaml; unique on the page. */
  key: string;
  type: string;
  /** The MonitorSpec as JSON. */
  spec: string;
  /** Heartbeat monitors: the token of their push URL, so a beat finds its monitor by index. */
  push_token: string | null;
  interval_ms: number;
  timeout_ms: number;
  retries: number;
  recoveries: number;
  enabled: Flag;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface MonitorStatesTable {
  monitor_id: string;
  /** The MonitorState as JSON. */
  state: string;
  updated_at: number;
  /** Heartbeat monitors: when the last beat arrived. */
  last_beat_at: number | null;
}

export interface CheckResultsTable {
  monitor_id: string;
  at: number;
  /** up | degraded | down */
  status: string;
  latency_ms: number | null;
  /** Null for up results: their reason ("HTTP 200") says nothing a status does not. */
  reason: string | null;
}

export interface CheckRollupsTable {
  monitor_id: string;
  /** minute | hour | day, UTC-aligned. */
  bucket: string;
  start_at: number;
  count: number;
  /** Down results outside maintenance. */
  failures: number;
  /** Degraded results outside maintenance. */
  degraded: number;
  latency_p50: number | null;
  latency_p95: number | null;
  latency_max: number | null;
  latency_sum: number;
  /** Sparse log-scale latency histogram "index:count,...", so merged buckets keep their percentiles. */
  latency_histogram: string;
}

export interface ComponentSettingsTable {
  component_id: string;
  /** off | draft | publish */
  auto_incident: string;
  auto_resolve: Flag;
  /** An operator's override; it wins over monitors until cleared. */
  manual_status: string | null;
  manual_set_at: number | null;
  /** What the status engine last derived, and from where; changes are applied on edges only. */
  derived_status: string | null;
  derived_source: string | null;
  updated_at: number;
}

export interface ComponentDependenciesTable {
  component_id: string;
  depends_on_id: string;
}

export interface SubscribersTable {
  id: string;
  page_id: string;
  /** email | webhook */
  mode: string;
  /** The subscriber's address; for a webhook, its owner's (told when the webhook is disabled). */
  email: string;
  endpoint: string | null;
  /** "email:<lowercased address>" or "webhook:<endpoint>": one subscription per address and page. */
  dedupe_key: string;
  /** The secret in every manage, confirm and unsubscribe link. */
  token: string;
  /** Signs webhook bodies (HMAC-SHA256). */
  webhook_secret: string | null;
  /** 1: hears about every component; 0: only those in subscriber_components. */
  all_components: Flag;
  confirmed_at: number | null;
  /** Set when a webhook was disabled after repeated failures (Statuspage's name). */
  quarantined_at: number | null;
  consecutive_failures: number;
  first_failure_at: number | null;
  confirmation_sent_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SubscriberComponentsTable {
  subscriber_id: string;
  component_id: string;
}

export interface NotificationEventsTable {
  id: string;
  page_id: string;
  /** incident | component | confirmation | manage_link | webhook_disabled */
  kind: string;
  /** What happened, e.g. incident.created, maintenance.started, component.status. */
  trigger: string;
  incident_id: string | null;
  update_id: string | null;
  /** subscribers (email and webhook) | webhooks | direct (its deliveries were written with it). */
  audience: string;
  /** JSON array: only subscribers of these components hear of it; [] means everyone. */
  component_ids: string;
  /** The notification as JSON, as it was when the change was made. */
  content: string;
  fanout_done: Flag;
  /** The last subscriber id expanded into deliveries. */
  fanout_cursor: string | null;
  created_at: number;
}

export interface NotificationDeliveriesTable {
  /** Also the idempotency key the receiver sees. */
  id: string;
  event_id: string;
  subscriber_id: string;
  /** email | webhook */
  channel: string;
  /** pending | sent | failed | skipped */
  status: string;
  attempts: number;
  next_attempt_at: number;
  /** A worker's lease: until then no other worker sends this delivery. */
  locked_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface Database {
  subscribers: SubscribersTable;
  subscriber_components: SubscriberComponentsTable;
  notification_events: NotificationEventsTable;
  notification_deliveries: NotificationDeliveriesTable;
  monitors: MonitorsTable;
  monitor_states: MonitorStatesTable;
  check_results: CheckResultsTable;
  check_rollups: CheckRollupsTable;
  component_settings: ComponentSettingsTable;
  component_dependencies: ComponentDependenciesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  incident_templates: IncidentTemplatesTable;
  login_attempts: LoginAttemptsTable;
  pages: PagesTable;
  components: ComponentsTable;
  status_changes: StatusChangesTable;
  incidents: IncidentsTable;
  incident_updates: IncidentUpdatesTable;
  incident_components: IncidentComponentsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
}

export type Timestamp = ColumnType<number, number, number>;
