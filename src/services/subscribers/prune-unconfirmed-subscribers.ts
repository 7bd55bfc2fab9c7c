import { deleteUnconfirmedBefore } from '../../store/subscribers.js';
import type { ServiceContext } from '../service-context.js';
import { CONFIRMATION_TTL_MS } from './subscriber.js';

/** Forgets subscriptions never confirmed within 48 hours of their confirmation mail; returns how many. */
export function pruneUnconfirmedSubscribers(
  ctx: ServiceContext,
  ttlMs = CONFIRMATION_TTL_MS,
): Promise<number> {
  return deleteUnconfirmedBefore(ctx.store.db, ctx.clock.now() - ttlMs);
}
