import type { Selectable } from 'kysely';
import { isComponentStatus } from '../domain/component-status.js';
import type { AffectedComponent, Impact, Incident, IncidentKind } from '../domain/incident.js';
import type { IncidentsTable } from './schema.js';

export function incidentRowFields(
  row: Selectable<IncidentsTable>,
): Omit<Incident, 'componentIds' | 'updates'> {
  return {
    id: row.id,
    pageId: row.page_id,
    kind: row.kind as IncidentKind,
    name: row.name,
    status: row.status as Incident['status'],
    impact: row.impact as Impact,
    impactOverride: row.impact_override as Impact | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    monitoringAt: row.monitoring_at,
    resolvedAt: row.resolved_at,
    scheduledFor: row.scheduled_for,
    scheduledUntil: row.scheduled_until,
    scheduledAutoInProgress: row.scheduled_auto_in_progress === 1,
    scheduledAutoCompleted: row.scheduled_auto_completed === 1,
    backfilled: row.backfilled === 1,
    shortlink: row.shortlink,
    postmortem:
      row.postmortem_body === null
        ? null
        : {
            body: row.postmortem_body,
            publishedAt: row.postmortem_published_at,
            updatedAt: row.postmortem_updated_at ?? row.updated_at,
          },
  };
}

interface AffectedComponentJson {
  component_id: string;
  name: string;
  old_status: string;
  new_status: string;
}

export function parseAffectedComponents(text: string | null): AffectedComponent[] | null {
  if (text === null) return null;
  const parsed = JSON.parse(text) as AffectedComponentJson[];
  return parsed.flatMap((a) =>
    isComponentStatus(a.old_status) && isComponentStatus(a.new_status)
      ? [{ componentId: a.component_id, name: a.name, oldStatus: a.old_status, newStatus: a.new_status }]
      : [],
  );
}
