import { describe, expect, it } from 'vitest';
import type { Component } from '../src/domain/component.js';
import type { Incident } from '../src/domain/incident.js';
import type { Page } from '../src/domain/page.js';
import type { Notification } from '../src/notify/notification.js';
import type { DeliveryJob } from '../src/notify/outbox-port.js';
import { createMessageComposer } from '../src/pages/mail/compose-message.js';
import { mailMessages } from '../src/pages/mail/mail-messages.js';

const AT = Date.parse('2026-11-23T12:00:00+01:00');
const page: Page = {
  id: 'page00000001',
  name: 'Watermelon',
  url: null,
  timeZone: 'Europe/Amsterdam',
  locale: 'en',
  createdAt: AT,
  updatedAt: AT,
};
const component = (
  id: string,
  name: string,
  status: Component['status'],
  groupId: string | null = null,
): Component => ({
  id,
  pageId: page.id,
  key: id,
  groupId,
  isGroup: false,
  name,
  description: null,
  position: 1,
  status,
  showcase: true,
  onlyShowIfDegraded: false,
  startDate: null,
  createdAt: AT,
  updatedAt: AT,
});
const components = [
  component('conversation', 'Conversations', 'major_outage'),
  component('chatbotengine', 'Chatbot engine', 'operational'),
];
const incident: Incident = {
  id: 'incident0001',
  pageId: page.id,
  kind: 'incident',
  name: 'Outage of Conversations',
  status: 'identified',
  impact: 'critical',
  impactOverride: null,
  createdAt: AT,
  updatedAt: AT,
  startedAt: AT,
  monitoringAt: null,
  resolvedAt: null,
  scheduledFor: null,
  scheduledUntil: null,
  scheduledAutoInProgress: false,
  scheduledAutoCompleted: false,
  backfilled: false,
  shortlink: null,
  postmortem: null,
  componentIds: ['conversation'],
  updates: [
    {
      id: 'update000002',
      incidentId: 'incident0001',
      status: 'identified',
      body: 'The *token refresh* fails. See [the RFC](https://example.com/rfc) and [this](javascript:alert(1)).\n\n<img src=x onerror=alert(1)>',
      displayAt: AT,
      createdAt: AT,
      updatedAt: AT,
      deliverNotifications: true,
      affectedComponents: [
        {
          componentId: 'conversation',
          name: 'Conversations',
          oldStatus: 'partial_outage',
          newStatus: 'major_outage',
        },
      ],
    },
    {
      id: 'update000001',
      incidentId: 'incident0001',
      status: 'investigating',
      body: 'Looking.',
      displayAt: AT - 60_000,
      createdAt: AT - 60_000,
      updatedAt: AT - 60_000,
      deliverNotifications: true,
      affectedComponents: null,
    },
  ],
};

function job(notification: Notification, channel = 'email'): DeliveryJob {
  return {
    id: 'delivery0001',
    eventId: 'event0000001',
    channel,
    attempt: 1,
    notification,
    recipient: {
      subscriberId: 'subscriber01',
      mode: channel === 'email' ? 'email' : 'webhook',
      email: 'ada@example.com',
      endpoint: 'https://hooks.example.com/in',
      token: 'tok_en-1',
      webhookSecret: 'secret',
    },
  };
}

const compose = createMessageComposer({ baseUrl: 'https://status.example.com/' });

describe('mail templates', () => {
  it('renders an incident update in HTML and text: status, body, affected components, incident link, unsubscribe', () => {
    const message = compose(
      job({
        kind: 'incident',
        trigger: 'incident.updated',
        page,
        components,
        incident,
        updateId: 'update000002',
      }),
    );
    if (message.kind !== 'email') throw new Error('expected an email');
    expect(message.to).toBe('ada@example.com');
    expect(message.subject).toBe('[Watermelon] Identified: Outage of Conversations');
    expect(message.headers).toEqual({
      'List-Unsubscribe': '<https://status.example.com/subscriptions/tok_en-1/unsubscribe>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(message.text).toContain('Outage of Conversations\n\nIdentified: The *token refresh* fails.');
    expect(message.text).toContain('Posted Nov 23, 2026 - 12:00 CET');
    expect(message.text).toContain('- Conversations: Partial outage → Major outage');
    expect(message.text).toContain(
      'View this incident on the status page: https://status.example.com/incidents/incident0001',
    );
    expect(message.text).toContain(
      'Manage your subscription: https://status.example.com/subscriptions/tok_en-1\nUnsubscribe: https://status.example.com/subscriptions/tok_en-1/unsubscribe',
    );
    expect(message.text).not.toContain('Looking.');

    expect(message.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(message.html).toContain('<em>token refresh</em>');
    expect(message.html).toContain(
      '<a href="https://example.com/rfc" rel="nofollow noopener noreferrer">the RFC</a>',
    );
    expect(message.html).not.toContain('href="javascript:');
    expect(message.html).toContain('[this](javascript:alert(1))');
    expect(message.html).not.toContain('<img');
    expect(message.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(message.html).toContain('<li>Conversations — Partial outage → Major outage</li>');
    expect(message.html).toContain('href="https://status.example.com/incidents/incident0001"');
    expect(message.html).toContain('href="https://status.example.com/subscriptions/tok_en-1/unsubscribe"');
  });

  it("escapes an incident name and falls back to the incident's components when the update moved none", () => {
    const named = {
      ...incident,
      name: 'Broken <b>things</b> & more',
      updates: [{ ...incident.updates[1]!, affectedComponents: null }],
    };
    const message = compose(
      job({
        kind: 'incident',
        trigger: 'incident.created',
        page,
        components,
        incident: named,
        updateId: 'update000001',
      }),
    );
    if (message.kind !== 'email') throw new Error('expected an email');
    expect(message.subject).toBe('[Watermelon] Investigating: Broken <b>things</b> & more');
    expect(message.html).toContain('Broken &lt;b>things&lt;/b> &amp; more');
    expect(message.text).toContain('- Conversations: Major outage');
  });

  it('shows a maintenance window and a postmortem body', () => {
    const maintenance: Incident = {
      ...incident,
      kind: 'maintenance',
      status: 'scheduled',
      scheduledFor: AT + 3_600_000,
      scheduledUntil: AT + 7_200_000,
    };
    const scheduled = compose(
      job({
        kind: 'incident',
        trigger: 'maintenance.scheduled',
        page,
        components,
        incident: maintenance,
        updateId: 'update000002',
      }),
    );
    expect(scheduled.kind === 'email' && scheduled.subject).toBe(
      '[Watermelon] Scheduled maintenance: Outage of Conversations',
    );
    expect(scheduled.kind === 'email' && scheduled.text).toContain(
      'Scheduled from Nov 23, 2026 - 13:00 CET until Nov 23, 2026 - 14:00 CET',
    );
    const withPostmortem: Incident = {
      ...incident,
      status: 'postmortem',
      postmortem: { body: '## What happened\n\nA **bad** deploy.', publishedAt: AT, updatedAt: AT },
    };
    const postmortem = compose(
      job({
        kind: 'incident',
        trigger: 'postmortem.published',
        page,
        components,
        incident: withPostmortem,
        updateId: null,
      }),
    );
    if (postmortem.kind !== 'email') throw new Error('expected an email');
    expect(postmortem.subject).toBe('[Watermelon] Postmortem: Outage of Conversations');
    expect(postmortem.html).toContain('<h2>What happened</h2>');
    expect(postmortem.text).toContain('Postmortem: ## What happened');
  });

  it('renders the confirmation, manage-link and webhook-disabled mails with their links', () => {
    const confirmation = compose(job({ kind: 'confirmation', page, componentNames: ['Conversations'] }));
    if (confirmation.kind !== 'email') throw new Error('expected an email');
    expect(confirmation.subject).toBe('[Watermelon] Confirm your subscription');
    expect(confirmation.text).toContain(
      'Confirm my subscription: https://status.example.com/subscriptions/tok_en-1/confirm',
    );
    expect(confirmation.text).toContain('You will hear about: Conversations.');
    expect(confirmation.html).toContain('href="https://status.example.com/subscriptions/tok_en-1/confirm"');
    const manage = compose(job({ kind: 'manage_link', page }));
    expect(manage.kind === 'email' && manage.text).toContain(
      'https://status.example.com/subscriptions/tok_en-1',
    );
    const disabled = compose(
      job({
        kind: 'webhook_disabled',
        page,
        endpoint: 'https://hooks.example.com/in',
        failures: 10,
        lastError: 'HTTP 500',
      }),
    );
    if (disabled.kind !== 'email') throw new Error('expected an email');
    expect(disabled.subject).toBe('[Watermelon] Your webhook was disabled');
    expect(disabled.text).toContain('The webhook https://hooks.example.com/in failed 10 times in a row');
    expect(disabled.text).toContain('Last error: HTTP 500');
  });

  it('uses the page locale, falling back to English', () => {
    expect(mailMessages('en-GB')).toBe(mailMessages('en'));
    expect(mailMessages('nl')).toBe(mailMessages('en'));
    const dutch = compose(job({ kind: 'manage_link', page: { ...page, locale: 'nl' } }));
    expect(dutch.kind === 'email' && dutch.html).toContain('<html lang="nl">');
  });
});

describe('webhook payloads', () => {
  it('builds the incident payload with every update and the page indicator', () => {
    const message = compose(
      job(
        {
          kind: 'incident',
          trigger: 'incident.updated',
          page,
          components,
          incident,
          updateId: 'update000002',
        },
        'webhook',
      ),
    );
    if (message.kind !== 'webhook') throw new Error('expected a webhook');
    expect(message).toMatchObject({
      url: 'https://hooks.example.com/in',
      signingSecret: 'secret',
      idempotencyKey: 'delivery0001',
    });
    const body = JSON.parse(message.body) as {
      meta: unknown;
      page: unknown;
      incident: { incident_updates: { id: string }[]; components: { id: string }[]; created_at: string };
    };
    expect(body.meta).toEqual({
      unsubscribe: 'https://status.example.com/subscriptions/tok_en-1',
      documentation: 'https://status.example.com/subscribe#webhooks',
    });
    expect(body.page).toEqual({
      id: 'page00000001',
      status_indicator: 'major',
      status_description: 'Partial System Outage',
    });
    expect(body.incident.incident_updates.map((u) => u.id)).toEqual(['update000002', 'update000001']);
    expect(body.incident.components.map((c) => c.id)).toEqual(['conversation']);
    expect(body.incident.created_at).toBe('2026-11-23T12:00:00.000+01:00');
  });

  it('builds the component payload', () => {
    const change = {
      id: 'change000001',
      componentId: 'chatbotengine',
      oldStatus: 'major_outage' as const,
      newStatus: 'operational' as const,
      at: AT,
    };
    const message = compose(job({ kind: 'component', page, components, change }, 'webhook'));
    if (message.kind !== 'webhook') throw new Error('expected a webhook');
    expect(JSON.parse(message.body)).toMatchObject({
      component_update: {
        created_at: '2026-11-23T12:00:00.000+01:00',
        new_status: 'operational',
        old_status: 'major_outage',
        id: 'change000001',
        component_id: 'chatbotengine',
      },
      component: { id: 'chatbotengine', name: 'Chatbot engine', status: 'operational' },
    });
    expect(() => compose(job({ kind: 'component', page, components, change }, 'email'))).toThrow(
      /webhooks only/,
    );
  });
});
