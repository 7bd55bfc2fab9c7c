import { describe, expect, it } from 'vitest';
import type { Incident, IncidentUpdate } from '../../domain/incident.js';
import { HOUR, MINUTE } from '../../lib/time.js';
import { planNotifications } from './plan-notifications.js';
import { shouldDisableWebhook } from './webhook-health.js';

const update = (overrides: Partial<IncidentUpdate> = {}): IncidentUpdate => ({
  id: 'update000001',
  incidentId: 'incident0001',
  status: 'investigating',
  body: 'b',
  displayAt: 0,
  createdAt: 0,
  updatedAt: 0,
  deliverNotifications: true,
  affectedComponents: null,
  ...overrides,
});
const incident = (overrides: Partial<Incident> = {}): Incident => ({
  id: 'incident0001',
  pageId: 'page00000001',
  kind: 'incident',
  name: 'n',
  status: 'investigating',
  impact: 'minor',
  impactOverride: null,
  createdAt: 0,
  updatedAt: 0,
  startedAt: 0,
  monitoringAt: null,
  resolvedAt: null,
  scheduledFor: null,
  scheduledUntil: null,
  scheduledAutoInProgress: false,
  scheduledAutoCompleted: false,
  backfilled: false,
  shortlink: null,
  postmortem: null,
  componentIds: [],
  updates: [update()],
  ...overrides,
});
const change = (action: string, before: unknown, after: unknown) => ({
  action,
  targetId: 'incident0001',
  before,
  after,
});

describe('what a change notifies', () => {
  it('tells of a new incident, and of the components its first update moved (webhooks)', () => {
    const moved = update({
      affectedComponents: [
        { componentId: 'db', name: 'DB', oldStatus: 'operational', newStatus: 'major_outage' },
        { componentId: 'api', name: 'API', oldStatus: 'operational', newStatus: 'operational' },
      ],
    });
    expect(planNotifications(change('incident.create', null, incident({ updates: [moved] })))).toEqual([
      { kind: 'incident', trigger: 'incident.created', incidentId: 'incident0001', updateId: 'update000001' },
      { kind: 'component', componentId: 'db', oldStatus: 'operational', newStatus: 'major_outage' },
    ]);
  });

  it('names updates, resolutions and maintenance steps', () => {
    const updated = (kind: Incident['kind'], from: Incident['status'], to: Incident['status']) =>
      planNotifications(
        change(`${kind}.update`, incident({ kind, status: from }), {
          ...incident({ kind, status: to }),
          update: update({ status: to }),
        }),
      )[0];
    expect(updated('incident', 'investigating', 'identified')).toMatchObject({ trigger: 'incident.updated' });
    expect(updated('incident', 'monitoring', 'resolved')).toMatchObject({ trigger: 'incident.resolved' });
    expect(updated('incident', 'resolved', 'resolved')).toMatchObject({ trigger: 'incident.updated' });
    expect(updated('maintenance', 'scheduled', 'in_progress')).toMatchObject({
      trigger: 'maintenance.started',
    });
    expect(updated('maintenance', 'in_progress', 'verifying')).toMatchObject({
      trigger: 'maintenance.updated',
    });
    expect(updated('maintenance', 'verifying', 'completed')).toMatchObject({
      trigger: 'maintenance.completed',
    });
    expect(
      planNotifications(
        change('maintenance.create', null, incident({ kind: 'maintenance', status: 'scheduled' })),
      )[0],
    ).toMatchObject({ trigger: 'maintenance.scheduled' });
    expect(planNotifications(change('postmortem.publish', null, { body: 'x' }))).toEqual([
      { kind: 'incident', trigger: 'postmortem.published', incidentId: 'incident0001', updateId: null },
    ]);
  });

  it('stays silent for unticked "notify subscribers", backfills, edits without an update and unrelated actions', () => {
    expect(
      planNotifications(
        change('incident.create', null, incident({ updates: [update({ deliverNotifications: false })] })),
      ),
    ).toEqual([]);
    expect(planNotifications(change('incident.create', null, incident({ backfilled: true })))).toEqual([]);
    expect(
      planNotifications(
        change('incident.update', incident(), { ...incident({ name: 'renamed' }), update: null }),
      ),
    ).toEqual([]);
    expect(
      planNotifications(change('incident_update.edit', update(), update({ body: 'fixed typo' }))),
    ).toEqual([]);
    expect(planNotifications(change('user.create', null, {}))).toEqual([]);
  });

  it('tells webhooks of component status changes from the manage API and the monitors', () => {
    expect(
      planNotifications({
        action: 'component.update',
        targetId: 'db',
        before: { status: 'operational', name: 'DB' },
        after: { status: 'partial_outage', name: 'DB' },
      }),
    ).toEqual([
      { kind: 'component', componentId: 'db', oldStatus: 'operational', newStatus: 'partial_outage' },
    ]);
    expect(
      planNotifications({
        action: 'component.update',
        targetId: 'db',
        before: { status: 'operational' },
        after: { status: 'operational' },
      }),
    ).toEqual([]);
    expect(
      planNotifications({
        action: 'component.status',
        targetId: 'db',
        before: { status: 'operational' },
        after: { status: 'major_outage', source: 'monitor' },
      }),
    ).toHaveLength(1);
    expect(
      planNotifications({
        action: 'component.manual_status.set',
        targetId: 'db',
        before: null,
        after: 'major_outage',
      }),
    ).toEqual([{ kind: 'component_override', componentId: 'db' }]);
  });
});

describe('disabling a failing webhook', () => {
  it('needs 10 failures in a row spanning at least an hour', () => {
    expect(shouldDisableWebhook(10, 0, HOUR)).toBe(true);
    expect(shouldDisableWebhook(9, 0, 5 * HOUR)).toBe(false);
    expect(shouldDisableWebhook(50, 0, 59 * MINUTE)).toBe(false);
  });
});
