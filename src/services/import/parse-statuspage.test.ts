import { describe, expect, it } from 'vitest';
import { parseStatuspageDocument } from './parse-statuspage.js';

const PAGE = {
  id: 'kctbh9vrtdwd',
  name: 'Example',
  url: 'https://status.example.com',
  time_zone: 'America/Denver',
  updated_at: '2021-12-07T11:07:15.773-07:00',
};

function component(id: string, name: string, groupId: string | null = null): Record<string, unknown> {
  return {
    id,
    name,
    status: 'degraded_performance',
    created_at: '2020-01-01T00:00:00.000-07:00',
    updated_at: '2021-12-07T09:06:59.200-07:00',
    position: 1,
    description: null,
    showcase: false,
    start_date: null,
    group_id: groupId,
    page_id: PAGE.id,
    group: false,
    only_show_if_degraded: false,
  };
}

const OPEN_INCIDENT = {
  id: 'g1zp3jpycgbz',
  name: 'Canvas is slow',
  status: 'identified',
  created_at: '2021-12-07T09:06:43.178-07:00',
  updated_at: '2021-12-07T11:07:15.765-07:00',
  monitoring_at: null,
  resolved_at: null,
  impact: 'minor',
  shortlink: 'https://stspg.io/0vf16sb2j8xn',
  started_at: '2021-12-07T09:06:43.172-07:00',
  page_id: PAGE.id,
  incident_updates: [
    {
      id: 'upd000000003',
      status: 'identified',
      body: 'Follow <a href="https://example.com/x">the fix</a> here.',
      incident_id: 'g1zp3jpycgbz',
      created_at: '2021-12-07T10:39:58.550-07:00',
      updated_at: '2021-12-07T10:39:58.550-07:00',
      display_at: '2021-12-07T10:39:58.000-07:00',
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    },
    {
      id: 'upd000000002',
      status: 'investigating',
      body: 'Canvas is degraded.',
      incident_id: 'g1zp3jpycgbz',
      created_at: '2021-12-07T09:06:59.222-07:00',
      updated_at: '2021-12-07T09:06:59.222-07:00',
      display_at: '2021-12-07T09:06:59.222-07:00',
      affected_components: [
        {
          code: '9dlvqx1drp3d',
          name: 'Canvas - Canvas',
          old_status: 'operational',
          new_status: 'degraded_performance',
        },
        { code: 'gonecomp0001', name: 'Legacy API', old_status: 'operational', new_status: 'partial_outage' },
      ],
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    },
    {
      id: 'upd000000001',
      status: 'investigating',
      body: 'We are investigating.',
      incident_id: 'g1zp3jpycgbz',
      created_at: '2021-12-07T09:06:43.216-07:00',
      updated_at: '2021-12-07T09:06:43.216-07:00',
      display_at: '2021-12-07T09:06:43.216-07:00',
      affected_components: [
        {
          code: '9dlvqx1drp3d',
          name: 'Canvas - Canvas',
          old_status: 'operational',
          new_status: 'operational',
        },
      ],
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    },
  ],
  components: [component('9dlvqx1drp3d', 'Canvas', '41wg86q5vc14'), component('j7jp6sq831c2', 'Website')],
};

const MAINTENANCE = {
  id: '3jr0nb7zjpbm',
  name: 'Database upgrade',
  status: 'in_progress',
  created_at: '2020-12-14T16:37:35.904Z',
  updated_at: '2020-12-15T10:00:40.058Z',
  monitoring_at: null,
  resolved_at: null,
  impact: 'maintenance',
  shortlink: null,
  started_at: '2020-12-14T16:37:35.898Z',
  page_id: PAGE.id,
  incident_updates: [
    {
      id: 'f0421g6r1g8m',
      status: 'in_progress',
      body: 'Maintenance is in progress.',
      incident_id: '3jr0nb7zjpbm',
      created_at: '2020-12-15T10:00:40.056Z',
      updated_at: '2020-12-15T10:00:40.056Z',
      display_at: '2020-12-15T10:00:40.056Z',
      affected_components: [
        { code: 'br0l2tvcx85d', name: 'Actions', old_status: 'operational', new_status: 'under_maintenance' },
      ],
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    },
  ],
  components: [component('br0l2tvcx85d', 'Actions')],
  scheduled_for: '2020-12-15T10:00:00.000Z',
  scheduled_until: '2020-12-19T04:00:00.000Z',
};

const SUMMARY = {
  page: PAGE,
  components: [component('9dlvqx1drp3d', 'Canvas', '41wg86q5vc14')],
  incidents: [OPEN_INCIDENT],
  scheduled_maintenances: [MAINTENANCE],
  status: { indicator: 'minor', description: 'Partially Degraded Service' },
};

describe('parseStatuspageDocument', () => {
  it('reads the incidents and maintenances of a summary.json', () => {
    const { incidents } = parseStatuspageDocument(SUMMARY);
    expect(incidents.map((i) => [i.ref, i.kind])).toEqual([
      ['statuspage:g1zp3jpycgbz', 'incident'],
      ['statuspage:3jr0nb7zjpbm', 'maintenance'],
    ]);
  });

  it('maps an incident with offsets, the source impact and component names', () => {
    const [open] = parseStatuspageDocument({ page: PAGE, incidents: [OPEN_INCIDENT] }).incidents;
    expect(open).toMatchObject({
      ref: 'statuspage:g1zp3jpycgbz',
      kind: 'incident',
      name: 'Canvas is slow',
      status: 'identified',
      impactOverride: 'minor',
      createdAt: Date.parse('2021-12-07T16:06:43.178Z'),
      startedAt: Date.parse('2021-12-07T16:06:43.172Z'),
      monitoringAt: null,
      resolvedAt: null,
      scheduledFor: null,
      scheduledUntil: null,
      components: ['Canvas', 'Website'],
      postmortem: null,
    });
  });

  it('orders updates oldest first, keeps HTML bodies as text and maps affected components by name', () => {
    const [open] = parseStatuspageDocument({ incidents: [OPEN_INCIDENT] }).incidents;
    expect(open?.updates).toEqual([
      {
        status: 'investigating',
        body: 'We are investigating.',
        displayAt: Date.parse('2021-12-07T16:06:43.216Z'),
        createdAt: Date.parse('2021-12-07T16:06:43.216Z'),
        components: { Canvas: 'operational' },
      },
      {
        status: 'investigating',
        body: 'Canvas is degraded.',
        displayAt: Date.parse('2021-12-07T16:06:59.222Z'),
        createdAt: Date.parse('2021-12-07T16:06:59.222Z'),
        // "Canvas - Canvas" is Statuspage's "Group - Child" label: the component's own name comes from components[].
        components: { Canvas: 'degraded_performance', 'Legacy API': 'partial_outage' },
      },
      {
        status: 'identified',
        body: 'Follow <a href="https://example.com/x">the fix</a> here.',
        displayAt: Date.parse('2021-12-07T17:39:58.000Z'),
        createdAt: Date.parse('2021-12-07T17:39:58.550Z'),
        components: {},
      },
    ]);
  });

  it('maps a scheduled maintenance from scheduled-maintenances.json', () => {
    const [planned] = parseStatuspageDocument({
      page: PAGE,
      scheduled_maintenances: [MAINTENANCE],
    }).incidents;
    expect(planned).toMatchObject({
      ref: 'statuspage:3jr0nb7zjpbm',
      kind: 'maintenance',
      status: 'in_progress',
      impactOverride: 'maintenance',
      scheduledFor: Date.parse('2020-12-15T10:00:00.000Z'),
      scheduledUntil: Date.parse('2020-12-19T04:00:00.000Z'),
      components: ['Actions'],
    });
    expect(planned?.updates).toEqual([
      expect.objectContaining({ status: 'in_progress', components: { Actions: 'under_maintenance' } }),
    ]);
  });

  it('treats an entry with scheduled_for as a maintenance even in incidents.json', () => {
    const withoutImpact: Record<string, unknown> = { ...MAINTENANCE, status: 'scheduled' };
    delete withoutImpact['impact'];
    const [planned] = parseStatuspageDocument({ incidents: [withoutImpact] }).incidents;
    expect(planned).toMatchObject({ kind: 'maintenance', impactOverride: null });
  });

  it('accepts older documents without the newer keys', () => {
    const minimal = {
      id: 'old000000001',
      name: 'Old outage',
      status: 'resolved',
      impact: 'major',
      created_at: '2015-03-01T10:00:00Z',
      incident_updates: [{ status: 'resolved', body: 'Fixed.', created_at: '2015-03-01T11:00:00+00:00' }],
    };
    const [old] = parseStatuspageDocument({ incidents: [minimal] }).incidents;
    expect(old).toMatchObject({
      kind: 'incident',
      startedAt: null,
      resolvedAt: null,
      components: [],
      updates: [
        { status: 'resolved', body: 'Fixed.', displayAt: Date.parse('2015-03-01T11:00:00Z'), components: {} },
      ],
    });
  });

  it('reads a published postmortem when the page includes one', () => {
    const withPostmortem = {
      ...OPEN_INCIDENT,
      status: 'postmortem',
      postmortem_body: 'What happened.',
      postmortem_published_at: '2021-12-08T10:00:00.000-07:00',
    };
    const [closed] = parseStatuspageDocument({ incidents: [withPostmortem] }).incidents;
    expect(closed?.postmortem).toEqual({
      body: 'What happened.',
      publishedAt: Date.parse('2021-12-08T17:00:00Z'),
    });
  });

  it('reads an empty unresolved.json and skips an incident listed twice', () => {
    expect(parseStatuspageDocument({ page: PAGE, incidents: [] })).toEqual({ incidents: [] });
    const twice = parseStatuspageDocument({
      incidents: [OPEN_INCIDENT],
      scheduled_maintenances: [OPEN_INCIDENT],
    });
    expect(twice.incidents).toHaveLength(1);
  });

  it.each([
    ['a components.json', { page: PAGE, components: [] }, 'an object with keys page, components'],
    ['an array', [OPEN_INCIDENT], 'an array'],
    ['null', null, 'null'],
  ])('refuses %s, saying what it expects', (_label, json, got) => {
    expect(() => parseStatuspageDocument(json)).toThrow(
      `not a Statuspage v2 document: expected an "incidents" or "scheduled_maintenances" array (as in summary.json, incidents.json or scheduled-maintenances.json), got ${got}`,
    );
  });

  it('names every invalid field with its path', () => {
    const broken = {
      ...OPEN_INCIDENT,
      status: 'on_fire',
      created_at: '2021-12-07 09:06',
      incident_updates: [{ status: 'identified', body: 'x', created_at: '2021-12-07T09:06:43.216' }],
    };
    let message = '';
    try {
      parseStatuspageDocument({ incidents: [broken] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^invalid Statuspage v2 document:/);
    expect(message).toContain('incidents[0].status: Invalid option');
    expect(message).toContain(
      'incidents[0].created_at: expected an ISO 8601 timestamp with an offset, got "2021-12-07 09:06"',
    );
    expect(message).toContain(
      'incidents[0].incident_updates[0].created_at: expected an ISO 8601 timestamp with an offset',
    );
  });
});
