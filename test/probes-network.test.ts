import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProbe } from '../src/checks/run-probe.js';
import { monitorConfigSchema, toMonitorSpec } from '../src/config/monitor-config.js';
import { DAY } from '../src/lib/time.js';
import { startDnsServer, type TestDnsServer } from './helpers/dns-server.js';
import { listenOnLoopback, startHttpsServer, type TestServer } from './helpers/hostile-servers.js';
import { selfSignedCertificate } from './helpers/tls-cert.js';

function check(config: Record<string, unknown>, now: () => number = Date.now) {
  const spec = toMonitorSpec(monitorConfigSchema.parse(config));
  return runProbe(spec, { signal: new AbortController().signal, timeoutMs: 3000, now });
}

describe('TCP probe', () => {
  it('is up when the port accepts a connection', async () => {
    const server = await listenOnLoopback(createServer(), 'tcp');
    try {
      const result = await check({ type: 'tcp', host: '127.0.0.1', port: server.port });
      expect(result).toMatchObject({ status: 'up', reason: `port ${server.port} open` });
      expect(result.latencyMs).toEqual(expect.any(Number));
    } finally {
      await server.close();
    }
  });

  it('is down when the connection is refused', async () => {
    const server = await listenOnLoopback(createServer(), 'tcp');
    await server.close();
    expect(await check({ type: 'tcp', host: '127.0.0.1', port: server.port })).toEqual({
      status: 'down',
      reason: `connection refused (127.0.0.1:${server.port})`,
      latencyMs: null,
    });
  });
});

describe('DNS probe', () => {
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({
      'app.beacon.test': {
        A: ['10.0.0.1', '10.0.0.2'],
        AAAA: ['2001:db8::1'],
        MX: [{ preference: 10, exchange: 'mail.beacon.test' }],
        TXT: [['v=spf1 ', '-all'], ['site-verification=abc']],
      },
      'www.beacon.test': { CNAME: 'app.beacon.test' },
    });
  });
  afterAll(() => dns.close());

  const dnsCheck = (config: Record<string, unknown>) =>
    check({ type: 'dns', hostname: 'app.beacon.test', resolver: dns.address, ...config });

  it('is up when every expected A value is in the answer', async () => {
    expect(await dnsCheck({ record_type: 'A', expected: ['10.0.0.2'] })).toMatchObject({
      status: 'up',
      reason: 'A 10.0.0.1, 10.0.0.2',
    });
    expect(await dnsCheck({ record_type: 'A' })).toMatchObject({ status: 'up' });
  });

  it('is down when an expected value is missing, naming it and what came back', async () => {
    expect(await dnsCheck({ record_type: 'A', expected: ['10.0.0.1', '10.0.0.9'] })).toMatchObject({
      status: 'down',
      reason: 'A app.beacon.test lacks 10.0.0.9 (got 10.0.0.1, 10.0.0.2)',
    });
  });

  it('compares AAAA addresses in their canonical form', async () => {
    expect(await dnsCheck({ record_type: 'AAAA', expected: ['2001:DB8:0:0:0:0:0:1'] })).toMatchObject({
      status: 'up',
      reason: 'AAAA 2001:db8::1',
    });
  });

  it('checks CNAME targets, ignoring case and the trailing dot', async () => {
    expect(
      await dnsCheck({ hostname: 'www.beacon.test', record_type: 'CNAME', expected: ['App.Beacon.Test.'] }),
    ).toMatchObject({ status: 'up' });
    expect(
      await dnsCheck({ hostname: 'www.beacon.test', record_type: 'CNAME', expected: ['other.beacon.test'] }),
    ).toMatchObject({ status: 'down' });
  });

  it('checks MX records by exchange, with or without the priority', async () => {
    expect(await dnsCheck({ record_type: 'MX', expected: ['mail.beacon.test'] })).toMatchObject({
      status: 'up',
      reason: 'MX 10 mail.beacon.test',
    });
    expect(await dnsCheck({ record_type: 'MX', expected: ['10 mail.beacon.test'] })).toMatchObject({
      status: 'up',
    });
    expect(await dnsCheck({ record_type: 'MX', expected: ['20 mail.beacon.test'] })).toMatchObject({
      status: 'down',
    });
  });

  it('checks TXT records with their character strings joined', async () => {
    expect(
      await dnsCheck({ record_type: 'TXT', expected: ['v=spf1 -all', 'site-verification=abc'] }),
    ).toMatchObject({ status: 'up' });
    expect(await dnsCheck({ record_type: 'TXT', expected: ['site-verification=xyz'] })).toMatchObject({
      status: 'down',
    });
  });

  it('is down on NXDOMAIN and on a name without records of the type', async () => {
    expect(await dnsCheck({ hostname: 'nope.beacon.test', record_type: 'A' })).toMatchObject({
      status: 'down',
      reason: 'A nope.beacon.test: NXDOMAIN: the name does not exist',
    });
    expect(await dnsCheck({ hostname: 'www.beacon.test', record_type: 'MX' })).toMatchObject({
      status: 'down',
      reason: 'MX www.beacon.test: no records of this type',
    });
  });
});

describe('TLS probe with a self-signed certificate expiring in 3 days', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpsServer(selfSignedCertificate(3), (_request, response) => response.end('ok'));
  });
  afterAll(() => server.close());

  const tlsCheck = (config: Record<string, unknown>, now?: () => number) =>
    check({ type: 'tls', host: '127.0.0.1', port: server.port, ...config }, now);

  it('is degraded within the warning days when verification is off', async () => {
    const result = await tlsCheck({ verify_tls: false, warning_days: 14 });
    expect(result).toMatchObject({
      status: 'degraded',
      reason: expect.stringMatching(/^certificate expires in 3 days \(\d{4}-\d{2}-\d{2}\)$/) as string,
    });
  });

  it('is up when the expiry is beyond the warning days', async () => {
    expect(await tlsCheck({ verify_tls: false, warning_days: 2 })).toMatchObject({
      status: 'up',
      reason: expect.stringMatching(/^certificate valid for 3 days/) as string,
    });
  });

  it('is down when the certificate is not trusted and verification is on', async () => {
    expect(await tlsCheck({})).toMatchObject({
      status: 'down',
      reason: 'certificate not trusted: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
  });

  it('is down once the certificate has expired, verified or not', async () => {
    const inFiveDays = () => Date.now() + 5 * DAY;
    expect(await tlsCheck({ verify_tls: false }, inFiveDays)).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(/^certificate expired 2 days ago \(\d{4}-\d{2}-\d{2}\)$/) as string,
    });
    expect(await tlsCheck({}, inFiveDays)).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(/^certificate expired/) as string,
    });
  });

  it('checks the name against the certificate with a servername', async () => {
    expect(await tlsCheck({ servername: 'localhost', verify_tls: false, warning_days: 0 })).toMatchObject({
      status: 'up',
    });
  });

  it('is down when nothing listens', async () => {
    const closed = await listenOnLoopback(createServer(), 'tcp');
    await closed.close();
    expect(await check({ type: 'tls', host: '127.0.0.1', port: closed.port })).toMatchObject({
      status: 'down',
      reason: expect.stringContaining('connection refused') as string,
    });
  });
});
