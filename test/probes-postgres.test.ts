import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runProbe } from '../src/checks/run-probe.js';
import { monitorConfigSchema, toMonitorSpec } from '../src/config/monitor-config.js';
import { listenOnLoopback } from './helpers/hostile-servers.js';

const POSTGRES_URL = process.env.BEACON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const mandatory = process.env.CI === 'true';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reachable = await postgresReachable();
if (!reachable) {
  if (mandatory)
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL}; with CI=true the PostgreSQL probe tests are mandatory`,
    );
  console.warn(
    `\n[beacon tests] PostgreSQL not reachable at ${POSTGRES_URL}: SKIPPING the PostgreSQL probe tests against a live server\n`,
  );
}

function check(config: Record<string, unknown>) {
  const spec = toMonitorSpec(monitorConfigSchema.parse({ type: 'postgres', ...config }));
  return runProbe(spec, { signal: new AbortController().signal, timeoutMs: 5000, now: Date.now });
}

describe.skipIf(!reachable)('PostgreSQL probe against a live server', () => {
  it('is up when it connects and `select 1` answers', async () => {
    const result = await check({ url: POSTGRES_URL });
    expect(result).toMatchObject({
      status: 'up',
      reason: expect.stringMatching(/^query answered in \d+ ms$/) as string,
    });
    expect(result.latencyMs).toEqual(expect.any(Number));
  });

  it('is down with the server message when the query fails', async () => {
    expect(await check({ url: POSTGRES_URL, query: 'select * from beacon_no_such_table' })).toMatchObject({
      status: 'down',
      reason: 'query failed: relation "beacon_no_such_table" does not exist (SQLSTATE 42P01)',
    });
  });

  it('is degraded when the query takes longer than degraded_above', async () => {
    const result = await check({ url: POSTGRES_URL, query: 'select pg_sleep(0.3)', degraded_above: '100ms' });
    expect(result).toMatchObject({
      status: 'degraded',
      reason: expect.stringMatching(/^query took \d+ ms \(degraded above 100 ms\)$/) as string,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(300);
  });

  it('is down when the database does not exist', async () => {
    const url = new URL(POSTGRES_URL);
    url.pathname = '/beacon_no_such_database';
    expect(await check({ url: url.href })).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(
        /^cannot connect: .*beacon_no_such_database.* \(SQLSTATE 3D000\)$/,
      ) as string,
    });
  });
});

describe('PostgreSQL probe without a server', () => {
  it('is down when the port is closed', async () => {
    const closed = await listenOnLoopback(createServer(), 'tcp');
    await closed.close();
    expect(await check({ url: `postgres://postgres@127.0.0.1:${closed.port}/test` })).toEqual({
      status: 'down',
      reason: `cannot connect: connection refused (127.0.0.1:${closed.port})`,
      latencyMs: null,
    });
  });
});
