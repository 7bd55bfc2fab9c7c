import { COMPONENT_STATUSES, STATUS_LABELS } from '../../domain/component-status.js';
import { allowedStatuses } from '../../domain/incident-lifecycle.js';
import type { IncidentKind } from '../../domain/incident.js';
import { INCIDENT_STATUS_LABELS } from '../html/labels.js';
import type { Option } from './form-controls.js';

export const COMPONENT_STATUS_OPTIONS: readonly Option[] = COMPONENT_STATUSES.map((s) => ({
  value: s,
  label: STATUS_LABELS[s],
}));

export function incidentStatusOptions(kind: IncidentKind): Option[] {
  return allowedStatuses(kind).map((s) => ({ value: s, label: INCIDENT_STATUS_LABELS[s] }));
}

export const IMPACT_OPTIONS: readonly Option[] = [
  { value: 'auto', label: 'Automatic (from component statuses)' },
  { value: 'none', label: 'None' },
  { value: 'minor', label: 'Minor' },
  { value: 'major', label: 'Major' },
  { value: 'critical', label: 'Critical' },
];
