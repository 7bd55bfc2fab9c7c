import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeAlertTarget, Secret } from './alerts-config.js';
import { ConfigError } from './config-error.js';
import { parseSiteConfig } from './load-site-config.js';

function problemsOf(yaml: string) {
  try {
    parseSiteConfig(yaml, '/etc/beacon.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.line ?? '-'} ${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const EVERY_CHANNEL = `page: { name: Acme }
alerts:
  - { type: slack, url: "https://hooks.slack.com/services/T000/B000/XXXXSECRET", events: [monitor_down, monitor_up] }
  - { type: discord, url: "https://discord.com/api/webhooks/123/DISCORDSECRET" }
  - { type: teams, url: "https://prod-00.westeurope.logic.azure.com/workflows/1?sig=TEAMSSECRET" }
  - { type: telegram, bot_token: "123456:TELEGRAMSECRET", chat_id: -1001234567890 }
  - { type: ntfy, url: "https://ntfy.sh/ops-topic-secret", token: tk_NTFYSECRET }
  - { type: webhook, url: "https://ops.example.com/hook?key=HOOKSECRET", secret: SIGNINGSECRET }
  - { type: email, to: [ops@example.com, oncall@example.com] }
`;

describe('alerts config', () => {
  it('reads every channel type, with all events and the Telegram API by default', () => {
    const { alerts } = parseSiteConfig(EVERY_CHANNEL, '/etc/beacon.yaml');
    expect(alerts.map((a) => a.type)).toEqual([
      'slack',
      'discord',
      'teams',
      'telegram',
      'ntfy',
      'webhook',
      'email',
    ]);
    expect(alerts[0]?.events).toEqual(['monitor_down', 'monitor_up']);
    expect(alerts[1]?.events).toEqual(['monitor_down', 'monitor_up', 'incident_draft', 'delivery_failing']);
    const telegram = alerts[3];
    if (telegram?.type !== 'telegram') throw new Error('expected telegram');
    expect(telegram.chat_id).toBe('-1001234567890');
    expect(telegram.api_url).toBe('https://api.telegram.org');
    expect(telegram.bot_token.reveal()).toBe('123456:TELEGRAMSECRET');
  });

  it('defaults to no alerts', () => {
    expect(parseSiteConfig('page: { name: Acme }\n', '/etc/beacon.yaml').alerts).toEqual([]);
  });

  it('never prints a secret: not as JSON, not through inspect, not in a log line', () => {
    const { alerts } = parseSiteConfig(EVERY_CHANNEL, '/etc/beacon.yaml');
    const printed = [
      JSON.stringify(alerts),
      inspect(alerts, { depth: 10 }),
      alerts.map(describeAlertTarget).join('\n'),
    ];
    for (const text of printed) {
      expect(text).not.toMatch(/SECRET/);
      expect(text).toContain('https://hooks.slack.com/[redacted]');
    }
    expect(alerts.map(describeAlertTarget)).toContain('email ops@example.com, oncall@example.com');
    expect(String(Secret.of('x'))).toBe('[redacted]');
  });

  it('names the file line, the entry and the fix of every problem at once', () => {
    expect(
      problemsOf(`page: { name: Acme }
alerts:
  - { type: slack, url: "https://hooks.slack.com/services/T0/B0/X", events: [monitor_down, monitor_upp] }
  - { type: pager, url: "https://example.com" }
  - type: telegram
    bot_token: not-a-token
    chat_id: 12
  - { type: email, to: [not-an-email] }
  - { type: webhook, url: "ftp://example.com", colour: red }
  - { type: ntfy }
`),
    ).toEqual([
      '3 alerts[0].events[1]: events may list monitor_down, monitor_up, incident_draft, delivery_failing',
      '4 alerts[1].type: type must be one of slack, discord, teams, telegram, ntfy, webhook, email, e.g. { type: slack, url: https://hooks.slack.com/services/… }',
      '6 alerts[2].bot_token: bot_token must look like 123456789:AAE… (the token @BotFather gave)',
      '8 alerts[3].to[0]: every address in to must be an email address, e.g. ops@example.com',
      '9 alerts[4].url: url must be an absolute http:// or https:// URL, e.g. https://ops.example.com/hooks/beacon',
      '9 alerts[4]: unknown key "colour" for a webhook alert; known keys: type, events, url, secret',
      '10 alerts[5].url: url is required for a ntfy alert, e.g. https://ntfy.sh/beacon-ops-7f3k',
    ]);
  });

  it('rejects an empty events list and a chat_id that is neither a number nor a channel', () => {
    expect(
      problemsOf(`page: { name: Acme }
alerts:
  - type: discord
    url: https://discord.com/api/webhooks/1/x
    events: []
  - { type: telegram, bot_token: "1:x", chat_id: "general chat" }
`),
    ).toEqual([
      '5 alerts[0].events: events must list at least one of monitor_down, monitor_up, incident_draft, delivery_failing, or be left out for all of them',
      '6 alerts[1].chat_id: chat_id must be a chat number such as -1001234567890 or a channel name such as @beacon_ops',
    ]);
  });
});
