import { z } from 'zod';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { buildManageGroup } from '../../pages/manage/manage-component-json.js';
import { buildGroupUptimeJson } from '../../pages/manage/manage-uptime-json.js';
import type { GroupInput } from '../../services/components/component-input.js';
import { componentGroupUptime, readComponents } from '../../services/components/component-uptime.js';
import { createGroup, deleteGroup, updateGroup } from '../../services/components/manage-groups.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { UPTIME_DOCS, uptimeQuery } from './components-routes.js';
import { manageRoute, type AnyManageRoute } from './manage-route.js';
import { idList, text, wholeNumber } from './manage-schemas.js';
import { PAGING_DOCS, pageOf, pagingOf, pagingQuery } from './paging.js';

const groupDescription = text(2000, 'Description of the component group').nullable().optional();

const groupUpdateFields = z.object({
  name: text(255, 'Display name of the group').optional(),
  components: idList(
    'The ids of the components in the group, in order; components not listed leave it',
  ).optional(),
  description: groupDescription,
  position: wholeNumber({ min: 1, description: 'Beacon extension: order on the page' }).optional(),
});

const groupCreateFields = groupUpdateFields.extend({
  name: text(255, 'Display name of the group').min(1, "can't be blank"),
  components: idList('The ids of the components in the group, in order').refine(
    (ids) => ids.length > 0,
    'needs at least one component: a group cannot be empty',
  ),
});

// Statuspage takes the description beside the group object as well as inside it.
const groupCreateBody = z.object({ description: groupDescription, component_group: groupCreateFields });
const groupUpdateBody = z.object({ description: groupDescription, component_group: groupUpdateFields });

function toGroupInput(body: z.output<typeof groupUpdateBody> | z.output<typeof groupCreateBody>): GroupInput {
  const fields = body.component_group;
  const input: { -readonly [K in keyof GroupInput]: GroupInput[K] } = {};
  if (fields.name !== undefined) input.name = fields.name;
  if (fields.components !== undefined) input.componentIds = fields.components;
  const description = fields.description !== undefined ? fields.description : body.description;
  if (description !== undefined) input.description = description;
  if (fields.position !== undefined) input.position = fields.position;
  return input;
}

export function componentGroupsRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId, uptimeWeights } = options;
  const groupJson = async (actor: Actor, id: string) => {
    const { page, components } = await readComponents(ctx, actor, pageId);
    const group = components.find((c) => c.id === id && c.isGroup);
    if (group === undefined) throw new AppError('NOT_FOUND', `there is no component group with id "${id}"`);
    return buildManageGroup(page, components, group);
  };
  const update = (method: 'PATCH' | 'PUT') =>
    manageRoute({
      method,
      path: '/pages/:page_id/component-groups/:id',
      operationId: `${method.toLowerCase()}PagesPageIdComponentGroupsId`,
      tag: 'component groups',
      summary: 'Update a component group',
      description: 'components replaces the members (in order); components not listed become standalone.',
      wrapper: 'component_group',
      body: groupUpdateBody,
      bodyRequired: true,
      permission: 'components.write',
      success: { status: 200, description: 'The group' },
      errors: [400, 401, 403, 404, 409, 422],
      handle: async ({ actor, params, body }) => {
        const updated = await updateGroup(ctx, actor, pageId, params.id!, toGroupInput(body));
        return { status: 200, body: await groupJson(actor, updated.id) };
      },
    });

  return [
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/component-groups',
      operationId: 'getPagesPageIdComponentGroups',
      tag: 'component groups',
      summary: 'Get a list of component groups',
      query: pagingQuery,
      queryDocs: PAGING_DOCS,
      success: { status: 200, description: 'The groups' },
      errors: [401, 404, 422],
      handle: async ({ actor, query }) => {
        const { page, components } = await readComponents(ctx, actor, pageId);
        const groups = components
          .filter((c) => c.isGroup)
          .map((group) => buildManageGroup(page, components, group));
        return { status: 200, body: pageOf(groups, pagingOf(query)) };
      },
    }),
    manageRoute({
      method: 'POST',
      path: '/pages/:page_id/component-groups',
      operationId: 'postPagesPageIdComponentGroups',
      tag: 'component groups',
      summary: 'Create a component group',
      description: 'A group holds at least one component; create the components first.',
      wrapper: 'component_group',
      body: groupCreateBody,
      bodyRequired: true,
      permission: 'components.write',
      success: { status: 201, description: 'The new group' },
      errors: [400, 401, 403, 404, 409, 422],
      handle: async ({ actor, body }) => {
        const created = await createGroup(ctx, actor, pageId, toGroupInput(body));
        return { status: 201, body: await groupJson(actor, created.id) };
      },
    }),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/component-groups/:id',
      operationId: 'getPagesPageIdComponentGroupsId',
      tag: 'component groups',
      summary: 'Get a component group',
      success: { status: 200, description: 'The group' },
      errors: [401, 404],
      handle: async ({ actor, params }) => ({ status: 200, body: await groupJson(actor, params.id!) }),
    }),
    update('PATCH'),
    update('PUT'),
    manageRoute({
      method: 'DELETE',
      path: '/pages/:page_id/component-groups/:id',
      operationId: 'deletePagesPageIdComponentGroupsId',
      tag: 'component groups',
      summary: 'Delete a component group',
      description:
        'Its components stay on the page, standalone. Answers with the group as it was (200, as Statuspage does).',
      permission: 'components.write',
      success: { status: 200, description: 'The deleted group' },
      errors: [401, 403, 404, 409],
      handle: async ({ actor, params }) => {
        const before = await groupJson(actor, params.id!);
        await deleteGroup(ctx, actor, pageId, params.id!);
        return { status: 200, body: before };
      },
    }),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/component-groups/:id/uptime',
      operationId: 'getPagesPageIdComponentGroupsIdUptime',
      tag: 'component groups',
      summary: 'Get uptime data for a component group',
      description: "The mean of its showcased components' uptimes; outage seconds are their sum.",
      query: uptimeQuery,
      queryDocs: UPTIME_DOCS,
      success: { status: 200, description: 'Uptime over the range' },
      errors: [401, 404, 422],
      handle: async ({ actor, params, query }) => ({
        status: 200,
        body: buildGroupUptimeJson(
          await componentGroupUptime(ctx, actor, pageId, params.id!, query, uptimeWeights),
        ),
      }),
    }),
  ];
}
