import { z } from 'zod';
import { COMPONENT_STATUSES } from '../../domain/component-status.js';
import { IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '../../domain/incident.js';
import { parseTimestamp } from '../../domain/timestamp.js';
import type { ImportDocument, ImportIncident } from './import-document.js';

const timestamp = z
  .string({ error: 'a time must be an ISO 8601 string with an offset, e.g. 2024-02-16T08:40:00+01:00' })
  .transform((text, ctx) => {
    const ms = parseTimestamp(text);
    if (ms === null || !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${text}" is not an ISO 8601 time with an offset, e.g. 2024-02-16T08:40:00+01:00`,
      });
      return z.NEVER;
    }
    return ms;
  });

const status = z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES], {
  error: `status must be one of ${[...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES].join(', ')}`,
});

const updateSchema = z
  .object({
    status,
    at: timestamp,
    body: z.string().default(''),
    components: z.record(z.string(), z.enum(COMPONENT_STATUSES)).default({}),
  })
  .strict();

const incidentSchema = z
  .object({
    key: z
      .string()
      .min(1, 'every incident needs a stable key, so importing twice updates it instead of adding a copy'),
    kind: z.enum(['incident', 'maintenance']).optional(),
    name: z.string().min(1),
    status,
    impact: z.enum(IMPACTS).optional(),
    started_at: timestamp.optional(),
    scheduled_for: timestamp.optional(),
    scheduled_until: timestamp.optional(),
    components: z.array(z.string()).default([]),
    updates: z.array(updateSchema).min(1, 'an incident needs at least one update'),
    postmortem: z
      .object({ body: z.string(), published_at: timestamp.nullable().default(null) })
      .strict()
      .optional(),
  })
  .strict();

const historySchema = z.object({ incidents: z.array(incidentSchema) }).strict();

/** Beacon's own history form (YAML or JSON), as in examples/watermelon/history.yaml. */
export function parseBeaconHistory(value: unknown): ImportDocument {
  const parsed = historySchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) => `  ${i.path.map(String).join('.') || '(top)'}: ${i.message}`,
    );
    throw new Error(`not a valid Beacon history document:\n${lines.join('\n')}`);
  }
  return {
    incidents: parsed.data.incidents.map((incident): ImportIncident => {
      const updates = [...incident.updates].sort((a, b) => a.at - b.at);
      const kind = incident.kind ?? (incident.scheduled_for !== undefined ? 'maintenance' : 'incident');
      const first = updates[0]?.at ?? null;
      const resolved = updates.find((u) => u.status === 'resolved' || u.status === 'completed');
      const monitoring = updates.find((u) => u.status === 'monitoring');
      return {
        ref: `yaml:${incident.key}`,
        kind,
        name: incident.name,
        status: incident.status,
        impactOverride: incident.impact ?? null,
        createdAt: first,
        startedAt: incident.started_at ?? first,
        monitoringAt: monitoring?.at ?? null,
        resolvedAt: resolved?.at ?? null,
        scheduledFor: incident.scheduled_for ?? null,
        scheduledUntil: incident.scheduled_until ?? null,
        components: incident.components,
        updates: updates.map((u) => ({
          status: u.status,
          body: u.body.trimEnd(),
          displayAt: u.at,
          createdAt: u.at,
          components: u.components,
        })),
        postmortem:
          incident.postmortem === undefined
            ? null
            : { body: incident.postmortem.body.trimEnd(), publishedAt: incident.postmortem.published_at },
      };
    }),
  };
}
