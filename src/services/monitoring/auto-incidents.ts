import type { Component } from '../../domain/component.js';
import { isOutage } from '../../domain/component-health.js';
import type { Impact, Incident, IncidentUpdate } from '../../domain/incident.js';
import { deriveImpact } from '../../domain/incident-impact.js';
import { groupFailures } from '../../domain/incident-grouping.js';
import { lifecycleTimes } from '../../domain/incident-lifecycle.js';
import type { MonitorState } from '../../domain/monitor-state.js';
import { describeActor, type Actor } from '../../domain/permissions.js';
import { newId } from '../../lib/ids.js';
import { appendAudit } from '../../store/audit-log.js';
import {
  insertIncidentUpdate,
  linkIncidentComponents,
  saveIncidentFields,
} from '../../store/incident-writes.js';
import { findIncident, insertIncident } from '../../store/incidents.js';
import { listDependencies, type ComponentMonitoring, type MonitorRef } from '../../store/monitors.js';
import { findPage } from '../../store/pages.js';
import type { Db } from '../../store/store.js';
import { enqueueNotifications } from '../notifications/enqueue-notifications.js';
import type { MonitorEventRecord } from './advance-monitors.js';
import type { DerivedChange, StatusChangeRecord } from './apply-derived-statuses.js';
import {
  incidentName,
  joinNames,
  lowerLabel,
  monitorEventFact,
  outageFact,
  renderFacts,
  statusChangeFact,
  type Fact,
} from './incident-facts.js';

/** Who writes automatic incidents, in the audit log and to authorization. */
export const MONITOR_ACTOR: Actor = { kind: 'system', name: 'monitor' };

export interface AutoIncidentInput {
  readonly pageId: string;
  readonly now: number;
  /** The newest result time of the batch: when what it found was seen. */
  readonly batchAt: number;
  /** The page's live leaf components in page order, statuses as of this batch. */
  readonly leaves: readonly Component[];
  readonly settings: ReadonlyMap<string, ComponentMonitoring>;
  readonly derivedChanges: readonly DerivedChange[];
  readonly statusChanges: readonly StatusChangeRecord[];
  readonly monitorEvents: readonly MonitorEventRecord[];
  readonly monitors: readonly MonitorRef[];
  readonly states: ReadonlyMap<string, MonitorState>;
  readonly maintenance: ReadonlySet<string>;
}

export interface AutoIncidentOutcome {
  readonly opened: {
    readonly incidentId: string;
    readonly causeComponentId: string;
    readonly componentIds: readonly string[];
    readonly draft: boolean;
  }[];
  readonly updated: { readonly incidentId: string; readonly updateId: string; readonly draft: boolean }[];
  readonly resolved: string[];
}

interface OpenAutoIncident {
  incident: Incident;
  readonly draft: boolean;
  causeId: string;
  /** Facts this batch adds before the details: a takeover, components joining. */
  readonly headline: Fact[];
  /** Components whose status change this batch is told by the headline instead. */
  readonly told: Set<string>;
}

const IMPACT_ORDER: readonly Impact[] = ['none', 'minor', 'major', 'critical'];

/**
 * Opens, extends and resolves automatic incidents after a batch. Failing components are grouped by
 * dependency; a cause that starts failing opens one incident listing its failing dependents, or takes
 * over the open incident of one of them (which failed first). Later facts about the incident's
 * components and the cause's dependents (retries included) are appended as one update per batch; once
 * all its components are operational it resolves, if the cause is set to.
 */
export async function runAutoIncidents(tx: Db, input: AutoIncidentInput): Promise<AutoIncidentOutcome> {
  const outcome: AutoIncidentOutcome = { opened: [], updated: [], resolved: [] };
  if (input.derivedChanges.length === 0 && input.monitorEvents.length === 0) return outcome;
  const timeZone = (await findPage(tx, input.pageId))!.timeZone;
  const byId = new Map(input.leaves.map((c) => [c.id, c]));
  const dependsOn = new Map<string, string[]>();
  const dependedOnBy = new Map<string, string[]>();
  for (const [componentId, dependsOnId] of await listDependencies(tx, input.pageId)) {
    dependsOn.set(componentId, [...(dependsOn.get(componentId) ?? []), dependsOnId]);
    dependedOnBy.set(dependsOnId, [...(dependedOnBy.get(dependsOnId) ?? []), componentId]);
  }
  const failing = input.leaves.filter((c) => isFailing(input.settings.get(c.id))).map((c) => c.id);
  const newlyFailing = new Set(
    input.derivedChanges
      .filter(
        (d) =>
          d.source !== 'manual' &&
          d.source !== 'maintenance' &&
          isOutage(d.to) &&
          (d.from === null || !isOutage(d.from)),
      )
      .map((d) => d.componentId),
  );
  const names = (ids: readonly string[]) => joinNames(ids.map((id) => byId.get(id)!.name));
  const withStatus = (ids: readonly string[]) =>
    joinNames(ids.map((id) => `${byId.get(id)!.name} (${lowerLabel(byId.get(id)!.status)})`));
  const outage = (causeId: string): Fact => {
    const cause = byId.get(causeId)!;
    const states = input.monitors
      .filter((m) => m.componentId === causeId)
      .flatMap((m) => input.states.get(m.id) ?? []);
    return outageFact(
      cause.name,
      cause.status,
      states.filter((s) => s.health === 'down' || s.health === 'degraded'),
      input.batchAt,
      timeZone,
    );
  };
  const details = (causeId: string, members: ReadonlySet<string>, told: ReadonlySet<string>): Fact[] => {
    const relevant = new Set([...members, ...transitive(causeId, dependedOnBy)]);
    return [
      ...input.statusChanges
        .filter((c) => members.has(c.componentId) && !told.has(c.componentId))
        .map(statusChangeFact),
      ...input.monitorEvents
        .filter((e) => relevant.has(e.componentId) && !input.maintenance.has(e.componentId))
        .map(monitorEventFact),
    ];
  };

  const open = await loadOpenAutoIncidents(tx, input.pageId);
  for (const group of groupFailures(failing, dependsOn)) {
    const members = [group.cause, ...group.dependents];
    let found = open.find((o) => o.causeId === group.cause);
    if (found === undefined) {
      if (!newlyFailing.has(group.cause) || input.settings.get(group.cause)!.autoIncident === 'off') continue;
      // A dependent failed first and has its own incident: the cause takes it over, so there is one.
      found = open.find((o) => group.dependents.includes(o.causeId));
      if (found === undefined) {
        const facts = [
          outage(group.cause),
          ...(group.dependents.length > 0
            ? [{ at: input.batchAt, text: `${withStatus(group.dependents)} affected.` }]
            : []),
        ];
        const created = await openIncident(
          tx,
          input,
          group.cause,
          group.dependents,
          renderFacts([...facts, ...details(group.cause, new Set(members), new Set(members))], timeZone),
        );
        outcome.opened.push({
          incidentId: created.id,
          causeComponentId: group.cause,
          componentIds: members,
          draft: created.draft,
        });
        continue;
      }
      const cause = byId.get(group.cause)!;
      found.incident = { ...found.incident, name: incidentName(cause.name, cause.status) };
      found.causeId = group.cause;
      await tx
        .updateTable('incidents')
        .set({ auto_cause_component_id: group.cause })
        .where('id', '=', found.incident.id)
        .execute();
      const dependents = group.dependents.filter((id) => found!.incident.componentIds.includes(id));
      found.headline.push(outage(group.cause), {
        at: input.batchAt,
        text: `${names(dependents)} depend${dependents.length === 1 ? 's' : ''} on ${cause.name}.`,
      });
      found.told.add(group.cause);
    }
    const target = found;
    const joining = members.filter((id) => !target.incident.componentIds.includes(id));
    if (joining.length === 0) continue;
    const dependentsJoining = joining.filter((id) => id !== group.cause);
    if (dependentsJoining.length > 0)
      target.headline.push({ at: input.batchAt, text: `${withStatus(dependentsJoining)} affected.` });
    for (const id of joining) target.told.add(id);
    await linkIncidentComponents(tx, target.incident.id, joining);
    target.incident = { ...target.incident, componentIds: [...target.incident.componentIds, ...joining] };
  }

  for (const o of open) {
    const facts = [...o.headline, ...details(o.causeId, new Set(o.incident.componentIds), o.told)];
    const update = await extendIncident(tx, input, o, facts, timeZone);
    if (update === null) continue;
    outcome.updated.push({ incidentId: o.incident.id, updateId: update.id, draft: o.draft });
    if (update.status === 'resolved') outcome.resolved.push(o.incident.id);
  }
  return outcome;
}

function isFailing(settings: ComponentMonitoring | undefined): boolean {
  return (
    settings?.derivedStatus != null &&
    (settings.derivedSource === 'monitor' || settings.derivedSource === 'upstream') &&
    isOutage(settings.derivedStatus)
  );
}

// Everything that depends on `id`, directly or through others.
function transitive(id: string, dependedOnBy: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const next of dependedOnBy.get(stack.pop()!) ?? []) {
      if (seen.has(next) || next === id) continue;
      seen.add(next);
      stack.push(next);
    }
  }
  return seen;
}

async function loadOpenAutoIncidents(tx: Db, pageId: string): Promise<OpenAutoIncident[]> {
  const rows = await tx
    .selectFrom('incidents')
    .select(['id', 'draft', 'auto_cause_component_id'])
    .where('page_id', '=', pageId)
    .where('auto_cause_component_id', 'is not', null)
    .where('status', 'not in', ['resolved', 'postmortem'])
    .orderBy('created_at')
    .execute();
  const open: OpenAutoIncident[] = [];
  for (const row of rows) {
    const incident = await findIncident(tx, row.id);
    if (incident !== undefined)
      open.push({
        incident,
        draft: row.draft === 1,
        causeId: row.auto_cause_component_id!,
        headline: [],
        told: new Set(),
      });
  }
  return open;
}

async function openIncident(
  tx: Db,
  input: AutoIncidentInput,
  causeId: string,
  dependents: readonly string[],
  body: string,
): Promise<{ id: string; draft: boolean }> {
  const byId = new Map(input.leaves.map((c) => [c.id, c]));
  const cause = byId.get(causeId)!;
  const members = [causeId, ...dependents].map((id) => byId.get(id)!);
  const draft = input.settings.get(causeId)!.autoIncident === 'draft';
  const id = newId();
  const update: IncidentUpdate = {
    id: newId(),
    incidentId: id,
    status: 'investigating',
    body,
    displayAt: input.batchAt,
    createdAt: input.now,
    updatedAt: input.now,
    deliverNotifications: !draft,
    affectedComponents: members.map((c) => ({
      componentId: c.id,
      name: c.name,
      oldStatus: input.statusChanges.find((s) => s.componentId === c.id)?.from ?? c.status,
      newStatus: c.status,
    })),
  };
  const incident: Incident = {
    id,
    pageId: input.pageId,
    kind: 'incident',
    name: incidentName(cause.name, cause.status),
    status: 'investigating',
    impact: deriveImpact(
      members.map((c) => c.status),
      'incident',
      null,
    ),
    impactOverride: null,
    createdAt: input.now,
    updatedAt: input.now,
    startedAt: input.batchAt,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    scheduledAutoInProgress: false,
    scheduledAutoCompleted: false,
    backfilled: false,
    shortlink: null,
    postmortem: null,
    componentIds: members.map((c) => c.id),
    updates: [update],
  };
  await insertIncident(tx, incident, null, { draft, causeComponentId: causeId });
  await audit(tx, input, 'incident.create', id, null, { ...incident, draft });
  return { id, draft };
}

/** Appends the batch's facts as one update; resolves once every component is operational, if configured. */
async function extendIncident(
  tx: Db,
  input: AutoIncidentInput,
  open: OpenAutoIncident,
  facts: Fact[],
  timeZone: string,
): Promise<IncidentUpdate | null> {
  const before = open.incident;
  const members = new Set(before.componentIds);
  const changes = input.statusChanges.filter((c) => members.has(c.componentId));
  const statuses = before.componentIds.flatMap((id) => input.leaves.find((c) => c.id === id)?.status ?? []);
  const allOperational = statuses.every((s) => s === 'operational');
  const resolve = allOperational && input.settings.get(open.causeId)?.autoResolve === true;
  if (facts.length === 0 && !resolve) return null;
  if (resolve)
    facts.push({
      at: input.batchAt,
      text: 'All affected components are operational again; resolved automatically.',
    });
  else if (allOperational && changes.length > 0)
    facts.push({ at: input.batchAt, text: 'All affected components are operational again.' });

  const status = resolve ? 'resolved' : before.status;
  const update: IncidentUpdate = {
    id: newId(),
    incidentId: before.id,
    status,
    body: renderFacts(facts, timeZone),
    displayAt: input.batchAt,
    createdAt: input.now,
    updatedAt: input.now,
    // Retries and recovering checks are on the timeline but are not worth a notification.
    deliverNotifications: !open.draft && (resolve || changes.length > 0 || open.headline.length > 0),
    affectedComponents:
      changes.length === 0
        ? null
        : changes.map((c) => ({
            componentId: c.componentId,
            name: c.name,
            oldStatus: c.from,
            newStatus: c.to,
          })),
  };
  const times = resolve ? lifecycleTimes(before, status, input.batchAt) : before;
  const after: Incident = {
    ...before,
    status,
    impact:
      before.impactOverride === null
        ? higherImpact(before.impact, deriveImpact(statuses, 'incident', null))
        : before.impact,
    updatedAt: input.now,
    monitoringAt: times.monitoringAt,
    resolvedAt: times.resolvedAt,
  };
  await insertIncidentUpdate(tx, update);
  await saveIncidentFields(tx, after);
  await audit(tx, input, 'incident.update', before.id, before, { ...after, update });
  return update;
}

function higherImpact(a: Impact, b: Impact): Impact {
  return IMPACT_ORDER.indexOf(b) > IMPACT_ORDER.indexOf(a) ? b : a;
}

async function audit(
  tx: Db,
  input: AutoIncidentInput,
  action: string,
  targetId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  const change = {
    pageId: input.pageId,
    action,
    targetType: 'incident',
    targetId,
    before,
    after,
    at: input.now,
  };
  await appendAudit(tx, { ...change, actor: describeActor(MONITOR_ACTOR) });
  await enqueueNotifications(tx, {
    ...change,
    actor: MONITOR_ACTOR,
    after: withoutComponentMoves(action, after),
  });
}

/**
 * The components a monitor moved notify webhooks once, from their own component.status entries
 * (record-results); the incident's notification leaves them out so webhooks do not hear twice.
 */
function withoutComponentMoves(action: string, after: unknown): unknown {
  if (action === 'incident.create') {
    const incident = after as Incident;
    return { ...incident, updates: incident.updates.map((u) => ({ ...u, affectedComponents: null })) };
  }
  if (action === 'incident.update') {
    const updated = after as Incident & { readonly update: IncidentUpdate | null };
    return { ...updated, update: updated.update && { ...updated.update, affectedComponents: null } };
  }
  return after;
}
