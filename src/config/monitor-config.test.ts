import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseSiteConfig } from './load-site-config.js';
import {
  monitorConfigSchema,
  monitorTiming,
  parseDuration,
  toMonitorSpec,
  type MonitorConfig,
} from './monitor-config.js';

function parse(input: Record<string, unknown>): MonitorConfig {
  return monitorConfigSchema.parse(input);
}

function issuesOf(input: Record<string, unknown>): [string, string][] {
  const result = monitorConfigSchema.safeParse(input);
  if (result.success) throw new Error('expected the monitor to be refused');
  return result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

function problemsOf(yaml: string) {
  try {
    parseSiteConfig(yaml, '/etc/beacon.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDuration', () => {
  it('reads units, combinations and bare seconds', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1m30s')).toBe(90_000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration(45)).toBe(45_000);
    expect(parseDuration('45')).toBe(45_000);
  });

  it('returns null for anything else', () => {
    expect(parseDuration('soon')).toBeNull();
    expect(parseDuration('10 parsecs')).toBeNull();
    expect(parseDuration('')).toBeNull();
    expect(parseDuration(-1)).toBeNull();
    expect(parseDuration(Number.NaN)).toBeNull();
  });
});

describe('monitorConfigSchema', () => {
  it('accepts the DESIGN examples of every type', () => {
    for (const monitor of [
      { type: 'postgres', url: 'postgres://127.0.0.1:5432/app', interval: '30s' },
      { type: 'http', url: 'http://127.0.0.1:8080/health', interval: '30s', timeout: '10s', retries: 2 },
      { type: 'upstream', url: 'https://status.stripe.com/api/v2/summary.json', component: 'API' },
      { type: 'heartbeat', token: 'ios-app-beat', grace: '5m' },
      { type: 'tcp', host: 'db.internal', port: 5432 },
      {
        type: 'dns',
        hostname: 'example.com',
        record_type: 'MX',
        expected: ['10 mail.example.com'],
        resolver: '127.0.0.1:5353',
      },
      { type: 'tls', host: 'example.com' },
    ]) {
      expect(monitorConfigSchema.safeParse(monitor).success, JSON.stringify(monitor)).toBe(true);
    }
  });

  it('explains a wrong type, interval, or unknown key', () => {
    expect(issuesOf({ type: 'smtp' })).toEqual([
      ['type', 'type must be one of http, tcp, dns, tls, heartbeat, postgres, upstream'],
    ]);
    expect(issuesOf({ type: 'http', url: 'https://example.com', interval: '5s' })).toEqual([
      ['interval', 'interval must be between 10s and 24h, e.g. 30s'],
    ]);
    expect(issuesOf({ type: 'http', url: 'https://example.com', interval: 'often' })[0]?.[1]).toMatch(
      /^interval must be a duration like "500ms"/,
    );
    const [unknown] = issuesOf({ type: 'tcp', host: 'db', port: 5432, colour: 'red' });
    expect(unknown?.[1]).toMatch(/^unknown key "colour" for a tcp monitor; known keys: type, host, port, /);
  });

  it('checks fields across each other', () => {
    expect(issuesOf({ type: 'tcp', host: 'db', port: 1, interval: '10s', timeout: '30s' })).toEqual([
      ['timeout', 'timeout (30s) must not be longer than the interval (10s)'],
    ]);
    expect(issuesOf({ type: 'http', url: 'https://example.com', json_expected: 'ok' })).toEqual([
      ['json_expected', 'json_expected needs a json_path, e.g. json_path: $.status'],
    ]);
    expect(issuesOf({ type: 'http', url: 'https://example.com', body: 'x' })[0]?.[0]).toBe('body');
  });

  it('refuses bad values with the fix', () => {
    expect(issuesOf({ type: 'http', url: 'ftp://example.com' })[0]?.[1]).toMatch(/http:\/\/ or https:\/\//);
    expect(
      issuesOf({ type: 'http', url: 'https://example.com', accepted_status_codes: ['200-199'] })[0]?.[0],
    ).toBe('accepted_status_codes.0');
    expect(issuesOf({ type: 'http', url: 'https://example.com', regex: '(' })[0]?.[0]).toBe('regex');
    expect(issuesOf({ type: 'dns', hostname: 'example.com', record_type: 'SRV' })).toEqual([
      ['record_type', 'record_type must be one of A, AAAA, CNAME, MX, TXT'],
    ]);
    expect(
      issuesOf({ type: 'dns', hostname: 'example.com', record_type: 'A', resolver: 'dns.google' })[0]?.[0],
    ).toBe('resolver');
    expect(issuesOf({ type: 'heartbeat', token: 'abc' })[0]?.[0]).toBe('token');
    expect(issuesOf({ type: 'postgres', url: 'mysql://db/app' })[0]?.[0]).toBe('url');
    expect(issuesOf({ type: 'tcp', host: 'db', port: 70000 })).toEqual([
      ['port', 'port must be a whole number from 1 to 65535'],
    ]);
  });
});

describe('toMonitorSpec and monitorTiming', () => {
  it('fills the HTTP defaults', () => {
    const config = parse({ type: 'http', url: 'https://example.com/health' });
    expect(toMonitorSpec(config)).toEqual({
      type: 'http',
      url: 'https://example.com/health',
      method: 'GET',
      headers: {},
      body: null,
      acceptedStatus: [[200, 299]],
      keyword: null,
      keywordAbsent: false,
      regex: null,
      jsonPath: null,
      jsonExpected: null,
      degradedAboveMs: null,
      maxRedirects: 5,
      verifyTls: true,
      certExpiryWarningDays: 14,
      maxBodyBytes: 1_048_576,
    });
    expect(monitorTiming(config)).toEqual({
      intervalMs: 60_000,
      timeoutMs: 10_000,
      retries: 0,
      recoveries: 1,
      enabled: true,
    });
  });

  it('converts the written forms', () => {
    const config = parse({
      type: 'http',
      url: 'https://example.com/api',
      method: 'post',
      headers: { 'X-Count': 3 },
      body: { ping: true },
      accepted_status_codes: ['200-299', 301, '4xx'],
      json_path: '$.ok',
      json_expected: true,
      degraded_above: '2s',
      cert_expiry_warning_days: false,
      interval: '2m',
      timeout: 30,
      retries: 2,
      recoveries: 3,
      enabled: false,
    });
    expect(toMonitorSpec(config)).toMatchObject({
      method: 'POST',
      headers: { 'X-Count': '3', 'content-type': 'application/json' },
      body: '{"ping":true}',
      acceptedStatus: [
        [200, 299],
        [301, 301],
        [400, 499],
      ],
      jsonExpected: 'true',
      degradedAboveMs: 2000,
      certExpiryWarningDays: null,
    });
    expect(monitorTiming(config)).toEqual({
      intervalMs: 120_000,
      timeoutMs: 30_000,
      retries: 2,
      recoveries: 3,
      enabled: false,
    });
  });

  it('maps the other types', () => {
    expect(toMonitorSpec(parse({ type: 'tls', host: 'example.com' }))).toEqual({
      type: 'tls',
      host: 'example.com',
      port: 443,
      servername: null,
      warningDays: 14,
      verifyTls: true,
    });
    expect(
      toMonitorSpec(parse({ type: 'dns', hostname: 'example.com', record_type: 'AAAA', resolver: '::1' })),
    ).toMatchObject({ resolver: '[::1]', expected: [] });
    expect(toMonitorSpec(parse({ type: 'heartbeat', token: 'ios-app-beat' }))).toEqual({
      type: 'heartbeat',
      token: 'ios-app-beat',
      graceMs: 300_000,
    });
    expect(toMonitorSpec(parse({ type: 'postgres', url: 'postgres://db/app' }))).toEqual({
      type: 'postgres',
      url: 'postgres://db/app',
      query: 'select 1',
      degradedAboveMs: null,
    });
    expect(
      toMonitorSpec(parse({ type: 'upstream', url: 'https://status.example.com/api/v2/summary.json' })),
    ).toMatchObject({ component: null });
  });
});

describe('monitors in beacon.yaml', () => {
  it('reports a bad monitor with its file and line', () => {
    const problems = problemsOf(`page: { name: Acme }
components:
  - name: API
    monitors:
      - type: http
        url: https://api.example.com/health
        interval: 5s
`);
    expect(problems).toEqual([
      {
        file: '/etc/beacon.yaml',
        line: 7,
        path: 'components[0].monitors[0].interval',
        message: 'interval must be between 10s and 24h, e.g. 30s',
      },
    ]);
  });

  it('reports monitors inside groups, each at its own line', () => {
    const problems = problemsOf(`page: { name: Acme }
components:
  - group: Platform
    components:
      - name: Database
        monitors:
          - { type: postgres, url: "postgres://127.0.0.1:5432/app", interval: 30s }
          - { type: carrier-pigeon }
`);
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [
        8,
        'components[0].components[0].monitors[1].type',
        'type must be one of http, tcp, dns, tls, heartbeat, postgres, upstream',
      ],
    ]);
  });

  it('loads the monitors of a valid file', () => {
    const site = parseSiteConfig(
      `page: { name: Acme }
components:
  - name: iOS app
    monitors:
      - { type: heartbeat, token: ios-app-beat, grace: 5m }
`,
      '/etc/beacon.yaml',
    );
    const [component] = site.components;
    expect(component !== undefined && 'monitors' in component ? component.monitors : null).toEqual([
      { type: 'heartbeat', token: 'ios-app-beat', grace: '5m' },
    ]);
  });
});
