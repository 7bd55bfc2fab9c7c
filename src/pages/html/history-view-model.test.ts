import { describe, expect, it } from 'vitest';
import { buildHistoryViewModel } from './history-view-model.js';
import { at, buildTestPageData, IDS, TEST_NOW, testIncident } from './test-page-data.js';

const ctx = { now: TEST_NOW };
const headings = (view: ReturnType<typeof buildHistoryViewModel>) => view.months.map((m) => m.heading);

describe('buildHistoryViewModel', () => {
  it('shows the current month and the two before it on page 1, newest first', () => {
    const view = buildHistoryViewModel(buildTestPageData(), { kind: 'page', page: 1 }, ctx);
    expect(headings(view)).toEqual(['Apr, 2024', 'Mar, 2024', 'Feb, 2024']);
    expect(view.months.map((m) => m.notices.map((n) => n.id))).toEqual([[IDS.upgrade], [], [IDS.outage]]);
    expect(view.newer).toBeNull();
    expect(view.older).toEqual({ href: '/history?from=2023-11', label: 'Dec, 2023 to Jan, 2024' });
  });

  it('goes three months further back per page and never before the page was created', () => {
    const view = buildHistoryViewModel(buildTestPageData(), { kind: 'page', page: 2 }, ctx);
    expect(headings(view)).toEqual(['Jan, 2024', 'Dec, 2023']);
    expect(view.older).toBeNull();
    expect(view.newer).toEqual({ href: '/history?from=2024-02', label: 'Feb, 2024 to Apr, 2024' });
  });

  it('shows the month given by from and the two after it, newest first', () => {
    const view = buildHistoryViewModel(buildTestPageData(), { kind: 'from', month: '2024-02' }, ctx);
    expect(headings(view)).toEqual(['Apr, 2024', 'Mar, 2024', 'Feb, 2024']);
    expect(view.older?.label).toBe('Dec, 2023 to Jan, 2024');
  });

  it('caps a from range at the current month and links to newer months from older ranges', () => {
    const later = buildHistoryViewModel(buildTestPageData(), { kind: 'from', month: '2024-03' }, ctx);
    expect(headings(later)).toEqual(['Apr, 2024', 'Mar, 2024']);
    expect(later.newer).toBeNull();
    expect(later.older).toEqual({ href: '/history?from=2023-12', label: 'Dec, 2023 to Feb, 2024' });

    const earlier = buildHistoryViewModel(buildTestPageData(), { kind: 'from', month: '2023-12' }, ctx);
    expect(headings(earlier)).toEqual(['Feb, 2024', 'Jan, 2024', 'Dec, 2023']);
    expect(earlier.newer).toEqual({ href: '/history?from=2024-03', label: 'Mar, 2024 to Apr, 2024' });
  });

  it('starts the history at an imported notice older than the page', () => {
    const base = buildTestPageData();
    const imported = testIncident('incimport0001', { startedAt: at('2023-06-05T10:00'), backfilled: true });
    const data = { ...base, incidents: [...base.incidents, imported] };
    const view = buildHistoryViewModel(data, { kind: 'page', page: 4 }, ctx);
    expect(headings(view)).toEqual(['Jul, 2023', 'Jun, 2023']);
    expect(view.months[1]?.notices.map((n) => n.id)).toEqual(['incimport0001']);
    expect(view.older).toBeNull();
  });

  it('returns no months for a page before the history begins', () => {
    const view = buildHistoryViewModel(buildTestPageData(), { kind: 'page', page: 9 }, ctx);
    expect(view.months).toEqual([]);
    expect(view.older).toBeNull();
  });

  it('files maintenances under their scheduled month and orders a month newest first', () => {
    const base = buildTestPageData();
    const early = testIncident('incearly0001', { name: 'Early', startedAt: at('2024-02-02T10:00') });
    const late = testIncident('inclate00001', { name: 'Late', startedAt: at('2024-02-28T10:00') });
    const announced = testIncident('mntannounce1', {
      kind: 'maintenance',
      startedAt: at('2024-01-20T10:00'),
      scheduledFor: at('2024-02-20T10:00'),
    });
    const data = { ...base, incidents: [early, ...base.incidents, announced, late] };
    const view = buildHistoryViewModel(data, { kind: 'from', month: '2024-02' }, ctx);
    expect(view.months.at(-1)?.notices.map((n) => n.id)).toEqual([
      'inclate00001',
      'mntannounce1',
      IDS.outage,
      'incearly0001',
    ]);
  });

  it('uses the page time zone for month boundaries', () => {
    const base = buildTestPageData();
    // 23:30 on 31 January in Amsterdam is still January there, though 1 February in Tokyo.
    const edge = testIncident('incedge00001', { startedAt: at('2024-01-31T23:30') });
    const data = { ...base, incidents: [...base.incidents, edge] };
    const amsterdam = buildHistoryViewModel(data, { kind: 'page', page: 2 }, ctx);
    expect(amsterdam.months[0]?.notices.map((n) => n.id)).toEqual(['incedge00001']);
    const tokyo = buildHistoryViewModel(
      { ...data, page: { ...data.page, timeZone: 'Asia/Tokyo' } },
      { kind: 'from', month: '2024-02' },
      ctx,
    );
    expect(tokyo.months.at(-1)?.notices.map((n) => n.id)).toContain('incedge00001');
  });
});
