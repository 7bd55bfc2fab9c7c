import { describe, expect, it } from 'vitest';
import type { HeartbeatSpec } from '../domain/monitor.js';
import { MINUTE, SECOND } from '../lib/time.js';
import { httpProbe } from './http-probe.js';
import { postgresProbe } from './postgres-probe.js';
import { checkHeartbeat, runProbe } from './run-probe.js';

const spec: HeartbeatSpec = { type: 'heartbeat', token: 'ios-app-beat', graceMs: 5 * MINUTE };
const since = Date.UTC(2024, 4, 1, 10, 0, 0);

describe('checkHeartbeat', () => {
  it('is up while the last beat is within the grace period', () => {
    expect(checkHeartbeat(since, spec, since + 4 * MINUTE, since)).toEqual({
      status: 'up',
      reason: 'last heartbeat 4 min ago (grace 5 min)',
      latencyMs: null,
    });
    expect(checkHeartbeat(since, spec, since + 5 * MINUTE, since).status).toBe('up');
  });

  it('is down once the last beat is older than the grace period', () => {
    expect(checkHeartbeat(since, spec, since + 6 * MINUTE, since)).toEqual({
      status: 'down',
      reason: 'last heartbeat 6 min ago, older than the grace of 5 min',
      latencyMs: null,
    });
  });

  it('waits one grace period after monitoring began for the first beat', () => {
    expect(checkHeartbeat(null, spec, since + 2 * MINUTE, since)).toMatchObject({
      status: 'up',
      reason: 'waiting for the first heartbeat (grace 5 min)',
    });
    expect(checkHeartbeat(null, spec, since + 10 * MINUTE, since)).toMatchObject({
      status: 'down',
      reason: 'no heartbeat received in 10 min since monitoring began (grace 5 min)',
    });
  });

  it('treats a beat from the future (a clock that jumped back) as just received', () => {
    expect(checkHeartbeat(since + 30 * SECOND, spec, since, since)).toMatchObject({
      status: 'up',
      reason: 'last heartbeat 0 ms ago (grace 5 min)',
    });
  });
});

describe('runProbe', () => {
  const context = { signal: new AbortController().signal, timeoutMs: 1000, now: () => since };

  it('says heartbeat monitors are evaluated from pushes', async () => {
    expect(await runProbe(spec, context)).toMatchObject({
      status: 'up',
      reason: expect.stringContaining('evaluated from pushes') as string,
    });
  });

  it('resolves at once, down, when the caller has already cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runProbe(
      { type: 'tcp', host: '127.0.0.1', port: 9 },
      { ...context, signal: controller.signal },
    );
    expect(result).toEqual({ status: 'down', reason: 'check cancelled', latencyMs: null });
  });

  it('never rejects, even for a spec no probe knows', async () => {
    const bogus = { type: 'gopher' } as unknown as HeartbeatSpec;
    expect(await runProbe(bogus, context)).toMatchObject({ status: 'down' });
  });
});

describe('probes called directly', () => {
  it('return down rather than reject on a spec they cannot use', async () => {
    const context = { signal: new AbortController().signal, timeoutMs: 1000, now: Date.now };
    const postgres = await postgresProbe(
      { type: 'postgres', url: 'postgres://%zz', query: 'select 1', degradedAboveMs: null },
      context,
    );
    expect(postgres.status).toBe('down');
    const http = await httpProbe(
      {
        type: 'http',
        url: 'not a url',
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
        certExpiryWarningDays: null,
        maxBodyBytes: 1024,
      },
      context,
    );
    expect(http).toEqual({ status: 'down', reason: 'Invalid URL', latencyMs: null });
  });
});
