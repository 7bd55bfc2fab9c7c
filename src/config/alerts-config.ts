import { inspect } from 'node:util';
import { z } from 'zod';

/** What an operator channel can be told about; every channel hears all of them unless `events:` says otherwise. */
export const ALERT_EVENTS = ['monitor_down', 'monitor_up', 'incident_draft', 'delivery_failing'] as const;
export type AlertEvent = (typeof ALERT_EVENTS)[number];

export const ALERT_TYPES = ['slack', 'discord', 'teams', 'telegram', 'ntfy', 'webhook', 'email'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

const REDACTED = '[redacted]';

/**
 * A value that must never be printed: JSON, string conversion and util.inspect (pino, console) all show
 * `[redacted]` or, for URLs, the origin alone. `reveal()` is for the one place that sends it.
 */
export class Secret {
  readonly #value: string;
  readonly #shown: string;

  private constructor(value: string, shown: string) {
    this.#value = value;
    this.#shown = shown;
  }

  static of(value: string): Secret {
    return new Secret(value, REDACTED);
  }

  /** A URL whose path or query holds a token (Slack, Discord, Teams, ntfy topics): only the origin shows. */
  static url(value: string): Secret {
    return new Secret(value, URL.canParse(value) ? `${new URL(value).origin}/${REDACTED}` : REDACTED);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return this.#shown;
  }

  toJSON(): string {
    return this.#shown;
  }

  [inspect.custom](): string {
    return this.#shown;
  }
}

function httpUrl(type: string, example: string) {
  return z
    .string({ error: `url is required for a ${type} alert, e.g. ${example}` })
    .refine((value) => {
      const url = URL.canParse(value) ? new URL(value) : null;
      return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
    }, `url must be an absolute http:// or https:// URL, e.g. ${example}`)
    .transform((value) => Secret.url(value));
}

function secret(field: string, example: string) {
  return z
    .string({ error: `${field} must be text, e.g. ${example}` })
    .trim()
    .min(1, `${field} must not be empty, e.g. ${example}`)
    .transform((value) => Secret.of(value));
}

const eventsSchema = z
  .array(z.enum(ALERT_EVENTS, { error: `events may list ${ALERT_EVENTS.join(', ')}` }))
  .min(1, `events must list at least one of ${ALERT_EVENTS.join(', ')}, or be left out for all of them`)
  .default([...ALERT_EVENTS]);

/** A strict object whose unknown keys are named together with the ones this type knows. */
function alertObject<T extends AlertType, Shape extends z.core.$ZodLooseShape>(type: T, shape: Shape) {
  const full = { type: z.literal(type), events: eventsSchema, ...shape };
  const known = Object.keys(full).join(', ');
  return z.strictObject(full, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')} for a ${type} alert; known keys: ${known}`
        : undefined,
  });
}

const slackSchema = alertObject('slack', {
  url: httpUrl('slack', 'https://hooks.slack.com/services/T000/B000/XXXX'),
});
const discordSchema = alertObject('discord', {
  url: httpUrl('discord', 'https://discord.com/api/webhooks/123/abc'),
});
const teamsSchema = alertObject('teams', {
  url: httpUrl('teams', 'https://prod-00.westeurope.logic.azure.com/workflows/…'),
});
const CHAT_ID_FIX =
  'chat_id must be a chat number such as -1001234567890 or a channel name such as @beacon_ops';
const telegramSchema = alertObject('telegram', {
  bot_token: z
    .string({ error: 'bot_token is required for a telegram alert, e.g. 123456789:AAE…, from @BotFather' })
    .trim()
    .regex(/^\d+:[A-Za-z0-9_-]+$/, 'bot_token must look like 123456789:AAE… (the token @BotFather gave)')
    .transform((value) => Secret.of(value)),
  chat_id: z
    .union([z.int(), z.string()], { error: CHAT_ID_FIX })
    .transform((value) => String(value).trim())
    .refine((value) => /^(-?\d+|@[A-Za-z0-9_]{5,})$/.test(value), CHAT_ID_FIX),
  api_url: z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
      error: 'api_url must be an absolute http:// or https:// URL, e.g. https://api.telegram.org',
    })
    .default('https://api.telegram.org')
    .transform((value) => value.replace(/\/+$/, '')),
});
const ntfySchema = alertObject('ntfy', {
  url: httpUrl('ntfy', 'https://ntfy.sh/beacon-ops-7f3k'),
  token: secret('token', 'tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2').optional(),
});
const webhookSchema = alertObject('webhook', {
  url: httpUrl('webhook', 'https://ops.example.com/hooks/beacon'),
  secret: secret('secret', 'a long random string').optional(),
});
const emailSchema = alertObject('email', {
  to: z
    .array(z.email({ error: 'every address in to must be an email address, e.g. ops@example.com' }), {
      error: 'to must list email addresses, e.g. [ops@example.com]',
    })
    .min(1, 'to must list at least one address, e.g. [ops@example.com]'),
});

/** One entry of `alerts:` in beacon.yaml: where operators hear about outages, drafts and failing deliveries. */
export const alertConfigSchema = z.discriminatedUnion(
  'type',
  [slackSchema, discordSchema, teamsSchema, telegramSchema, ntfySchema, webhookSchema, emailSchema],
  {
    error: (issue) =>
      issue.code === 'invalid_union' || issue.code === 'invalid_type'
        ? `type must be one of ${ALERT_TYPES.join(', ')}, e.g. { type: slack, url: https://hooks.slack.com/services/… }`
        : undefined,
  },
);

export type AlertConfig = z.infer<typeof alertConfigSchema>;
export type AlertConfigOf<T extends AlertType> = Extract<AlertConfig, { type: T }>;

/** Where a channel sends, safe to log: "slack https://hooks.slack.com/[redacted]", "email ops@example.com". */
export function describeAlertTarget(config: AlertConfig): string {
  switch (config.type) {
    case 'telegram':
      return `telegram chat ${config.chat_id}`;
    case 'email':
      return `email ${config.to.join(', ')}`;
    default:
      return `${config.type} ${config.url.toString()}`;
  }
}
