import { z } from 'zod';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { buildManageComponent, buildManageComponents } from '../../pages/manage/manage-component-json.js';
import { buildComponentUptimeJson } from '../../pages/manage/manage-uptime-json.js';
import type { ComponentInput } from '../../services/components/component-input.js';
import { componentUptime, readComponents } from '../../services/components/component-uptime.js';
import {
  createComponent,
  deleteComponent,
  updateComponent,
} from '../../services/components/manage-components.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { manageRoute, type AnyManageRoute, type QueryParameterDoc } from './manage-route.js';
import { calendarDate, componentStatus, flag, text, wholeNumber } from './manage-schemas.js';
import { PAGING_DOCS, pageOf, pagingOf, pagingQuery } from './paging.js';

const componentFields = z.object({
  name: text(255, 'Display name for component').min(1, "can't be blank").nullable().optional(),
  description: text(2000, 'More detailed description for component').nullable().optional(),
  status: componentStatus('Status of component').optional(),
  only_show_if_degraded: flag('Show the component only while it is not operational').optional(),
  group_id: text(
    100,
    'Component group identifier; null (or the string "null") takes the component out of its group',
  )
    .nullable()
    .optional(),
  showcase: flag('Should this component be showcased (with uptime bars)').optional(),
  start_date: calendarDate('The date this component started being used').nullable().optional(),
  position: wholeNumber({
    min: 1,
    description: 'Beacon extension: order within its level (the page or its group)',
  }).optional(),
});

export const componentBody = z.object({ component: componentFields });

export const uptimeQuery = z.object({
  start: z.string().optional(),
  end: z.string().optional(),
});

export const UPTIME_DOCS: readonly QueryParameterDoc[] = [
  {
    name: 'start',
    description:
      "The start date for uptime calculation (defaults to the component's start_date or 90 days ago, whichever is more recent). YYYY means its first day, YYYY-MM the month's first day. The range may span at most six calendar months.",
    schema: { type: 'string', examples: ['2024-02', '2024-02-16'] },
  },
  {
    name: 'end',
    description:
      "The end date for uptime calculation (defaults to today in the page's time zone). YYYY means its last day, YYYY-MM the month's last day.",
    schema: { type: 'string', examples: ['2024-02', '2024-02-29'] },
  },
];

/** The request's fields as the service's input; keys not sent stay absent (a status alone is a smaller permission). */
function toComponentInput(fields: z.output<typeof componentFields>): ComponentInput {
  const input: { -readonly [K in keyof ComponentInput]: ComponentInput[K] } = {};
  if (fields.name !== undefined && fields.name !== null) input.name = fields.name;
  if (fields.description !== undefined) input.description = fields.description;
  if (fields.status !== undefined) input.status = fields.status;
  if (fields.group_id !== undefined)
    input.groupId =
      fields.group_id === null || fields.group_id === '' || fields.group_id === 'null'
        ? null
        : fields.group_id;
  if (fields.position !== undefined) input.position = fields.position;
  if (fields.showcase !== undefined) input.showcase = fields.showcase;
  if (fields.only_show_if_degraded !== undefined) input.onlyShowIfDegraded = fields.only_show_if_degraded;
  if (fields.start_date !== undefined) input.startDate = fields.start_date;
  return input;
}

export function componentsRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId, uptimeWeights } = options;
  // A group is readable here too, as it is listed here (group: true); changing it goes through /component-groups.
  const componentJson = async (actor: Actor, id: string) => {
    const { page, components } = await readComponents(ctx, actor, pageId);
    const json = buildManageComponent(page, components, id);
    if (json === undefined) throw new AppError('NOT_FOUND', `there is no component with id "${id}"`);
    return json;
  };
  const update = (method: 'PATCH' | 'PUT') =>
    manageRoute({
      method,
      path: '/pages/:page_id/components/:component_id',
      operationId: `${method.toLowerCase()}PagesPageIdComponentsComponentId`,
      tag: 'components',
      summary: 'Update a component',
      description:
        'If group_id is null (or "null") the component leaves its group. A status alone needs the incidents permission; other fields need the components permission.',
      wrapper: 'component',
      body: componentBody,
      bodyRequired: true,
      permission: 'incidents.write',
      success: { status: 200, description: 'The component' },
      errors: [400, 401, 403, 404, 409, 422],
      handle: async ({ actor, params, body }) => {
        const updated = await updateComponent(
          ctx,
          actor,
          pageId,
          params.component_id!,
          toComponentInput(body.component),
        );
        return { status: 200, body: await componentJson(actor, updated.id) };
      },
    });

  return [
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/components',
      operationId: 'getPagesPageIdComponents',
      tag: 'components',
      summary: 'Get a list of components',
      description:
        'Components and groups (a group has group: true and its children in components), ordered by position.',
      query: pagingQuery,
      queryDocs: PAGING_DOCS,
      success: { status: 200, description: 'The components' },
      errors: [401, 404, 422],
      handle: async ({ actor, query }) => {
        const { page, components } = await readComponents(ctx, actor, pageId);
        return {
          status: 200,
          body: pageOf([...buildManageComponents(page, components).values()], pagingOf(query)),
        };
      },
    }),
    manageRoute({
      method: 'POST',
      path: '/pages/:page_id/components',
      operationId: 'postPagesPageIdComponents',
      tag: 'components',
      summary: 'Create a component',
      wrapper: 'component',
      body: componentBody,
      bodyRequired: true,
      permission: 'components.write',
      success: { status: 201, description: 'The new component' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, body }) => {
        const created = await createComponent(ctx, actor, pageId, toComponentInput(body.component));
        return { status: 201, body: await componentJson(actor, created.id) };
      },
    }),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/components/:component_id',
      operationId: 'getPagesPageIdComponentsComponentId',
      tag: 'components',
      summary: 'Get a component',
      success: { status: 200, description: 'The component' },
      errors: [401, 404],
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await componentJson(actor, params.component_id!),
      }),
    }),
    update('PATCH'),
    update('PUT'),
    manageRoute({
      method: 'DELETE',
      path: '/pages/:page_id/components/:component_id',
      operationId: 'deletePagesPageIdComponentsComponentId',
      tag: 'components',
      summary: 'Delete a component',
      description: 'The component leaves the page; its status history stays for past incidents.',
      permission: 'components.write',
      success: { status: 204, description: 'Deleted' },
      errors: [401, 403, 404, 409],
      handle: async ({ actor, params }) => {
        await deleteComponent(ctx, actor, pageId, params.component_id!);
        return { status: 204 };
      },
    }),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/components/:component_id/uptime',
      operationId: 'getPagesPageIdComponentsComponentIdUptime',
      tag: 'components',
      summary: 'Get uptime data for a component',
      description:
        'Time-weighted over whole days in the page time zone: a major outage counts fully as downtime, a partial outage as the configured share (30 % by default). Only for components with showcase enabled.',
      query: uptimeQuery,
      queryDocs: UPTIME_DOCS,
      success: { status: 200, description: 'Uptime over the range' },
      errors: [401, 404, 422],
      handle: async ({ actor, params, query }) => {
        const report = await componentUptime(ctx, actor, pageId, params.component_id!, query, uptimeWeights);
        return { status: 200, body: buildComponentUptimeJson(report) };
      },
    }),
  ];
}
