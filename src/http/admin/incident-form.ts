import { isComponentStatus, type ComponentStatus } from '../../domain/component-status.js';
import { isAllowedStatus } from '../../domain/incident-lifecycle.js';
import {
  INCIDENT_STATUSES,
  MAINTENANCE_STATUSES,
  type AnyIncidentStatus,
  type Impact,
  type IncidentKind,
} from '../../domain/incident.js';
import type { FieldProblem } from '../../lib/app-error.js';
import type { FormValues } from '../../pages/admin/index.js';
import type { CreateIncidentInput, UpdateIncidentInput } from '../../services/incidents/incident-input.js';
import { isChecked, listOf, prefixedValues, textOf } from './form-body.js';
import { readDateTime, throwIfProblems } from './zoned-input.js';

const OVERRIDES: readonly Impact[] = ['none', 'minor', 'major', 'critical'];
const COMPONENT_PREFIX = 'components.';

function isIncidentStatus(value: string): value is AnyIncidentStatus {
  return (
    (INCIDENT_STATUSES as readonly string[]).includes(value) ||
    (MAINTENANCE_STATUSES as readonly string[]).includes(value)
  );
}

function readStatus(
  problems: FieldProblem[],
  values: FormValues,
  kind: IncidentKind,
): AnyIncidentStatus | undefined {
  const status = textOf(values, 'status');
  if (status === '') return undefined;
  if (!isIncidentStatus(status) || !isAllowedStatus(kind, status)) {
    problems.push({ field: 'status', message: 'choose one of the listed statuses' });
    return undefined;
  }
  return status;
}

/** "components.<id>" selects with a status chosen, as component id → status. */
function readComponentStatuses(
  problems: FieldProblem[],
  values: FormValues,
): Record<string, ComponentStatus> {
  const statuses: Record<string, ComponentStatus> = {};
  for (const [id, status] of prefixedValues(values, COMPONENT_PREFIX)) {
    if (isComponentStatus(status)) statuses[id] = status;
    else problems.push({ field: `${COMPONENT_PREFIX}${id}`, message: 'choose one of the listed statuses' });
  }
  return statuses;
}

/** "auto" → no override (null), else one of the four impacts. */
function readImpact(problems: FieldProblem[], values: FormValues): Impact | null {
  const impact = textOf(values, 'impact');
  if (impact === '' || impact === 'auto') return null;
  if ((OVERRIDES as readonly string[]).includes(impact)) return impact as Impact;
  problems.push({ field: 'impact', message: 'choose automatic or one of the listed impacts' });
  return null;
}

/** The composer's fields as the service's input; a backfill also gives when it was resolved. */
export function readComposer(
  values: FormValues,
  timeZone: string,
  backfill: boolean,
): { input: CreateIncidentInput; resolvedAt: number | null } {
  const problems: FieldProblem[] = [];
  const status = readStatus(problems, values, 'incident') ?? (backfill ? 'resolved' : 'investigating');
  const componentStatuses = readComponentStatuses(problems, values);
  const impactOverride = readImpact(problems, values);
  const occurredAt = backfill
    ? readDateTime(problems, 'occurred_at', textOf(values, 'occurred_at'), timeZone, true)
    : null;
  const resolvedAt = backfill
    ? readDateTime(problems, 'resolved_at', textOf(values, 'resolved_at'), timeZone, false)
    : null;
  if (occurredAt !== null && resolvedAt !== null && resolvedAt <= occurredAt)
    problems.push({ field: 'resolved_at', message: 'must be after the start' });
  throwIfProblems(problems);
  return {
    input: {
      kind: 'incident',
      name: textOf(values, 'name'),
      status,
      body: textOf(values, 'body'),
      impactOverride,
      componentStatuses,
      deliverNotifications: isChecked(values, 'deliver_notifications'),
      ...(backfill && occurredAt !== null ? { backfilled: true, displayAt: occurredAt } : {}),
    },
    resolvedAt,
  };
}

/** A "Post update" or "Resolve" form: status, message, component statuses, notify. */
export function readUpdate(values: FormValues, kind: IncidentKind): UpdateIncidentInput {
  const problems: FieldProblem[] = [];
  const status = readStatus(problems, values, kind);
  if (status === undefined && problems.length === 0)
    problems.push({ field: 'status', message: 'choose a status' });
  const componentStatuses = readComponentStatuses(problems, values);
  throwIfProblems(problems);
  return {
    status,
    body: textOf(values, 'body'),
    componentStatuses,
    deliverNotifications: isChecked(values, 'deliver_notifications'),
  };
}

/** The details form: title, impact override, and for maintenance its window and automation. */
export function readDetails(values: FormValues, kind: IncidentKind, timeZone: string): UpdateIncidentInput {
  const problems: FieldProblem[] = [];
  if (kind === 'incident') {
    const impactOverride = readImpact(problems, values);
    throwIfProblems(problems);
    return { name: textOf(values, 'name'), impactOverride };
  }
  const scheduledFor = readDateTime(
    problems,
    'scheduled_for',
    textOf(values, 'scheduled_for'),
    timeZone,
    true,
  );
  const scheduledUntil = readDateTime(
    problems,
    'scheduled_until',
    textOf(values, 'scheduled_until'),
    timeZone,
    true,
  );
  throwIfProblems(problems);
  return {
    name: textOf(values, 'name'),
    ...(scheduledFor === null ? {} : { scheduledFor }),
    ...(scheduledUntil === null ? {} : { scheduledUntil }),
    scheduledAutoInProgress: isChecked(values, 'auto_start'),
    scheduledAutoCompleted: isChecked(values, 'auto_complete'),
  };
}

/** The maintenance form as the service's input (scheduled, changing no component until it starts). */
export function readMaintenance(values: FormValues, timeZone: string): CreateIncidentInput {
  const problems: FieldProblem[] = [];
  const scheduledFor = readDateTime(
    problems,
    'scheduled_for',
    textOf(values, 'scheduled_for'),
    timeZone,
    true,
  );
  const scheduledUntil = readDateTime(
    problems,
    'scheduled_until',
    textOf(values, 'scheduled_until'),
    timeZone,
    true,
  );
  throwIfProblems(problems);
  return {
    kind: 'maintenance',
    name: textOf(values, 'name'),
    status: 'scheduled',
    body: textOf(values, 'body'),
    componentIds: listOf(values, 'component_ids').filter((id) => id !== ''),
    scheduledFor,
    scheduledUntil,
    scheduledAutoInProgress: isChecked(values, 'auto_start'),
    scheduledAutoCompleted: isChecked(values, 'auto_complete'),
    deliverNotifications: isChecked(values, 'deliver_notifications'),
  };
}
