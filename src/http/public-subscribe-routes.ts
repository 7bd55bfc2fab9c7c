import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Component } from '../domain/component.js';
import { formatNullableTimestamp, formatTimestamp } from '../domain/timestamp.js';
import { AppError, isAppError } from '../lib/app-error.js';
import { MINUTE } from '../lib/time.js';
import {
  renderManageSubscriptionPage,
  renderSubscribePage,
  renderSubscriptionNotice,
  renderUnsubscribePage,
  type SubscriptionPageContext,
} from '../pages/mail/subscription-pages.js';
import { RateLimitedError } from '../services/auth/rate-limited-error.js';
import {
  confirmSubscription,
  findSubscription,
  subscribe,
  unsubscribe,
  updateSubscriptionComponents,
  type SubscribeResult,
} from '../services/subscribers/index.js';
import { registerManageBodyParsers } from './manage/body-parsers.js';
import type { OperatorRoutesOptions } from './operator-routes-options.js';

const WINDOW_MS = 10 * MINUTE;
const MAX_SUBSCRIBES_PER_WINDOW = 20;
type WithToken = { Params: { token: string } };

interface PageView extends SubscriptionPageContext {
  readonly components: readonly Component[];
  readonly timeZone: string;
}

/**
 * Public subscriptions: Statuspage's `POST /api/v2/subscribers.json`, the subscribe form, and the
 * confirm, manage and unsubscribe links (the token in the URL is the credential: no CSRF token, no
 * session; RFC 8058 one-click unsubscribe POSTs straight to /subscriptions/:token/unsubscribe).
 */
export function registerPublicSubscribeRoutes(app: FastifyInstance, options: OperatorRoutesOptions): void {
  const { ctx, pageId, snapshots } = options;
  const limiter = new WindowLimiter(ctx.clock.now.bind(ctx.clock));
  const pageContext = (): PageView => {
    const data = snapshots.current()?.data;
    if (data === undefined)
      throw new AppError('UNAVAILABLE', 'the status page is starting; try again in a moment');
    return {
      pageName: data.page.name,
      locale: data.page.locale,
      components: data.components,
      timeZone: data.page.timeZone,
    };
  };
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')

      .header('x-robots-tag', 'noindex')
      .send(body);

  void app.register((scope, _opts, done) => {
    registerManageBodyParsers(scope);

    scope.options('/api/v2/subscribers.json', (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'content-type')
        .send(),
    );
    scope.post('/api/v2/subscribers.json', async (request, reply) => {
      limiter.admit(request.ip);
      const fields = subscriberFields(request.body);
      const result = await subscribe(ctx, pageId, fields);
      return reply
        .code(201)
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'no-store')
        .send({ subscriber: subscriberJson(result, fields, pageContext().timeZone) });
    });

    scope.get('/subscribe', (_request, reply) => {
      const page = pageContext();
      return html(reply, renderSubscribePage(page, { components: page.components }));
    });
    scope.post('/subscribe', async (request, reply) => {
      limiter.admit(request.ip);
      const page = pageContext();
      const form = asRecord(request.body);
      const email = typeof form['email'] === 'string' ? form['email'] : '';
      const componentIds = toList(form['component_ids']);
      try {
        await subscribe(ctx, pageId, { email, componentIds });
      } catch (e) {
        if (!isAppError(e) || e.code !== 'VALIDATION') throw e;
        return html(
          reply,
          renderSubscribePage(page, {
            components: page.components,
            error: e.message,
            email,
            selected: componentIds,
          }),
          400,
        );
      }
      return reply.code(303).header('location', '/subscribe/sent').send();
    });
    scope.get('/subscribe/sent', (_request, reply) =>
      html(
        reply,
        renderSubscriptionNotice(pageContext(), {
          title: 'Check your inbox',
          message: 'We sent you a mail: follow its link within 48 hours to confirm your subscription.',
        }),
      ),
    );

    scope.get<WithToken>('/subscriptions/:token/confirm', async (request, reply) => {
      await confirmSubscription(ctx, request.params.token);
      return html(
        reply,
        renderSubscriptionNotice(pageContext(), {
          title: 'Subscription confirmed',
          message: 'You will now hear about incidents and maintenance by mail.',
          link: { href: manageHref(request.params.token), label: 'Manage your subscription' },
        }),
      );
    });
    scope.get<WithToken & { Querystring: { saved?: string } }>(
      '/subscriptions/:token',
      async (request, reply) => {
        const { subscriber, components } = await findSubscription(ctx, request.params.token);
        return html(
          reply,
          renderManageSubscriptionPage(pageContext(), {
            token: request.params.token,
            subscription: subscriber,
            components,
            saved: request.query.saved !== undefined,
          }),
        );
      },
    );
    scope.post<WithToken>('/subscriptions/:token', async (request, reply) => {
      await updateSubscriptionComponents(
        ctx,
        request.params.token,
        toList(asRecord(request.body)['component_ids']),
      );
      return reply
        .code(303)
        .header('location', `${manageHref(request.params.token)}?saved=1`)
        .send();
    });
    scope.get<WithToken>('/subscriptions/:token/unsubscribe', (request, reply) =>
      html(reply, renderUnsubscribePage(pageContext(), { token: request.params.token })),
    );
    scope.post<WithToken>('/subscriptions/:token/unsubscribe', async (request, reply) => {
      await unsubscribe(ctx, request.params.token);
      return html(
        reply,
        renderSubscriptionNotice(pageContext(), {
          title: 'You are unsubscribed',
          message: 'You will not receive any more status updates from us.',
        }),
      );
    });
    done();
  });
}

function manageHref(token: string): string {
  return `/subscriptions/${encodeURIComponent(token)}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function toList(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** `{subscriber: {email, endpoint, component_ids}}` as JSON or Rails-style form fields. */
function subscriberFields(body: unknown): { email: string; endpoint: string | null; componentIds: string[] } {
  const subscriber = asRecord(asRecord(body)['subscriber']);
  const email = subscriber['email'];
  const endpoint = subscriber['endpoint'];
  if (typeof email !== 'string' || email.trim() === '') {
    throw new AppError('VALIDATION', 'subscriber[email] is required', {
      fields: [{ field: 'email', message: 'is required' }],
    });
  }
  return {
    email,
    endpoint: typeof endpoint === 'string' && endpoint.trim() !== '' ? endpoint : null,
    componentIds: toList(subscriber['component_ids']),
  };
}

/**
 * Statuspage's subscriber object. For an address already subscribed, the answer describes the request
 * (nothing about the existing subscription leaks to whoever knows the address). `webhook_secret` is
 * Beacon's: the signing key, returned only when the webhook subscription is created.
 */
function subscriberJson(
  result: SubscribeResult,
  request: { email: string; endpoint: string | null; componentIds: string[] },
  timeZone: string,
): object {
  const { subscriber } = result;
  const components = result.created ? subscriber.componentIds : request.componentIds;
  return {
    id: subscriber.id,
    skip_confirmation_notification: false,
    mode: subscriber.mode,
    email: subscriber.email,
    endpoint: subscriber.endpoint,
    phone_number: null,
    phone_country: null,
    display_phone_number: null,
    obfuscated_channel_name: null,
    workspace_name: null,
    quarantined_at: result.created ? formatNullableTimestamp(subscriber.quarantinedAt, timeZone) : null,
    purge_at: null,
    components,
    page_access_user_id: null,
    created_at: formatTimestamp(subscriber.createdAt, timeZone),
    ...(result.webhookSecret === null ? {} : { webhook_secret: result.webhookSecret }),
  };
}

/** A fixed window per client address, so the public form cannot be used to mail-bomb. */
class WindowLimiter {
  readonly #hits = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number) {}

  admit(key: string): void {
    const now = this.now();
    if (this.#hits.size > 10_000)
      for (const [k, v] of this.#hits) if (now - v.start >= WINDOW_MS) this.#hits.delete(k);
    const entry = this.#hits.get(key);
    if (entry === undefined || now - entry.start >= WINDOW_MS) {
      this.#hits.set(key, { start: now, count: 1 });
      return;
    }
    entry.count += 1;
    if (entry.count > MAX_SUBSCRIBES_PER_WINDOW)
      throw new RateLimitedError(
        'too many subscription requests from your address; try again later',
        (entry.start + WINDOW_MS - now) / 1000,
      );
  }
}
