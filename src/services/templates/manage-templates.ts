import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, type AnyIncidentStatus } from '../../domain/incident.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError, type FieldProblem } from '../../lib/app-error.js';
import { newId } from '../../lib/ids.js';
import { appendAudit } from '../../store/audit-log.js';
import type { IncidentTemplatesTable } from '../../store/schema.js';
import { describeActor } from '../../domain/permissions.js';
import { authorize } from '../authorize.js';
import { loadLeafComponents } from '../incidents/load-leaf-components.js';
import type { ServiceContext } from '../service-context.js';
import type { IncidentTemplate, TemplateInput } from './incident-template.js';

function toTemplate(row: IncidentTemplatesTable): IncidentTemplate {
  return {
    id: row.id,
    pageId: row.page_id,
    name: row.name,
    title: row.title,
    body: row.body,
    updateStatus: row.update_status as AnyIncidentStatus | null,
    componentIds: JSON.parse(row.component_ids) as string[],
    shouldSendNotifications: row.should_send_notifications === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function validate(input: TemplateInput, creating: boolean): void {
  const problems: FieldProblem[] = [];
  for (const field of ['name', 'title'] as const) {
    const value = input[field];
    if ((creating && value === undefined) || (value !== undefined && value.trim() === ''))
      problems.push({ field, message: "can't be blank" });
  }
  const statuses: readonly string[] = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES];
  if (input.updateStatus != null && !statuses.includes(input.updateStatus))
    problems.push({ field: 'update_status', message: `must be one of ${statuses.join(', ')}` });
  if (problems.length > 0)
    throw new AppError('VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), {
      fields: problems,
    });
}

export async function listTemplates(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
): Promise<IncidentTemplate[]> {
  authorize(actor, 'read');
  const rows = await ctx.store.db
    .selectFrom('incident_templates')
    .selectAll()
    .where('page_id', '=', pageId)
    .orderBy('name')
    .execute();
  return rows.map(toTemplate);
}

export async function findTemplate(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
): Promise<IncidentTemplate> {
  authorize(actor, 'read');
  const row = await ctx.store.db
    .selectFrom('incident_templates')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw new AppError('NOT_FOUND', `there is no incident template with id "${id}"`);
  return toTemplate(row);
}

export async function createTemplate(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  input: TemplateInput,
): Promise<IncidentTemplate> {
  authorize(actor, 'templates.write');
  validate(input, true);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    await loadLeafComponents(tx, pageId, input.componentIds ?? [], 'component_ids');
    const row: IncidentTemplatesTable = {
      id: newId(),
      page_id: pageId,
      name: input.name!.trim(),
      title: input.title!.trim(),
      body: input.body ?? '',
      update_status: input.updateStatus ?? null,
      should_send_notifications: input.shouldSendNotifications === false ? 0 : 1,
      component_ids: JSON.stringify(input.componentIds ?? []),
      created_at: now,
      updated_at: now,
    };
    await tx.insertInto('incident_templates').values(row).execute();
    await appendAudit(tx, {
      pageId,
      actor: describeActor(actor),
      action: 'template.create',
      targetType: 'incident_template',
      targetId: row.id,
      before: null,
      after: row,
      at: now,
    });
    return toTemplate(row);
  });
}

export async function updateTemplate(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
  input: TemplateInput,
): Promise<IncidentTemplate> {
  authorize(actor, 'templates.write');
  validate(input, false);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const before = await tx
      .selectFrom('incident_templates')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (before === undefined)
      throw new AppError('NOT_FOUND', `there is no incident template with id "${id}"`);
    if (input.componentIds !== undefined)
      await loadLeafComponents(tx, pageId, input.componentIds, 'component_ids');
    const after: IncidentTemplatesTable = {
      ...before,
      name: input.name?.trim() ?? before.name,
      title: input.title?.trim() ?? before.title,
      body: input.body ?? before.body,
      update_status: input.updateStatus === undefined ? before.update_status : input.updateStatus,
      should_send_notifications:
        input.shouldSendNotifications === undefined
          ? before.should_send_notifications
          : input.shouldSendNotifications
            ? 1
            : 0,
      component_ids:
        input.componentIds === undefined ? before.component_ids : JSON.stringify(input.componentIds),
      updated_at: now,
    };
    const { id: _id, ...fields } = after;
    await tx.updateTable('incident_templates').set(fields).where('id', '=', id).execute();
    await appendAudit(tx, {
      pageId,
      actor: describeActor(actor),
      action: 'template.update',
      targetType: 'incident_template',
      targetId: id,
      before,
      after,
      at: now,
    });
    return toTemplate(after);
  });
}

export async function deleteTemplate(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
): Promise<IncidentTemplate> {
  authorize(actor, 'templates.write');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const before = await tx
      .selectFrom('incident_templates')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (before === undefined)
      throw new AppError('NOT_FOUND', `there is no incident template with id "${id}"`);
    await tx.deleteFrom('incident_templates').where('id', '=', id).execute();
    await appendAudit(tx, {
      pageId,
      actor: describeActor(actor),
      action: 'template.delete',
      targetType: 'incident_template',
      targetId: id,
      before,
      after: null,
      at: now,
    });
    return toTemplate(before);
  });
}
