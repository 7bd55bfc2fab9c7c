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

export interface Database {
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
