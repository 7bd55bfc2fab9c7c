import { DateTime } from 'luxon';
import { severityOf, type ComponentStatus } from './component-status.js';
import type { StatusChange } from './component.js';

/** How much of a second in each status counts as downtime (0 = up, 1 = fully down). */
export interface UptimeWeights {
  readonly major_outage: number;
  readonly partial_outage: number;
  readonly degraded_performance: number;
  readonly under_maintenance: number;
}

export const DEFAULT_UPTIME_WEIGHTS: UptimeWeights = Object.freeze({
  major_outage: 1,
  partial_outage: 0.3,
  degraded_performance: 0,
  under_maintenance: 0,
});

/** Seconds spent in each non-operational status. */
export interface DownSec {
  readonly major_outage: number;
  readonly partial_outage: number;
  readonly degraded_performance: number;
  readonly under_maintenance: number;
}

export interface DayUptime {
  /** YYYY-MM-DD in the page time zone. */
  readonly date: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Seconds of the day with data; 0 means no data. */
  readonly observedSec: number;
  readonly downSec: DownSec;
  readonly weightedDownSec: number;
  /** 1 - weightedDownSec / observedSec; null when nothing was observed. */
  readonly uptime: number | null;
  /** The worst status held at any moment of the day; null when nothing was observed. */
  readonly worstStatus: ComponentStatus | null;
}

export interface DailyUptimeOptions {
  /** One component's changes, in any order. */
  readonly changes: readonly StatusChange[];
  /**
   * The component's start date, YYYY-MM-DD in the page zone: data starts at its midnight, operational
   * until the first change. Null: data starts at the first change.
   */
  readonly startDate: string | null;
  readonly timeZone: string;
  /** Time after `now` has no data: today counts only its elapsed part. */
  readonly now: number;
  /** How many days, ending with today, oldest first. */
  readonly days: number;
  readonly weights?: UptimeWeights;
}

export interface UptimeBetweenOptions {
  readonly changes: readonly StatusChange[];
  readonly startDate: string | null;
  readonly timeZone: string;
  /** The interval [from, to) in epoch ms; the last status is assumed to hold until `to`. */
  readonly from: number;
  readonly to: number;
  readonly weights?: UptimeWeights;
}

export interface IntervalUptime {
  readonly uptime: number | null;
  readonly observedSec: number;
  readonly downSec: DownSec;
  readonly weightedDownSec: number;
}

type DownStatus = keyof DownSec;
const SECOND = 1000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Uptime per day for one component over the last `days` days (in the page zone), oldest first. */
export function dailyUptime(options: DailyUptimeOptions): DayUptime[] {
  const { startDate, timeZone, now, days } = options;
  const weights = options.weights ?? DEFAULT_UPTIME_WEIGHTS;
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number, got ${days}`);
  if (days === 0) return [];
  if (startDate !== null && !DATE_PATTERN.test(startDate)) {
    throw new RangeError(`start date must be YYYY-MM-DD, got ${startDate}`);
  }
  const { dates, midnights } = dayBounds(timeZone, now, days);
  const sorted = sortedByTime(options.changes);
  // Day strings sort like dates, so the start date's midnight is found without another zone lookup.
  const startDay = startDate === null ? 0 : dates.findIndex((date) => date >= startDate);
  const dataStart = startDate === null ? sorted[0]?.at : startDay === -1 ? undefined : midnights[startDay];
  const windowStart = midnights[0] ?? now;
  const windowEnd = Math.min(now, midnights[days] ?? now);
  const spans =
    dataStart === undefined ? [] : collectSpans(sorted, Math.max(dataStart, windowStart), windowEnd);

  const result: DayUptime[] = [];
  tallyBuckets(spans, midnights, (d, tally) => {
    const observedSec = tally.observedMs / SECOND;
    const downSec = downSecOf(tally);
    const weightedDownSec = weigh(downSec, weights);
    result.push({
      date: dates[d] ?? '',
      startMs: midnights[d] ?? 0,
      endMs: midnights[d + 1] ?? 0,
      observedSec,
      downSec,
      weightedDownSec,
      uptime: uptimeOf(weightedDownSec, observedSec),
      worstStatus: tally.worst,
    });
  });
  return result;
}

/** The dates (YYYY-MM-DD in the zone) of the last `days` days up to `now`, oldest first. */
export function dayDates(timeZone: string, now: number, days: number): readonly string[] {
  return days <= 0 ? [] : dayBounds(timeZone, now, days).dates;
}

/** Uptime over several days: 1 - total weighted downtime / total observed time; null when none observed. */
export function uptimeOverDays(days: readonly DayUptime[]): number | null {
  let observedSec = 0;
  let weightedDownSec = 0;
  for (const day of days) {
    observedSec += day.observedSec;
    weightedDownSec += day.weightedDownSec;
  }
  return uptimeOf(weightedDownSec, observedSec);
}

/** A group's uptime: the mean of its children that have data; null when none has. */
export function groupUptime(childUptimes: readonly (number | null)[]): number | null {
  const known = childUptimes.filter((uptime): uptime is number => uptime !== null);
  return known.length === 0 ? null : known.reduce((sum, uptime) => sum + uptime, 0) / known.length;
}

/** Uptime of one component over an arbitrary interval [from, to); the caller clamps `to` to now. */
export function uptimeBetween(options: UptimeBetweenOptions): IntervalUptime {
  const { startDate, timeZone, from, to } = options;
  const weights = options.weights ?? DEFAULT_UPTIME_WEIGHTS;
  const sorted = sortedByTime(options.changes);
  const dataStart = startDate === null ? sorted[0]?.at : startOfDate(startDate, timeZone);
  const spans = dataStart === undefined ? [] : collectSpans(sorted, Math.max(dataStart, from), to);
  let result: IntervalUptime = { uptime: null, observedSec: 0, downSec: NO_DOWNTIME, weightedDownSec: 0 };
  tallyBuckets(spans, [from, to], (_, tally) => {
    const observedSec = tally.observedMs / SECOND;
    const downSec = downSecOf(tally);
    const weightedDownSec = weigh(downSec, weights);
    result = { uptime: uptimeOf(weightedDownSec, observedSec), observedSec, downSec, weightedDownSec };
  });
  return result;
}

/**
 * "100%", "99.98%", "—" when unknown. Truncates to two decimals so that any downtime shows below 100 %
 * (99.999 % is "99.99%"); the small epsilon absorbs float noise such as 0.0029 * 10000 = 28.999….
 */
export function formatUptimePercent(uptime: number | null): string {
  if (uptime === null || Number.isNaN(uptime)) return '—';
  const clamped = Math.min(1, Math.max(0, uptime));
  const hundredths = Math.floor(clamped * 10_000 + 1e-9);
  const text = (hundredths / 100).toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
  return `${text}%`;
}

/** `dates[d]` runs from `midnights[d]` to `midnights[d + 1]`. */
interface DayBounds {
  readonly dates: readonly string[];
  readonly midnights: readonly number[];
}

// Memoized because zone math is the slow part and a page computes the same days for every component;
// an entry stays valid while `now` falls within its last day. Results are frozen, so this stays pure.
const boundsCache = new Map<string, DayBounds>();
const BOUNDS_CACHE_SIZE = 64;

function dayBounds(timeZone: string, now: number, days: number): DayBounds {
  const key = `${days} ${timeZone}`;
  const cached = boundsCache.get(key);
  const lastStart = cached?.midnights[days - 1];
  const lastEnd = cached?.midnights[days];
  if (cached && lastStart !== undefined && lastEnd !== undefined && now >= lastStart && now < lastEnd) {
    return cached;
  }

  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  if (!today.isValid) throw new RangeError(`cannot compute days at ${now} in time zone ${timeZone}`);
  const dates: string[] = [];
  const midnights: number[] = [];
  // startOf('day') again after the calendar step: in zones where some midnights do not exist, a day
  // starts at 01:00, and stepping from such a day would carry the 01:00 over.
  for (let back = days - 1; back >= -1; back--) {
    const midnight = today.minus({ days: back }).startOf('day');
    if (back >= 0) dates.push(midnight.toISODate() ?? '');
    midnights.push(midnight.toMillis());
  }
  const bounds: DayBounds = Object.freeze({
    dates: Object.freeze(dates),
    midnights: Object.freeze(midnights),
  });
  if (boundsCache.size >= BOUNDS_CACHE_SIZE) boundsCache.clear();
  boundsCache.set(key, bounds);
  return bounds;
}

function startOfDate(date: string, timeZone: string): number {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!DATE_PATTERN.test(date) || !start.isValid) {
    throw new RangeError(`start date must be YYYY-MM-DD in a valid time zone, got ${date} in ${timeZone}`);
  }
  return start.toMillis();
}

function sortedByTime(changes: readonly StatusChange[]): readonly StatusChange[] {
  for (let i = 1; i < changes.length; i++) {
    // Sort stays stable, so of two changes at the same instant the later-listed one holds.
    if ((changes[i]?.at ?? 0) < (changes[i - 1]?.at ?? 0)) return [...changes].sort((a, b) => a.at - b.at);
  }
  return changes;
}

interface Span {
  readonly from: number;
  readonly to: number;
  readonly status: ComponentStatus;
}

/**
 * The spans of constant status within [dataStart, dataEnd), in time order, none empty. Before the first
 * change the status is operational: a component with a start date was up until told otherwise.
 */
function collectSpans(sorted: readonly StatusChange[], dataStart: number, dataEnd: number): Span[] {
  const spans: Span[] = [];
  if (!(dataStart < dataEnd)) return spans;
  let status: ComponentStatus = 'operational';
  let i = 0;
  for (; i < sorted.length; i++) {
    const change = sorted[i];
    if (change === undefined || change.at > dataStart) break;
    status = change.status;
  }
  let from = dataStart;
  for (; i < sorted.length; i++) {
    const change = sorted[i];
    if (change === undefined || change.at >= dataEnd) break;
    if (change.at > from) spans.push({ from, to: change.at, status });
    status = change.status;
    from = change.at;
  }
  spans.push({ from, to: dataEnd, status });
  return spans;
}

interface Tally {
  observedMs: number;
  readonly downMs: Record<DownStatus, number>;
  worst: ComponentStatus | null;
}

/**
 * Tallies sorted spans into the buckets [edges[b], edges[b + 1]) and hands each bucket's tally to
 * `visit`, walking spans and buckets together once. The tally object is reused: read it, don't keep it.
 */
function tallyBuckets(
  spans: readonly Span[],
  edges: readonly number[],
  visit: (bucket: number, tally: Readonly<Tally>) => void,
): void {
  const tally: Tally = {
    observedMs: 0,
    downMs: { major_outage: 0, partial_outage: 0, degraded_performance: 0, under_maintenance: 0 },
    worst: null,
  };
  let s = 0;
  for (let b = 0; b + 1 < edges.length; b++) {
    const start = edges[b] ?? 0;
    const end = edges[b + 1] ?? 0;
    tally.observedMs = 0;
    tally.downMs.major_outage = tally.downMs.partial_outage = 0;
    tally.downMs.degraded_performance = tally.downMs.under_maintenance = 0;
    tally.worst = null;
    for (; s < spans.length; s++) {
      const span = spans[s];
      if (span === undefined || span.from >= end) break;
      const overlapMs = Math.min(span.to, end) - Math.max(span.from, start);
      if (overlapMs > 0) {
        tally.observedMs += overlapMs;
        if (span.status !== 'operational') tally.downMs[span.status] += overlapMs;
        if (tally.worst === null || severityOf(span.status) > severityOf(tally.worst))
          tally.worst = span.status;
      }
      if (span.to > end) break; // the span goes on into the next bucket
    }
    visit(b, tally);
  }
}

const NO_DOWNTIME: DownSec = Object.freeze({
  major_outage: 0,
  partial_outage: 0,
  degraded_performance: 0,
  under_maintenance: 0,
});

function downSecOf(tally: Readonly<Tally>): DownSec {
  // Most days have no downtime: one shared frozen object saves a 90-day page 90 allocations.
  if (tally.worst === null || tally.worst === 'operational') return NO_DOWNTIME;
  const { downMs } = tally;
  return {
    major_outage: downMs.major_outage / SECOND,
    partial_outage: downMs.partial_outage / SECOND,
    degraded_performance: downMs.degraded_performance / SECOND,
    under_maintenance: downMs.under_maintenance / SECOND,
  };
}

function weigh(downSec: DownSec, weights: UptimeWeights): number {
  return (
    downSec.major_outage * weights.major_outage +
    downSec.partial_outage * weights.partial_outage +
    downSec.degraded_performance * weights.degraded_performance +
    downSec.under_maintenance * weights.under_maintenance
  );
}

function uptimeOf(weightedDownSec: number, observedSec: number): number | null {
  return observedSec === 0 ? null : 1 - weightedDownSec / observedSec;
}
