import { z } from 'zod';
import type { Incident } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { buildManagePostmortemJson } from '../../pages/manage/manage-incident-json.js';
import { readComponents } from '../../services/components/component-uptime.js';
import { readIncident } from '../../services/incidents/list-incidents.js';
import {
  deletePostmortem,
  publishPostmortem,
  revertPostmortem,
  savePostmortem,
} from '../../services/incidents/postmortem.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { manageRoute, type AnyManageRoute } from './manage-route.js';
import { flag, text } from './manage-schemas.js';

const NOT_SENT = 'Accepted for compatibility; Beacon does not send postmortem notifications yet.';

const postmortemBody = z.object({
  postmortem: z.object({
    body_draft: text(100_000, 'The postmortem text (markdown)').min(1, "can't be blank"),
  }),
});

const publishBody = z.object({
  postmortem: z.object({
    notify_twitter: flag(NOT_SENT).optional(),
    notify_subscribers: flag(NOT_SENT).optional(),
    custom_tweet: z.string().optional().describe(NOT_SENT),
  }),
});

const PATH = '/pages/:page_id/incidents/:incident_id/postmortem';

export function postmortemRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId } = options;
  const postmortemJson = async (actor: Actor, incident: Incident) => {
    const { page } = await readComponents(ctx, actor, pageId);
    const json = buildManagePostmortemJson(incident, page.timeZone);
    if (json === undefined) throw new AppError('NOT_FOUND', 'this incident has no postmortem');
    return { status: 200, body: json };
  };

  return [
    manageRoute({
      method: 'GET',
      path: PATH,
      operationId: 'getPagesPageIdIncidentsIncidentIdPostmortem',
      tag: 'incident postmortem',
      summary: 'Get Postmortem',
      success: { status: 200, description: 'The postmortem' },
      errors: [401, 404],
      handle: async ({ actor, params }) => {
        const { page, incident } = await readIncident(ctx, actor, pageId, params.incident_id!);
        const json = buildManagePostmortemJson(incident, page.timeZone);
        if (json === undefined) throw new AppError('NOT_FOUND', 'this incident has no postmortem');
        return { status: 200, body: json };
      },
    }),
    manageRoute({
      method: 'PUT',
      path: PATH,
      operationId: 'putPagesPageIdIncidentsIncidentIdPostmortem',
      tag: 'incident postmortem',
      summary: 'Create Postmortem',
      description: 'Writes the draft. A published postmortem stays published with the new text.',
      wrapper: 'postmortem',
      body: postmortemBody,
      bodyRequired: true,
      permission: 'incidents.write',
      success: { status: 200, description: 'The postmortem' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, params, body }) =>
        postmortemJson(
          actor,
          await savePostmortem(ctx, actor, pageId, params.incident_id!, body.postmortem.body_draft),
        ),
    }),
    manageRoute({
      method: 'PUT',
      path: `${PATH}/publish`,
      operationId: 'putPagesPageIdIncidentsIncidentIdPostmortemPublish',
      tag: 'incident postmortem',
      summary: 'Publish Postmortem',
      description:
        'The incident must be resolved (409 otherwise) and have a postmortem; its status becomes postmortem.',
      wrapper: 'postmortem',
      body: publishBody,
      permission: 'incidents.write',
      success: { status: 200, description: 'The published postmortem' },
      errors: [400, 401, 403, 404, 409, 422],
      handle: async ({ actor, params }) =>
        postmortemJson(actor, await publishPostmortem(ctx, actor, pageId, params.incident_id!)),
    }),
    manageRoute({
      method: 'PUT',
      path: `${PATH}/revert`,
      operationId: 'putPagesPageIdIncidentsIncidentIdPostmortemRevert',
      tag: 'incident postmortem',
      summary: 'Revert Postmortem',
      description:
        'Takes a published postmortem back to draft (409 when it is not published); the incident is resolved again.',
      permission: 'incidents.write',
      success: { status: 200, description: 'The postmortem, as a draft' },
      errors: [401, 403, 404, 409],
      handle: async ({ actor, params }) =>
        postmortemJson(actor, await revertPostmortem(ctx, actor, pageId, params.incident_id!)),
    }),
    manageRoute({
      method: 'DELETE',
      path: PATH,
      operationId: 'deletePagesPageIdIncidentsIncidentIdPostmortem',
      tag: 'incident postmortem',
      summary: 'Delete Postmortem',
      permission: 'incidents.write',
      success: { status: 204, description: 'Deleted' },
      errors: [401, 403, 404],
      handle: async ({ actor, params }) => {
        await deletePostmortem(ctx, actor, pageId, params.incident_id!);
        return { status: 204 };
      },
    }),
  ];
}
