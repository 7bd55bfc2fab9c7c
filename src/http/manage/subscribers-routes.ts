import { z } from 'zod';
import { buildManageSubscriberJson } from '../../pages/manage/manage-subscriber-json.js';
import { readComponents } from '../../services/components/component-uptime.js';
import {
  countSubscribers,
  deleteSubscriber,
  getSubscriber,
  listSubscribers,
  resendConfirmation,
  subscribe,
  type Subscriber,
} from '../../services/subscribers/index.js';
import { exportSubscribersCsv, importSubscribersCsv } from '../../services/subscribers/subscribers-csv.js';
import type { Actor } from '../../domain/permissions.js';
import type { OperatorRoutesOptions } from '../operator-routes-options.js';
import { manageRoute, type AnyManageRoute, type QueryParameterDoc } from './manage-route.js';
import { flag, idList, text } from './manage-schemas.js';
import { PAGING_DOCS, pagingOf, pagingQuery } from './paging.js';

const STATES = ['active', 'unconfirmed', 'quarantined', 'all'] as const;
const TYPES = ['email', 'webhook'] as const;

const filterQuery = z.object({
  state: z.enum(STATES, { error: `must be one of ${STATES.join(', ')}` }).optional(),
  type: z.enum(TYPES, { error: `must be one of ${TYPES.join(', ')}` }).optional(),
});
const listQuery = pagingQuery.extend(filterQuery.shape);

const FILTER_DOCS: readonly QueryParameterDoc[] = [
  {
    name: 'state',
    description: 'active (the default), unconfirmed, quarantined (disabled webhooks) or all.',
    schema: { type: 'string', enum: [...STATES], default: 'active' },
  },
  {
    name: 'type',
    description: 'email or webhook; both when left out.',
    schema: { type: 'string', enum: [...TYPES] },
  },
];

const subscriberCreateBody = z.object({
  subscriber: z.object({
    email: text(255, 'The address to notify; for a webhook, its owner told when it is disabled'),
    endpoint: text(2000, 'Webhook URL; leave out for an email subscriber').nullable().optional(),
    component_ids: idList('Components to hear about; none: every component').optional(),
    skip_confirmation_notification: flag(
      'Confirm the email subscriber at once, without the opt-in mail',
    ).optional(),
  }),
});

const importBody = z.union([z.string(), z.object({ csv: z.string().describe('The CSV text') })], {
  error: 'send the CSV as text/csv, or JSON {"csv": "..."}',
});

const LIST = '/pages/:page_id/subscribers';
const ITEM = `${LIST}/:subscriber_id`;

export function subscribersRoutes(options: OperatorRoutesOptions): AnyManageRoute[] {
  const { ctx, pageId } = options;
  const timeZoneOf = async (actor: Actor) => (await readComponents(ctx, actor, pageId)).page.timeZone;
  const json = async (actor: Actor, subscribers: readonly Subscriber[]) => {
    const timeZone = await timeZoneOf(actor);
    return subscribers.map((s) => buildManageSubscriberJson(s, timeZone));
  };
  const one = async (actor: Actor, subscriber: Subscriber) => (await json(actor, [subscriber]))[0];

  return [
    manageRoute({
      method: 'GET',
      path: LIST,
      operationId: 'getPagesPageIdSubscribers',
      tag: 'subscribers',
      summary: 'Get a list of subscribers',
      description: 'Newest first. The total is in the X-Total-Count header.',
      query: listQuery,
      queryDocs: [...FILTER_DOCS, ...PAGING_DOCS],
      success: { status: 200, description: 'The subscribers' },
      errors: [401, 404, 422],
      handle: async ({ actor, query }) => {
        const paging = pagingOf(query);
        const { subscribers, total } = await listSubscribers(ctx, actor, pageId, {
          ...paging,
          state: query?.state ?? 'active',
          mode: query?.type,
        });
        return {
          status: 200,
          body: await json(actor, subscribers),
          headers: { 'x-total-count': String(total) },
        };
      },
    }),
    manageRoute({
      method: 'POST',
      path: LIST,
      operationId: 'postPagesPageIdSubscribers',
      tag: 'subscribers',
      summary: 'Create a subscriber',
      description:
        'An email subscriber gets the opt-in mail unless skip_confirmation_notification is true; a webhook subscriber is active at once and its signing secret is returned once, as webhook_secret. Subscribing an address again answers 200 with the existing subscriber.',
      wrapper: 'subscriber',
      body: subscriberCreateBody,
      bodyRequired: true,
      permission: 'subscribers.write',
      success: { status: 201, description: 'The new subscriber' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, body }) => {
        const input = body.subscriber;
        const result = await subscribe(
          ctx,
          pageId,
          {
            email: input.email,
            endpoint: input.endpoint ?? null,
            componentIds: input.component_ids ?? [],
          },
          { actor, skipConfirmation: input.skip_confirmation_notification === true },
        );
        const subscriber = await one(actor, result.subscriber);
        return {
          status: result.created ? 201 : 200,
          body:
            result.webhookSecret === null
              ? subscriber
              : { ...subscriber, webhook_secret: result.webhookSecret },
        };
      },
    }),
    manageRoute({
      method: 'GET',
      path: `${LIST}/count`,
      operationId: 'getPagesPageIdSubscribersCount',
      tag: 'subscribers',
      summary: 'Get a count of subscribers',
      query: filterQuery,
      queryDocs: [
        { ...FILTER_DOCS[0]!, description: 'active, unconfirmed, quarantined or all (the default).' },
        FILTER_DOCS[1]!,
      ],
      success: { status: 200, description: '{ "count": n }' },
      errors: [401, 404, 422],
      handle: async ({ actor, query }) => {
        const counts = await countSubscribers(ctx, actor, pageId, query?.type);
        const state = query?.state ?? 'all';
        return { status: 200, body: { count: state === 'all' ? counts.total : counts[state] } };
      },
    }),
    manageRoute({
      method: 'GET',
      path: '/pages/:page_id/subscribers.csv',
      operationId: 'getPagesPageIdSubscribersCsv',
      tag: 'subscribers',
      summary: 'Export email subscribers as CSV',
      description: 'Beacon extension. Columns: email, components, confirmed, created_at.',
      success: { status: 200, description: 'text/csv' },
      errors: [401, 404],
      handle: async ({ actor }) => ({
        status: 200,
        body: await exportSubscribersCsv(ctx, actor, pageId),
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="subscribers.csv"',
        },
      }),
    }),
    manageRoute({
      method: 'POST',
      path: `${LIST}/import`,
      operationId: 'postPagesPageIdSubscribersImport',
      tag: 'subscribers',
      summary: 'Import subscribers from CSV',
      description:
        'Beacon extension. The body is a CSV export (text/csv) or JSON {"csv": "..."}. Answers how many were imported and which lines were skipped, and why.',
      body: importBody,
      bodyRequired: true,
      permission: 'subscribers.write',
      success: { status: 200, description: '{ "imported": n, "skipped": [{ "line", "reason" }] }' },
      errors: [400, 401, 403, 404, 422],
      handle: async ({ actor, body }) => ({
        status: 200,
        body: await importSubscribersCsv(ctx, actor, pageId, typeof body === 'string' ? body : body.csv),
      }),
    }),
    manageRoute({
      method: 'GET',
      path: ITEM,
      operationId: 'getPagesPageIdSubscribersSubscriberId',
      tag: 'subscribers',
      summary: 'Get a subscriber',
      success: { status: 200, description: 'The subscriber' },
      errors: [401, 404],
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await one(actor, await getSubscriber(ctx, actor, pageId, params.subscriber_id!)),
      }),
    }),
    manageRoute({
      method: 'DELETE',
      path: ITEM,
      operationId: 'deletePagesPageIdSubscribersSubscriberId',
      tag: 'subscribers',
      summary: 'Unsubscribe a subscriber',
      description: 'Answers with the subscriber as it was; deliveries still queued for it are skipped.',
      permission: 'subscribers.write',
      success: { status: 200, description: 'The unsubscribed subscriber' },
      errors: [401, 403, 404],
      handle: async ({ actor, params }) => ({
        status: 200,
        body: await one(actor, await deleteSubscriber(ctx, actor, pageId, params.subscriber_id!)),
      }),
    }),
    manageRoute({
      method: 'POST',
      path: `${ITEM}/resend_confirmation`,
      operationId: 'postPagesPageIdSubscribersSubscriberIdResendConfirmation',
      tag: 'subscribers',
      summary: 'Resend confirmation to a subscriber',
      permission: 'subscribers.write',
      success: { status: 201, description: 'Empty' },
      errors: [401, 403, 404, 409],
      handle: async ({ actor, params }) => {
        await resendConfirmation(ctx, actor, pageId, params.subscriber_id!);
        return { status: 201 };
      },
    }),
  ];
}
