import type { Incident } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import { addMonths, formatMonthHeading, monthKeyAt, monthStartMs, type MonthKey } from './month-key.js';
import {
  buildNoticeViewModel,
  type NoticeOptions,
  indexComponents,
  noticeTimeOf,
  type NoticeViewModel,
} from './notice-view-model.js';
import type { RenderContext } from './render-context.js';

/** `?page=N` (1 = the current month and the two before it) or `?from=YYYY-MM` (that month and the two after). */
export type HistoryQuery =
  { readonly kind: 'page'; readonly page: number } | { readonly kind: 'from'; readonly month: string };

export const MONTHS_PER_HISTORY_PAGE = 3;
/** Far enough back for any real page (over a thousand years) while month keys keep four-digit years. */
export const MAX_HISTORY_PAGE = 4000;

export interface HistoryMonthViewModel {
  readonly key: MonthKey;
  /** "Feb, 2024" */
  readonly heading: string;
  readonly anchorId: string;
  /** Newest first. */
  readonly notices: readonly NoticeViewModel[];
}

export interface HistoryLinkViewModel {
  readonly href: string;
  /** "Jun, 2026 to Aug, 2026", oldest month first */
  readonly label: string;
}

export interface HistoryViewModel {
  /** Newest first; empty when the query asks for months before the page existed or after today. */
  readonly months: readonly HistoryMonthViewModel[];
  readonly older: HistoryLinkViewModel | null;
  readonly newer: HistoryLinkViewModel | null;
}

/** The months one history page shows, with their notices, and links to the neighbouring pages. */
export function buildHistoryViewModel(
  data: PageData,
  query: HistoryQuery,
  ctx: RenderContext,
  options: NoticeOptions = {},
): HistoryViewModel {
  const { timeZone } = data.page;
  const currentMonth = monthKeyAt(ctx.now, timeZone);
  const firstMonth = firstMonthOf(data);
  const rangeStart =
    query.kind === 'page'
      ? addMonths(currentMonth, -MONTHS_PER_HISTORY_PAGE * (clampPage(query.page) - 1) - 2)
      : query.month;
  const rangeEnd = addMonths(rangeStart, MONTHS_PER_HISTORY_PAGE - 1);

  const keys: MonthKey[] = [];
  for (
    let key = min(rangeEnd, currentMonth);
    key >= rangeStart && key >= firstMonth;
    key = addMonths(key, -1)
  ) {
    keys.push(key);
  }
  const componentsById = indexComponents(data.components);
  const months = keys.map((key): HistoryMonthViewModel => {
    const fromMs = monthStartMs(key, timeZone);
    const toMs = monthStartMs(addMonths(key, 1), timeZone);
    const notices = noticesBetween(data.incidents, fromMs, toMs).map((incident) =>
      buildNoticeViewModel(incident, componentsById, timeZone, options),
    );
    return { key, heading: formatMonthHeading(key), anchorId: `month-${key}`, notices };
  });

  const olderEnd = addMonths(rangeStart, -1);
  const olderStart = addMonths(rangeStart, -MONTHS_PER_HISTORY_PAGE);
  const newerStart = addMonths(rangeEnd, 1);
  const newerEnd = min(addMonths(rangeEnd, MONTHS_PER_HISTORY_PAGE), currentMonth);
  return {
    months,
    older: olderEnd >= firstMonth ? historyLink(olderStart, max(olderStart, firstMonth), olderEnd) : null,
    newer: newerStart <= currentMonth ? historyLink(newerStart, max(newerStart, firstMonth), newerEnd) : null,
  };
}

/** The link to a month's place in the history: the page that starts with that month. */
export function historyMonthHref(key: MonthKey): string {
  return `/history?from=${key}#month-${key}`;
}

/** The earliest month with history: the page's creation, or an older (imported) notice. */
function firstMonthOf(data: PageData): MonthKey {
  const { byTime } = timeline(data.incidents);
  const oldest = byTime.at(-1);
  const earliestMs = Math.min(data.page.createdAt, oldest === undefined ? Infinity : noticeTimeOf(oldest));
  return monthKeyAt(earliestMs, data.page.timeZone);
}

interface Timeline {
  /** Newest first; notices at the same time keep PageData's order. */
  readonly byTime: readonly Incident[];
  /** noticeTimeOf of each, in the same order (descending). */
  readonly times: readonly number[];
}

// A snapshot's incidents never change, and every history page and feed of it asks for some months:
// sort them once per snapshot and binary-search each month instead of scanning all of them.
const timelines = new WeakMap<readonly Incident[], Timeline>();

function timeline(incidents: readonly Incident[]): Timeline {
  let found = timelines.get(incidents);
  if (found === undefined) {
    const timeOf = incidents.map(noticeTimeOf);
    // Sort positions by precomputed times (ties keep PageData's order): no lookups in the comparator.
    const order = incidents.map((_, index) => index).sort((a, b) => timeOf[b]! - timeOf[a]! || a - b);
    found = { byTime: order.map((index) => incidents[index]!), times: order.map((index) => timeOf[index]!) };
    timelines.set(incidents, found);
  }
  return found;
}

/** Notices from fromMs (inclusive) to toMs (exclusive), newest first. */
function noticesBetween(incidents: readonly Incident[], fromMs: number, toMs: number): readonly Incident[] {
  const { byTime, times } = timeline(incidents);
  return byTime.slice(firstBelow(times, toMs), firstBelow(times, fromMs));
}

/** Index of the first time below `limit` in a descending list. */
function firstBelow(times: readonly number[], limit: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] ?? -Infinity) < limit) high = mid;
    else low = mid + 1;
  }
  return low;
}

function historyLink(from: MonthKey, shownFrom: MonthKey, to: MonthKey): HistoryLinkViewModel {
  const label =
    shownFrom === to
      ? formatMonthHeading(to)
      : `${formatMonthHeading(shownFrom)} to ${formatMonthHeading(to)}`;
  return { href: `/history?from=${from}`, label };
}

function clampPage(page: number): number {
  return Number.isFinite(page) ? Math.min(MAX_HISTORY_PAGE, Math.max(1, Math.floor(page))) : 1;
}

function min(a: MonthKey, b: MonthKey): MonthKey {
  return a < b ? a : b;
}

function max(a: MonthKey, b: MonthKey): MonthKey {
  return a > b ? a : b;
}
