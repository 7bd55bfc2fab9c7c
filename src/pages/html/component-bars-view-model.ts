import type { Component, StatusChange } from '../../domain/component.js';
import { STATUS_LABELS, type ComponentStatus } from '../../domain/component-status.js';
import type { Incident } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import {
  dailyUptime,
  dayDates,
  formatUptimePercent,
  uptimeOverDays,
  type DayUptime,
} from '../../domain/uptime.js';
import { formatDayDate } from './format-display-time.js';
import { formatDuration } from './format-duration.js';
import { DAY } from '../../lib/time.js';
import { incidentHref } from './labels.js';
import { barDaysOf, type RenderContext } from './render-context.js';

/** A bar's colour and pattern: the worst status of the day, or no data. */
export type BarTone = ComponentStatus | 'no_data';

export interface IncidentRef {
  readonly id: string;
  readonly name: string;
  readonly href: string;
}

export interface DayBarViewModel {
  readonly date: string;
  /** "Feb 16, 2024" */
  readonly dateText: string;
  readonly tone: BarTone;
  /** "99.5%", or "No data" */
  readonly uptimeText: string;
  /** "No downtime", "Major outage 2 h 5 min, partial outage 30 min"; empty without data. */
  readonly downtimeText: string;
  readonly incidents: readonly IncidentRef[];
  /** One sentence with all of the above: the bar's tooltip and its accessible text. */
  readonly label: string;
}

export interface ComponentBarsViewModel {
  readonly days: readonly DayBarViewModel[];
  readonly uptime: number | null;
  /** "99.98%", or "—" without data */
  readonly uptimeText: string;
}

interface IncidentSpan {
  readonly ref: IncidentRef;
  readonly startMs: number;
  readonly endMs: number;
  /** Not resolved: endMs is the render's now. */
  readonly open: boolean;
}

const DOWN_STATUSES = [
  'major_outage',
  'partial_outage',
  'degraded_performance',
  'under_maintenance',
] as const;

/**
 * Daily bars of the leaf components (all of them, or those in `only`), keyed by component id. Status
 * changes and incidents are indexed by component once, so the work grows with the data, not with
 * components × incidents.
 */
export function buildComponentBars(
  data: PageData,
  ctx: RenderContext,
  only?: ReadonlySet<string>,
): ReadonlyMap<string, ComponentBarsViewModel> {
  const wanted = (component: Component): boolean =>
    !component.isGroup && (only === undefined || only.has(component.id));
  const changesOf = changesByComponent(data.statusChanges);
  // Slack of two days either side of the bars for time-zone edges; older incidents touch no bar.
  const incidentsOf = indexIncidents(data.incidents, ctx.now, ctx.now - (barDaysOf(ctx) + 2) * DAY);
  const dayBar = dayBarMaker();
  const days = barDaysOf(ctx);
  const dates = dayDates(data.page.timeZone, ctx.now, days);
  const bars = new Map<string, ComponentBarsViewModel>();
  for (const component of data.components) {
    if (!wanted(component)) continue;
    const changes = changesOf.get(component.id) ?? [];
    const spans = incidentsOf.get(component.id) ?? [];
    const build = (): ComponentBarsViewModel => {
      const dayUptimes = dailyUptime({
        changes,
        startDate: component.startDate,
        timeZone: data.page.timeZone,
        now: ctx.now,
        days,
        ...(ctx.uptimeWeights === undefined ? {} : { weights: ctx.uptimeWeights }),
      });
      const incidentsByDay = placeIncidents(dayUptimes, spans);
      const uptime = uptimeOverDays(dayUptimes);
      return {
        days: dayUptimes.map((day, index) => dayBar(day, incidentsByDay[index] ?? [])),
        uptime,
        uptimeText: formatUptimePercent(uptime),
      };
    };
    // Only without downtime are the bars the same all day: otherwise today's share moves with the minute.
    const memo = changes.every((c) => c.status === 'operational') ? ctx.memo : undefined;
    bars.set(
      component.id,
      memo === undefined
        ? build()
        : memo.bars(quietBarsKey(component, dates, data.page.timeZone, changes, spans), build),
    );
  }
  return bars;
}

/** Everything a quiet component's bars depend on; open incidents end "now", which only the dates tell. */
function quietBarsKey(
  component: Component,
  dates: readonly string[],
  timeZone: string,
  changes: readonly StatusChange[],
  spans: readonly IncidentSpan[],
): string {
  const end = (span: IncidentSpan) => (span.open ? 'open' : String(span.endMs));
  return [
    component.id,
    component.startDate ?? '',
    timeZone,
    dates.length,
    dates[0] ?? '',
    dates.at(-1) ?? '',
    changes.map((c) => c.at).join(','),
    spans.map((s) => `${s.ref.id}:${s.startMs}:${end(s)}:${s.ref.name}`).join('\n'),
  ].join('|');
}

/** "No downtime", or each non-operational status with its time: "Major outage 2 h 5 min, partial outage 30 min". */
export function describeDowntime(downSec: DayUptime['downSec']): string {
  const parts = DOWN_STATUSES.filter((status) => downSec[status] > 0).map(
    (status) => `${STATUS_LABELS[status].toLowerCase()} ${formatDuration(downSec[status])}`,
  );
  if (parts.length === 0) return 'No downtime';
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Builds day bars, sharing work across components: every component has the same dates, and most days
 * are clean (operational all day, no incident), so those bars are made once per date and reused.
 */
function dayBarMaker(): (day: DayUptime, incidents: readonly IncidentRef[]) => DayBarViewModel {
  const dateTexts = new Map<string, string>();
  const cleanBars = new Map<string, DayBarViewModel>();
  return (day, incidents) => {
    const isClean = day.worstStatus === 'operational' && incidents.length === 0;
    const clean = isClean ? cleanBars.get(day.date) : undefined;
    if (clean !== undefined) return clean;
    let dateText = dateTexts.get(day.date);
    if (dateText === undefined) {
      dateText = formatDayDate(day.date);
      dateTexts.set(day.date, dateText);
    }
    const bar = dayBar(day, dateText, incidents);
    if (isClean) cleanBars.set(day.date, bar);
    return bar;
  };
}

function dayBar(day: DayUptime, dateText: string, incidents: readonly IncidentRef[]): DayBarViewModel {
  const hasData = day.uptime !== null;
  const uptimeText = hasData ? formatUptimePercent(day.uptime) : 'No data';
  const downtimeText = hasData ? describeDowntime(day.downSec) : '';
  const incidentText =
    incidents.length === 0 ? '' : ` Incidents: ${incidents.map((i) => i.name).join('; ')}.`;
  const label = hasData
    ? `${dateText}: ${uptimeText} uptime. ${downtimeText}.${incidentText}`
    : `${dateText}: No data.${incidentText}`;
  return {
    date: day.date,
    dateText,
    tone: day.worstStatus ?? 'no_data',
    uptimeText,
    downtimeText,
    incidents,
    label,
  };
}

/**
 * When an incident touches a component: an incident from its start, a maintenance from its scheduled
 * start; both until resolved, or until now while open.
 */
function indexIncidents(
  incidents: readonly Incident[],
  now: number,
  fromMs: number,
): ReadonlyMap<string, IncidentSpan[]> {
  const index = new Map<string, IncidentSpan[]>();
  for (const incident of incidents) {
    const startMs =
      incident.kind === 'maintenance' ? (incident.scheduledFor ?? incident.startedAt) : incident.startedAt;
    const endMs = incident.resolvedAt ?? now;
    if (endMs < startMs || endMs < fromMs) continue;
    const span = {
      ref: { id: incident.id, name: incident.name, href: incidentHref(incident.id) },
      startMs,
      endMs,
      open: incident.resolvedAt === null,
    };
    for (const componentId of new Set(incident.componentIds)) {
      const spans = index.get(componentId);
      if (spans === undefined) index.set(componentId, [span]);
      else spans.push(span);
    }
  }
  return index;
}

/** The incidents of each day, in PageData's order (newest first); a zero-length span counts as an instant. */
function placeIncidents(days: readonly DayUptime[], spans: readonly IncidentSpan[]): IncidentRef[][] {
  const byDay: IncidentRef[][] = days.map(() => []);
  for (const span of spans) {
    const endMs = Math.max(span.endMs, span.startMs + 1);
    for (let d = firstDayEndingAfter(days, span.startMs); d < days.length; d++) {
      const day = days[d];
      if (day === undefined || day.startMs >= endMs) break;
      byDay[d]?.push(span.ref);
    }
  }
  return byDay;
}

function firstDayEndingAfter(days: readonly DayUptime[], epochMs: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((days[mid]?.endMs ?? 0) > epochMs) high = mid;
    else low = mid + 1;
  }
  return low;
}

function changesByComponent(changes: readonly StatusChange[]): Map<string, StatusChange[]> {
  const byComponent = new Map<string, StatusChange[]>();
  for (const change of changes) {
    const own = byComponent.get(change.componentId);
    if (own === undefined) byComponent.set(change.componentId, [change]);
    else own.push(change);
  }
  return byComponent;
}
