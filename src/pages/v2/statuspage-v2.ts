import type { AnyIncidentStatus, Incident } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import { rollUpIndicator, type PageIndicatorSummary } from '../../domain/page-indicator.js';
import { formatTimestamp } from '../../domain/timestamp.js';
import { buildComponentJson, leafStatuses, type ComponentJson } from './component-json.js';
import { buildIncidentJson, type IncidentJson } from './incident-json.js';

/** Which slice of a paged list to return; `page` is 1-based. */
export interface V2Paging {
  readonly page: number;
  readonly perPage: number;
}

export interface V2PagingError {
  readonly error: string;
  readonly parameter: string;
}

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

export interface PageJson {
  readonly id: string;
  readonly name: string;
  readonly url: string | null;
  readonly time_zone: string;
  readonly updated_at: string;
}

const UNRESOLVED_INCIDENT: ReadonlySet<AnyIncidentStatus> = new Set([
  'investigating',
  'identified',
  'monitoring',
]);
const UPCOMING_MAINTENANCE: ReadonlySet<AnyIncidentStatus> = new Set(['scheduled']);
const ACTIVE_MAINTENANCE: ReadonlySet<AnyIncidentStatus> = new Set(['in_progress', 'verifying']);
const OPEN_MAINTENANCE: ReadonlySet<AnyIncidentStatus> = new Set([
  ...UPCOMING_MAINTENANCE,
  ...ACTIVE_MAINTENANCE,
]);

/** `GET /api/v2/summary.json`: unresolved incidents and upcoming or active maintenances. */
export function buildSummaryJson(data: PageData): object {
  const components = buildComponentJson(data);
  return {
    page: buildPageJson(data),
    components: [...components.values()],
    incidents: incidentsJson(data, components, 'incident', UNRESOLVED_INCIDENT),
    scheduled_maintenances: incidentsJson(data, components, 'maintenance', OPEN_MAINTENANCE),
    status: buildStatus(data),
  };
}

export function buildStatusJson(data: PageData): object {
  return { page: buildPageJson(data), status: buildStatus(data) };
}

export function buildComponentsJson(data: PageData): object {
  return { page: buildPageJson(data), components: [...buildComponentJson(data).values()] };
}

/** Incidents of every status, newest first (PageData's order), one page of them. */
export function buildIncidentsJson(data: PageData, paging: V2Paging): object {
  const incidents = incidentsJson(data, buildComponentJson(data), 'incident', null);
  return { page: buildPageJson(data), incidents: pageOf(incidents, paging) };
}

export function buildUnresolvedIncidentsJson(data: PageData): object {
  const incidents = incidentsJson(data, buildComponentJson(data), 'incident', UNRESOLVED_INCIDENT);
  return { page: buildPageJson(data), incidents };
}

export function buildScheduledMaintenancesJson(data: PageData, paging: V2Paging): object {
  const maintenances = incidentsJson(data, buildComponentJson(data), 'maintenance', null);
  return { page: buildPageJson(data), scheduled_maintenances: pageOf(maintenances, paging) };
}

export function buildUpcomingMaintenancesJson(data: PageData): object {
  const maintenances = incidentsJson(data, buildComponentJson(data), 'maintenance', UPCOMING_MAINTENANCE);
  return { page: buildPageJson(data), scheduled_maintenances: maintenances };
}

export function buildActiveMaintenancesJson(data: PageData): object {
  const maintenances = incidentsJson(data, buildComponentJson(data), 'maintenance', ACTIVE_MAINTENANCE);
  return { page: buildPageJson(data), scheduled_maintenances: maintenances };
}

/** Reads `page` and `per_page` from a request query; defaults 1 and 50, at most 100 per page. */
export function parseV2Paging(query: Record<string, unknown>): V2Paging | V2PagingError {
  const page = parsePositiveInteger(query['page'], 1, Number.MAX_SAFE_INTEGER);
  if (page === null) return { parameter: 'page', error: 'page must be an integer of at least 1' };
  const perPage = parsePositiveInteger(query['per_page'], DEFAULT_PER_PAGE, MAX_PER_PAGE);
  if (perPage === null) {
    return { parameter: 'per_page', error: `per_page must be an integer from 1 to ${MAX_PER_PAGE}` };
  }
  return { page, perPage };
}

function parsePositiveInteger(value: unknown, fallback: number, max: number): number | null {
  if (value === undefined) return fallback;
  let parsed: number;
  if (typeof value === 'number') parsed = value;
  else if (typeof value === 'string' && /^\d+$/.test(value)) parsed = Number(value);
  else return null;
  return Number.isSafeInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : null;
}

function pageOf<T>(items: readonly T[], paging: V2Paging): T[] {
  const start = (paging.page - 1) * paging.perPage;
  return items.slice(start, start + paging.perPage);
}

function buildPageJson(data: PageData): PageJson {
  const { page } = data;
  let updatedAt = page.updatedAt;
  for (const component of data.components) updatedAt = Math.max(updatedAt, component.updatedAt);
  for (const incident of data.incidents) updatedAt = Math.max(updatedAt, incident.updatedAt);
  return {
    id: page.id,
    name: page.name,
    url: page.url,
    time_zone: page.timeZone,
    updated_at: formatTimestamp(updatedAt, page.timeZone),
  };
}

function buildStatus(data: PageData): PageIndicatorSummary {
  const { indicator, description } = rollUpIndicator(leafStatuses(data));
  return { indicator, description };
}

function incidentsJson(
  data: PageData,
  components: ReadonlyMap<string, ComponentJson>,
  kind: Incident['kind'],
  statuses: ReadonlySet<AnyIncidentStatus> | null,
): IncidentJson[] {
  return data.incidents
    .filter((incident) => incident.kind === kind && (statuses === null || statuses.has(incident.status)))
    .map((incident) => buildIncidentJson(incident, components, data.page.timeZone));
}
