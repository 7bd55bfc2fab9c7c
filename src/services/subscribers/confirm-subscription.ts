import { AppError } from '../../lib/app-error.js';
import {
  findSubscriberByToken,
  listSubscriberComponentIds,
  updateSubscriber,
  type SubscriberRow,
} from '../../store/subscribers.js';
import type { Db } from '../../store/store.js';
import type { ServiceContext } from '../service-context.js';
import { isConfirmationExpired, toSubscriber, type Subscriber } from './subscriber.js';

/** Confirms a subscription from its link (the double opt-in); confirming twice is fine. */
export async function confirmSubscription(ctx: ServiceContext, token: string): Promise<Subscriber> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await findByToken(tx, token, now);
    if (row.confirmed_at === null) await updateSubscriber(tx, row.id, { confirmed_at: now, updated_at: now });
    return toSubscriber(
      { ...row, confirmed_at: row.confirmed_at ?? now },
      (await listSubscriberComponentIds(tx, [row.id])).get(row.id) ?? [],
    );
  });
}

/** The subscription behind a link: NOT_FOUND when the token is unknown, or its confirmation expired. */
export async function findByToken(tx: Db, token: string, now: number): Promise<SubscriberRow> {
  const row = await findSubscriberByToken(tx, token);
  // An expired one is left for pruneUnconfirmedSubscribers: a throw here rolls any deletion back.
  if (row !== undefined && !isConfirmationExpired(row, now)) return row;
  throw new AppError(
    'NOT_FOUND',
    'this subscription link is not valid any more: you may have unsubscribed, or not confirmed in time; subscribe again',
  );
}
