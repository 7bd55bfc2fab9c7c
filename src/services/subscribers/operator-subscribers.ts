import type { Actor } from '../../domain/permissions.js';
import { describeActor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { appendAudit } from '../../store/audit-log.js';
import { findPage } from '../../store/pages.js';
import {
  countSubscriberRows,
  deleteSubscriberRow,
  findSubscriber,
  listSubscriberComponentIds,
  listSubscriberRows,
  type SubscriberMode,
  type SubscriberState,
  type SubscriberStateFilter,
} from '../../store/subscribers.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';
import { mail } from './subscribe.js';
import { toSubscriber, type Subscriber } from './subscriber.js';
import { componentNames, resolveSubscriptionComponents } from './subscription-components.js';

export interface ListSubscribersOptions {
  /** 1-based. */
  readonly page: number;
  readonly perPage: number;
  /** Statuspage's filter: active (default there), unconfirmed, quarantined or all. */
  readonly state: SubscriberStateFilter;
  /** Only email or only webhook subscribers; both when left out. */
  readonly mode?: SubscriberMode | undefined;
}

export interface SubscriberList {
  readonly subscribers: readonly Subscriber[];
  readonly total: number;
}

/** One page of a status page's subscribers, newest first. */
export async function listSubscribers(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  options: ListSubscribersOptions,
): Promise<SubscriberList> {
  authorize(actor, 'read');
  const page = Math.max(1, Math.floor(options.page));
  const perPage = Math.min(1000, Math.max(1, Math.floor(options.perPage)));
  const db = ctx.store.db;
  const rows = await listSubscriberRows(db, pageId, {
    state: options.state,
    mode: options.mode,
    offset: (page - 1) * perPage,
    limit: perPage,
  });
  const links = await listSubscriberComponentIds(
    db,
    rows.map((r) => r.id),
  );
  const counts = await countSubscriberRows(db, pageId, options.mode);
  const total =
    options.state === 'all' ? counts.active + counts.unconfirmed + counts.quarantined : counts[options.state];
  return { subscribers: rows.map((r) => toSubscriber(r, links.get(r.id) ?? [])), total };
}

/** How many subscribers a page has, by state (of one mode when given). */
export async function countSubscribers(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  mode?: SubscriberMode,
): Promise<Record<SubscriberState, number> & { readonly total: number }> {
  authorize(actor, 'read');
  const counts = await countSubscriberRows(ctx.store.db, pageId, mode);
  return { ...counts, total: counts.active + counts.unconfirmed + counts.quarantined };
}

/** One subscriber of a page. */
export async function getSubscriber(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  subscriberId: string,
): Promise<Subscriber> {
  authorize(actor, 'read');
  const db = ctx.store.db;
  const row = await findSubscriber(db, pageId, subscriberId);
  if (row === undefined) throw new AppError('NOT_FOUND', `there is no subscriber with id "${subscriberId}"`);
  return toSubscriber(row, (await listSubscriberComponentIds(db, [row.id])).get(row.id) ?? []);
}

/** Removes a subscriber (an operator's unsubscribe); queued deliveries to them are skipped. */
export async function deleteSubscriber(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  subscriberId: string,
): Promise<Subscriber> {
  authorize(actor, 'subscribers.write');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await findSubscriber(tx, pageId, subscriberId);
    if (row === undefined)
      throw new AppError('NOT_FOUND', `there is no subscriber with id "${subscriberId}"`);
    const subscriber = toSubscriber(row, (await listSubscriberComponentIds(tx, [row.id])).get(row.id) ?? []);
    await deleteSubscriberRow(tx, row.id);
    const before = { id: row.id, mode: row.mode, email: row.email, endpoint: row.endpoint };
    await appendAudit(tx, {
      pageId,
      actor: describeActor(actor),
      action: 'subscriber.delete',
      targetType: 'subscriber',
      targetId: row.id,
      before,
      after: null,
      at: now,
    });
    return subscriber;
  });
}

/** Mails an unconfirmed subscriber their confirmation link again. */
export async function resendConfirmation(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  subscriberId: string,
): Promise<Subscriber> {
  authorize(actor, 'subscribers.write');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = await findSubscriber(tx, pageId, subscriberId);
    const page = await findPage(tx, pageId);
    if (row === undefined || page === undefined)
      throw new AppError('NOT_FOUND', `there is no subscriber with id "${subscriberId}"`);
    if (row.confirmed_at !== null) throw new AppError('CONFLICT', 'this subscriber has confirmed already');
    const componentIds = (await listSubscriberComponentIds(tx, [row.id])).get(row.id) ?? [];
    const { components } = await resolveSubscriptionComponents(tx, pageId, []);
    await mail(
      tx,
      row,
      { kind: 'confirmation', page, componentNames: componentNames(components, componentIds) },
      now,
    );
    await appendAudit(tx, {
      pageId,
      actor: describeActor(actor),
      action: 'subscriber.resend_confirmation',
      targetType: 'subscriber',
      targetId: row.id,
      before: null,
      after: null,
      at: now,
    });
    return toSubscriber({ ...row, confirmation_sent_at: now }, componentIds);
  });
}
