import { describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../../lib/time.js';
import { buildComponentBars } from './component-bars-view-model.js';
import { renderHomePage } from './render-home-page.js';
import { RenderMemo } from './render-memo.js';
import { buildLargePageData } from './test-large-page-data.js';
import { buildTestPageData, change, IDS, TEST_NOW, testIncident } from './test-page-data.js';

describe('RenderMemo', () => {
  it('renders the same home page with and without it, across minutes and days', () => {
    const memo = new RenderMemo();
    for (const data of [buildTestPageData(), buildLargePageData()]) {
      for (const now of [TEST_NOW, TEST_NOW + MINUTE, TEST_NOW + 3 * DAY, TEST_NOW + 3 * DAY + 7 * MINUTE]) {
        expect(renderHomePage(data, { now, memo })).toBe(renderHomePage(data, { now }));
      }
    }
    expect(memo.barsSize).toBeGreaterThan(0);
  });

  it('reuses a quiet component’s bars within a day and builds them again for a new day', () => {
    const memo = new RenderMemo();
    const data = buildTestPageData();
    const first = buildComponentBars(data, { now: TEST_NOW, memo });
    const later = buildComponentBars(data, { now: TEST_NOW + 5 * MINUTE, memo });
    expect(later.get(IDS.stripe)).toBe(first.get(IDS.stripe));
    // The database was under maintenance in the window: its bars follow the minute.
    expect(later.get(IDS.database)).not.toBe(first.get(IDS.database));
    const tomorrow = buildComponentBars(data, { now: TEST_NOW + DAY, memo });
    expect(tomorrow.get(IDS.stripe)).not.toBe(first.get(IDS.stripe));
    expect(tomorrow.get(IDS.stripe)?.days.at(-1)?.date).toBe('2024-04-21');
  });

  it('builds a quiet component’s bars again when its incidents or status history change', () => {
    const memo = new RenderMemo();
    const data = buildTestPageData();
    const before = buildComponentBars(data, { now: TEST_NOW, memo }).get(IDS.stripe);
    const incident = testIncident('incstripe001', {
      name: 'Payments slow',
      componentIds: [IDS.stripe],
      startedAt: TEST_NOW - 2 * DAY,
      resolvedAt: null,
      status: 'investigating',
    });
    const withIncident = { ...data, incidents: [incident, ...data.incidents] };
    const during = buildComponentBars(withIncident, { now: TEST_NOW, memo }).get(IDS.stripe);
    expect(during).not.toBe(before);
    expect(during?.days.at(-1)?.label).toContain('Payments slow');
    const renamed = {
      ...withIncident,
      incidents: [{ ...incident, name: 'Payments fail' }, ...data.incidents],
    };
    expect(
      buildComponentBars(renamed, { now: TEST_NOW, memo }).get(IDS.stripe)?.days.at(-1)?.label,
    ).toContain('Payments fail');
    const down = {
      ...data,
      statusChanges: [...data.statusChanges, change(IDS.stripe, 'major_outage', '2024-04-20T10:00')],
    };
    expect(buildComponentBars(down, { now: TEST_NOW, memo }).get(IDS.stripe)?.days.at(-1)?.tone).toBe(
      'major_outage',
    );
  });
});
