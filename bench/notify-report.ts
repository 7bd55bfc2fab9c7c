import { formatTable } from './format-table.js';
import type { NotifyPhase, PhaseReport } from './notify-messages.js';

const MB = 1024 * 1024;

/** From the issue: 100,000 mails under 5 minutes, 10,000 webhooks under 60 s, memory flat. */
export const NOTIFY_TARGETS: Readonly<
  Record<NotifyPhase, { readonly messages: number; readonly seconds: number }>
> = {
  email: { messages: 100_000, seconds: 300 },
  webhook: { messages: 10_000, seconds: 60 },
};

/**
 * "Flat": after the warm-up (connection pools, SQLite cache, compiled code) RSS holds. Judged on the second
 * half of the run: from the middle to the end, and the highest sample after the middle, it grows less than this.
 */
export const FLAT_RSS_GROWTH_BYTES = 64 * MB;

export interface PhaseVerdict {
  readonly inTime: boolean;
  readonly memoryFlat: boolean;
  /** The target as it applies to this run's size (scaled when a smaller run was asked for). */
  readonly targetSeconds: number;
  /** RSS growth over the second half of the run, and from the start to the middle (warm-up). */
  readonly secondHalfGrowthBytes: number;
  readonly warmUpGrowthBytes: number;
}

export function judge(report: PhaseReport): PhaseVerdict {
  const target = NOTIFY_TARGETS[report.phase];
  const targetSeconds = (target.seconds * report.subscribers) / target.messages;
  const secondHalf = report.rssSeries.slice(Math.floor(report.rssSeries.length / 2));
  const secondHalfPeak = Math.max(report.rssEndBytes, ...secondHalf);
  const secondHalfGrowthBytes = secondHalfPeak - report.rssMiddleBytes;
  return {
    inTime: report.complete && report.failed === 0 && report.seconds <= targetSeconds,
    memoryFlat: secondHalfGrowthBytes < FLAT_RSS_GROWTH_BYTES,
    targetSeconds,
    secondHalfGrowthBytes,
    warmUpGrowthBytes: report.rssMiddleBytes - report.rssStartBytes,
  };
}

export function formatNotifyTable(reports: readonly PhaseReport[]): string {
  const rows = reports.map((r) => {
    const verdict = judge(r);
    return [
      r.phase,
      `${r.sent.toLocaleString('en-US')}${r.complete ? '' : ` of ${r.subscribers.toLocaleString('en-US')}`}`,
      r.seconds.toFixed(1),
      r.messagesPerSecond.toFixed(0),
      mb(r.peakRssBytes),
      mb(r.rssStartBytes),
      mb(r.rssMiddleBytes),
      mb(r.rssEndBytes),
      `< ${verdict.targetSeconds.toFixed(0)} s`,
      verdict.inTime ? 'yes' : 'NO',
      verdict.memoryFlat ? 'yes' : 'NO',
    ];
  });
  return formatTable(
    [
      'channel',
      'messages',
      'seconds',
      'msg/s',
      'peak RSS',
      'RSS start',
      'RSS middle',
      'RSS end',
      'target',
      'in time',
      'memory flat',
    ],
    rows,
  );
}

function mb(bytes: number): string {
  return `${(bytes / MB).toFixed(0)} MB`;
}
