import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchLimited } from '../src/checks/http-probe.js';
import { runProbe } from '../src/checks/run-probe.js';
import { monitorConfigSchema, toMonitorSpec } from '../src/config/monitor-config.js';
import { startDnsServer } from './helpers/dns-server.js';
import {
  CHUNK_BYTES,
  startDripServer,
  startEndlessRedirectServer,
  startHangingServer,
  startHugeBodyServer,
} from './helpers/hostile-servers.js';

// A hostile target may cost a check its timeout and little more: no hang, no unbounded memory.
const TIMEOUT_MS = 500;
const MARGIN_MS = 750;
const MIB = 1024 * 1024;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function timed(config: Record<string, unknown>, timeoutMs = TIMEOUT_MS) {
  const startedAt = performance.now();
  const spec = toMonitorSpec(monitorConfigSchema.parse(config));
  const result = await runProbe(spec, { signal: new AbortController().signal, timeoutMs, now: Date.now });
  return { result, elapsedMs: performance.now() - startedAt };
}

describe('probes against hostile targets', () => {
  it('times out on an HTTP server that accepts and never answers', async () => {
    const server = await startHangingServer();
    closers.push(server.close);
    const { result, elapsedMs } = await timed({ type: 'http', url: `${server.url}/` });
    expect(result).toEqual({ status: 'down', reason: 'timeout after 500 ms', latencyMs: null });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('stops reading a 1 GB body at the cap, deciding from what was read', async () => {
    const server = await startHugeBodyServer();
    closers.push(server.close);
    const arrayBuffersBefore = process.memoryUsage().arrayBuffers;
    const { result, elapsedMs } = await timed(
      { type: 'http', url: `${server.url}/`, keyword: 'status: ok' },
      10_000,
    );
    expect(result).toMatchObject({ status: 'up', reason: 'HTTP 200' });
    expect(elapsedMs).toBeLessThan(3000);
    await server.responseClosed;
    // The kernel's socket buffers hold a few MB more than the probe read, never the gigabyte.
    expect(server.bytesSent()).toBeLessThan(64 * MIB);
    expect(process.memoryUsage().arrayBuffers - arrayBuffersBefore).toBeLessThan(32 * MIB);
  });

  it('reads at most the cap plus one chunk of a 1 GB body', async () => {
    const server = await startHugeBodyServer();
    closers.push(server.close);
    const options = {
      method: 'GET',
      headers: {},
      body: null,
      maxRedirects: 0,
      verifyTls: true,
      timeoutMs: 10_000,
    };
    const fetched = await fetchLimited(
      `${server.url}/`,
      { ...options, maxBodyBytes: MIB },
      AbortSignal.timeout(10_000),
    );
    expect(fetched.kind).toBe('response');
    if (fetched.kind !== 'response') return;
    expect(fetched.truncated).toBe(true);
    expect(fetched.body.length).toBe(MIB);
    expect(fetched.bytesRead).toBeGreaterThan(MIB);
    expect(fetched.bytesRead).toBeLessThanOrEqual(MIB + CHUNK_BYTES);
  });

  it('is down on a keyword or JSON beyond the cap, saying how much was examined', async () => {
    const server = await startHugeBodyServer();
    closers.push(server.close);
    const { result } = await timed(
      { type: 'http', url: `${server.url}/`, keyword: 'the end', max_body_bytes: 65536 },
      10_000,
    );
    expect(result).toMatchObject({
      status: 'down',
      reason: 'HTTP 200, keyword "the end" not found in the first 65536 bytes',
    });
    const json = await timed(
      { type: 'http', url: `${server.url}/`, json_path: '$.status', max_body_bytes: 65536 },
      10_000,
    );
    expect(json.result).toMatchObject({
      status: 'down',
      reason: 'HTTP 200, the body is not valid JSON in the first 65536 bytes',
    });
  });

  it('reports endless redirects at the limit', async () => {
    const server = await startEndlessRedirectServer();
    closers.push(server.close);
    const { result } = await timed({ type: 'http', url: `${server.url}/r/0`, max_redirects: 5 }, 5000);
    expect(result).toMatchObject({ status: 'down', reason: 'too many redirects (limit 5)' });
    expect(server.requests()).toBe(6);
  });

  it('hits the total deadline on a body that drips one byte every 200 ms', async () => {
    const server = await startDripServer(200);
    closers.push(server.close);
    const timeoutMs = 1000;
    const { result, elapsedMs } = await timed(
      { type: 'http', url: `${server.url}/`, interval: '30s' },
      timeoutMs,
    );
    expect(result).toEqual({ status: 'down', reason: 'timeout after 1 s', latencyMs: null });
    expect(elapsedMs).toBeGreaterThanOrEqual(timeoutMs - 20);
    expect(elapsedMs).toBeLessThan(timeoutMs + MARGIN_MS);
  });

  it('times out on a TLS handshake that never finishes (tls and https probes)', async () => {
    const server = await startHangingServer();
    closers.push(server.close);
    const tls = await timed({ type: 'tls', host: '127.0.0.1', port: server.port });
    expect(tls.result).toEqual({ status: 'down', reason: 'timeout after 500 ms', latencyMs: null });
    expect(tls.elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
    const https = await timed({ type: 'http', url: `https://127.0.0.1:${server.port}/` });
    expect(https.result).toEqual({ status: 'down', reason: 'timeout after 500 ms', latencyMs: null });
    expect(https.elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('times out on a PostgreSQL port that accepts and never speaks', async () => {
    const server = await startHangingServer();
    closers.push(server.close);
    const { result, elapsedMs } = await timed({
      type: 'postgres',
      url: `postgres://postgres@127.0.0.1:${server.port}/test`,
    });
    expect(result).toEqual({ status: 'down', reason: 'timeout after 500 ms', latencyMs: null });
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });

  it('times out on a DNS resolver that never answers', async () => {
    const resolver = await startDnsServer({}, { silent: true });
    closers.push(resolver.close);
    const { result, elapsedMs } = await timed({
      type: 'dns',
      hostname: 'example.test',
      record_type: 'A',
      resolver: resolver.address,
    });
    expect(result).toEqual({ status: 'down', reason: 'timeout after 500 ms', latencyMs: null });
    expect(resolver.queries()).toBeGreaterThanOrEqual(1);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
  });
});
