import type { Component } from '../../domain/component.js';
import type { Actor } from '../../domain/permissions.js';
import { newId } from '../../lib/ids.js';
import { toComponent, updateComponentRow } from '../../store/components.js';
import type { ComponentsTable } from '../../store/schema.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../authorize.js';
import { loadLeafComponents } from '../incidents/load-leaf-components.js';
import { recordChange } from '../record-change.js';
import type { ServiceContext } from '../service-context.js';
import type { GroupInput } from './component-input.js';
import {
  assertEditable,
  findPageComponentRow,
  nextPosition,
  uniqueKey,
  validateComponentFields,
} from './component-rows.js';

/** Creates a component group holding the given components, in that order. */
export async function createGroup(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  input: GroupInput,
): Promise<Component> {
  authorize(actor, 'components.write');
  validateComponentFields(input, true);
  const now = ctx.clock.now();
  const group = await ctx.store.transaction(async (tx) => {
    const row: ComponentsTable = {
      id: newId(),
      page_id: pageId,
      key: await uniqueKey(tx, pageId, input.name!),
      group_id: null,
      is_group: 1,
      name: input.name!.trim(),
      description: input.description ?? null,
      position: input.position ?? (await nextPosition(tx, pageId, null)),
      status: 'operational',
      showcase: 1,
      only_show_if_degraded: 0,
      start_date: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      managed_by: 'api',
    };
    await tx.insertInto('components').values(row).execute();
    await setMembers(tx, pageId, row.id, input.componentIds ?? [], now);
    await recordChange(tx, {
      pageId,
      actor,
      action: 'group.create',
      targetType: 'group',
      targetId: row.id,
      before: null,
      after: { ...row, componentIds: input.componentIds ?? [] },
      at: now,
    });
    return toComponent(row);
  });
  ctx.events.emit('page:changed', { pageId });
  return group;
}

export async function updateGroup(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
  input: GroupInput,
): Promise<Component> {
  authorize(actor, 'components.write');
  validateComponentFields(input, false);
  const now = ctx.clock.now();
  const group = await ctx.store.transaction(async (tx) => {
    const before = await findPageComponentRow(tx, pageId, id, 'group');
    assertEditable(
      before,
      Object.keys(input).filter((k) => input[k as keyof GroupInput] !== undefined),
    );
    const after: ComponentsTable = {
      ...before,
      name: input.name?.trim() ?? before.name,
      description: input.description === undefined ? before.description : input.description,
      position: input.position ?? before.position,
      updated_at: now,
    };
    await updateComponentRow(tx, after);
    if (input.componentIds !== undefined) await setMembers(tx, pageId, id, input.componentIds, now);
    await recordChange(tx, {
      pageId,
      actor,
      action: 'group.update',
      targetType: 'group',
      targetId: id,
      before,
      after: { ...after, componentIds: input.componentIds },
      at: now,
    });
    return toComponent(after);
  });
  ctx.events.emit('page:changed', { pageId });
  return group;
}

/** Deletes a group; its components stay on the page, standalone. */
export async function deleteGroup(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
): Promise<Component> {
  authorize(actor, 'components.write');
  const now = ctx.clock.now();
  const group = await ctx.store.transaction(async (tx) => {
    const before = await findPageComponentRow(tx, pageId, id, 'group');
    assertEditable(before, ['its existence']);
    await setMembers(tx, pageId, id, [], now);
    await updateComponentRow(tx, { ...before, deleted_at: now, updated_at: now });
    await recordChange(tx, {
      pageId,
      actor,
      action: 'group.delete',
      targetType: 'group',
      targetId: id,
      before,
      after: null,
      at: now,
    });
    return toComponent(before);
  });
  ctx.events.emit('page:changed', { pageId });
  return group;
}

async function setMembers(
  tx: Db,
  pageId: string,
  groupId: string,
  componentIds: readonly string[],
  now: number,
): Promise<void> {
  await loadLeafComponents(tx, pageId, componentIds, 'component_ids');
  const current = await tx
    .selectFrom('components')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('deleted_at', 'is', null)
    .execute();
  let standalone = await nextPosition(tx, pageId, null);
  for (const row of current) {
    if (!componentIds.includes(row.id))
      await updateComponentRow(tx, { ...row, group_id: null, position: standalone++, updated_at: now });
  }
  for (const [index, componentId] of componentIds.entries()) {
    const row = await findPageComponentRow(tx, pageId, componentId, 'component');
    if (row.group_id !== groupId || row.position !== index + 1) {
      assertEditable(row, ['its group']);
      await updateComponentRow(tx, { ...row, group_id: groupId, position: index + 1, updated_at: now });
    }
  }
}
