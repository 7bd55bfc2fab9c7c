import type { Component } from '../../domain/component.js';
import type { Incident } from '../../domain/incident.js';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS } from '../html/labels.js';
import { AdminTime } from './admin-time.js';

export function adminIncidentHref(incidentId: string): string {
  return `/admin/incidents/${encodeURIComponent(incidentId)}`;
}

/** One incident or maintenance in a list: name, status, impact, components and when. */
export function IncidentSummary(props: {
  readonly incident: Incident;
  readonly componentsById: ReadonlyMap<string, Component>;
  readonly timeZone: string;
}) {
  const { incident, timeZone } = props;
  const names = incident.componentIds.flatMap((id) => {
    const c = props.componentsById.get(id);
    return c === undefined ? [] : [c.name];
  });
  const latest = incident.updates[0];
  return (
    <article class={`card i-${incident.impact}`}>
      <h3 class="notice-title">
        <a href={adminIncidentHref(incident.id)}>{incident.name}</a>
        <span class={`impact impact-${incident.impact}`}>{IMPACT_LABELS[incident.impact]}</span>
        <span class="tag">{INCIDENT_STATUS_LABELS[incident.status]}</span>
      </h3>
      {incident.kind === 'maintenance' && incident.scheduledFor !== null ? (
        <p class="meta">
          Scheduled for <AdminTime at={incident.scheduledFor} timeZone={timeZone} />
          {incident.scheduledUntil !== null && (
            <>
              {' '}
              until <AdminTime at={incident.scheduledUntil} timeZone={timeZone} />
            </>
          )}
        </p>
      ) : (
        <p class="meta">
          Started <AdminTime at={incident.startedAt} timeZone={timeZone} />
          {incident.backfilled && ' (backfilled)'}
        </p>
      )}
      {names.length > 0 && <p class="meta">Affects {names.join(', ')}</p>}
      {latest !== undefined && (
        <p class="meta">
          Last update <AdminTime at={latest.displayAt} timeZone={timeZone} />
        </p>
      )}
    </article>
  );
}

export function IncidentList(props: {
  readonly incidents: readonly Incident[];
  readonly componentsById: ReadonlyMap<string, Component>;
  readonly timeZone: string;
  readonly empty: string;
}) {
  if (props.incidents.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <ul class="notice-cards">
      {props.incidents.map((incident) => (
        <li>
          <IncidentSummary
            incident={incident}
            componentsById={props.componentsById}
            timeZone={props.timeZone}
          />
        </li>
      ))}
    </ul>
  );
}
