import type { CheckResult } from './domain/check-result.js';
import type { Monitor } from './domain/monitor.js';
import { checkHeartbeat, runProbe } from './checks/run-probe.js';
import { Scheduler } from './checks/scheduler.js';
import type { Logger } from './lib/logger.js';
import { HOUR } from './lib/time.js';
import { toError } from './lib/to-error.js';
import { lastHeartbeat } from './services/monitoring/record-heartbeat.js';
import { pruneResults } from './services/monitoring/prune-results.js';
import { recordResults } from './services/monitoring/record-results.js';
import type { ServiceContext } from './services/service-context.js';
import { listEnabledMonitors } from './store/monitors.js';

export interface MonitoringRuntime {
  /** Re-reads the monitors (after a config change) and reschedules them. */
  reload(): Promise<void>;
  /** Checks a monitor now, e.g. when its heartbeat arrives. */
  runNow(monitorId: string): void;
  stop(): Promise<void>;
}

/**
 * Wires the one scheduler to the probes and the status engine: every tick's results are recorded in
 * one transaction, and raw results are pruned hourly.
 */
export async function startMonitoring(
  ctx: ServiceContext,
  pageId: string,
  logger: Logger,
): Promise<MonitoringRuntime> {
  const monitors = new Map<string, Monitor>();
  const since = ctx.clock.now();
  const check = async (monitor: Monitor, signal: AbortSignal): Promise<CheckResult> => {
    if (monitor.spec.type === 'heartbeat') {
      return checkHeartbeat(
        await lastHeartbeat(ctx.store.db, monitor.id),
        monitor.spec,
        ctx.clock.now(),
        since,
      );
    }
    return runProbe(monitor.spec, { signal, timeoutMs: monitor.timeoutMs, now: () => ctx.clock.now() });
  };
  const scheduler = new Scheduler({
    clock: ctx.clock,
    run: (monitorId, signal) => {
      const monitor = monitors.get(monitorId);
      if (monitor === undefined)
        return Promise.resolve({ status: 'down', reason: 'monitor removed', latencyMs: null });
      return check(monitor, signal);
    },
    onBatch: async (results) => {
      const outcome = await recordResults(ctx, pageId, results).catch((e: unknown) => {
        // The scheduler keeps the batch and retries at the next tick; say so once per failure.
        logger.error(
          { err: toError(e), results: results.length },
          'recording check results failed; retrying next tick',
        );
        throw e;
      });
      if (outcome.statusChanges.length > 0 || outcome.incidents.opened.length > 0) {
        logger.info(
          { statusChanges: outcome.statusChanges.length, incidentsOpened: outcome.incidents.opened.length },
          'monitoring changed component status',
        );
      }
    },
  });

  const reload = async () => {
    const current = await listEnabledMonitors(ctx.store.db, pageId);
    const ids = new Set(current.map((m) => m.id));
    for (const id of monitors.keys()) if (!ids.has(id)) scheduler.remove(id);
    monitors.clear();
    for (const monitor of current) {
      monitors.set(monitor.id, monitor);
      scheduler.upsert({ id: monitor.id, intervalMs: monitor.intervalMs, timeoutMs: monitor.timeoutMs });
    }
    logger.info({ monitors: current.length }, 'monitors scheduled');
  };
  await reload();
  scheduler.start();

  const prune = setInterval(() => {
    pruneResults(ctx, ctx.clock.now()).catch((e: unknown) =>
      logger.error({ err: toError(e) }, 'pruning check results failed'),
    );
  }, HOUR);
  prune.unref();

  return {
    reload,
    runNow: (monitorId) => {
      if (monitors.has(monitorId)) scheduler.runNow(monitorId);
    },
    stop: async () => {
      clearInterval(prune);
      await scheduler.stop();
    },
  };
}
