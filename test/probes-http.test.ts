import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../src/checks/run-probe.js';
import { monitorConfigSchema, toMonitorSpec } from '../src/config/monitor-config.js';
import { DAY } from '../src/lib/time.js';
import { startHttpServer, startHttpsServer, type TestServer } from './helpers/hostile-servers.js';
import { selfSignedCertificate } from './helpers/tls-cert.js';

function context(options: { timeoutMs?: number; now?: () => number } = {}) {
  return {
    signal: new AbortController().signal,
    timeoutMs: options.timeoutMs ?? 5000,
    now: options.now ?? Date.now,
  };
}

function check(config: Record<string, unknown>, options?: { timeoutMs?: number; now?: () => number }) {
  return runProbe(toMonitorSpec(monitorConfigSchema.parse({ type: 'http', ...config })), context(options));
}

const SLOW_MS = 300;

function routes(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const status = /^\/status\/(\d{3})$/.exec(url.pathname);
  const hops = /^\/hops\/(\d+)$/.exec(url.pathname);
  if (url.pathname === '/ok') response.end('hello world, all systems go');
  else if (status) response.writeHead(Number(status[1])).end(`status ${status[1]}`);
  else if (url.pathname === '/json') {
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({ status: 'ok', checks: [{ name: 'db', state: 'up', latency: 12 }], healthy: true }),
    );
  } else if (url.pathname === '/slow') setTimeout(() => response.end('finally'), SLOW_MS);
  else if (hops) {
    const left = Number(hops[1]);
    response.writeHead(302, { location: left === 0 ? '/ok' : `/hops/${left - 1}` }).end();
  } else if (url.pathname === '/echo') {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          method: request.method,
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
  } else if (url.pathname === '/see-other') response.writeHead(303, { location: '/echo' }).end();
  else response.writeHead(404).end('not found');
}

describe('HTTP probe', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer(routes);
  });
  afterAll(() => server.close());

  it('is up on a 2xx answer and reports the latency', async () => {
    const result = await check({ url: `${server.url}/ok` });
    expect(result).toMatchObject({ status: 'up', reason: 'HTTP 200' });
    expect(result.latencyMs).toEqual(expect.any(Number));
  });

  it('is down on a status outside the accepted codes, naming both', async () => {
    expect(await check({ url: `${server.url}/status/503` })).toMatchObject({
      status: 'down',
      reason: 'HTTP 503 (accepted: 200-299)',
    });
  });

  it('accepts the listed codes, ranges and classes', async () => {
    expect(await check({ url: `${server.url}/status/418`, accepted_status_codes: [418] })).toMatchObject({
      status: 'up',
    });
    expect(
      await check({ url: `${server.url}/status/404`, accepted_status_codes: ['200-299', '4xx'] }),
    ).toMatchObject({ status: 'up' });
    expect(
      await check({ url: `${server.url}/status/500`, accepted_status_codes: ['200-299', '4xx'] }),
    ).toMatchObject({ status: 'down' });
  });

  it('checks that a keyword is present, or absent', async () => {
    const url = `${server.url}/ok`;
    expect(await check({ url, keyword: 'systems go' })).toMatchObject({ status: 'up' });
    expect(await check({ url, keyword: 'database down' })).toMatchObject({
      status: 'down',
      reason: 'HTTP 200, keyword "database down" not found',
    });
    expect(await check({ url, keyword: 'database down', keyword_absent: true })).toMatchObject({
      status: 'up',
    });
    expect(await check({ url, keyword: 'hello', keyword_absent: true })).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('must be absent') as string,
    });
  });

  it('checks a regex, present or absent', async () => {
    const url = `${server.url}/ok`;
    expect(await check({ url, regex: '^hello\\s+world' })).toMatchObject({ status: 'up' });
    expect(await check({ url, regex: 'error|fail' })).toMatchObject({
      status: 'down',
      reason: 'HTTP 200, no match for /error|fail/',
    });
    expect(await check({ url, regex: 'error|fail', keyword_absent: true })).toMatchObject({ status: 'up' });
  });

  it('asserts a JSON path, comparing values as strings', async () => {
    const url = `${server.url}/json`;
    expect(await check({ url, json_path: '$.status', json_expected: 'ok' })).toMatchObject({ status: 'up' });
    expect(await check({ url, json_path: '$.checks[0].latency', json_expected: 12 })).toMatchObject({
      status: 'up',
    });
    expect(await check({ url, json_path: 'healthy', json_expected: true })).toMatchObject({ status: 'up' });
    expect(await check({ url, json_path: '$.checks[0].state', json_expected: 'down' })).toMatchObject({
      status: 'down',
      reason: 'HTTP 200, $.checks[0].state is "up", expected "down"',
    });
    expect(await check({ url, json_path: '$.checks[3].state' })).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('not found') as string,
    });
    expect(
      await check({ url: `${server.url}/ok`, json_path: '$.status', json_expected: 'ok' }),
    ).toMatchObject({
      status: 'down',
      reason: 'HTTP 200, the body is not valid JSON',
    });
  });

  it('is degraded when slower than degraded_above', async () => {
    const result = await check({ url: `${server.url}/slow`, degraded_above: '100ms' });
    expect(result.status).toBe('degraded');
    expect(result.reason).toMatch(/^HTTP 200, slow: \d+ ms \(degraded above 100 ms\)$/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(SLOW_MS - 20);
    expect(await check({ url: `${server.url}/ok`, degraded_above: '2s' })).toMatchObject({ status: 'up' });
  });

  it('follows redirects within the limit and reports going over it', async () => {
    expect(await check({ url: `${server.url}/hops/4`, max_redirects: 5 })).toMatchObject({
      status: 'up',
      reason: 'HTTP 200',
    });
    expect(await check({ url: `${server.url}/hops/5`, max_redirects: 5 })).toMatchObject({
      status: 'down',
      reason: 'too many redirects (limit 5)',
    });
  });

  it('does not follow redirects with max_redirects 0, so a 302 can be accepted', async () => {
    expect(await check({ url: `${server.url}/hops/1`, max_redirects: 0 })).toMatchObject({
      status: 'down',
      reason: 'HTTP 302 (accepted: 200-299)',
    });
    expect(
      await check({ url: `${server.url}/hops/1`, max_redirects: 0, accepted_status_codes: [302] }),
    ).toMatchObject({ status: 'up' });
  });

  it('sends the method, headers and body', async () => {
    const result = await check({
      url: `${server.url}/echo`,
      method: 'post',
      headers: { 'X-Probe': 'beacon', 'X-Count': 3 },
      body: { hello: 'world' },
      json_path: '$.body',
      json_expected: '{"hello":"world"}',
    });
    expect(result).toMatchObject({ status: 'up' });
    expect(
      await check({
        url: `${server.url}/echo`,
        method: 'PUT',
        headers: { 'X-Probe': 'beacon' },
        json_path: '$.headers.x-probe',
        json_expected: 'beacon',
      }),
    ).toMatchObject({
      status: 'up',
    });
    expect(
      await check({
        url: `${server.url}/echo`,
        method: 'DELETE',
        json_path: '$.method',
        json_expected: 'DELETE',
      }),
    ).toMatchObject({ status: 'up' });
  });

  it('turns a POST into a GET without a body after a 303', async () => {
    const result = await check({
      url: `${server.url}/see-other`,
      method: 'POST',
      body: 'payload',
      json_path: '$.method',
      json_expected: 'GET',
    });
    expect(result).toMatchObject({ status: 'up' });
  });

  it('is down with the reason when nothing listens', async () => {
    const closed = await startHttpServer(routes);
    await closed.close();
    const result = await check({ url: `${closed.url}/ok` });
    expect(result).toMatchObject({
      status: 'down',
      reason: `connection refused (127.0.0.1:${closed.port})`,
      latencyMs: null,
    });
  });
});

describe('HTTPS probe with a self-signed certificate expiring in 3 days', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpsServer(selfSignedCertificate(3), routes);
  });
  afterAll(() => server.close());

  it('is down with a clear reason when verifying TLS', async () => {
    const result = await check({ url: `${server.url}/ok` });
    expect(result).toMatchObject({
      status: 'down',
      reason: 'certificate not trusted: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
  });

  it('is degraded when the certificate expires within the warning days, with verification off', async () => {
    const result = await check({ url: `${server.url}/ok`, verify_tls: false, cert_expiry_warning_days: 14 });
    expect(result).toMatchObject({
      status: 'degraded',
      reason: `HTTP 200, certificate of 127.0.0.1:${server.port} expires in 3 days`,
    });
  });

  it('is up with verification off when the expiry is beyond the warning days, or the warning is off', async () => {
    expect(
      await check({ url: `${server.url}/ok`, verify_tls: false, cert_expiry_warning_days: 2 }),
    ).toMatchObject({ status: 'up', reason: 'HTTP 200' });
    expect(
      await check({ url: `${server.url}/ok`, verify_tls: false, cert_expiry_warning_days: false }),
    ).toMatchObject({ status: 'up' });
  });

  it('is down once the certificate has expired', async () => {
    const inFourDays = () => Date.now() + 4 * DAY;
    const result = await check({ url: `${server.url}/ok`, verify_tls: false }, { now: inFourDays });
    expect(result).toMatchObject({
      status: 'down',
      reason: `certificate of 127.0.0.1:${server.port} has expired`,
    });
  });
});
