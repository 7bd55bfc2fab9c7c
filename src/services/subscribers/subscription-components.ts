import type { Component } from '../../domain/component.js';
import { AppError } from '../../lib/app-error.js';
import { listComponents } from '../../store/components.js';
import type { Db } from '../../store/store.js';

/**
 * The leaf components a subscription covers: a group stands for its children. An empty list means
 * every component. Unknown ids are refused, naming them.
 */
export async function resolveSubscriptionComponents(
  db: Db,
  pageId: string,
  ids: readonly string[],
): Promise<{ componentIds: string[]; components: Component[] }> {
  const components = await listComponents(db, pageId);
  if (ids.length === 0) return { componentIds: [], components };
  const byId = new Map(components.map((c) => [c.id, c]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    const message = `no such component: ${unknown.join(', ')}`;
    throw new AppError('VALIDATION', message, { fields: [{ field: 'component_ids', message }] });
  }
  const leaves = new Set<string>();
  for (const id of ids) {
    if (!byId.get(id)!.isGroup) leaves.add(id);
    else for (const child of components) if (child.groupId === id && !child.isGroup) leaves.add(child.id);
  }
  return { componentIds: [...leaves], components };
}

export function componentNames(components: readonly Component[], ids: readonly string[]): string[] {
  const byId = new Map(components.map((c) => [c.id, c.name]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
