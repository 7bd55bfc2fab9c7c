import { isIP } from 'node:net';
import { z } from 'zod';
import { parseJsonPath } from '../checks/http-probe.js';
import { DNS_RECORD_TYPES, type MonitorSpec } from '../domain/monitor.js';
import { DAY, HOUR, MINUTE, SECOND } from '../lib/time.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: SECOND, m: MINUTE, h: HOUR, d: DAY };
const DEFAULT_INTERVAL_MS = 60 * SECOND;
const DEFAULT_TIMEOUT_MS = 10 * SECOND;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** "500ms", "30s", "5m", "2h", "1d", "1m30s" or a number of seconds → milliseconds; null when unreadable. */
export function parseDuration(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? Math.round(text * SECOND) : null;
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return parseDuration(Number(trimmed));
  if (!/^(\d+(\.\d+)?\s*(ms|s|m|h|d)\s*)+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)) {
    total += Number(amount) * (UNIT_MS[unit ?? ''] ?? Number.NaN);
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

function duration(field: string, min: string, max: string, example: string) {
  const [minMs, maxMs] = [parseDuration(min) ?? 0, parseDuration(max) ?? Number.POSITIVE_INFINITY];
  const range = `${field} must be between ${min} and ${max}, e.g. ${example}`;
  return z.union([z.string(), z.number()], { error: range }).superRefine((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${field} must be a duration like "500ms", "30s", "5m", "2h", "1d" or a number of seconds, e.g. ${example}`,
      });
    } else if (ms < minMs || ms > maxMs) ctx.addIssue({ code: 'custom', message: range });
  });
}

function wholeNumber(field: string, min: number, max: number) {
  const message = `${field} must be a whole number from ${min} to ${max}`;
  return z.int({ error: message }).min(min, message).max(max, message);
}

function httpUrl(field: string, example: string) {
  return z.string({ error: `${field} is required, e.g. ${example}` }).refine((value) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
  }, `${field} must be an absolute http:// or https:// URL, e.g. ${example}`);
}

function required(field: string, example: string) {
  return z
    .string({ error: `${field} is required, e.g. ${example}` })
    .trim()
    .min(1, `${field} must not be empty, e.g. ${example}`);
}

/** A strict object whose unknown keys are named together with the ones this type knows. */
function monitorObject<Shape extends z.core.$ZodLooseShape>(type: string, shape: Shape) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')} for a ${type} monitor; known keys: ${known}`
        : undefined,
  });
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** "200", 301, "200-299" or "2xx" → an inclusive range; null when it is none of these. */
export function parseStatusRange(value: string | number): [number, number] | null {
  const text = String(value).trim().toLowerCase();
  const valid = (n: number) => Number.isInteger(n) && n >= 100 && n <= 599;
  const single = /^(\d{3})$/.exec(text);
  if (single) return valid(Number(single[1])) ? [Number(single[1]), Number(single[1])] : null;
  const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(text);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return valid(from) && valid(to) && from <= to ? [from, to] : null;
  }
  const klass = /^([1-5])xx$/.exec(text);
  return klass ? [Number(klass[1]) * 100, Number(klass[1]) * 100 + 99] : null;
}

const common = {
  key: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-_#]*$/,
      'a monitor key is lowercase letters, digits, "-", "_" and "#", e.g. "api-health"',
    )
    .optional(),
  enabled: z.boolean({ error: 'enabled must be true or false' }).optional(),
  interval: duration('interval', '10s', '24h', '30s').optional(),
  timeout: duration('timeout', '100ms', '5m', '10s').optional(),
  retries: wholeNumber('retries', 0, 10).optional(),
  recoveries: wholeNumber('recoveries', 1, 10).optional(),
};

/** A timeout longer than the interval would let checks of one monitor overlap. */
function timeoutWithinInterval(
  value: { interval?: string | number; timeout?: string | number },
  ctx: z.RefinementCtx,
): void {
  if (value.timeout === undefined) return;
  const intervalMs = value.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(value.interval);
  const timeoutMs = parseDuration(value.timeout);
  if (intervalMs !== null && timeoutMs !== null && timeoutMs > intervalMs) {
    const interval = value.interval === undefined ? '60s, the default' : String(value.interval);
    ctx.addIssue({
      code: 'custom',
      path: ['timeout'],
      message: `timeout (${value.timeout}) must not be longer than the interval (${interval})`,
    });
  }
}

const httpConfigSchema = monitorObject('http', {
  type: z.literal('http'),
  url: httpUrl('url', 'https://example.com/health'),
  method: z
    .string()
    .refine(
      (m) => (HTTP_METHODS as readonly string[]).includes(m.toUpperCase()),
      `method must be one of ${HTTP_METHODS.join(', ')}`,
    )
    .optional(),
  headers: z
    .record(
      z
        .string()
        .regex(
          /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/,
          'a header name is letters, digits and "-", e.g. Authorization',
        ),
      scalar.refine((v) => !/[\r\n]/.test(String(v)), 'a header value must be one line'),
      { error: 'headers must be a map of names to values, e.g. { Authorization: "Bearer ..." }' },
    )
    .optional(),
  body: z
    .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())], {
      error: 'body must be text, or a map or list sent as JSON',
    })
    .optional(),
  accepted_status_codes: z
    .array(
      z
        .union([z.string(), z.number()])
        .refine(
          (v) => parseStatusRange(v) !== null,
          'a status code is 100-599, a range like "200-299" or a class like "2xx"',
        ),
      { error: 'accepted_status_codes must be a list, e.g. ["200-299", 301]' },
    )
    .min(1, 'accepted_status_codes needs at least one code, e.g. ["200-299"]')
    .optional(),
  keyword: z.string().min(1, 'keyword must not be empty').optional(),
  keyword_absent: z.boolean({ error: 'keyword_absent must be true or false' }).optional(),
  regex: z
    .string()
    .refine(
      (pattern) => compiles(pattern),
      'regex is not a valid regular expression (JavaScript syntax, without slashes)',
    )
    .optional(),
  json_path: z
    .string()
    .refine((path) => parseJsonPath(path) !== null, 'json_path must look like $.status or $.checks[0].state')
    .optional(),
  json_expected: z.union([scalar, z.null()]).optional(),
  degraded_above: duration('degraded_above', '1ms', '5m', '2s').optional(),
  max_redirects: wholeNumber('max_redirects', 0, 20).optional(),
  verify_tls: z.boolean({ error: 'verify_tls must be true or false' }).optional(),
  cert_expiry_warning_days: z
    .union([z.int().min(0).max(365), z.literal(false), z.null()], {
      error: 'cert_expiry_warning_days must be a whole number of days from 0 to 365, or false',
    })
    .optional(),
  max_body_bytes: wholeNumber('max_body_bytes', 1024, 64 * 1024 * 1024).optional(),
  ...common,
}).superRefine((value, ctx) => {
  timeoutWithinInterval(value, ctx);
  if (value.json_expected !== undefined && value.json_path === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['json_expected'],
      message: 'json_expected needs a json_path, e.g. json_path: $.status',
    });
  }
  if (value.keyword_absent === true && value.keyword === undefined && value.regex === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['keyword_absent'],
      message: 'keyword_absent needs a keyword or a regex',
    });
  }
  const method = (value.method ?? 'GET').toUpperCase();
  if (value.body !== undefined && (method === 'GET' || method === 'HEAD')) {
    ctx.addIssue({
      code: 'custom',
      path: ['body'],
      message: `a body needs a method such as POST (method is ${method})`,
    });
  }
});

const tcpConfigSchema = monitorObject('tcp', {
  type: z.literal('tcp'),
  host: required('host', 'db.internal'),
  port: wholeNumber('port', 1, 65535),
  ...common,
}).superRefine(timeoutWithinInterval);

const dnsConfigSchema = monitorObject('dns', {
  type: z.literal('dns'),
  hostname: required('hostname', 'example.com'),
  record_type: z.enum(DNS_RECORD_TYPES, {
    error: `record_type must be one of ${DNS_RECORD_TYPES.join(', ')}`,
  }),
  expected: z
    .array(z.union([z.string(), z.number()]), { error: 'expected must be a list, e.g. ["93.184.216.34"]' })
    .optional(),
  resolver: z
    .string()
    .refine(
      (r) => parseResolver(r) !== null,
      'resolver must be an IP address with an optional port, e.g. 1.1.1.1 or 127.0.0.1:5353',
    )
    .optional(),
  ...common,
}).superRefine(timeoutWithinInterval);

const tlsConfigSchema = monitorObject('tls', {
  type: z.literal('tls'),
  host: required('host', 'example.com'),
  port: wholeNumber('port', 1, 65535).optional(),
  servername: z.string().min(1).optional(),
  warning_days: wholeNumber('warning_days', 0, 365).optional(),
  verify_tls: z.boolean({ error: 'verify_tls must be true or false' }).optional(),
  ...common,
}).superRefine(timeoutWithinInterval);

const heartbeatConfigSchema = monitorObject('heartbeat', {
  type: z.literal('heartbeat'),
  token: z
    .string({
      error: 'token is required: the secret in /api/push/<token>, e.g. a random string of 16+ characters',
    })
    .regex(
      /^[A-Za-z0-9._~-]{8,200}$/,
      'token must be 8 to 200 characters of letters, digits, ".", "_", "~" and "-" (it is part of a URL)',
    ),
  grace: duration('grace', '1s', '30d', '5m').optional(),
  ...common,
}).superRefine(timeoutWithinInterval);

const postgresConfigSchema = monitorObject('postgres', {
  type: z.literal('postgres'),
  url: z
    .string({ error: 'url is required, e.g. postgres://user@127.0.0.1:5432/app' })
    .regex(/^postgres(ql)?:\/\//, 'url must be a postgres:// URL, e.g. postgres://user@127.0.0.1:5432/app'),
  query: z.string().trim().min(1, 'query must not be empty, e.g. select 1').optional(),
  degraded_above: duration('degraded_above', '1ms', '5m', '500ms').optional(),
  ...common,
}).superRefine(timeoutWithinInterval);

const upstreamConfigSchema = monitorObject('upstream', {
  type: z.literal('upstream'),
  url: httpUrl('url', 'https://status.example.com/api/v2/summary.json'),
  component: z
    .union([z.string().min(1), z.number()], { error: 'component must be the upstream component name or id' })
    .optional(),
  ...common,
}).superRefine(timeoutWithinInterval);

/** One monitor as written in beacon.yaml (snake_case), checked per type. */
export const monitorConfigSchema = z.discriminatedUnion(
  'type',
  [
    httpConfigSchema,
    tcpConfigSchema,
    dnsConfigSchema,
    tlsConfigSchema,
    heartbeatConfigSchema,
    postgresConfigSchema,
    upstreamConfigSchema,
  ],
  { error: 'type must be one of http, tcp, dns, tls, heartbeat, postgres, upstream' },
);

export type MonitorConfig = z.infer<typeof monitorConfigSchema>;

/** The probe's view of a validated monitor, defaults applied. */
export function toMonitorSpec(config: MonitorConfig): MonitorSpec {
  switch (config.type) {
    case 'http': {
      const headers = Object.fromEntries(
        Object.entries(config.headers ?? {}).map(([name, value]) => [name, String(value)]),
      );
      let body: string | null = null;
      if (typeof config.body === 'string') body = config.body;
      else if (config.body !== undefined) {
        body = JSON.stringify(config.body);
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
          headers['content-type'] = 'application/json';
      }
      const warning = config.cert_expiry_warning_days;
      return {
        type: 'http',
        url: config.url,
        method: (config.method ?? 'GET').toUpperCase(),
        headers,
        body,
        acceptedStatus: (config.accepted_status_codes ?? ['200-299']).map(
          (code) => parseStatusRange(code) ?? [200, 299],
        ),
        keyword: config.keyword ?? null,
        keywordAbsent: config.keyword_absent ?? false,
        regex: config.regex ?? null,
        jsonPath: config.json_path ?? null,
        jsonExpected:
          config.json_expected === undefined || config.json_expected === null
            ? null
            : String(config.json_expected),
        degradedAboveMs: optionalMs(config.degraded_above),
        maxRedirects: config.max_redirects ?? 5,
        verifyTls: config.verify_tls ?? true,
        certExpiryWarningDays: warning === false || warning === null ? null : (warning ?? 14),
        maxBodyBytes: config.max_body_bytes ?? DEFAULT_MAX_BODY_BYTES,
      };
    }
    case 'tcp':
      return { type: 'tcp', host: config.host, port: config.port };
    case 'dns':
      return {
        type: 'dns',
        hostname: config.hostname,
        recordType: config.record_type,
        expected: (config.expected ?? []).map(String),
        resolver: config.resolver === undefined ? null : (parseResolver(config.resolver) ?? config.resolver),
      };
    case 'tls':
      return {
        type: 'tls',
        host: config.host,
        port: config.port ?? 443,
        servername: config.servername ?? null,
        warningDays: config.warning_days ?? 14,
        verifyTls: config.verify_tls ?? true,
      };
    case 'heartbeat':
      return { type: 'heartbeat', token: config.token, graceMs: optionalMs(config.grace) ?? 5 * MINUTE };
    case 'postgres':
      return {
        type: 'postgres',
        url: config.url,
        query: config.query ?? 'select 1',
        degradedAboveMs: optionalMs(config.degraded_above),
      };
    case 'upstream':
      return {
        type: 'upstream',
        url: config.url,
        component: config.component === undefined ? null : String(config.component),
      };
  }
}

/** How often and how patiently a monitor runs, defaults applied. */
export function monitorTiming(config: MonitorConfig): {
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  recoveries: number;
  enabled: boolean;
} {
  const intervalMs = optionalMs(config.interval) ?? DEFAULT_INTERVAL_MS;
  return {
    intervalMs,
    timeoutMs: optionalMs(config.timeout) ?? Math.min(DEFAULT_TIMEOUT_MS, intervalMs),
    retries: config.retries ?? 0,
    recoveries: config.recoveries ?? 1,
    enabled: config.enabled ?? true,
  };
}

function optionalMs(value: string | number | undefined): number | null {
  return value === undefined ? null : parseDuration(value);
}

/** "1.1.1.1", "127.0.0.1:5353", "::1" or "[::1]:5353" → the form Resolver.setServers takes. */
function parseResolver(text: string): string | null {
  const trimmed = text.trim();
  if (isIP(trimmed) !== 0) return isIP(trimmed) === 6 ? `[${trimmed}]` : trimmed;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):(\d{1,5})$/.exec(trimmed);
  if (match === null) return null;
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (isIP(host) === 0 || port < 1 || port > 65535) return null;
  return match[1] === undefined ? `${host}:${port}` : `[${host}]:${port}`;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
