import type { ComponentChildren } from 'preact';
import type { Component } from '../../domain/component.js';
import { Layout } from '../html/layout.js';
import { renderDocument } from '../html/render-document.js';

// The public subscription pages (subscribe form, manage page, notices). They sit with the mails they
// answer; the status page links to /subscribe.

export interface SubscriptionPageContext {
  readonly pageName: string;
  readonly locale: string;
}

const FIELD = 'display:block;margin:.25rem 0 1rem;padding:.5rem;width:100%;max-width:24rem;font:inherit;';
const BUTTON = 'padding:.5rem 1rem;font:inherit;cursor:pointer;';

function frame(ctx: SubscriptionPageContext, title: string, children: ComponentChildren): string {
  return renderDocument(
    <Layout
      pageName={ctx.pageName}
      lang={ctx.locale}
      title={`${title} - ${ctx.pageName} status`}
      description={title}
      nameIsHeading={false}
    >
      {children}
    </Layout>,
  );
}

function ComponentChoices(props: {
  readonly components: readonly Component[];
  readonly selected: ReadonlySet<string>;
}) {
  const top = props.components.filter((c) => c.groupId === null);
  const box = (c: Component) => (
    <label style="display:block;margin:.25rem 0;">
      <input type="checkbox" name="component_ids" value={c.id} checked={props.selected.has(c.id)} /> {c.name}
    </label>
  );
  return (
    <fieldset style="margin:0 0 1rem;border:1px solid #dfe3e8;padding:.75rem 1rem;">
      <legend>Components</legend>
      <p class="meta">Tick the components you use; leave them all unticked to hear about everything.</p>
      {top.map((c) =>
        c.isGroup ? (
          <div style="margin:.5rem 0;">
            <strong>{c.name}</strong>
            <div style="padding-left:1.25rem;">
              {props.components.filter((child) => child.groupId === c.id && !child.isGroup).map(box)}
            </div>
          </div>
        ) : (
          box(c)
        ),
      )}
    </fieldset>
  );
}

/** GET /subscribe: email and the components to hear about, plus how webhook subscriptions work. */
export function renderSubscribePage(
  ctx: SubscriptionPageContext,
  props: {
    readonly components: readonly Component[];
    readonly error?: string;
    readonly email?: string;
    readonly selected?: readonly string[];
  },
): string {
  return frame(
    ctx,
    'Get notified',
    <>
      <h1>Get notified</h1>
      <p>
        We mail you when an incident touches the components you pick, when it is updated and resolved, and
        about scheduled maintenance.
      </p>
      {props.error !== undefined && (
        <p role="alert" style="color:#b42318;">
          {props.error}
        </p>
      )}
      <form method="post" action="/subscribe">
        <label for="subscribe-email">Email address</label>
        <input
          id="subscribe-email"
          type="email"
          name="email"
          required
          autocomplete="email"
          value={props.email ?? ''}
          style={FIELD}
        />
        <ComponentChoices components={props.components} selected={new Set(props.selected ?? [])} />
        <button type="submit" style={BUTTON}>
          Subscribe
        </button>
      </form>
      <section id="webhooks" style="margin-top:2.5rem;">
        <h2>Webhook notifications</h2>
        <p>
          Create a webhook subscription with <code>POST /api/v2/subscribers.json</code> and{' '}
          <code>{'{"subscriber": {"endpoint": "https://…", "email": "owner@…"}}'}</code> (optionally{' '}
          <code>component_ids</code>). The response carries the subscription's <code>webhook_secret</code>,
          once.
        </p>
        <p>
          Each notification is a JSON <code>POST</code> in Statuspage's format (<code>component_update</code>{' '}
          or <code>incident</code>), with <code>X-Beacon-Timestamp</code> (Unix seconds) and{' '}
          <code>X-Beacon-Signature: sha256=&lt;hex&gt;</code>, the HMAC-SHA256 of{' '}
          <code>&lt;timestamp&gt;.&lt;raw body&gt;</code> keyed with the secret.{' '}
          <code>X-Beacon-Delivery</code> and <code>Idempotency-Key</code> name the delivery: the same on every
          retry.
        </p>
        <p>
          Answer with a 2xx status within 30 seconds; anything else (a redirect too) is retried with growing
          delays. After 10 failures in a row over at least an hour the webhook is disabled and its owner is
          mailed.
        </p>
      </section>
    </>,
  );
}

/** A short page after an action: check your inbox, confirmed, unsubscribed. */
export function renderSubscriptionNotice(
  ctx: SubscriptionPageContext,
  props: {
    readonly title: string;
    readonly message: string;
    readonly link?: { readonly href: string; readonly label: string };
  },
): string {
  return frame(
    ctx,
    props.title,
    <>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.link !== undefined && (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      )}
      <p>
        <a href="/">Back to the status page</a>
      </p>
    </>,
  );
}

export interface ManagedSubscription {
  readonly mode: 'email' | 'webhook';
  readonly email: string;
  readonly endpoint: string | null;
  readonly state: 'unconfirmed' | 'active' | 'quarantined';
  readonly componentIds: readonly string[];
}

/** GET /subscriptions/:token: change components, or unsubscribe. */
export function renderManageSubscriptionPage(
  ctx: SubscriptionPageContext,
  props: {
    readonly token: string;
    readonly subscription: ManagedSubscription;
    readonly components: readonly Component[];
    readonly saved: boolean;
  },
): string {
  const { subscription } = props;
  const base = `/subscriptions/${encodeURIComponent(props.token)}`;
  const target =
    subscription.mode === 'webhook'
      ? `the webhook ${subscription.endpoint ?? ''} (owner ${subscription.email})`
      : subscription.email;
  return frame(
    ctx,
    'Your subscription',
    <>
      <h1>Your subscription</h1>
      <p>
        Updates go to <strong>{target}</strong>.
      </p>
      {subscription.state === 'unconfirmed' && (
        <p>This subscription is not confirmed yet: follow the link in the confirmation mail.</p>
      )}
      {subscription.state === 'quarantined' && (
        <p>This webhook was disabled after repeated failures. Subscribe it again to turn it back on.</p>
      )}
      {props.saved && <p role="status">Saved.</p>}
      <form method="post" action={base}>
        <ComponentChoices components={props.components} selected={new Set(subscription.componentIds)} />
        <button type="submit" style={BUTTON}>
          Save
        </button>
      </form>
      <form method="post" action={`${base}/unsubscribe`} style="margin-top:2rem;">
        <button type="submit" style={BUTTON}>
          Unsubscribe
        </button>
      </form>
    </>,
  );
}

/** GET /subscriptions/:token/unsubscribe: a button (a GET alone never unsubscribes: link scanners follow links). */
export function renderUnsubscribePage(
  ctx: SubscriptionPageContext,
  props: { readonly token: string },
): string {
  return frame(
    ctx,
    'Unsubscribe',
    <>
      <h1>Unsubscribe</h1>
      <p>Stop receiving {ctx.pageName} status updates?</p>
      <form method="post" action={`/subscriptions/${encodeURIComponent(props.token)}/unsubscribe`}>
        <button type="submit" style={BUTTON}>
          Unsubscribe
        </button>
      </form>
    </>,
  );
}
