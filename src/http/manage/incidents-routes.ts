import { z } from 'zod';
import type { Incident } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { buildManageComponents } from '../../pages/manage/manage-component-json.js';
import {
  buildManageIncidentJson,
  buildManageIncidentUpdateJson,
  type ManageIncidentJson,
} from '../../pages/manage/manage-incident-json.js';
import { readComponents } from '../../services/components/component-uptime.js';
import { createIncident } from '../../services/incidents/create-incident.js';
import { deleteIncident } from '../../services/incidents/delete-incident.js';
import { editIncidentUpdate } from '../../services/incidents/edit-incident-update.js';
import { listIncidents, readIncident, type IncidentSlice } from '../../services/incidents/list-incidents.js';
import { updateIncident } from '../../services/incidents/update-incident.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import {
  incidentCreateBody,
  incidentUpdateBody,
  incidentUpdateEditBody,
  toCreateIncidentInput,
  toUpdateIncidentInput,
} from './incident-body.js';
import { manageRoute, type AnyManageRoute } from './manage-route.js';
import { wholeNumber } from './manage-schemas.js';
import { MAX_PER_PAGE, PAGING_DOCS, pagingOf, pagingQuery } from './paging.js';

const incidentsQuery = pagingQuery.extend({
  q: z.string().optional(),
  limit: wholeNumber({ min: 1, max: MAX_PER_PAGE }).optional(),
});

const SLICES: readonly { slice: Exclude<IncidentSlice, 'all'>; operationId: string; summary: string }[] = [
  {
    slice: 'unresolved',
    operationId: 'getPagesPageIdIncidentsUnresolved',
    summary: 'Get a list of unresolved incidents',
  },
  {
    slice: 'upcoming',
    operationId: 'getPagesPageIdIncidentsUpcoming',
    summary: 'Get a list of upcoming incidents',
  },
  {
    slice: 'scheduled',
    operationId: 'getPagesPageIdIncidentsScheduled',
    summary: 'Get a list of scheduled incidents',
  },
  {
    slice: 'active_maintenance',
    operationId: 'getPagesPageIdIncidentsActiveMaintenance',
    summary: 'Get a list of active maintenances',
  },
];

export function incidentsRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId } = options;

  /** An incident a write returned, serialized with the page's current components. */
  const incidentJson = async (actor: Actor, incident: Incident): Promise<ManageIncidentJson> => {
    const { page, components } = await readComponents(ctx, actor, pageId);
    return buildManageIncidentJson(incident, buildManageComponents(page, components), page.timeZone);
  };
  const list = async (
    actor: Actor,
    slice: IncidentSlice,
    query:
      | {
          q?: string | undefined;
          limit?: number | undefined;
          page?: number | undefined;
          per_page?: number | undefined;
        }
      | undefined,
  ) => {
    const paging = pagingOf({ page: query?.page, per_page: query?.limit ?? query?.per_page });
    const listing = await listIncidents(ctx, actor, pageId, { slice, q: query?.q, ...paging });
    const components = buildManageComponents(listing.page, listing.components);
    return {
      status: 200,
      body: listing.incidents.map((incident) =>
        buildManageIncidentJson(incident, components, listing.page.timeZone),
      ),
      headers: { 'x-total-count': String(listing.total) },
    };
  };
  const update = (method: 'PATCH' | 'PUT') =>
    manageRoute({
      method,
      path: '/pages/:page_id/incidents/:incident_id',
      operationId: `${method.toLowerCase()}PagesPageIdIncidentsIncidentId`,
      tag: 'incidents',
      summary: 'Update an incident',
      description:
        'A status, a body or component statuses add an update; name, impact_override and the schedule alone only edit the incident.',
      wrapper: 'incident',
      body: incidentUpdateBody,
      bodyRequired: true,
      permission: 'incidents.write',
      success: { status: 200, description: 'The incident' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, params, body }) => {
        const updated = await updateIncident(
          ctx,
          actor,
          pageId,
          params.incident_id!,
          toUpdateIncidentInput(body),
        );
        return { status: 200, body: await incidentJson(actor, updated) };
      },
    });
  const editUpdate = (method: 'PATCH' | 'PUT') =>
    manageRoute({
      method,
      path: '/pages/:page_id/incidents/:incident_id/incident_updates/:incident_update_id',
      operationId: `${method.toLowerCase()}PagesPageIdIncidentsIncidentIdIncidentUpdatesIncidentUpdateId`,
      tag: 'incident updates',
      summary: 'Update a previous incident update',
      description: 'Corrects the text or the display time of an update; its status stays.',
      wrapper: 'incident_update',
      body: incidentUpdateEditBody,
      bodyRequired: true,
      permission: 'incidents.write',
      success: { status: 200, description: 'The incident update' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, params, body }) => {
        const fields = body.incident_update;
        const updateId = params.incident_update_id!;
        const incident = await editIncidentUpdate(ctx, actor, pageId, params.incident_id!, updateId, {
          ...(fields.body === undefined ? {} : { body: fields.body }),
          ...(fields.display_at === undefined ? {} : { displayAt: fields.display_at }),
          ...(fields.deliver_notifications === undefined
            ? {}
            : { deliverNotifications: fields.deliver_notifications }),
        });
        const { page } = await readComponents(ctx, actor, pageId);
        const json = buildManageIncidentUpdateJson(incident, updateId, page.timeZone);
        if (json === undefined)
          throw new AppError('NOT_FOUND', `incident ${incident.id} has no update with id "${updateId}"`);
        return { status: 200, body: json };
      },
    });

  return [
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/incidents',
      operationId: 'getPagesPageIdIncidents',
      tag: 'incidents',
      summary: 'Get a list of incidents',
      description: 'Incidents and maintenances, newest first. The total is in the X-Total-Count header.',
      query: incidentsQuery,
      queryDocs: [
        {
          name: 'q',
          description:
            "Search for this text in the incidents' name, status, postmortem_body and incident updates.",
          schema: { type: 'string' },
        },
        {
          name: 'limit',
          description: `The maximum number of rows to return per page (default and maximum ${MAX_PER_PAGE}); per_page is a synonym.`,
          schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
        },
        ...PAGING_DOCS,
      ],
      success: { status: 200, description: 'The incidents' },
      errors: [401, 404, 422],
      handle: async ({ actor, query }) => list(actor, 'all', query),
    }),
    manageRoute({
      method: 'POST',
      path: '/pages/:page_id/incidents',
      operationId: 'postPagesPageIdIncidents',
      tag: 'incidents',
      summary: 'Create an incident',
      description:
        'A realtime incident, a scheduled maintenance (with scheduled_for and scheduled_until) or a backfilled past incident (backfilled: true, backfill_date). body becomes the first update; components sets component statuses.',
      wrapper: 'incident',
      body: incidentCreateBody,
      bodyRequired: true,
      permission: 'incidents.write',
      success: { status: 201, description: 'The new incident' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, body }) => {
        const { page } = await readComponents(ctx, actor, pageId);
        const created = await createIncident(ctx, actor, pageId, toCreateIncidentInput(body, page.timeZone));
        return { status: 201, body: await incidentJson(actor, created) };
      },
    }),
    ...SLICES.map(({ slice, operationId, summary }) =>
      manageRoute({
        method: 'GET',
        path: `/pages/:page_id/incidents/${slice}`,
        operationId,
        tag: 'incidents',
        summary,
        query: pagingQuery,
        queryDocs: PAGING_DOCS,
        success: { status: 200, description: 'The incidents' },
        errors: [401, 404, 422],
        handle: async ({ actor, query }) => list(actor, slice, query),
      }),
    ),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/incidents/:incident_id',
      operationId: 'getPagesPageIdIncidentsIncidentId',
      tag: 'incidents',
      summary: 'Get an incident',
      success: { status: 200, description: 'The incident' },
      errors: [401, 404],
      handle: async ({ actor, params }) => {
        const { page, components, incident } = await readIncident(ctx, actor, pageId, params.incident_id!);
        return {
          status: 200,
          body: buildManageIncidentJson(incident, buildManageComponents(page, components), page.timeZone),
        };
      },
    }),
    update('PATCH'),
    update('PUT'),
    manageRoute({
      method: 'DELETE',
      path: '/pages/:page_id/incidents/:incident_id',
      operationId: 'deletePagesPageIdIncidentsIncidentId',
      tag: 'incidents',
      summary: 'Delete an incident',
      description: 'Answers with the incident as it was. Component status history it caused stays.',
      permission: 'incidents.write',
      success: { status: 200, description: 'The deleted incident' },
      errors: [401, 403, 404],
      handle: async ({ actor, params }) => {
        const deleted = await deleteIncident(ctx, actor, pageId, params.incident_id!);
        return { status: 200, body: await incidentJson(actor, deleted) };
      },
    }),
    editUpdate('PATCH'),
    editUpdate('PUT'),
  ];
}
