import type { Command } from 'commander';
import { loadBeaconConfig } from '../config/beacon-config.js';
import { monitorTiming, toMonitorSpec, type MonitorConfig } from '../config/monitor-config.js';
import { isGroupConfig, type ComponentConfig } from '../config/site-config.js';
import { runProbe } from '../checks/run-probe.js';
import type { CheckResult } from '../domain/check-result.js';
import type { MonitorSpec } from '../domain/monitor.js';
import { formatTable } from './format-table.js';

interface Row {
  readonly component: string;
  readonly monitor: MonitorConfig | null;
}

export function registerCheckCommand(program: Command, env: NodeJS.ProcessEnv): void {
  program
    .command('check')
    .description('validate the configuration, then probe each monitor once and print a table')
    .option('--config <file>', 'beacon.yaml to check')
    .option('--no-probe', 'only validate; do not contact any monitored service')
    .action(async (flags: { config?: string; probe: boolean }) => {
      const config = loadBeaconConfig(env, flags);
      process.stdout.write(
        `${config.configFile} is valid: page "${config.site.page.name}" (${config.site.page.time_zone})\n\n`,
      );
      const rows: Row[] = [];
      const addComponent = (c: ComponentConfig, prefix: string) => {
        if ((c.monitors ?? []).length === 0) rows.push({ component: `${prefix}${c.name}`, monitor: null });
        for (const m of c.monitors ?? []) rows.push({ component: `${prefix}${c.name}`, monitor: m });
      };
      for (const entry of config.site.components) {
        if (!isGroupConfig(entry)) addComponent(entry, '');
        else {
          rows.push({ component: entry.group, monitor: null });
          for (const c of entry.components) addComponent(c, '  ');
        }
      }
      const results = await Promise.all(
        rows.map((row) => (flags.probe ? probeOnce(row.monitor) : Promise.resolve(null))),
      );
      const table = rows.map((row, i) => {
        const spec = row.monitor === null ? null : toMonitorSpec(row.monitor);
        const result = results[i] ?? null;
        const enabled = row.monitor === null ? '' : monitorTiming(row.monitor).enabled ? 'yes' : 'no';
        return [
          row.component,
          spec?.type ?? '',
          spec === null ? '' : targetOf(spec),
          enabled,
          result === null ? (row.monitor === null ? '' : 'not probed') : result.status,
          result?.latencyMs == null ? '' : `${result.latencyMs} ms`,
          result?.reason ?? '',
        ];
      });
      process.stdout.write(
        formatTable(['component', 'type', 'target', 'enabled', 'result', 'latency', 'reason'], table),
      );
    });
}

async function probeOnce(monitor: MonitorConfig | null): Promise<CheckResult | null> {
  if (monitor === null) return null;
  const spec = toMonitorSpec(monitor);
  if (spec.type === 'heartbeat')
    return { status: 'up', reason: `waits for pushes to /api/push/${spec.token}`, latencyMs: null };
  const { timeoutMs } = monitorTiming(monitor);
  return runProbe(spec, { signal: new AbortController().signal, timeoutMs, now: () => Date.now() });
}

function targetOf(spec: MonitorSpec): string {
  switch (spec.type) {
    case 'http':
    case 'upstream':
      return spec.url;
    case 'postgres':
      return spec.url.replace(/\/\/[^@/]*@/, '//[redacted]@');
    case 'tcp':
    case 'tls':
      return `${spec.host}:${spec.port}`;
    case 'dns':
      return `${spec.hostname} ${spec.recordType}`;
    case 'heartbeat':
      return `/api/push/${spec.token}`;
  }
}
