import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ComponentStatus } from '../../domain/component-status.js';
import { IMPACTS, INCIDENT_STATUSES, MAINTENANCE_STATUSES, type Impact } from '../../domain/incident.js';
import { parseTimestamp } from '../../domain/timestamp.js';
import { AppError } from '../../lib/app-error.js';
import type { CreateIncidentInput, UpdateIncidentInput } from '../../services/incidents/incident-input.js';
import { componentStatus, flag, idList, text, timestamp } from './manage-schemas.js';

const STATUSES = [...INCIDENT_STATUSES.filter((s) => s !== 'postmortem'), ...MAINTENANCE_STATUSES] as const;
const ACCEPTED_ONLY = 'Accepted for compatibility; Beacon has no such feature and ignores it.';

const impactOverride = z
  .enum([...IMPACTS, ''], { error: `must be one of ${IMPACTS.join(', ')}` })
  .nullable()
  .transform((value): Impact | null => (value === '' || value === null ? null : value))
  .describe('Overrides the impact computed from component statuses; null or "" clears it');

/** The fields Statuspage's create and update share; `name` is required only on create. */
const incidentFields = z.object({
  name: text(255, 'Incident name (at most 255 characters)').optional(),
  status: z
    .enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` })
    .optional()
    .describe(
      'Realtime incidents: investigating, identified, monitoring, resolved. Scheduled maintenances: scheduled, in_progress, verifying, completed.',
    ),
  impact_override: impactOverride.optional(),
  body: text(25_000, 'The message of the update this creates (markdown)').optional(),
  components: z
    .record(z.string(), componentStatus())
    .optional()
    .describe(
      'Map of component id to the status this incident puts it in, e.g. {"8kbf7d35c070": "major_outage"}',
    ),
  component_ids: idList('Components affected by this incident').optional(),
  deliver_notifications: flag(
    'Deliver notifications to subscribers for this update (default true)',
  ).optional(),
  scheduled_for: timestamp('Start of a scheduled maintenance; makes the incident a maintenance on create')
    .nullable()
    .optional(),
  scheduled_until: timestamp('End of a scheduled maintenance').nullable().optional(),
  scheduled_auto_in_progress: flag(
    'Move the maintenance to in progress (components under maintenance) at scheduled_for',
  ).optional(),
  scheduled_auto_completed: flag(
    'Complete the maintenance (components operational) at scheduled_until',
  ).optional(),
  scheduled_auto_transition: flag('Same as scheduled_auto_in_progress').optional(),
  auto_transition_to_maintenance_state: flag(
    'Beacon moves components under maintenance whenever scheduled_auto_in_progress is set',
  ).optional(),
  auto_transition_to_operational_state: flag(
    'Beacon moves components back to operational whenever scheduled_auto_completed is set',
  ).optional(),
  auto_transition_deliver_notifications_at_start: flag(ACCEPTED_ONLY).optional(),
  auto_transition_deliver_notifications_at_end: flag(ACCEPTED_ONLY).optional(),
  scheduled_remind_prior: flag(ACCEPTED_ONLY).optional(),
  reminder_intervals: z.string().optional().describe(ACCEPTED_ONLY),
  auto_tweet_at_beginning: flag(ACCEPTED_ONLY).optional(),
  auto_tweet_on_completion: flag(ACCEPTED_ONLY).optional(),
  auto_tweet_on_creation: flag(ACCEPTED_ONLY).optional(),
  auto_tweet_one_hour_before: flag(ACCEPTED_ONLY).optional(),
  metadata: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .optional()
    .describe(`${ACCEPTED_ONLY} (Beacon does not store metadata.)`),
  backfilled: flag(
    'A past incident: components keep their current status; status defaults to resolved',
  ).optional(),
  backfill_date: z
    .string()
    .optional()
    .describe('When a backfilled incident happened: YYYY-MM-DD (page time zone) or an ISO 8601 time'),
});

export const incidentCreateBody = z.object({
  incident: incidentFields.extend({
    name: text(255, 'Incident name (at most 255 characters)').min(1, "can't be blank"),
  }),
});
export const incidentUpdateBody = z.object({ incident: incidentFields });

type IncidentFields = z.output<typeof incidentFields>;

function componentStatuses(fields: IncidentFields): Record<string, ComponentStatus> | undefined {
  if (fields.components === undefined) return undefined;
  const entries = Object.entries(fields.components).filter(
    (entry): entry is [string, ComponentStatus] => entry[1] !== undefined,
  );
  return Object.fromEntries(entries);
}

/** The fields both inputs share, absent when not sent. */
function sharedInput(fields: IncidentFields): UpdateIncidentInput {
  return {
    name: fields.name,
    status: fields.status,
    body: fields.body,
    impactOverride: fields.impact_override,
    componentStatuses: componentStatuses(fields),
    componentIds: fields.component_ids,
    deliverNotifications: fields.deliver_notifications,
    scheduledFor: fields.scheduled_for,
    scheduledUntil: fields.scheduled_until,
    scheduledAutoInProgress: fields.scheduled_auto_in_progress ?? fields.scheduled_auto_transition,
    scheduledAutoCompleted: fields.scheduled_auto_completed,
  };
}

export function toCreateIncidentInput(
  body: z.output<typeof incidentCreateBody>,
  timeZone: string,
): CreateIncidentInput {
  const fields = body.incident;
  const backfilled = fields.backfilled === true;
  const displayAt =
    backfilled && fields.backfill_date !== undefined
      ? parseBackfillDate(fields.backfill_date, timeZone)
      : undefined;
  return { ...sharedInput(fields), name: fields.name, backfilled, displayAt };
}

export function toUpdateIncidentInput(body: z.output<typeof incidentUpdateBody>): UpdateIncidentInput {
  return sharedInput(body.incident);
}

/** A day means its start in the page's time zone; a time must carry its offset. */
function parseBackfillDate(text: string, timeZone: string): number {
  const trimmed = text.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? DateTime.fromISO(trimmed, { zone: timeZone }) : null;
  const ms = day !== null ? (day.isValid ? day.toMillis() : null) : parseTimestamp(trimmed);
  if (ms === null) {
    throw new AppError('VALIDATION', 'backfill_date must be a date (YYYY-MM-DD) or an ISO 8601 time', {
      fields: [
        { field: 'backfill_date', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 time with an offset' },
      ],
    });
  }
  return ms;
}

export const incidentUpdateEditBody = z.object({
  incident_update: z.object({
    body: text(25_000, 'The update text (markdown)').optional(),
    display_at: timestamp('When the update is shown as posted').optional(),
    deliver_notifications: flag('Whether this update notified subscribers').optional(),
    wants_twitter_update: flag(ACCEPTED_ONLY).optional(),
  }),
});
