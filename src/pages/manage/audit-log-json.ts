import { formatTimestamp } from '../../domain/timestamp.js';
import type { AuditLogEntry } from '../../services/audit/list-audit-log.js';

/** One audit log entry (Beacon's own resource): who did what to which target, with before and after. */
export interface AuditLogEntryJson {
  readonly id: number;
  readonly actor: string;
  readonly action: string;
  readonly target_type: string;
  readonly target_id: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly created_at: string;
}

export function buildAuditLogEntryJson(entry: AuditLogEntry, timeZone: string): AuditLogEntryJson {
  return {
    id: entry.id,
    actor: entry.actor,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId,
    before: entry.before,
    after: entry.after,
    created_at: formatTimestamp(entry.at, timeZone),
  };
}
