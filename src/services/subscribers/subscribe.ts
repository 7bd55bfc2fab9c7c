import { z } from 'zod';
import type { Page } from '../../domain/page.js';
import type { Actor } from '../../domain/permissions.js';
import { AppError } from '../../lib/app-error.js';
import { newId } from '../../lib/ids.js';
import { MINUTE } from '../../lib/time.js';
import type { Notification } from '../../notify/notification.js';
import { findPage } from '../../store/pages.js';
import type { Db } from '../../store/store.js';
import {
  findSubscriber,
  findSubscriberByDedupeKey,
  insertSubscriber,
  listSubscriberComponentIds,
  replaceSubscriberComponents,
  updateSubscriber,
  type SubscriberRow,
} from '../../store/subscribers.js';
import { randomToken } from '../auth/secrets.js';
import { authorize } from '../authorize.js';
import { enqueueDirectMessage } from '../notifications/enqueue-direct-message.js';
import type { ServiceContext } from '../service-context.js';
import { toSubscriber, type Subscriber } from './subscriber.js';
import { componentNames, resolveSubscriptionComponents } from './subscription-components.js';

/** The least time between two mails a visitor can trigger for one address (confirmation, manage link). */
export const RESEND_INTERVAL_MS = 10 * MINUTE;
const MAX_ENDPOINT_LENGTH = 2000;

export interface SubscribeInput {
  readonly email: string;
  /** A webhook subscription: POSTs go here; `email` is its owner's, told if it gets disabled. */
  readonly endpoint?: string | null;
  /** Components (or groups) to hear about; none: everything. */
  readonly componentIds?: readonly string[];
}

export interface SubscribeOptions {
  /** An operator subscribing someone (import, admin); needs subscribers.write. */
  readonly actor?: Actor;
  /** With an actor only: the subscriber is confirmed at once, no mail. */
  readonly skipConfirmation?: boolean;
}

export interface SubscribeResult {
  readonly subscriber: Subscriber;
  readonly created: boolean;
  /** The webhook signing secret, handed out once: when the webhook subscription is created. */
  readonly webhookSecret: string | null;
}

const emailSchema = z.email();

/**
 * Subscribes an address (double opt-in: a confirmation mail, confirmed by its link) or a webhook
 * (active at once, signed with its own secret). Subscribing again never reveals or changes a confirmed
 * subscription to a stranger: it mails the owner their manage link instead.
 */
export async function subscribe(
  ctx: ServiceContext,
  pageId: string,
  input: SubscribeInput,
  options: SubscribeOptions = {},
): Promise<SubscribeResult> {
  if (options.actor !== undefined) authorize(options.actor, 'subscribers.write');
  const skipConfirmation = options.actor !== undefined && options.skipConfirmation === true;
  const email = input.email.trim();
  if (!emailSchema.safeParse(email).success) throw invalid('email', 'is not a valid email address');
  const endpoint =
    input.endpoint === undefined || input.endpoint === null || input.endpoint.trim() === ''
      ? null
      : checkEndpoint(input.endpoint.trim());
  const mode = endpoint === null ? 'email' : 'webhook';
  const dedupeKey = endpoint === null ? `email:${email.toLowerCase()}` : `webhook:${endpoint}`;
  const now = ctx.clock.now();

  const attempt = () =>
    ctx.store.transaction(async (tx) => {
      const page = await findPage(tx, pageId);
      if (page === undefined) throw new AppError('NOT_FOUND', `there is no page with id "${pageId}"`);
      const { componentIds, components } = await resolveSubscriptionComponents(
        tx,
        pageId,
        input.componentIds ?? [],
      );
      const existing = await findSubscriberByDedupeKey(tx, pageId, dedupeKey);
      if (existing !== undefined)
        return resubscribe(tx, { existing, page, componentIds, operator: options.actor !== undefined, now });

      const row: SubscriberRow = {
        id: newId(),
        page_id: pageId,
        mode,
        email,
        endpoint,
        dedupe_key: dedupeKey,
        token: randomToken(),
        webhook_secret: mode === 'webhook' ? randomToken() : null,
        all_components: componentIds.length === 0 ? 1 : 0,
        confirmed_at: mode === 'webhook' || skipConfirmation ? now : null,
        quarantined_at: null,
        consecutive_failures: 0,
        first_failure_at: null,
        confirmation_sent_at: null,
        created_at: now,
        updated_at: now,
      };
      await insertSubscriber(tx, row, componentIds);
      if (row.confirmed_at === null) {
        await mail(
          tx,
          row,
          { kind: 'confirmation', page, componentNames: componentNames(components, componentIds) },
          now,
        );
      }
      return {
        subscriber: toSubscriber(
          { ...row, confirmation_sent_at: row.confirmed_at === null ? now : null },
          componentIds,
        ),
        created: true,
        webhookSecret: row.webhook_secret,
      };
    });
  try {
    return await attempt();
  } catch (e) {
    // Two requests for one new address at once: the loser finds the winner's row on a second try.
    if (isUniqueViolation(e)) return attempt();
    throw e;
  }
}

async function resubscribe(
  tx: Db,
  options: {
    readonly existing: SubscriberRow;
    readonly page: Page;
    readonly componentIds: string[];
    readonly operator: boolean;
    readonly now: number;
  },
): Promise<SubscribeResult> {
  const { existing, page, componentIds, now } = options;
  const recentlyMailed =
    existing.confirmation_sent_at !== null &&
    now - Number(existing.confirmation_sent_at) < RESEND_INTERVAL_MS;
  if (existing.mode === 'webhook' && existing.quarantined_at !== null) {
    // Subscribing a disabled webhook again turns it back on (its secret stays what it was).
    await updateSubscriber(tx, existing.id, {
      quarantined_at: null,
      consecutive_failures: 0,
      first_failure_at: null,
      updated_at: now,
    });
    await replaceSubscriberComponents(tx, existing.id, componentIds, now);
  } else if (existing.confirmed_at === null || options.operator) {
    await replaceSubscriberComponents(tx, existing.id, componentIds, now);
    if (existing.confirmed_at === null && !recentlyMailed) {
      const { components } = await resolveSubscriptionComponents(tx, page.id, componentIds);
      await mail(
        tx,
        existing,
        { kind: 'confirmation', page, componentNames: componentNames(components, componentIds) },
        now,
      );
    }
  } else if (existing.mode === 'email' && !recentlyMailed) {
    await mail(tx, existing, { kind: 'manage_link', page }, now);
  }
  const fresh = (await findSubscriber(tx, page.id, existing.id))!;
  const links = await listSubscriberComponentIds(tx, [existing.id]);
  return {
    subscriber: toSubscriber(fresh, links.get(existing.id) ?? []),
    created: false,
    webhookSecret: null,
  };
}

/** Queues a mail to a subscriber's address and notes when, for the resend interval. */
export async function mail(
  tx: Db,
  row: SubscriberRow,
  notification: Notification,
  now: number,
): Promise<void> {
  await enqueueDirectMessage(tx, {
    pageId: row.page_id,
    subscriberId: row.id,
    channel: 'email',
    notification,
    at: now,
  });
  await updateSubscriber(tx, row.id, { confirmation_sent_at: now, updated_at: now });
}

function checkEndpoint(endpoint: string): string {
  if (endpoint.length > MAX_ENDPOINT_LENGTH)
    throw invalid('endpoint', `must be at most ${MAX_ENDPOINT_LENGTH} characters`);
  const url = URL.canParse(endpoint) ? new URL(endpoint) : null;
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '') {
    throw invalid('endpoint', 'must be an http:// or https:// URL');
  }
  if (url.username !== '' || url.password !== '')
    throw invalid('endpoint', 'must not carry a user name or password');
  return url.href;
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION', `${field} ${message}`, { fields: [{ field, message }] });
}

function isUniqueViolation(e: unknown): boolean {
  const error = e as { code?: unknown; message?: unknown };
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
