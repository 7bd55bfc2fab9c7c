import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { PostgresSpec } from '../domain/monitor.js';
import { abortable, down, elapsedMs, failedResult, formatMs, withDeadline, type Probe } from './probe.js';

/** Connects to PostgreSQL and runs the query (default `select 1`); slow answers are degraded. */
export const postgresProbe: Probe<PostgresSpec> = (spec, context) =>
  withDeadline(context, async (signal) => {
    const startedAt = performance.now();
    let client: pg.Client | null = null;
    let phase: 'connect' | 'query' = 'connect';
    try {
      client = new pg.Client({
        connectionString: spec.url,
        connectionTimeoutMillis: context.timeoutMs,
        statement_timeout: context.timeoutMs,
        query_timeout: context.timeoutMs,
        application_name: 'beacon-probe',
      });
      // Errors after the query (the server going away) would otherwise be unhandled 'error' events.
      client.on('error', () => undefined);
      await abortable(client.connect(), signal);
      phase = 'query';
      await abortable(client.query(spec.query), signal);
      const latencyMs = elapsedMs(startedAt);
      if (spec.degradedAboveMs !== null && latencyMs > spec.degradedAboveMs) {
        return {
          status: 'degraded',
          reason: `query took ${formatMs(latencyMs)} (degraded above ${formatMs(spec.degradedAboveMs)})`,
          latencyMs,
        };
      }
      return { status: 'up', reason: `query answered in ${formatMs(latencyMs)}`, latencyMs };
    } catch (error) {
      if (!signal.aborted && error instanceof pg.DatabaseError) {
        const failed = phase === 'connect' ? 'cannot connect' : 'query failed';
        return down(
          `${failed}: ${error.message} (SQLSTATE ${error.code ?? 'unknown'})`,
          elapsedMs(startedAt),
        );
      }
      return failedResult(
        error,
        signal,
        context.timeoutMs,
        phase === 'connect' ? 'cannot connect: ' : 'query failed: ',
      );
    } finally {
      // end() waits for the server's goodbye, or destroys the socket of a hung query: never awaited.
      client?.end().catch(() => undefined);
    }
  });
