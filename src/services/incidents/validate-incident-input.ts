import type { AnyIncidentStatus, IncidentKind } from '../../domain/incident.js';
import { allowedStatuses, isAllowedStatus } from '../../domain/incident-lifecycle.js';
import { AppError, type FieldProblem } from '../../lib/app-error.js';

const MAX_NAME = 255;
const MAX_BODY = 50_000;

/** Checks what every front end sends the same way; all problems reported together. */
export function validateIncidentFields(
  kind: IncidentKind,
  fields: {
    name?: string | undefined;
    status?: AnyIncidentStatus | undefined;
    body?: string | undefined;
    scheduledFor?: number | null | undefined;
    scheduledUntil?: number | null | undefined;
  },
  requireSchedule: boolean,
): void {
  const problems: FieldProblem[] = [];
  if (fields.name !== undefined && fields.name.trim() === '')
    problems.push({ field: 'name', message: "can't be blank" });
  if (fields.name !== undefined && fields.name.length > MAX_NAME)
    problems.push({ field: 'name', message: `is longer than ${MAX_NAME} characters` });
  if (fields.body !== undefined && fields.body.length > MAX_BODY)
    problems.push({ field: 'body', message: `is longer than ${MAX_BODY} characters` });
  if (fields.status !== undefined && !isAllowedStatus(kind, fields.status)) {
    problems.push({
      field: 'status',
      message: `must be one of ${allowedStatuses(kind).join(', ')} for ${kind === 'incident' ? 'an incident' : 'a maintenance'}`,
    });
  }
  if (kind === 'maintenance') {
    const { scheduledFor, scheduledUntil } = fields;
    if (requireSchedule && (scheduledFor === undefined || scheduledFor === null))
      problems.push({ field: 'scheduled_for', message: 'is required for scheduled maintenance' });
    if (requireSchedule && (scheduledUntil === undefined || scheduledUntil === null))
      problems.push({ field: 'scheduled_until', message: 'is required for scheduled maintenance' });
    if (
      typeof scheduledFor === 'number' &&
      typeof scheduledUntil === 'number' &&
      scheduledUntil <= scheduledFor
    ) {
      problems.push({ field: 'scheduled_until', message: 'must be after scheduled_for' });
    }
  }
  if (problems.length > 0)
    throw new AppError('VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), {
      fields: problems,
    });
}
