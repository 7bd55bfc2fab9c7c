import type { Component } from '../../domain/component.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { toError } from '../../lib/to-error.js';
import { updateComponent } from '../../services/components/manage-components.js';
import { updateGroup } from '../../services/components/manage-groups.js';
import type { ServiceContext } from '../../services/service-context.js';
import { listComponents } from '../../store/components.js';

/**
 * Moves a component or group to `position` (1-based) among its siblings and renumbers those whose
 * position changed, through the services. If one refuses (a config-managed sibling), the ones already
 * moved go back, so the order is never left half changed.
 */
export async function moveComponent(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  id: string,
  position: number,
): Promise<Component> {
  const components = await listComponents(ctx.store.db, pageId);
  const item = components.find((c) => c.id === id);
  if (item === undefined) throw new AppError('NOT_FOUND', `there is no component or group with id "${id}"`);
  if (!Number.isInteger(position) || position < 1) {
    throw new AppError('VALIDATION', 'the position must be a whole number from 1', {
      fields: [{ field: 'position', message: 'must be a whole number from 1' }],
    });
  }
  const siblings = components.filter((c) => c.groupId === item.groupId);
  const order = siblings.filter((c) => c.id !== id);
  order.splice(Math.min(position, siblings.length) - 1, 0, item);
  const moves = order.flatMap((c, index) =>
    c.position === index + 1 ? [] : [{ component: c, from: c.position, to: index + 1 }],
  );
  // The moved item goes first: when it is the one beacon.yaml owns, nothing else has changed yet.
  moves.sort((a, b) => (a.component.id === id ? -1 : b.component.id === id ? 1 : 0));
  const setPosition = (c: Component, to: number) =>
    c.isGroup
      ? updateGroup(ctx, actor, pageId, c.id, { position: to })
      : updateComponent(ctx, actor, pageId, c.id, { position: to });
  const done: typeof moves = [];
  try {
    for (const move of moves) {
      await setPosition(move.component, move.to);
      done.push(move);
    }
  } catch (e) {
    for (const move of done.reverse()) {
      await setPosition(move.component, move.from).catch((undo: unknown) => {
        throw new AppError(
          'CONFLICT',
          `the order is only partly changed (${toError(undo).message}); check the list`,
          { cause: e },
        );
      });
    }
    throw e;
  }
  return item;
}
