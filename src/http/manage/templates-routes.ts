import { z } from 'zod';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { buildManageComponents } from '../../pages/manage/manage-component-json.js';
import { buildManageTemplateJson } from '../../pages/manage/manage-template-json.js';
import { readComponents } from '../../services/components/component-uptime.js';
import type { IncidentTemplate, TemplateInput } from '../../services/templates/incident-template.js';
import {
  createTemplate,
  deleteTemplate,
  findTemplate,
  listTemplates,
  updateTemplate,
} from '../../services/templates/manage-templates.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { manageRoute, type AnyManageRoute } from './manage-route.js';
import { flag, idList, text } from './manage-schemas.js';
import { PAGING_DOCS, pageOf, pagingOf, pagingQuery } from './paging.js';

const STATUSES = [...INCIDENT_STATUSES.filter((s) => s !== 'postmortem'), ...MAINTENANCE_STATUSES] as const;

const templateFields = z.object({
  name: text(255, 'Name of the template, as listed among templates').optional(),
  title: text(255, 'Title given to the incident or maintenance made from this template').optional(),
  body: text(25_000, 'The first update of the incident or maintenance').optional(),
  group_id: z
    .string()
    .nullable()
    .optional()
    .describe('Template group; Beacon has no template groups and ignores it'),
  update_status: z
    .enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` })
    .nullable()
    .optional()
    .describe('The status the incident or maintenance moves to'),
  should_tweet: flag('Accepted for compatibility; Beacon does not tweet').optional(),
  should_send_notifications: flag('Whether "deliver notifications" starts checked').optional(),
  component_ids: idList('Components affected by this incident').optional(),
});

const templateCreateBody = z.object({
  template: templateFields.extend({
    name: text(255, 'Name of the template, as listed among templates').min(1, "can't be blank"),
    title: text(255, 'Title given to the incident or maintenance made from this template').min(
      1,
      "can't be blank",
    ),
    body: text(25_000, 'The first update of the incident or maintenance'),
  }),
});
const templateUpdateBody = z.object({ template: templateFields });

function toTemplateInput(fields: z.output<typeof templateFields>): TemplateInput {
  const input: { -readonly [K in keyof TemplateInput]: TemplateInput[K] } = {};
  if (fields.name !== undefined) input.name = fields.name;
  if (fields.title !== undefined) input.title = fields.title;
  if (fields.body !== undefined) input.body = fields.body;
  if (fields.update_status !== undefined) input.updateStatus = fields.update_status;
  if (fields.should_send_notifications !== undefined)
    input.shouldSendNotifications = fields.should_send_notifications;
  if (fields.component_ids !== undefined) input.componentIds = fields.component_ids;
  return input;
}

const ITEM = '/pages/:page_id/incident_templates/:template_id';

export function templatesRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId } = options;
  const templatesJson = async (actor: Actor, templates: readonly IncidentTemplate[]) => {
    const { page, components } = await readComponents(ctx, actor, pageId);
    const byId = buildManageComponents(page, components);
    return templates.map((template) => buildManageTemplateJson(template, byId));
  };
  const one = async (actor: Actor, template: IncidentTemplate) => (await templatesJson(actor, [template]))[0];
  const update = (method: 'PATCH' | 'PUT') =>
    manageRoute({
      method,
      path: ITEM,
      operationId: `${method.toLowerCase()}PagesPageIdIncidentTemplatesTemplateId`,
      tag: 'templates',
      summary: 'Update a template',
      description: 'Beacon extension (Statuspage offers list and create only).',
      wrapper: 'template',
      body: templateUpdateBody,
      bodyRequired: true,
      permission: 'templates.write',
      success: { status: 200, description: 'The template' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, params, body }) => ({
        status: 200,
        body: await one(
          actor,
          await updateTemplate(ctx, actor, pageId, params.template_id!, toTemplateInput(body.template)),
        ),
      }),
    });

  return [
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/incident_templates',
      operationId: 'getPagesPageIdIncidentTemplates',
      tag: 'templates',
      summary: 'Get a list of templates',
      query: pagingQuery,
      queryDocs: PAGING_DOCS,
      success: { status: 200, description: 'The templates, by name' },
      errors: [401, 404, 422],
      handle: async ({ actor, query }) => ({
        status: 200,
        body: pageOf(await templatesJson(actor, await listTemplates(ctx, actor, pageId)), pagingOf(query)),
      }),
    }),
    manageRoute({
      method: 'POST',
      path: '/pages/:page_id/incident_templates',
      operationId: 'postPagesPageIdIncidentTemplates',
      tag: 'templates',
      summary: 'Create a template',
      wrapper: 'template',
      body: templateCreateBody,
      bodyRequired: true,
      permission: 'templates.write',
      success: { status: 201, description: 'The new template' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, body }) => ({
        status: 201,
        body: await one(actor, await createTemplate(ctx, actor, pageId, toTemplateInput(body.template))),
      }),
    }),
    manageRoute({
      method: 'GET',
      path: ITEM,
      operationId: 'getPagesPageIdIncidentTemplatesTemplateId',
      tag: 'templates',
      summary: 'Get a template',
      description: 'Beacon extension (Statuspage offers list and create only).',
      success: { status: 200, description: 'The template' },
      errors: [401, 404],
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await one(actor, await findTemplate(ctx, actor, pageId, params.template_id!)),
      }),
    }),
    update('PATCH'),
    update('PUT'),
    manageRoute({
      method: 'DELETE',
      path: ITEM,
      operationId: 'deletePagesPageIdIncidentTemplatesTemplateId',
      tag: 'templates',
      summary: 'Delete a template',
      description:
        'Beacon extension (Statuspage offers list and create only). Answers with the template as it was.',
      permission: 'templates.write',
      success: { status: 200, description: 'The deleted template' },
      errors: [401, 403, 404],
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await one(actor, await deleteTemplate(ctx, actor, pageId, params.template_id!)),
      }),
    }),
  ];
}
