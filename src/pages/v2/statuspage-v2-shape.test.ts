import { describe, expect, it } from 'vitest';
import { assertStatuspageShape, checkShape } from './statuspage-v2-shape.js';

const PAGE = {
  id: 'kctbh9vrtdwd',
  name: 'Example',
  url: 'https://status.example.com',
  time_zone: 'Etc/UTC',
  updated_at: '2025-01-10T12:00:00.000Z',
};

function leaf(id: string, position: number, groupId: string | null = null): Record<string, unknown> {
  return {
    id,
    name: id,
    status: 'operational',
    created_at: '2025-01-10T12:00:00.000Z',
    updated_at: '2025-01-10T13:00:00.000+01:00',
    position,
    description: null,
    showcase: false,
    start_date: null,
    group_id: groupId,
    page_id: PAGE.id,
    group: false,
    only_show_if_degraded: false,
  };
}

function group(id: string, position: number, children: string[]): Record<string, unknown> {
  return { ...leaf(id, position), group: true, components: children };
}

describe('checkShape', () => {
  it('accepts a Statuspage components document with a group and its children', () => {
    const doc = {
      page: PAGE,
      components: [
        group('grp000000001', 1, ['leaf00000001', 'leaf00000002']),
        leaf('leaf00000001', 1, 'grp000000001'),
        leaf('leaf00000002', 2, 'grp000000001'),
        leaf('leaf00000003', 2),
      ],
    };
    expect(checkShape(doc, 'components')).toEqual([]);
  });

  it('reports missing, unexpected and misordered keys', () => {
    const withoutDescription = leaf('leaf00000001', 1);
    delete withoutDescription['description'];
    const { id, name, ...rest } = leaf('leaf00000002', 2);
    const doc = {
      page: PAGE,
      components: [
        { ...withoutDescription, extra: 1 },
        { name, id, ...rest },
      ],
    };
    expect(checkShape(doc, 'components')).toEqual([
      'components.components[0].description: missing',
      'components.components[0].extra: unexpected key',
      expect.stringContaining('components.components[1]: keys in order name, id, status'),
    ]);
  });

  it('reports wrong value kinds and unknown enum values', () => {
    const doc = {
      page: { ...PAGE, updated_at: '2025-01-10T12:00:00Z' },
      status: { indicator: 'green', description: 'All Systems Operational' },
    };
    expect(checkShape(doc, 'status')).toEqual([
      'status.page.updated_at: expected a timestamp, got "2025-01-10T12:00:00Z"',
      'status.status.indicator: expected one of none, minor, major, critical, maintenance, got "green"',
    ]);
  });

  it('wants components on groups only, and group links that hold', () => {
    const doc = {
      page: PAGE,
      components: [
        group('grp000000001', 1, []),
        { ...leaf('leaf00000001', 1, 'nosuchgroup1'), components: [] },
      ],
    };
    expect(checkShape(doc, 'components')).toEqual([
      'components.components[1].components: unexpected key',
      'components.components[1].group_id: "nosuchgroup1" is not a group in the list',
    ]);
  });

  it('flags a list that is not sorted by position', () => {
    const doc = { page: PAGE, components: [leaf('leaf00000002', 2), leaf('leaf00000001', 1)] };
    expect(checkShape(doc, 'components')).toEqual(['components.components[1]: not sorted by position']);
  });

  it('requires scheduled_for and scheduled_until on maintenances, not on incidents', () => {
    const base = {
      id: 'incident0001',
      name: 'Planned work',
      status: 'scheduled',
      created_at: PAGE.updated_at,
      updated_at: PAGE.updated_at,
      monitoring_at: null,
      resolved_at: null,
      impact: 'maintenance',
      shortlink: null,
      started_at: PAGE.updated_at,
      page_id: PAGE.id,
      incident_updates: [],
      components: [],
    };
    expect(checkShape({ page: PAGE, scheduled_maintenances: [base] }, 'scheduled-maintenances')).toEqual([
      'scheduled-maintenances.scheduled_maintenances[0].scheduled_for: missing',
      'scheduled-maintenances.scheduled_maintenances[0].scheduled_until: missing',
    ]);
    const asIncident = { ...base, status: 'investigating', impact: 'minor' };
    expect(checkShape({ page: PAGE, incidents: [asIncident] }, 'incidents')).toEqual([]);
  });

  it('throws every problem at once from assertStatuspageShape', () => {
    expect(() => assertStatuspageShape({ page: PAGE }, 'summary')).toThrow(
      /not a Statuspage v2 summary document:\n {2}summary.components: missing\n/,
    );
  });
});
