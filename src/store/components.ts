import type { Component } from '../domain/component.js';
import { isComponentStatus, type ComponentStatus } from '../domain/component-status.js';
import type { Db } from './store.js';
import type { ComponentsTable } from './schema.js';

export function toComponent(row: ComponentsTable): Component {
  if (!isComponentStatus(row.status))
    throw new Error(`component ${row.id} has an unknown status ${row.status}`);
  return {
    id: row.id,
    pageId: row.page_id,
    key: row.key,
    groupId: row.group_id,
    isGroup: row.is_group === 1,
    name: row.name,
    description: row.description,
    position: row.position,
    status: row.status,
    showcase: row.showcase === 1,
    onlyShowIfDegraded: row.only_show_if_degraded === 1,
    startDate: row.start_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toComponentRow(
  component: Component,
  managedBy: 'config' | 'api',
  deletedAt: number | null = null,
): ComponentsTable {
  return {
    id: component.id,
    page_id: component.pageId,
    key: component.key,
    group_id: component.groupId,
    is_group: component.isGroup ? 1 : 0,
    name: component.name,
    description: component.description,
    position: component.position,
    status: component.status,
    showcase: component.showcase ? 1 : 0,
    only_show_if_degraded: component.onlyShowIfDegraded ? 1 : 0,
    start_date: component.startDate,
    created_at: component.createdAt,
    updated_at: component.updatedAt,
    deleted_at: deletedAt,
    managed_by: managedBy,
  };
}

/**
 * The page's live components in page order: top-level items (groups and standalone components) by
 * position, each group's children right after it by position.
 */
export async function listComponents(db: Db, pageId: string): Promise<Component[]> {
  const rows = await db
    .selectFrom('components')
    .selectAll()
    .where('page_id', '=', pageId)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('created_at')
    .execute();
  return orderForPage(rows.map(toComponent));
}

export function orderForPage(components: readonly Component[]): Component[] {
  const byPosition = [...components].sort((a, b) => a.position - b.position || a.createdAt - b.createdAt);
  const children = new Map<string, Component[]>();
  for (const c of byPosition) {
    if (c.groupId === null) continue;
    const list = children.get(c.groupId) ?? [];
    list.push(c);
    children.set(c.groupId, list);
  }
  const ordered: Component[] = [];
  for (const c of byPosition) {
    if (c.groupId !== null) continue;
    ordered.push(c);
    if (c.isGroup) ordered.push(...(children.get(c.id) ?? []));
  }
  return ordered;
}

/** Every row, deleted ones too, keyed by key: what config sync compares against. */
export async function listComponentRowsByKey(db: Db, pageId: string): Promise<Map<string, ComponentsTable>> {
  const rows = await db.selectFrom('components').selectAll().where('page_id', '=', pageId).execute();
  return new Map(rows.map((row) => [row.key, row]));
}

export async function insertComponent(
  db: Db,
  component: Component,
  managedBy: 'config' | 'api',
): Promise<void> {
  await db.insertInto('components').values(toComponentRow(component, managedBy)).execute();
}

export async function updateComponentRow(db: Db, row: ComponentsTable): Promise<void> {
  const { id, ...rest } = row;
  await db.updateTable('components').set(rest).where('id', '=', id).execute();
}

export async function setComponentStatus(
  db: Db,
  componentId: string,
  status: ComponentStatus,
  at: number,
): Promise<void> {
  await db.updateTable('components').set({ status, updated_at: at }).where('id', '=', componentId).execute();
}
