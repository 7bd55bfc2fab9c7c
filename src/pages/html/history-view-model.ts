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
    const notices = data.incidents
      .filter((incident) => isWithin(noticeTimeOf(incident), fromMs, toMs))
      .sort((a, b) => noticeTimeOf(b) - noticeTimeOf(a))
      .map((incident) => buildNoticeViewModel(incident, componentsById, timeZone, options));
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
  let earliestMs = data.page.createdAt;
  for (const incident of data.incidents) earliestMs = Math.min(earliestMs, noticeTimeOf(incident));
  return monthKeyAt(earliestMs, data.page.timeZone);
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

function isWithin(epochMs: number, fromMs: number, toMs: number): boolean {
  return epochMs >= fromMs && epochMs < toMs;
}

function min(a: MonthKey, b: MonthKey): MonthKey {
  return a < b ? a : b;
}

function max(a: MonthKey, b: MonthKey): MonthKey {
  return a > b ? a : b;
}
