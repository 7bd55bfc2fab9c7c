import type { Incident, IncidentUpdate } from '../domain/incident.js';
import type { Page } from '../domain/page.js';
import type { PageData } from '../domain/page-data.js';

/** Builders for feed tests: a page in Amsterdam time with incidents around 10 January 2025. */
export const JAN_10 = Date.UTC(2025, 0, 10, 12, 0, 0, 0);
export const BASE_URL = 'https://status.example.com';
export const HOSTILE = `<script>alert("x")</script> & 'quoted'`;

export function page(overrides: Partial<Page> = {}): Page {
  return {
    id: 'beaconpage01',
    name: 'Watermelon',
    url: BASE_URL,
    timeZone: 'Europe/Amsterdam',
    locale: 'en',
    createdAt: Date.UTC(2024, 5, 1),
    updatedAt: Date.UTC(2024, 5, 1),
    ...overrides,
  };
}

export function update(id: string, at: number, overrides: Partial<IncidentUpdate> = {}): IncidentUpdate {
  return {
    id,
    incidentId: 'incident0001',
    status: 'investigating',
    body: 'We are investigating.',
    displayAt: at,
    createdAt: at,
    updatedAt: at,
    deliverNotifications: true,
    affectedComponents: null,
    ...overrides,
  };
}

export function incident(id: string, at: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    pageId: 'beaconpage01',
    kind: 'incident',
    name: `Incident ${id}`,
    status: 'investigating',
    impact: 'minor',
    impactOverride: null,
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    scheduledAutoInProgress: false,
    scheduledAutoCompleted: false,
    backfilled: false,
    shortlink: null,
    postmortem: null,
    componentIds: [],
    updates: [update(`${id}u1`, at)],
    ...overrides,
  };
}

export function pageData(incidents: readonly Incident[], overrides: Partial<Page> = {}): PageData {
  return { page: page(overrides), components: [], statusChanges: [], incidents };
}
