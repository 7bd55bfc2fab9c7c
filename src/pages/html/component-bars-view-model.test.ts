import { describe, expect, it } from 'vitest';
import { buildComponentBars, describeDowntime } from './component-bars-view-model.js';
import { at, buildTestPageData, IDS, OUTAGE_NAME, TEST_NOW, testIncident } from './test-page-data.js';

const HOUR_SEC = 3600;

function barsOf(id: string, data = buildTestPageData(), now = TEST_NOW) {
  const bars = buildComponentBars(data, { now }).get(id);
  if (bars === undefined) throw new Error(`no bars for ${id}`);
  return bars;
}

function day(id: string, date: string, data = buildTestPageData()) {
  const found = barsOf(id, data).days.find((d) => d.date === date);
  if (found === undefined) throw new Error(`no day ${date}`);
  return found;
}

describe('buildComponentBars', () => {
  it('makes one bar per day of the window, oldest first, ending today', () => {
    const { days } = barsOf(IDS.chatbot);
    expect(days).toHaveLength(90);
    expect(days.at(-1)?.date).toBe('2024-04-20');
    expect(days[0]?.date).toBe('2024-01-22');
  });

  it('names the date, uptime, downtime by status and incidents of an outage day', () => {
    const bar = day(IDS.chatbot, '2024-02-16');
    expect(bar.tone).toBe('major_outage');
    expect(bar.downtimeText).toBe('Major outage 2 h 5 min, partial outage 30 min');
    expect(bar.incidents.map((i) => i.name)).toEqual([OUTAGE_NAME]);
    expect(bar.label).toBe(
      `Feb 16, 2024: 90.69% uptime. Major outage 2 h 5 min, partial outage 30 min. Incidents: ${OUTAGE_NAME}.`,
    );
  });

  it('lists an incident on every day it was open, even without downtime', () => {
    const bar = day(IDS.chatbot, '2024-02-18');
    expect(bar.tone).toBe('operational');
    expect(bar.downtimeText).toBe('No downtime');
    expect(bar.incidents.map((i) => i.href)).toEqual([`/incidents/${IDS.outage}`]);
    expect(day(IDS.chatbot, '2024-02-19').incidents).toEqual([]);
  });

  it('does not list incidents on components they did not touch', () => {
    expect(day(IDS.stripe, '2024-02-16').incidents).toEqual([]);
  });

  it('places a maintenance on its scheduled day, with maintenance time', () => {
    const bar = day(IDS.database, '2024-04-10');
    expect(bar.tone).toBe('under_maintenance');
    expect(bar.uptimeText).toBe('100%');
    expect(bar.downtimeText).toBe('Under maintenance 2 h');
    expect(bar.incidents.map((i) => i.name)).toEqual(['Database upgrade']);
    expect(day(IDS.database, '2024-04-01').incidents).toEqual([]);
  });

  it('keeps an open incident on every day until now', () => {
    const base = buildTestPageData();
    const open = testIncident('incopen00001', {
      name: 'Slow logins',
      status: 'investigating',
      startedAt: at('2024-04-18T23:00'),
      componentIds: [IDS.ios],
    });
    const data = { ...base, incidents: [open, ...base.incidents] };
    const days = barsOf(IDS.ios, data).days.slice(-3);
    expect(days.map((d) => d.incidents.map((i) => i.name))).toEqual([
      ['Slow logins'],
      ['Slow logins'],
      ['Slow logins'],
    ]);
  });

  it('shows days before the start date as no data', () => {
    const base = buildTestPageData();
    const data = {
      ...base,
      components: base.components.map((c) => (c.id === IDS.stripe ? { ...c, startDate: '2024-04-15' } : c)),
    };
    const bars = barsOf(IDS.stripe, data);
    const before = bars.days.find((d) => d.date === '2024-04-14');
    expect(before).toMatchObject({ tone: 'no_data', uptimeText: 'No data', label: 'Apr 14, 2024: No data.' });
    expect(bars.days.find((d) => d.date === '2024-04-15')?.tone).toBe('operational');
  });

  it('computes the window uptime and honours the bar count', () => {
    expect(barsOf(IDS.chatbot).uptimeText).toBe('99.89%');
    expect(
      buildComponentBars(buildTestPageData(), { now: TEST_NOW, barDays: 30 }).get(IDS.chatbot)?.days,
    ).toHaveLength(30);
  });

  it('builds bars only for leaves, and only those asked for', () => {
    const bars = buildComponentBars(buildTestPageData(), { now: TEST_NOW }, new Set([IDS.ios, IDS.apps]));
    expect([...bars.keys()]).toEqual([IDS.ios]);
  });
});

describe('describeDowntime', () => {
  it('says "No downtime" for a clean day', () => {
    expect(
      describeDowntime({ major_outage: 0, partial_outage: 0, degraded_performance: 0, under_maintenance: 0 }),
    ).toBe('No downtime');
  });

  it('lists statuses from the worst, capitalising only the first', () => {
    expect(
      describeDowntime({
        major_outage: 0,
        partial_outage: 1800,
        degraded_performance: 2 * HOUR_SEC,
        under_maintenance: 0,
      }),
    ).toBe('Partial outage 30 min, degraded performance 2 h');
  });
});
