import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.js';
import type { AlertChannel } from '../src/notify/channels/alert-channel.js';
import { createDiscordChannel } from '../src/notify/channels/discord-channel.js';
import { createNtfyChannel } from '../src/notify/channels/ntfy-channel.js';
import { createOperatorEmailChannel } from '../src/notify/channels/operator-email-channel.js';
import type { OperatorAlert } from '../src/notify/channels/operator-alert.js';
import { createOperatorWebhookChannel } from '../src/notify/channels/operator-webhook-channel.js';
import { createSlackChannel } from '../src/notify/channels/slack-channel.js';
import { createTeamsChannel } from '../src/notify/channels/teams-channel.js';
import { createTelegramChannel } from '../src/notify/channels/telegram-channel.js';
import { EmailChannel } from '../src/notify/email-channel.js';
import { parseSiteConfig } from '../src/config/load-site-config.js';
import { createAlertChannels } from '../src/services/alerts/create-alert-channels.js';
import { startChatReceiver, type ChatReceiver } from './helpers/chat-receivers.js';

const AT = Date.parse('2024-02-16T08:30:00Z');
const DOWN: OperatorAlert = {
  kind: 'monitor_down',
  title: 'Database is down',
  text: 'postgres#0: connect ECONNREFUSED 127.0.0.1:5432\nFailing since 09:29 <script>alert("x")</script> & more',
  url: 'https://status.example.com/admin/components/abc123def456',
  componentIds: ['abc123def456'],
  at: AT,
};
const never = new AbortController().signal;

let receiver: ChatReceiver;
beforeAll(async () => {
  receiver = await startChatReceiver();
});
afterAll(() => receiver.close());
beforeEach(() => receiver.reply({ status: 200, body: 'ok' }));

const containing = (text: string) => expect.stringContaining(text) as string;

/** RFC 2047 Q-encoded words ("=?UTF-8?Q?=5BBeacon=5D_...?=") back to text. */
function decodeWords(header: string): string {
  return header.replace(/=\?UTF-8\?Q\?(.*?)\?=\s*/gi, (_word, text: string) =>
    Buffer.from(
      text
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (_hex, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8'),
  );
}

async function sendOne(channel: AlertChannel, alert: OperatorAlert = DOWN) {
  const before = receiver.requests.length;
  const outcome = await channel.sendAlert(alert, never);
  const requests = await receiver.received(before + 1);
  return {
    outcome,
    request: requests[before]!,
    json: () => JSON.parse(requests[before]!.body) as Record<string, unknown>,
  };
}

describe('operator channels send each service its own payload', () => {
  it('Slack: a notification text and blocks, with mrkdwn control characters escaped', async () => {
    const { outcome, request, json } = await sendOne(
      createSlackChannel({ url: `${receiver.url}/services/T0/B0/secret` }),
    );
    expect(outcome).toEqual({ ok: true });
    expect(request.path).toBe('/services/T0/B0/secret');
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    const body = json() as {
      text: string;
      blocks: { type: string; text?: { text: string }; elements?: unknown[] }[];
    };
    expect(body.text).toBe('🔴 Database is down');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context', 'actions']);
    expect(body.blocks[0]?.text?.text).toBe('🔴 Database is down');
    expect(body.blocks[1]?.text?.text).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &amp; more');
    expect(body.blocks[3]?.elements).toEqual([
      { type: 'button', text: { type: 'plain_text', text: 'Open in Beacon' }, url: DOWN.url },
    ]);
  });

  it('Discord: content and one embed that mentions nobody', async () => {
    const { outcome, json } = await sendOne(
      createDiscordChannel({ url: `${receiver.url}/api/webhooks/1/token` }),
    );
    expect(outcome).toEqual({ ok: true });
    const body = json() as { content: string; embeds: Record<string, unknown>[]; allowed_mentions: unknown };
    expect(body.content).toBe('🔴 Database is down');
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]).toMatchObject({
      title: 'Database is down',
      url: DOWN.url,
      color: 0xd93f0b,
      timestamp: '2024-02-16T08:30:00.000Z',
    });
    expect(body.embeds[0]?.description).toContain('postgres#0: connect ECONNREFUSED');
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('Teams: a message with one Adaptive Card and an Open in Beacon action', async () => {
    receiver.reply({ status: 202, body: '' });
    const { outcome, json } = await sendOne(createTeamsChannel({ url: `${receiver.url}/workflows/1?sig=x` }));
    expect(outcome).toEqual({ ok: true });
    const body = json() as {
      type: string;
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = body.attachments[0]!.content as {
      type: string;
      version: string;
      body: { type: string; text?: string }[];
      actions: unknown[];
    };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: '🔴 Database is down',
      color: 'Attention',
    });
    expect(card.body[1]?.text).toBe(DOWN.text);
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open in Beacon', url: DOWN.url }]);
  });

  it('Telegram: sendMessage on the bot path, HTML parse mode, <script> escaped', async () => {
    receiver.reply({
      status: 200,
      body: '{"ok":true,"result":{}}',
      headers: { 'content-type': 'application/json' },
    });
    const { outcome, request, json } = await sendOne(
      createTelegramChannel({
        botToken: '123456:ABC-def',
        chatId: '-1001234567890',
        apiUrl: `${receiver.url}/`,
      }),
    );
    expect(outcome).toEqual({ ok: true });
    expect(request.method).toBe('POST');
    expect(request.path).toBe('/bot123456:ABC-def/sendMessage');
    const body = json();
    expect(body).toMatchObject({ chat_id: '-1001234567890', parse_mode: 'HTML' });
    expect(body.text).toBe(
      '<b>🔴 Database is down</b>\n\n' +
        'postgres#0: connect ECONNREFUSED 127.0.0.1:5432\nFailing since 09:29 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more\n\n' +
        `<a href="${DOWN.url}">Open in Beacon</a>`,
    );
    expect(body.text).not.toContain('<script>');
  });

  it('ntfy: the text as body; title, priority, tags, click and the token as headers', async () => {
    const { outcome, request } = await sendOne(
      createNtfyChannel({ url: `${receiver.url}/ops-topic`, token: 'tk_abc' }),
    );
    expect(outcome).toEqual({ ok: true });
    expect(request.path).toBe('/ops-topic');
    expect(request.body).toBe(DOWN.text);
    expect(request.headers).toMatchObject({
      title: 'Database is down',
      priority: '5',
      tags: 'rotating_light,beacon',
      click: DOWN.url,
      authorization: 'Bearer tk_abc',
    });
  });

  it('ntfy: a title outside ASCII travels as an RFC 2047 word, and no line break reaches a header', async () => {
    const { request } = await sendOne(createNtfyChannel({ url: `${receiver.url}/t` }), {
      ...DOWN,
      kind: 'monitor_up',
      title: 'Zahlungsdienst läuft wieder\r\nX-Injected: 1',
      url: null,
    });
    const title = request.headers.title as string;
    expect(title).toMatch(/^=\?UTF-8\?B\?.+\?=$/);
    expect(Buffer.from(title.slice('=?UTF-8?B?'.length, -2), 'base64').toString('utf8')).toBe(
      'Zahlungsdienst läuft wieder X-Injected: 1',
    );
    expect(request.headers['x-injected']).toBeUndefined();
    expect(request.headers).toMatchObject({ priority: '3', tags: 'white_check_mark,beacon' });
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.click).toBeUndefined();
  });

  it('webhook: JSON with a signature over timestamp and body that verifies with the secret', async () => {
    const clock = new ManualClock(AT + 5000);
    const { outcome, request, json } = await sendOne(
      createOperatorWebhookChannel({ url: `${receiver.url}/hook`, secret: 'shh', clock }),
    );
    expect(outcome).toEqual({ ok: true });
    const timestamp = request.headers['x-beacon-timestamp'] as string;
    expect(timestamp).toBe(String(Math.floor((AT + 5000) / 1000)));
    const expected = `sha256=${createHmac('sha256', 'shh').update(`${timestamp}.${request.body}`).digest('hex')}`;
    const signature = request.headers['x-beacon-signature'] as string;
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
    expect(request.headers['x-beacon-event']).toBe('monitor_down');
    expect(json()).toMatchObject({
      type: 'operator_alert',
      event: 'monitor_down',
      title: 'Database is down',
      url: DOWN.url,
      component_ids: ['abc123def456'],
      at: '2024-02-16T08:30:00.000Z',
    });
    expect(json().id).toBe(request.headers['x-beacon-delivery']);
  });

  it('email: one mail to every operator address through the SMTP transport, HTML escaped', async () => {
    const mails: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const mail = new EmailChannel({
      smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      from: 'Beacon <beacon@example.com>',
    });
    try {
      const channel = createOperatorEmailChannel({ to: ['ops@example.com', 'oncall@example.com'], mail });
      expect(await channel.sendAlert(DOWN, never)).toEqual({ ok: true });
      expect(mails).toHaveLength(1);
      expect(mails[0]?.to).toEqual(['ops@example.com', 'oncall@example.com']);
      const [head = '', ...rest] = mails[0]!.data.split('\r\n\r\n');
      const headers = head.replace(/\r\n[ \t]+/g, ' ');
      expect(decodeWords(/^Subject: (.*)$/m.exec(headers)?.[1] ?? '')).toBe('[Beacon] 🔴 Database is down');
      expect(headers).toMatch(/^Auto-Submitted: auto-generated$/m);
      const html = rest.join('\r\n\r\n').split('Content-Type: text/html')[1]?.replace(/=\r\n/g, '') ?? '';
      expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
      expect(html).not.toContain('<script>');
      expect(
        await channel.send(
          {
            kind: 'webhook',
            idempotencyKey: 'x',
            url: 'http://x',
            body: '',
            signingSecret: null,
            headers: {},
          },
          never,
        ),
      ).toEqual({
        ok: false,
        retryable: false,
        reason: 'the email channel cannot send a webhook message',
      });
    } finally {
      mail.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('webhook: no signature header without a secret', async () => {
    const { request } = await sendOne(createOperatorWebhookChannel({ url: `${receiver.url}/hook` }));
    expect(request.headers['x-beacon-signature']).toBeUndefined();
  });
});

describe('operator channels map answers to outcomes', () => {
  const channels: [string, () => AlertChannel][] = [
    ['slack', () => createSlackChannel({ url: `${receiver.url}/services/SECRET`, timeoutMs: 300 })],
    ['discord', () => createDiscordChannel({ url: `${receiver.url}/api/webhooks/SECRET`, timeoutMs: 300 })],
    ['teams', () => createTeamsChannel({ url: `${receiver.url}/workflows/SECRET`, timeoutMs: 300 })],
    [
      'telegram',
      () =>
        createTelegramChannel({ botToken: '1:SECRET', chatId: '1', apiUrl: receiver.url, timeoutMs: 300 }),
    ],
    ['ntfy', () => createNtfyChannel({ url: `${receiver.url}/SECRET`, token: 'SECRET', timeoutMs: 300 })],
    [
      'webhook',
      () => createOperatorWebhookChannel({ url: `${receiver.url}/SECRET`, secret: 'SECRET', timeoutMs: 300 }),
    ],
  ];

  it.each(channels)(
    '%s: 500 and 429 are retryable, 400 is not, 301 is a failure, silence times out',
    async (_kind, make) => {
      const channel = make();
      receiver.reply({ status: 500, body: 'upstream exploded' });
      expect(await channel.sendAlert(DOWN, never)).toMatchObject({
        ok: false,
        retryable: true,
        reason: containing('HTTP 500'),
      });
      receiver.reply({ status: 429, body: 'slow down' });
      expect(await channel.sendAlert(DOWN, never)).toMatchObject({
        ok: false,
        retryable: true,
        reason: containing('HTTP 429'),
      });
      receiver.reply({ status: 400, body: 'invalid_payload' });
      const rejected = await channel.sendAlert(DOWN, never);
      expect(rejected).toMatchObject({
        ok: false,
        retryable: false,
        reason: containing('HTTP 400: invalid_payload'),
      });
      receiver.reply({ status: 301, headers: { location: 'https://elsewhere.example.com/SECRET' } });
      const moved = await channel.sendAlert(DOWN, never);
      expect(moved).toMatchObject({ ok: false, retryable: false, reason: containing('HTTP 301') });
      receiver.reply({ hang: true });
      const silent = await channel.sendAlert(DOWN, never);
      expect(silent).toEqual({
        ok: false,
        retryable: true,
        reason: containing('did not answer within 300 ms'),
      });
      for (const outcome of [rejected, moved, silent])
        if (!outcome.ok) expect(outcome.reason).not.toContain('SECRET');
    },
  );

  it('an unreachable service is retryable, and the token stays out of the reason', async () => {
    const closed = await startChatReceiver();
    await closed.close();
    const outcome = await createTelegramChannel({
      botToken: '1:SECRET',
      chatId: '1',
      apiUrl: closed.url,
    }).sendAlert(DOWN, never);
    expect(outcome).toMatchObject({ ok: false, retryable: true, reason: containing('ECONNREFUSED') });
    if (!outcome.ok) expect(outcome.reason).not.toContain('SECRET');
  });

  it('Telegram explains its JSON errors, such as a group that moved', async () => {
    receiver.reply({
      status: 400,
      body: '{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009876}}',
    });
    const outcome = await createTelegramChannel({
      botToken: '1:x',
      chatId: '-42',
      apiUrl: receiver.url,
    }).sendAlert(DOWN, never);
    expect(outcome).toEqual({
      ok: false,
      retryable: false,
      reason:
        'Telegram answered HTTP 400: Bad Request: group chat was upgraded to a supergroup chat; the group is now chat -1009876: set chat_id to it',
    });
  });

  it('a cancelled delivery is retryable', async () => {
    receiver.reply({ hang: true });
    const controller = new AbortController();
    const pending = createSlackChannel({ url: `${receiver.url}/s` }).sendAlert(DOWN, controller.signal);
    await receiver.received(receiver.requests.length + 1);
    controller.abort();
    expect(await pending).toEqual({ ok: false, retryable: true, reason: 'Slack delivery was cancelled' });
  });
});

describe('operator channels from beacon.yaml', () => {
  it('sends to the configured URL and token, and names only a redacted target', async () => {
    const { alerts } = parseSiteConfig(
      `page: { name: Acme }
alerts:
  - { type: slack, url: "${receiver.url}/services/T0/B0/SLACKSECRET", events: [monitor_down] }
  - { type: telegram, bot_token: "42:TGSECRET", chat_id: "@beacon_ops", api_url: "${receiver.url}" }
  - { type: ntfy, url: "${receiver.url}/ops-topic", token: tk_NTFYSECRET }
`,
      'beacon.yaml',
    );
    const routed = createAlertChannels(alerts, { mail: null });
    expect(routed.map((r) => [r.channel.kind, r.channel.target, r.events])).toEqual([
      ['slack', `${receiver.url}/[redacted]`, ['monitor_down']],
      [
        'telegram',
        'telegram chat @beacon_ops',
        ['monitor_down', 'monitor_up', 'incident_draft', 'delivery_failing'],
      ],
      [
        'ntfy',
        `${receiver.url}/[redacted]`,
        ['monitor_down', 'monitor_up', 'incident_draft', 'delivery_failing'],
      ],
    ]);
    const before = receiver.requests.length;
    for (const { channel } of routed) expect(await channel.sendAlert(DOWN, never)).toEqual({ ok: true });
    const requests = (await receiver.received(before + 3)).slice(before);
    expect(requests.map((r) => r.path).sort()).toEqual([
      '/bot42:TGSECRET/sendMessage',
      '/ops-topic',
      '/services/T0/B0/SLACKSECRET',
    ]);
    expect(requests.find((r) => r.path === '/ops-topic')?.headers.authorization).toBe('Bearer tk_NTFYSECRET');
  });

  it('refuses an email alert when no SMTP server is configured', () => {
    const { alerts } = parseSiteConfig(
      'page: { name: Acme }\nalerts:\n  - { type: email, to: [ops@example.com] }\n',
      'beacon.yaml',
    );
    expect(() => createAlertChannels(alerts, { mail: null })).toThrow(
      'alerts[0]: an email alert sends through BEACON_SMTP_URL (and BEACON_MAIL_FROM); set them, or remove this alert',
    );
  });
});
