import { describe, expect, it } from 'vitest';
import type { Component } from '../../domain/component.js';
import type { ComponentStatus } from '../../domain/component-status.js';
import type { Incident, IncidentUpdate } from '../../domain/incident.js';
import type { PageData } from '../../domain/page-data.js';
import { checkShape } from './statuspage-v2-shape.js';
import {
  buildActiveMaintenancesJson,
  buildComponentsJson,
  buildIncidentsJson,
  buildScheduledMaintenancesJson,
  buildStatusJson,
  buildSummaryJson,
  buildUnresolvedIncidentsJson,
  buildUpcomingMaintenancesJson,
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  parseV2Paging,
} from './statuspage-v2.js';

const PAGE_ID = 'beaconpage01';
const JAN_10 = Date.UTC(2025, 0, 10, 12, 0, 0, 0);
const HOUR = 60 * 60 * 1000;

function component(id: string, overrides: Partial<Component> = {}): Component {
  return {
    id,
    pageId: PAGE_ID,
    key: id,
    groupId: null,
    isGroup: false,
    name: id,
    description: null,
    position: 1,
    status: 'operational',
    showcase: false,
    onlyShowIfDegraded: false,
    startDate: null,
    createdAt: JAN_10 - 24 * HOUR,
    updatedAt: JAN_10 - 24 * HOUR,
    ...overrides,
  };
}

function update(
  id: string,
  incidentId: string,
  at: number,
  overrides: Partial<IncidentUpdate> = {},
): IncidentUpdate {
  return {
    id,
    incidentId,
    status: 'investigating',
    body: 'We are investigating.',
    displayAt: at,
    createdAt: at,
    updatedAt: at,
    deliverNotifications: true,
    affectedComponents: null,
    ...overrides,
  };
}

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    pageId: PAGE_ID,
    kind: 'incident',
    name: `Incident ${id}`,
    status: 'investigating',
    impact: 'minor',
    impactOverride: null,
    createdAt: JAN_10,
    updatedAt: JAN_10,
    startedAt: JAN_10,
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
    updates: [update(`${id.slice(0, 10)}u1`, id, JAN_10)],
    ...overrides,
  };
}

function maintenance(id: string, status: Incident['status'], scheduledFor: number): Incident {
  return incident(id, {
    kind: 'maintenance',
    status,
    impact: 'maintenance',
    scheduledFor,
    scheduledUntil: scheduledFor + 2 * HOUR,
    componentIds: ['stripeapi001'],
    updates: [update(`${id.slice(0, 10)}u1`, id, JAN_10, { status: 'scheduled', body: 'Planned.' })],
  });
}

// Page order (PageData): Platform group, its children, Stripe API, Apps group, its child.
const COMPONENTS: readonly Component[] = [
  component('platformgrp1', { name: 'Platform', isGroup: true, position: 1, status: 'operational' }),
  component('databasecmp1', {
    name: 'Database',
    groupId: 'platformgrp1',
    position: 1,
    status: 'major_outage',
  }),
  component('chatbotcmp01', {
    name: 'Chatbot engine',
    groupId: 'platformgrp1',
    position: 2,
    status: 'degraded_performance',
    description: 'Answers questions',
    startDate: '2024-12-01',
    showcase: true,
  }),
  component('stripeapi001', { name: 'Stripe API', position: 2, updatedAt: JAN_10 + 3 * HOUR }),
  component('appsgroup001', { name: 'Apps', isGroup: true, position: 3, status: 'major_outage' }),
  component('iosapp000001', { name: 'iOS app', groupId: 'appsgroup001', position: 1 }),
];

const OPEN_INCIDENT = incident('incident0002', {
  impact: 'major',
  updatedAt: JAN_10 + HOUR,
  componentIds: ['chatbotcmp01', 'databasecmp1'],
  updates: [
    update('inc2update02', 'incident0002', JAN_10 + HOUR, {
      status: 'identified',
      body: 'Found it. <b>HTML</b> stays text.',
      affectedComponents: [
        {
          componentId: 'databasecmp1',
          name: 'Platform - Database',
          oldStatus: 'partial_outage',
          newStatus: 'major_outage',
        },
      ],
    }),
    update('inc2update01', 'incident0002', JAN_10, { affectedComponents: null }),
  ],
});

const INCIDENTS: readonly Incident[] = [
  maintenance('maintenance2', 'scheduled', JAN_10 + 48 * HOUR),
  OPEN_INCIDENT,
  maintenance('maintenance1', 'in_progress', JAN_10),
  maintenance('maintenance4', 'verifying', JAN_10 - HOUR),
  incident('incident0001', {
    status: 'resolved',
    shortlink: 'https://stspg.io/abc',
    monitoringAt: JAN_10 - 2 * HOUR,
    resolvedAt: JAN_10 - HOUR,
  }),
  maintenance('maintenance3', 'completed', JAN_10 - 72 * HOUR),
  incident('incident0000', { status: 'postmortem' }),
];

function pageData(overrides: Partial<PageData> = {}, timeZone = 'Europe/Amsterdam'): PageData {
  return {
    page: {
      id: PAGE_ID,
      name: 'Watermelon',
      url: 'https://status.example.com',
      timeZone,
      locale: 'en',
      createdAt: JAN_10 - 48 * HOUR,
      updatedAt: JAN_10 - 48 * HOUR,
    },
    components: COMPONENTS,
    statusChanges: [],
    incidents: INCIDENTS,
    ...overrides,
  };
}

type Json = Record<string, unknown>;
const asJson = (value: object): Json => JSON.parse(JSON.stringify(value)) as Json;
const listOf = (doc: Json, key: string): Json[] => doc[key] as Json[];
const ids = (items: readonly Json[]): unknown[] => items.map((item) => item['id']);

describe('v2 documents match Statuspage shapes', () => {
  const data = pageData();
  const paging = { page: 1, perPage: DEFAULT_PER_PAGE };

  it.each([
    ['summary', () => buildSummaryJson(data)],
    ['status', () => buildStatusJson(data)],
    ['components', () => buildComponentsJson(data)],
    ['incidents', () => buildIncidentsJson(data, paging)],
    ['incidents', () => buildUnresolvedIncidentsJson(data)],
    ['scheduled-maintenances', () => buildScheduledMaintenancesJson(data, paging)],
    ['scheduled-maintenances', () => buildUpcomingMaintenancesJson(data)],
    ['scheduled-maintenances', () => buildActiveMaintenancesJson(data)],
  ] as const)('writes a %s document key by key and enum by enum', (kind, build) => {
    expect(checkShape(asJson(build()), kind)).toEqual([]);
  });

  it('keeps every nullable key present as null on a page with nothing optional set', () => {
    const bare = pageData({
      page: { ...data.page, url: null },
      components: [component('lonelycomp01')],
      incidents: [incident('incident0009', { componentIds: ['lonelycomp01'] })],
    });
    const summary = asJson(buildSummaryJson(bare));
    expect(checkShape(summary, 'summary')).toEqual([]);
    expect(summary['page']).toMatchObject({ url: null });
    const [first] = listOf(summary, 'components');
    expect(first).toMatchObject({ description: null, start_date: null, group_id: null });
    const [open] = listOf(summary, 'incidents');
    expect(open).toMatchObject({ shortlink: null, monitoring_at: null, resolved_at: null });
    const [firstUpdate] = listOf(open ?? {}, 'incident_updates');
    expect(firstUpdate).toMatchObject({ affected_components: null, custom_tweet: null, tweet_id: null });
  });
});

describe('components', () => {
  const components = listOf(asJson(buildComponentsJson(pageData())), 'components');
  const byId = new Map(components.map((item) => [item['id'], item]));

  it('lists one flat list sorted by position alone, as Statuspage does, ties in page order', () => {
    expect(ids(components)).toEqual([
      'platformgrp1',
      'databasecmp1',
      'iosapp000001',
      'chatbotcmp01',
      'stripeapi001',
      'appsgroup001',
    ]);
  });

  it('marks groups with group: true and their child ids in position order; leaves have no components key', () => {
    expect(byId.get('platformgrp1')).toMatchObject({
      group: true,
      components: ['databasecmp1', 'chatbotcmp01'],
    });
    expect(byId.get('appsgroup001')).toMatchObject({ group: true, components: ['iosapp000001'] });
    expect(byId.get('stripeapi001')).toMatchObject({ group: false, group_id: null });
    expect(byId.get('stripeapi001')).not.toHaveProperty('components');
  });

  it('gives children the group_id of their group', () => {
    expect(byId.get('databasecmp1')).toMatchObject({ group: false, group_id: 'platformgrp1' });
    expect(byId.get('iosapp000001')).toMatchObject({ group_id: 'appsgroup001' });
  });

  it("rolls a group's status up from its children, ignoring the stored value", () => {
    expect(byId.get('platformgrp1')?.['status']).toBe('major_outage');
    expect(byId.get('appsgroup001')?.['status']).toBe('operational');
  });

  it('writes the keys in Statuspage order and passes 12-character ids and page fields through', () => {
    expect(Object.keys(byId.get('chatbotcmp01') ?? {})).toEqual([
      'id',
      'name',
      'status',
      'created_at',
      'updated_at',
      'position',
      'description',
      'showcase',
      'start_date',
      'group_id',
      'page_id',
      'group',
      'only_show_if_degraded',
    ]);
    expect(byId.get('chatbotcmp01')).toMatchObject({
      id: 'chatbotcmp01',
      page_id: PAGE_ID,
      description: 'Answers questions',
      start_date: '2024-12-01',
      showcase: true,
      position: 2,
    });
    expect(Object.keys(byId.get('platformgrp1') ?? {}).at(-1)).toBe('components');
  });
});

describe('status indicator', () => {
  const withLeaves = (...statuses: ComponentStatus[]): PageData =>
    pageData({
      components: [
        // A group whose stored status would change the indicator if it were counted.
        component('groupcomp001', { isGroup: true, status: 'major_outage' }),
        ...statuses.map((status, i) => component(`leafcomp000${i}`, { groupId: 'groupcomp001', status })),
      ],
    });

  it.each([
    [['operational', 'operational'], 'none', 'All Systems Operational'],
    [['major_outage', 'major_outage'], 'critical', 'Major System Outage'],
    [['major_outage', 'operational'], 'major', 'Partial System Outage'],
    [['partial_outage', 'partial_outage'], 'major', 'Partial System Outage'],
    [['partial_outage', 'operational'], 'minor', 'Minor Service Outage'],
    [['degraded_performance', 'degraded_performance'], 'minor', 'Degraded System Service'],
    [['degraded_performance', 'operational'], 'minor', 'Partially Degraded Service'],
    [['under_maintenance', 'operational'], 'maintenance', 'Service Under Maintenance'],
  ] as const)('reports %j leaves as %s "%s", groups excluded', (statuses, indicator, description) => {
    const doc = asJson(buildStatusJson(withLeaves(...statuses)));
    expect(doc['status']).toEqual({ indicator, description });
    expect(checkShape(doc, 'status')).toEqual([]);
  });
});

describe('timestamps and page', () => {
  it('writes milliseconds and the page offset: +01:00 in Amsterdam winter', () => {
    const doc = asJson(buildComponentsJson(pageData()));
    expect(listOf(doc, 'components')[0]?.['created_at']).toBe('2025-01-09T13:00:00.000+01:00');
  });

  it('writes Z on an Etc/UTC page', () => {
    const doc = asJson(buildComponentsJson(pageData({}, 'Etc/UTC')));
    expect(listOf(doc, 'components')[0]?.['created_at']).toBe('2025-01-09T12:00:00.000Z');
    expect(doc['page']).toMatchObject({ time_zone: 'Etc/UTC' });
  });

  it('takes page.updated_at from the latest of the page, its components and its incidents', () => {
    const data = pageData({}, 'Etc/UTC');
    expect(asJson(buildStatusJson(data))['page']).toEqual({
      id: PAGE_ID,
      name: 'Watermelon',
      url: 'https://status.example.com',
      time_zone: 'Etc/UTC',
      updated_at: '2025-01-10T15:00:00.000Z',
    });
    const later = pageData(
      { incidents: [incident('incident0003', { updatedAt: JAN_10 + 5 * HOUR + 7 })] },
      'Etc/UTC',
    );
    expect(asJson(buildStatusJson(later))['page']).toMatchObject({ updated_at: '2025-01-10T17:00:00.007Z' });
  });
});

describe('incidents and maintenances', () => {
  const data = pageData();
  const all = { page: 1, perPage: MAX_PER_PAGE };

  it('summarises unresolved incidents and upcoming or active maintenances only', () => {
    const summary = asJson(buildSummaryJson(data));
    expect(Object.keys(summary)).toEqual([
      'page',
      'components',
      'incidents',
      'scheduled_maintenances',
      'status',
    ]);
    expect(ids(listOf(summary, 'incidents'))).toEqual(['incident0002']);
    expect(ids(listOf(summary, 'scheduled_maintenances'))).toEqual([
      'maintenance2',
      'maintenance1',
      'maintenance4',
    ]);
    expect(summary['status']).toEqual({ indicator: 'major', description: 'Partial System Outage' });
  });

  it('filters each endpoint by kind and status, newest first', () => {
    expect(ids(listOf(asJson(buildIncidentsJson(data, all)), 'incidents'))).toEqual([
      'incident0002',
      'incident0001',
      'incident0000',
    ]);
    expect(ids(listOf(asJson(buildUnresolvedIncidentsJson(data)), 'incidents'))).toEqual(['incident0002']);
    const maintenances = (doc: object): unknown[] => ids(listOf(asJson(doc), 'scheduled_maintenances'));
    expect(maintenances(buildScheduledMaintenancesJson(data, all))).toEqual([
      'maintenance2',
      'maintenance1',
      'maintenance4',
      'maintenance3',
    ]);
    expect(maintenances(buildUpcomingMaintenancesJson(data))).toEqual(['maintenance2']);
    expect(maintenances(buildActiveMaintenancesJson(data))).toEqual(['maintenance1', 'maintenance4']);
  });

  it('writes an incident with its updates newest first and full objects of its components', () => {
    const [open] = listOf(asJson(buildUnresolvedIncidentsJson(data)), 'incidents');
    expect(Object.keys(open ?? {})).toEqual([
      'id',
      'name',
      'status',
      'created_at',
      'updated_at',
      'monitoring_at',
      'resolved_at',
      'impact',
      'shortlink',
      'started_at',
      'page_id',
      'incident_updates',
      'components',
    ]);
    expect(open).toMatchObject({ impact: 'major', shortlink: null, page_id: PAGE_ID });
    const updates = listOf(open ?? {}, 'incident_updates');
    expect(ids(updates)).toEqual(['inc2update02', 'inc2update01']);
    expect(updates[0]).toEqual({
      id: 'inc2update02',
      status: 'identified',
      body: 'Found it. <b>HTML</b> stays text.',
      incident_id: 'incident0002',
      created_at: '2025-01-10T14:00:00.000+01:00',
      updated_at: '2025-01-10T14:00:00.000+01:00',
      display_at: '2025-01-10T14:00:00.000+01:00',
      affected_components: [
        {
          code: 'databasecmp1',
          name: 'Platform - Database',
          old_status: 'partial_outage',
          new_status: 'major_outage',
        },
      ],
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    });
    expect(updates[1]).toMatchObject({ affected_components: null });
    const components = listOf(open ?? {}, 'components');
    expect(ids(components)).toEqual(['chatbotcmp01', 'databasecmp1']);
    expect(components[1]).toMatchObject({
      name: 'Database',
      status: 'major_outage',
      group_id: 'platformgrp1',
    });
  });

  it('adds scheduled_for and scheduled_until right after components on maintenances', () => {
    const [active] = listOf(
      asJson(buildActiveMaintenancesJson(pageData({}, 'Etc/UTC'))),
      'scheduled_maintenances',
    );
    expect(Object.keys(active ?? {}).slice(-3)).toEqual(['components', 'scheduled_for', 'scheduled_until']);
    expect(active).toMatchObject({
      impact: 'maintenance',
      status: 'in_progress',
      scheduled_for: '2025-01-10T12:00:00.000Z',
      scheduled_until: '2025-01-10T14:00:00.000Z',
    });
    expect(ids(listOf(active ?? {}, 'components'))).toEqual(['stripeapi001']);
  });

  it('skips components an incident names that are no longer on the page', () => {
    const gone = pageData({
      incidents: [incident('incident0005', { componentIds: ['deletedcomp1', 'stripeapi001'] })],
    });
    const [only] = listOf(asJson(buildIncidentsJson(gone, all)), 'incidents');
    expect(ids(listOf(only ?? {}, 'components'))).toEqual(['stripeapi001']);
  });
});

describe('paging', () => {
  const many = pageData({
    incidents: Array.from({ length: 5 }, (_, i) => incident(`incident000${i}`, { status: 'resolved' })),
  });
  const pageIds = (page: number, perPage: number): unknown[] =>
    ids(listOf(asJson(buildIncidentsJson(many, { page, perPage })), 'incidents'));

  it('slices newest first with a 1-based page number', () => {
    expect(pageIds(1, 2)).toEqual(['incident0000', 'incident0001']);
    expect(pageIds(2, 2)).toEqual(['incident0002', 'incident0003']);
    expect(pageIds(3, 2)).toEqual(['incident0004']);
  });

  it('returns an empty list past the last page', () => {
    expect(pageIds(4, 2)).toEqual([]);
    expect(pageIds(1000, 100)).toEqual([]);
  });

  it('pages scheduled maintenances the same way', () => {
    const doc = asJson(buildScheduledMaintenancesJson(pageData(), { page: 2, perPage: 3 }));
    expect(ids(listOf(doc, 'scheduled_maintenances'))).toEqual(['maintenance3']);
  });
});

describe('parseV2Paging', () => {
  it('defaults to page 1 and 50 per page', () => {
    expect(parseV2Paging({})).toEqual({ page: 1, perPage: DEFAULT_PER_PAGE });
    expect(DEFAULT_PER_PAGE).toBe(50);
    expect(MAX_PER_PAGE).toBe(100);
  });

  it('reads query strings and numbers', () => {
    expect(parseV2Paging({ page: '3', per_page: '100' })).toEqual({ page: 3, perPage: 100 });
    expect(parseV2Paging({ page: 2, per_page: 1 })).toEqual({ page: 2, perPage: 1 });
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], [''], [['1', '2']], [null]])('rejects page=%j', (page) => {
    expect(parseV2Paging({ page })).toEqual({
      parameter: 'page',
      error: 'page must be an integer of at least 1',
    });
  });

  it.each([['0'], ['101'], ['ten'], [' 5'], [2.5]])('rejects per_page=%j', (perPage) => {
    expect(parseV2Paging({ per_page: perPage })).toEqual({
      parameter: 'per_page',
      error: 'per_page must be an integer from 1 to 100',
    });
  });
});
