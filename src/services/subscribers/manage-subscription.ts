import type { Component } from '../../domain/component.js';
import { AppError } from '../../lib/app-error.js';
import {
  deleteSubscriberRow,
  findSubscriberByToken,
  listSubscriberComponentIds,
  replaceSubscriberComponents,
} from '../../store/subscribers.js';
import type { ServiceContext } from '../service-context.js';
import { findByToken } from './confirm-subscription.js';
import { toSubscriber, type Subscriber } from './subscriber.js';
import { resolveSubscriptionComponents } from './subscription-components.js';

/** A subscription and the page's components, for its manage page. */
export async function findSubscription(
  ctx: ServiceContext,
  token: string,
): Promise<{ subscriber: Subscriber; components: Component[] }> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await findByToken(tx, token, now);
    const { components } = await resolveSubscriptionComponents(tx, row.page_id, []);
    return {
      subscriber: toSubscriber(row, (await listSubscriberComponentIds(tx, [row.id])).get(row.id) ?? []),
      components,
    };
  });
}

/** Changes which components a subscription covers, by its link; an empty list means every component. */
export async function updateSubscriptionComponents(
  ctx: ServiceContext,
  token: string,
  componentIds: readonly string[],
): Promise<Subscriber> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await findByToken(tx, token, now);
    const resolved = await resolveSubscriptionComponents(tx, row.page_id, componentIds);
    await replaceSubscriberComponents(tx, row.id, resolved.componentIds, now);
    return toSubscriber(
      { ...row, all_components: resolved.componentIds.length === 0 ? 1 : 0, updated_at: now },
      resolved.componentIds,
    );
  });
}

/**
 * Ends a subscription by its link (RFC 8058 one-click included): the subscriber is deleted, and
 * deliveries still queued for it are skipped. Returns null when the link was already used.
 */
export async function unsubscribe(ctx: ServiceContext, token: string): Promise<Subscriber | null> {
  if (token === '') throw new AppError('NOT_FOUND', 'no subscription');
  return ctx.store.transaction(async (tx) => {
    const row = await findSubscriberByToken(tx, token);
    if (row === undefined) return null;
    const subscriber = toSubscriber(row, (await listSubscriberComponentIds(tx, [row.id])).get(row.id) ?? []);
    await deleteSubscriberRow(tx, row.id);
    return subscriber;
  });
}
