import { DateTime } from 'luxon';
import { formatTimestamp } from '../../domain/timestamp.js';
import type {
  ComponentUptime,
  GroupUptime,
  UptimeFigures,
} from '../../services/components/component-uptime.js';

interface UptimeJsonBase {
  readonly range_start: string;
  readonly range_end: string;
  /** Two decimals, truncated like the public page's figure, so any downtime shows below 100. */
  readonly uptime_percentage: number | null;
  readonly major_outage: number;
  readonly partial_outage: number;
  readonly warnings: readonly string[];
  readonly id: string;
  readonly name: string;
}

export interface ComponentUptimeJson extends UptimeJsonBase {
  readonly related_events: readonly { readonly id: string }[];
}

export interface GroupUptimeJson extends UptimeJsonBase {
  readonly related_events: readonly {
    readonly component_id: string;
    readonly incidents: readonly { readonly id: string }[];
  }[];
}

export function buildComponentUptimeJson(report: ComponentUptime): ComponentUptimeJson {
  return { ...base(report), related_events: report.incidentIds.map((id) => ({ id })) };
}

export function buildGroupUptimeJson(report: GroupUptime): GroupUptimeJson {
  return {
    ...base(report),
    related_events: report.byComponent.map((c) => ({
      component_id: c.componentId,
      incidents: c.incidentIds.map((id) => ({ id })),
    })),
  };
}

function base(report: UptimeFigures): UptimeJsonBase {
  const { timeZone } = report;
  return {
    range_start: dayStart(report.startDate, timeZone),
    range_end: dayStart(report.endDate, timeZone),
    uptime_percentage:
      report.uptime === null
        ? null
        : Math.floor(Math.min(1, Math.max(0, report.uptime)) * 10_000 + 1e-9) / 100,
    major_outage: report.majorOutageSec,
    partial_outage: report.partialOutageSec,
    warnings: report.warnings,
    id: report.id,
    name: report.name,
  };
}

// The range is whole days, both ends included: each end is written as its day's first moment.
function dayStart(date: string, timeZone: string): string {
  return formatTimestamp(DateTime.fromISO(date, { zone: timeZone }).startOf('day').toMillis(), timeZone);
}
