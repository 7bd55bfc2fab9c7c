import type { Component } from '../../domain/component.js';
import type { Actor } from '../../domain/permissions.js';
import { newId } from '../../lib/ids.js';
import { toComponent, updateComponentRow } from '../../store/components.js';
import type { ComponentsTable } from '../../store/schema.js';
import { insertStatusChange } from '../../store/status-changes.js';
import { authorize } from '../authorize.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import type { ComponentInput } from './component-input.js';
import {
  assertEditable,
  findPageComponentRow,
  nextPosition,
  uniqueKey,
  validateComponentFields,
} from './component-rows.js';

/** Adds a component (standalone, or inside a group) from the admin UI or the manage API. */
export async function createComponent(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  input: ComponentInput,
): Promise<Component> {
  authorize(actor, 'components.write');
  validateComponentFields(input, true);
  const now = ctx.clock.now();
  const component = await ctx.store.transaction(async (tx) => {
    const groupId = input.groupId ?? null;
    if (groupId !== null) await findPageComponentRow(tx, pageId, groupId, 'group');
    const row: ComponentsTable = {
      id: newId(),
      page_id: pageId,
      key: await uniqueKey(tx, pageId, input.name!),
      group_id: groupId,
      is_group: 0,
      name: input.name!.trim(),
      description: input.description ?? null,
      position: input.position ?? (await nextPosition(tx, pageId, groupId)),
      status: input.status ?? 'operational',
      showcase: input.showcase === false ? 0 : 1,
      only_show_if_degraded: input.onlyShowIfDegraded === true ? 1 : 0,
      start_date: input.startDate ?? null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      managed_by: 'api',
    };
    await tx.insertInto('components').values(row).execute();
    await insertStatusChange(tx, {
      componentId: row.id,
      status: toComponent(row).status,
      source: 'manual',
      at: now,
    });
    await recordChange(tx, {
      pageId,
      actor,
      action: 'component.create',
      targetType: 'component',
      targetId: row.id,
      before: null,
      after: row,
      at: now,
    });
    return toComponent(row);
  });
  ctx.events.emit('page:changed', { pageId });
  return component;
}

/**
 * Edits a component; a new status is recorded in its history as a manual change. Config-managed
 * components accept a status (and showcase flags) but not structural edits.
 */
export async function updateComponent(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
  input: ComponentInput,
): Promise<Component> {
  authorize(
    actor,
    input.status !== undefined && Object.keys(input).length === 1 ? 'incidents.write' : 'components.write',
  );
  validateComponentFields(input, false);
  const now = ctx.clock.now();
  const component = await ctx.store.transaction(async (tx) => {
    const before = await findPageComponentRow(tx, pageId, id, 'component');
    const structural = (['name', 'description', 'groupId', 'position', 'startDate'] as const).filter(
      (f) => input[f] !== undefined && input[f] !== fieldOf(before, f),
    );
    assertEditable(before, structural);
    if (input.groupId !== undefined && input.groupId !== null)
      await findPageComponentRow(tx, pageId, input.groupId, 'group');
    const after: ComponentsTable = {
      ...before,
      name: input.name?.trim() ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      group_id: input.groupId === undefined ? before.group_id : input.groupId,
      position:
        input.position ??
        (input.groupId !== undefined && input.groupId !== before.group_id
          ? await nextPosition(tx, pageId, input.groupId)
          : before.position),
      status: input.status ?? before.status,
      showcase: input.showcase === undefined ? before.showcase : input.showcase ? 1 : 0,
      only_show_if_degraded:
        input.onlyShowIfDegraded === undefined
          ? before.only_show_if_degraded
          : input.onlyShowIfDegraded
            ? 1
            : 0,
      start_date: input.startDate === undefined ? before.start_date : input.startDate,
      updated_at: now,
    };
    await updateComponentRow(tx, after);
    if (after.status !== before.status) {
      await insertStatusChange(tx, {
        componentId: id,
        status: toComponent(after).status,
        source: 'manual',
        at: now,
      });
      ctx.events.emit('component:status', { pageId, componentId: id, status: after.status });
    }
    await recordChange(tx, {
      pageId,
      actor,
      action: 'component.update',
      targetType: 'component',
      targetId: id,
      before,
      after,
      at: now,
    });
    return toComponent(after);
  });
  ctx.events.emit('page:changed', { pageId });
  return component;
}

/** Hides a component; its history stays for uptime and past incidents. */
export async function deleteComponent(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
): Promise<Component> {
  authorize(actor, 'components.write');
  const now = ctx.clock.now();
  const component = await ctx.store.transaction(async (tx) => {
    const before = await findPageComponentRow(tx, pageId, id, 'component');
    assertEditable(before, ['its existence']);
    await updateComponentRow(tx, { ...before, deleted_at: now, updated_at: now });
    await recordChange(tx, {
      pageId,
      actor,
      action: 'component.delete',
      targetType: 'component',
      targetId: id,
      before,
      after: null,
      at: now,
    });
    return toComponent(before);
  });
  ctx.events.emit('page:changed', { pageId });
  return component;
}

function fieldOf(
  row: ComponentsTable,
  field: 'name' | 'description' | 'groupId' | 'position' | 'startDate',
): unknown {
  switch (field) {
    case 'name':
      return row.name;
    case 'description':
      return row.description;
    case 'groupId':
      return row.group_id;
    case 'position':
      return row.position;
    case 'startDate':
      return row.start_date;
  }
}
