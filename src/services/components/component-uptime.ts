import { DateTime } from 'luxon';
import type { Component } from '../../domain/component.js';
import type { Incident } from '../../domain/incident.js';
import type { Page } from '../../domain/page.js';
import type { Actor } from '../../domain/permissions.js';
import { groupUptime, uptimeBetween, type UptimeWeights } from '../../domain/uptime.js';
import { AppError, type FieldProblem } from '../../lib/app-error.js';
import { listComponents } from '../../store/components.js';
import { listIncidents } from '../../store/incidents.js';
import { findPage } from '../../store/pages.js';
import { listComponentStatusChanges } from '../../store/status-changes.js';
import type { Db } from '../../store/store.js';
import { authorize } from '../authorize.js';
import type { ServiceContext } from '../service-context.js';

/** Statuspage's default window: the last 90 days, today included. */
const DEFAULT_DAYS = 90;
const MAX_RANGE_MONTHS = 6;
const EARLIEST_DATE = '1970-01-01';

/** `start` and `end` as Statuspage takes them: YYYY, YYYY-MM or YYYY-MM-DD (or a full ISO time). */
export interface UptimeQuery {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
}

export interface UptimeFigures {
  readonly id: string;
  readonly name: string;
  /** The page's time zone, which the dates are in. */
  readonly timeZone: string;
  /** First and last day of the range (YYYY-MM-DD, page time zone), both included. */
  readonly startDate: string;
  readonly endDate: string;
  /** 0..1; null when the range holds no data (before the component's start date). */
  readonly uptime: number | null;
  readonly majorOutageSec: number;
  readonly partialOutageSec: number;
  readonly warnings: readonly string[];
}

export interface ComponentUptime extends UptimeFigures {
  readonly incidentIds: readonly string[];
}

export interface GroupUptime extends UptimeFigures {
  readonly byComponent: readonly { readonly componentId: string; readonly incidentIds: readonly string[] }[];
}

/** The page and its live components, for any read of the manage API. */
export async function readComponents(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
): Promise<{ page: Page; components: Component[] }> {
  authorize(actor, 'read');
  return ctx.store.transaction(async (tx) => ({
    page: await requirePage(tx, pageId),
    components: await listComponents(tx, pageId),
  }));
}

/** Time-weighted uptime of one component over whole days, with the incidents that touched it. */
export async function componentUptime(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  componentId: string,
  query: UptimeQuery,
  weights: UptimeWeights,
): Promise<ComponentUptime> {
  authorize(actor, 'read');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const page = await requirePage(tx, pageId);
    const component = (await listComponents(tx, pageId)).find((c) => c.id === componentId && !c.isGroup);
    if (component === undefined)
      throw new AppError('NOT_FOUND', `there is no component with id "${componentId}"`);
    if (!component.showcase)
      throw new AppError('VALIDATION', 'uptime is shown only for components with showcase enabled', {
        fields: [{ field: 'showcase', message: 'is off for this component' }],
      });
    const range = resolveRange(query, page.timeZone, now, component.startDate);
    const figures = await measure(tx, component, range, page.timeZone, now, weights);
    const incidents = await listIncidents(tx, pageId, { publicOnly: true });
    return {
      id: component.id,
      name: component.name,
      timeZone: page.timeZone,
      startDate: range.startDate,
      endDate: range.endDate,
      uptime: figures.uptime,
      majorOutageSec: figures.majorOutageSec,
      partialOutageSec: figures.partialOutageSec,
      warnings: range.warnings,
      incidentIds: relatedIncidentIds(incidents, component.id, range, now),
    };
  });
}

/** A group's uptime: the mean of its showcased components' uptimes; outage seconds are summed. */
export async function componentGroupUptime(
  ctx: ServiceContext,
  actor: Actor,
  pageId: string,
  groupId: string,
  query: UptimeQuery,
  weights: UptimeWeights,
): Promise<GroupUptime> {
  authorize(actor, 'read');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const page = await requirePage(tx, pageId);
    const components = await listComponents(tx, pageId);
    const group = components.find((c) => c.id === groupId && c.isGroup);
    if (group === undefined)
      throw new AppError('NOT_FOUND', `there is no component group with id "${groupId}"`);
    const children = components.filter((c) => c.groupId === group.id && !c.isGroup && c.showcase);
    if (children.length === 0)
      throw new AppError(
        'VALIDATION',
        'uptime is shown only for groups with at least one showcased component',
        { fields: [{ field: 'components', message: 'none has showcase enabled' }] },
      );
    const range = resolveRange(query, page.timeZone, now, null);
    const incidents = await listIncidents(tx, pageId, { publicOnly: true });
    const measured = [];
    for (const child of children) measured.push(await measure(tx, child, range, page.timeZone, now, weights));
    return {
      id: group.id,
      name: group.name,
      timeZone: page.timeZone,
      startDate: range.startDate,
      endDate: range.endDate,
      uptime: groupUptime(measured.map((m) => m.uptime)),
      majorOutageSec: measured.reduce((sum, m) => sum + m.majorOutageSec, 0),
      partialOutageSec: measured.reduce((sum, m) => sum + m.partialOutageSec, 0),
      warnings: range.warnings,
      byComponent: children.map((child) => ({
        componentId: child.id,
        incidentIds: relatedIncidentIds(incidents, child.id, range, now),
      })),
    };
  });
}

interface DayRange {
  readonly startDate: string;
  readonly endDate: string;
  readonly fromMs: number;
  /** The end of the last day, or now when the range ends today. */
  readonly toMs: number;
  readonly warnings: string[];
}

/** Statuspage's rules: partial dates widen to whole years or months; the end stops at today. */
function resolveRange(
  query: UptimeQuery,
  timeZone: string,
  now: number,
  componentStart: string | null,
): DayRange {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const todayDate = today.toISODate()!;
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];
  const start =
    query.start === undefined || query.start === '' ? null : parsePartialDate(query.start, 'start', timeZone);
  const end =
    query.end === undefined || query.end === '' ? null : parsePartialDate(query.end, 'end', timeZone);
  if (start === undefined)
    problems.push({ field: 'start', message: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' });
  if (end === undefined)
    problems.push({ field: 'end', message: 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD' });
  let endDate = end ?? todayDate;
  if (endDate > todayDate) {
    endDate = todayDate;
    warnings.push('End date was adjusted to today. See range_end field in response for end date used.');
  }
  const defaultStart = today.minus({ days: DEFAULT_DAYS - 1 }).toISODate()!;
  let startDate =
    start ?? (componentStart !== null && componentStart > defaultStart ? componentStart : defaultStart);
  if (start !== null && start !== undefined && componentStart !== null && start < componentStart) {
    startDate = componentStart;
    warnings.push(
      "Start date was adjusted to the component's start date. See range_start field in response for start date used.",
    );
  }
  if (startDate < EARLIEST_DATE)
    problems.push({ field: 'start', message: `must be on or after ${EARLIEST_DATE}` });
  if (problems.length === 0 && startDate > endDate)
    problems.push({ field: 'start', message: 'must be on or before the end date' });
  const endDay = DateTime.fromISO(endDate, { zone: timeZone });
  if (
    problems.length === 0 &&
    DateTime.fromISO(startDate, { zone: timeZone }) <
      endDay.minus({ months: MAX_RANGE_MONTHS }).plus({ days: 1 })
  ) {
    problems.push({
      field: 'start',
      message: `the range may span at most ${MAX_RANGE_MONTHS} calendar months`,
    });
  }
  if (problems.length > 0)
    throw new AppError('VALIDATION', problems.map((p) => `${p.field} ${p.message}`).join('; '), {
      fields: problems,
    });
  const fromMs = DateTime.fromISO(startDate, { zone: timeZone }).startOf('day').toMillis();
  const toMs = Math.min(now, endDay.plus({ days: 1 }).startOf('day').toMillis());
  return { startDate, endDate, fromMs, toMs, warnings };
}

/** YYYY → its first (start) or last (end) day; YYYY-MM likewise; a date or time → its day. undefined when invalid. */
function parsePartialDate(text: string, side: 'start' | 'end', timeZone: string): string | undefined {
  const trimmed = text.trim();
  const year = /^(\d{4})$/.exec(trimmed);
  if (year !== null) return side === 'start' ? `${year[1]}-01-01` : `${year[1]}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(trimmed);
  if (month !== null) {
    const first = DateTime.fromISO(`${trimmed}-01`, { zone: timeZone });
    if (!first.isValid) return undefined;
    return side === 'start' ? first.toISODate() : first.endOf('month').toISODate();
  }
  const parsed = DateTime.fromISO(trimmed, { zone: timeZone });
  return parsed.isValid ? parsed.toISODate() : undefined;
}

async function measure(
  tx: Db,
  component: Component,
  range: DayRange,
  timeZone: string,
  now: number,
  weights: UptimeWeights,
) {
  if (range.toMs <= range.fromMs) return { uptime: null, majorOutageSec: 0, partialOutageSec: 0 };
  const changes = await listComponentStatusChanges(tx, component.id, range.fromMs, Math.min(range.toMs, now));
  const result = uptimeBetween({
    changes,
    startDate: component.startDate,
    timeZone,
    from: range.fromMs,
    to: range.toMs,
    weights,
  });
  return {
    uptime: result.uptime,
    majorOutageSec: Math.round(result.downSec.major_outage),
    partialOutageSec: Math.round(result.downSec.partial_outage),
  };
}

/** Incidents on this component whose time (start to resolution, or now) overlaps the range. */
function relatedIncidentIds(
  incidents: readonly Incident[],
  componentId: string,
  range: DayRange,
  now: number,
): string[] {
  return incidents
    .filter((incident) => {
      if (!incident.componentIds.includes(componentId)) return false;
      const startsAt =
        incident.kind === 'maintenance' ? (incident.scheduledFor ?? incident.startedAt) : incident.startedAt;
      const endsAt = incident.resolvedAt ?? now;
      return startsAt < range.toMs && endsAt >= range.fromMs;
    })
    .map((incident) => incident.id);
}

async function requirePage(tx: Db, pageId: string): Promise<Page> {
  const page = await findPage(tx, pageId);
  if (page === undefined) throw new AppError('NOT_FOUND', `there is no page with id "${pageId}"`);
  return page;
}
