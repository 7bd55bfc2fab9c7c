import type { Component } from '../../domain/component.js';
import type { AnyIncidentStatus, Incident } from '../../domain/incident.js';
import type { Page } from '../../domain/page.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { listComponents } from '../../store/components.js';
import { findIncident, listIncidents as listStoredIncidents } from '../../store/incidents.js';
import { findPage } from '../../store/pages.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';

/** The lists Statuspage's Manage API offers: all, or one of its named slices. */
export type IncidentSlice = 'all' | 'unresolved' | 'upcoming' | 'scheduled' | 'active_maintenance';

export interface ListIncidentsOptions {
  readonly slice: IncidentSlice;
  /** Case-insensitive text in the name, status, postmortem or any update's body. */
  readonly q?: string | undefined;
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
}

/** One page of incidents, with what a serializer needs around them: the page and its components. */
export interface IncidentListing {
  readonly page: Page;
  readonly components: readonly Component[];
  readonly incidents: readonly Incident[];
  readonly total: number;
}

const UNRESOLVED: ReadonlySet<AnyIncidentStatus> = new Set(['investigating', 'identified', 'monitoring']);
const ACTIVE_MAINTENANCE: ReadonlySet<AnyIncidentStatus> = new Set(['in_progress', 'verifying']);

/**
 * Incidents and maintenances newest first, as the operator API lists them. Drafts (automatic incidents
 * nobody has published) stay out: the API shows what the public page shows.
 */
export async function listIncidents(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  options: ListIncidentsOptions,
): Promise<IncidentListing> {
  authorize(actor, 'read');
  return ctx.store.transaction(async (tx) => {
    const page = await requirePage(tx, pageId);
    const all = await listStoredIncidents(tx, pageId, { publicOnly: true });
    const needle = options.q?.trim().toLowerCase() ?? '';
    const matching = all.filter(
      (incident) => inSlice(incident, options.slice) && (needle === '' || mentions(incident, needle)),
    );
    const offset = (options.page - 1) * options.perPage;
    return {
      page,
      components: await listComponents(tx, pageId),
      incidents: matching.slice(offset, offset + options.perPage),
      total: matching.length,
    };
  });
}

/** One published incident or maintenance of the page, with the page and its components. */
export async function readIncident(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  incidentId: string,
): Promise<{ page: Page; components: readonly Component[]; incident: Incident }> {
  authorize(actor, 'read');
  return ctx.store.transaction(async (tx) => {
    const page = await requirePage(tx, pageId);
    const incident = await findIncident(tx, incidentId);
    const draft = await tx
      .selectFrom('incidents')
      .select('draft')
      .where('id', '=', incidentId)
      .executeTakeFirst();
    if (incident === undefined || incident.pageId !== pageId || draft?.draft === 1) {
      throw new AppError('NOT_FOUND', `there is no incident with id "${incidentId}"`);
    }
    return { page, components: await listComponents(tx, pageId), incident };
  });
}

function inSlice(incident: Incident, slice: IncidentSlice): boolean {
  switch (slice) {
    case 'all':
      return true;
    case 'unresolved':
      return incident.kind === 'incident' && UNRESOLVED.has(incident.status);
    case 'upcoming':
      return incident.kind === 'maintenance' && incident.status === 'scheduled';
    case 'scheduled':
      return incident.kind === 'maintenance';
    case 'active_maintenance':
      return incident.kind === 'maintenance' && ACTIVE_MAINTENANCE.has(incident.status);
  }
}

function mentions(incident: Incident, needle: string): boolean {
  const haystacks = [
    incident.name,
    incident.status,
    incident.postmortem?.body ?? '',
    ...incident.updates.map((u) => u.body),
  ];
  return haystacks.some((text) => text.toLowerCase().includes(needle));
}

async function requirePage(tx: Db, pageId: string): Promise<Page> {
  const page = await findPage(tx, pageId);
  if (page === undefined) throw new AppError('NOT_FOUND', `there is no page with id "${pageId}"`);
  return page;
}
