import { worstStatus, type ComponentStatus } from '../domain/component-status.js';
import type { PageData } from '../domain/page-data.js';
import type { UptimeWeights } from '../domain/uptime.js';
import { AppError } from '../lib/app-error.js';
import { buildComponentBadge, buildPageBadge } from '../pages/badge-svg.js';
import { buildAtomFeed } from '../pages/atom-feed.js';
import { buildRssFeed } from '../pages/rss-feed.js';
import { renderComponentPage } from '../pages/html/render-component-page.js';
import { renderHistoryPage, type HistoryQuery } from '../pages/html/render-history-page.js';
import { renderHomePage } from '../pages/html/render-home-page.js';
import { renderIncidentPage } from '../pages/html/render-incident-page.js';
import { RenderMemo } from '../pages/html/render-memo.js';
import {
  buildActiveMaintenancesJson,
  buildComponentsJson,
  buildIncidentsJson,
  buildScheduledMaintenancesJson,
  buildStatusJson,
  buildSummaryJson,
  buildUnresolvedIncidentsJson,
  buildUpcomingMaintenancesJson,
  type V2Paging,
} from '../pages/v2/statuspage-v2.js';
import type { DocumentSource, PageSnapshot } from '../services/page-snapshot.js';

export interface PublicDocument {
  readonly key: string;
  readonly render: (data: PageData, now: number) => DocumentSource;
}

export interface PublicDocumentOptions {
  readonly uptimeWeights: UptimeWeights;
  /** Absolute base for links in feeds. */
  readonly baseUrl: string;
}

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const SVG = 'image/svg+xml; charset=utf-8';
const json = (value: object): DocumentSource => ({ contentType: JSON_TYPE, body: JSON.stringify(value) });
const html = (body: string): DocumentSource => ({ contentType: HTML, body });

export type V2Document =
  | 'summary.json'
  | 'status.json'
  | 'components.json'
  | 'incidents/unresolved.json'
  | 'scheduled-maintenances/upcoming.json'
  | 'scheduled-maintenances/active.json';
export type PagedV2Document = 'incidents.json' | 'scheduled-maintenances.json';

const V2_BUILDERS: Readonly<Record<V2Document, (data: PageData) => object>> = {
  'summary.json': buildSummaryJson,
  'status.json': buildStatusJson,
  'components.json': buildComponentsJson,
  'incidents/unresolved.json': buildUnresolvedIncidentsJson,
  'scheduled-maintenances/upcoming.json': buildUpcomingMaintenancesJson,
  'scheduled-maintenances/active.json': buildActiveMaintenancesJson,
};
const PAGED_V2_BUILDERS: Readonly<Record<PagedV2Document, (data: PageData, paging: V2Paging) => object>> = {
  'incidents.json': buildIncidentsJson,
  'scheduled-maintenances.json': buildScheduledMaintenancesJson,
};
export const V2_DOCUMENTS = Object.keys(V2_BUILDERS) as V2Document[];
export const PAGED_V2_DOCUMENTS = Object.keys(PAGED_V2_BUILDERS) as PagedV2Document[];

// One per process: the routes and the warm-up after each rebuild render through the same memo.
const PUBLIC_RENDER_MEMO = new RenderMemo();

/** The catalogue of public documents: one key and one renderer each, shared by routes and warm-up. */
export function publicDocuments(options: PublicDocumentOptions) {
  const ctx = (now: number) => ({ now, uptimeWeights: options.uptimeWeights, memo: PUBLIC_RENDER_MEMO });
  const { baseUrl } = options;
  return {
    home: (): PublicDocument => ({
      key: 'home',
      render: (data, now) => html(renderHomePage(data, ctx(now))),
    }),
    history: (query: HistoryQuery): PublicDocument => ({
      key: query.kind === 'page' ? `history:page:${query.page}` : `history:from:${query.month}`,
      render: (data, now) => html(renderHistoryPage(data, query, ctx(now))),
    }),
    incident: (id: string): PublicDocument => ({
      key: `incident:${id}`,
      render: (data, now) =>
        html(found(renderIncidentPage(data, id, ctx(now)), `there is no incident with id "${id}"`)),
    }),
    component: (id: string): PublicDocument => ({
      key: `component:${id}`,
      render: (data, now) =>
        html(found(renderComponentPage(data, id, ctx(now)), `there is no component with id "${id}"`)),
    }),
    v2: (path: V2Document): PublicDocument => ({
      key: `v2:${path}`,
      render: (data) => json(V2_BUILDERS[path](data)),
    }),
    v2Paged: (path: PagedV2Document, paging: V2Paging): PublicDocument => ({
      key: `v2:${path}:${paging.page}:${paging.perPage}`,
      render: (data) => json(PAGED_V2_BUILDERS[path](data, paging)),
    }),
    atom: (): PublicDocument => ({
      key: 'atom',
      render: (data, now) => ({
        contentType: 'application/atom+xml; charset=utf-8',
        body: buildAtomFeed(data, { baseUrl, now }),
      }),
    }),
    rss: (): PublicDocument => ({
      key: 'rss',
      render: (data, now) => ({
        contentType: 'application/rss+xml; charset=utf-8',
        body: buildRssFeed(data, { baseUrl, now }),
      }),
    }),
    pageBadge: (): PublicDocument => ({
      key: 'badge',
      render: (data) => ({ contentType: SVG, body: buildPageBadge(data) }),
    }),
    componentBadge: (id: string): PublicDocument => ({
      key: `badge:${id}`,
      render: (data) => {
        const component = found(
          data.components.find((c) => c.id === id) ?? null,
          `there is no component with id "${id}"`,
        );
        return { contentType: SVG, body: buildComponentBadge(component.name, statusOf(data, component.id)) };
      },
    }),
  };
}

export type PublicDocuments = ReturnType<typeof publicDocuments>;

/** Renders the documents nearly every visitor asks for right after a rebuild. */
export function warmPublicDocuments(snapshot: PageSnapshot, options: PublicDocumentOptions): void {
  const docs = publicDocuments(options);
  for (const doc of [
    docs.home(),
    docs.v2('summary.json'),
    docs.v2('status.json'),
    docs.v2('components.json'),
  ]) {
    snapshot.document(doc.key, doc.render);
  }
}

function found<T>(value: T | null, message: string): T {
  if (value === null) throw new AppError('NOT_FOUND', message);
  return value;
}

function statusOf(data: PageData, componentId: string): ComponentStatus {
  const component = data.components.find((c) => c.id === componentId);
  if (component === undefined) return 'operational';
  if (!component.isGroup) return component.status;
  return worstStatus(data.components.filter((c) => c.groupId === component.id).map((c) => c.status));
}
