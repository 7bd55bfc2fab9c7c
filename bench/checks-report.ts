import type { SizeReport } from './checks-messages.js';

/** From the issue, for 10,000 monitors at 30 s. */
export const CHECKS_TARGETS = { lagP99Ms: 1000, cpuPercent: 50, rssBytes: 300 * 1024 * 1024 } as const;

const MB = 1024 * 1024;

/** The p-th percentile (0..100) by nearest rank; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface TargetCheck {
  readonly lag: boolean;
  readonly cpu: boolean;
  readonly rss: boolean;
}

export function checkTargets(report: SizeReport): TargetCheck {
  return {
    lag: report.lagP99Ms < CHECKS_TARGETS.lagP99Ms,
    cpu: report.cpuPercent < CHECKS_TARGETS.cpuPercent,
    rss: report.peakRssWithSetupBytes < CHECKS_TARGETS.rssBytes,
  };
}

export function formatChecksTable(reports: readonly SizeReport[]): string {
  const header = [
    'monitors',
    'checks/s expected',
    'checks/s achieved',
    'lag p50 ms',
    'lag p99 ms',
    'CPU % of 1 core',
    'peak RSS MB running',
    'peak RSS MB incl. setup',
    'raw B/monitor-day',
    'rollup B/monitor-day',
    'lag p99 < 1 s?',
    'CPU < 50 %?',
    'RSS < 300 MB?',
  ];
  const rows = reports.map((r) => {
    const met = checkTargets(r);
    return [
      r.monitors.toLocaleString('en-US'),
      r.expectedChecksPerSec.toFixed(1),
      r.achievedChecksPerSec.toFixed(1),
      r.lagP50Ms.toFixed(0),
      r.lagP99Ms.toFixed(0),
      r.cpuPercent.toFixed(1),
      (r.peakRssBytes / MB).toFixed(0),
      (r.peakRssWithSetupBytes / MB).toFixed(0),
      Math.round(r.rawBytesPerMonitorDay).toLocaleString('en-US'),
      r.rollupBytesPerMonitorDay === null
        ? '-'
        : Math.round(r.rollupBytesPerMonitorDay).toLocaleString('en-US'),
      yesNo(met.lag),
      yesNo(met.cpu),
      yesNo(met.rss),
    ];
  });
  return formatTable(header, rows);
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'NO';
}

/** Columns padded to their widest cell; cells that look like numbers right-aligned. */
function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const numeric = /^[-+]?[\d.,]+$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
