import { z } from 'zod';
import { COMPONENT_STATUSES, type ComponentStatus } from '../../domain/component-status.js';
import {
  IMPACTS,
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
} from '../../domain/incident.js';
import { parseTimestamp } from '../../domain/timestamp.js';
import type { ImportDocument, ImportIncident, ImportUpdate } from './import-document.js';

const OFFSET_SUFFIX = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const MAINTENANCE_STATUS_SET: ReadonlySet<AnyIncidentStatus> = new Set(MAINTENANCE_STATUSES);

// A time without an offset would be read in the server's zone: refuse it rather than guess.
const timestamp = z.string().transform((text, ctx) => {
  const epochMs = OFFSET_SUFFIX.test(text.trim()) ? parseTimestamp(text.trim()) : null;
  if (epochMs !== null) return epochMs;
  ctx.addIssue({
    code: 'custom',
    message: `expected an ISO 8601 timestamp with an offset, got ${JSON.stringify(text)}`,
  });
  return z.NEVER;
});

const status = z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]);

const affectedComponent = z.object({
  code: z.string().nullish(),
  name: z.string(),
  new_status: z.enum(COMPONENT_STATUSES),
});

const update = z.object({
  status,
  body: z.string().nullish(),
  created_at: timestamp,
  display_at: timestamp.nullish(),
  affected_components: z.array(affectedComponent).nullish(),
});

const incident = z.object({
  id: z.string().min(1),
  name: z.string(),
  status,
  impact: z.enum(IMPACTS).nullish(),
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
  started_at: timestamp.nullish(),
  monitoring_at: timestamp.nullish(),
  resolved_at: timestamp.nullish(),
  scheduled_for: timestamp.nullish(),
  scheduled_until: timestamp.nullish(),
  incident_updates: z.array(update).nullish(),
  components: z.array(z.object({ id: z.string().nullish(), name: z.string() })).nullish(),
  // Some pages publish the postmortem in the v2 incident; most leave these keys out.
  postmortem_body: z.string().nullish(),
  postmortem_published_at: timestamp.nullish(),
  postmortem_body_last_updated_at: timestamp.nullish(),
});

const document = z.object({
  incidents: z.array(incident).optional(),
  scheduled_maintenances: z.array(incident).optional(),
});

type StatuspageIncident = z.infer<typeof incident>;

/**
 * Reads a Statuspage v2 `summary.json`, `incidents.json`, `incidents/unresolved.json` or
 * `scheduled-maintenances*.json` document into incidents to import; throws an Error naming each problem.
 */
export function parseStatuspageDocument(json: unknown): ImportDocument {
  if (
    !isRecord(json) ||
    !(Array.isArray(json['incidents']) || Array.isArray(json['scheduled_maintenances']))
  ) {
    const got = isRecord(json)
      ? `an object with keys ${Object.keys(json).join(', ') || '(none)'}`
      : describe(json);
    throw new Error(
      `not a Statuspage v2 document: expected an "incidents" or "scheduled_maintenances" array (as in summary.json, incidents.json or scheduled-maintenances.json), got ${got}`,
    );
  }
  const parsed = document.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`invalid Statuspage v2 document:\n  ${problems.join('\n  ')}`);
  }
  const seen = new Set<string>();
  const incidents: ImportIncident[] = [];
  for (const source of [...(parsed.data.incidents ?? []), ...(parsed.data.scheduled_maintenances ?? [])]) {
    if (seen.has(source.id)) continue;
    seen.add(source.id);
    incidents.push(toImportIncident(source));
  }
  return { incidents };
}

function toImportIncident(source: StatuspageIncident): ImportIncident {
  const isMaintenance =
    source.scheduled_for != null ||
    source.impact === 'maintenance' ||
    MAINTENANCE_STATUS_SET.has(source.status);
  const componentNames = source.components ?? [];
  // affected_components name a grouped component "Group - Child"; components[] carries its own name.
  const nameByCode = new Map(componentNames.flatMap((c) => (c.id == null ? [] : [[c.id, c.name] as const])));
  return {
    ref: `statuspage:${source.id}`,
    kind: isMaintenance ? 'maintenance' : 'incident',
    name: source.name,
    status: source.status,
    impactOverride: source.impact ?? null,
    createdAt: source.created_at ?? null,
    startedAt: source.started_at ?? null,
    monitoringAt: source.monitoring_at ?? null,
    resolvedAt: source.resolved_at ?? null,
    scheduledFor: source.scheduled_for ?? null,
    scheduledUntil: source.scheduled_until ?? null,
    components: componentNames.map((c) => c.name),
    updates: oldestFirst(source.incident_updates ?? [], nameByCode),
    postmortem: toPostmortem(source),
  };
}

function oldestFirst(
  updates: NonNullable<StatuspageIncident['incident_updates']>,
  nameByCode: ReadonlyMap<string, string>,
): ImportUpdate[] {
  // Statuspage lists updates newest first; on equal times the later entry in the list is the older one.
  const converted = updates.map((source, index) => {
    const components: Record<string, ComponentStatus> = {};
    for (const affected of source.affected_components ?? []) {
      components[(affected.code != null ? nameByCode.get(affected.code) : undefined) ?? affected.name] =
        affected.new_status;
    }
    const result: ImportUpdate = {
      status: source.status,
      body: source.body ?? '',
      displayAt: source.display_at ?? source.created_at,
      createdAt: source.created_at,
      components,
    };
    return { result, index };
  });
  converted.sort(
    (a, b) =>
      a.result.displayAt - b.result.displayAt ||
      (a.result.createdAt ?? 0) - (b.result.createdAt ?? 0) ||
      b.index - a.index,
  );
  return converted.map(({ result }) => result);
}

function toPostmortem(source: StatuspageIncident): ImportIncident['postmortem'] {
  if (source.postmortem_body == null || source.postmortem_body.trim() === '') return null;
  // A postmortem on the public API is published; fall back to its last edit when no publish time is given.
  const publishedAt =
    source.postmortem_published_at ?? source.postmortem_body_last_updated_at ?? source.updated_at ?? null;
  return { body: source.postmortem_body, publishedAt };
}

function formatPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
      .join('')
      .replace(/^\./, '') || '(document)'
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
