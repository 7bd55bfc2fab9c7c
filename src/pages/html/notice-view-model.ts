import { STATUS_LABELS } from '../../domain/component-status.js';
import type { Component } from '../../domain/component.js';
import type { Impact, Incident, IncidentKind } from '../../domain/incident.js';
import { renderMarkdown } from '../render-markdown.js';
import { formatDisplayTime, formatZonedDisplayTime } from './format-display-time.js';
import { IMPACT_LABELS, INCIDENT_STATUS_LABELS, incidentHref } from './labels.js';
import { formatZonedIso, zonedTime } from './zoned-time.js';

export interface TimeViewModel {
  /** "Feb 16, 2024 - 08:40 CET" */
  readonly text: string;
  /** ISO 8601 in the page's offset, for `<time datetime>` */
  readonly iso: string;
}

/** One entry of a notice's timeline: a published postmortem or an update. */
export interface NoticeEntryViewModel {
  readonly kind: 'postmortem' | 'update';
  readonly label: string;
  /** Safe HTML from renderMarkdown. */
  readonly bodyHtml: string;
  readonly time: TimeViewModel;
  /** "Chatbot engine: Operational → Major outage" */
  readonly changes: readonly string[];
}

export interface NoticeViewModel {
  readonly id: string;
  readonly href: string;
  readonly kind: IncidentKind;
  readonly name: string;
  readonly impact: Impact;
  readonly impactLabel: string;
  readonly statusLabel: string;
  /** When it started (a maintenance: when scheduled to start). */
  readonly startsAt: TimeViewModel;
  /** "Scheduled for … until …", for maintenances with a window. */
  readonly scheduleText: string | null;
  readonly componentNames: readonly string[];
  /** Postmortem first when published, then updates newest first. */
  readonly entries: readonly NoticeEntryViewModel[];
  /** All entries the incident has; more than `entries.length` in the short form. */
  readonly entryCount: number;
}

/** When a notice belongs on the timeline: a maintenance by its scheduled start, an incident by its start. */
export function noticeTimeOf(incident: Incident): number {
  return incident.kind === 'maintenance' ? (incident.scheduledFor ?? incident.startedAt) : incident.startedAt;
}

export interface NoticeOptions {
  /** Only the newest entry (the home page's short form); the incident page has the rest. */
  readonly latestOnly?: boolean;
}

export function buildNoticeViewModel(
  incident: Incident,
  componentsById: ReadonlyMap<string, Component>,
  timeZone: string,
  options: NoticeOptions = {},
): NoticeViewModel {
  const time = (epochMs: number): TimeViewModel => {
    const zoned = zonedTime(epochMs, timeZone);
    return { text: formatZonedDisplayTime(epochMs, timeZone, zoned), iso: formatZonedIso(zoned) };
  };
  const entries: NoticeEntryViewModel[] = [];
  const { postmortem } = incident;
  if (postmortem !== null && postmortem.publishedAt !== null) {
    entries.push({
      kind: 'postmortem',
      label: 'Postmortem',
      bodyHtml: renderMarkdown(postmortem.body),
      time: time(postmortem.publishedAt),
      changes: [],
    });
  }
  const updates = [...incident.updates].sort((a, b) => b.displayAt - a.displayAt);
  const entryCount = entries.length + updates.length;
  // Markdown is the costly part of a big page: the short form renders only what it shows.
  const shownUpdates = options.latestOnly !== true ? updates : entries.length > 0 ? [] : updates.slice(0, 1);
  for (const update of shownUpdates) {
    entries.push({
      kind: 'update',
      label: INCIDENT_STATUS_LABELS[update.status],
      bodyHtml: renderMarkdown(update.body),
      time: time(update.displayAt),
      changes: (update.affectedComponents ?? []).map(
        (change) => `${change.name}: ${STATUS_LABELS[change.oldStatus]} → ${STATUS_LABELS[change.newStatus]}`,
      ),
    });
  }
  const { scheduledFor, scheduledUntil } = incident;
  return {
    id: incident.id,
    href: incidentHref(incident.id),
    kind: incident.kind,
    name: incident.name,
    impact: incident.impact,
    impactLabel: IMPACT_LABELS[incident.impact],
    statusLabel: INCIDENT_STATUS_LABELS[incident.status],
    startsAt: time(noticeTimeOf(incident)),
    scheduleText:
      incident.kind === 'maintenance' && scheduledFor !== null
        ? `Scheduled for ${formatDisplayTime(scheduledFor, timeZone)}` +
          (scheduledUntil === null ? '' : ` until ${formatDisplayTime(scheduledUntil, timeZone)}`)
        : null,
    componentNames: incident.componentIds.flatMap((id) => {
      const component = componentsById.get(id);
      return component === undefined ? [] : [component.name];
    }),
    entries,
    entryCount,
  };
}

export function indexComponents(components: readonly Component[]): ReadonlyMap<string, Component> {
  return new Map(components.map((component) => [component.id, component]));
}
