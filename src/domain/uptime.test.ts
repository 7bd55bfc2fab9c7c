import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './component-status.js';
import type { StatusChange } from './component.js';
import {
  dailyUptime,
  formatUptimePercent,
  groupUptime,
  uptimeBetween,
  uptimeOverDays,
  type DailyUptimeOptions,
  type DayUptime,
} from './uptime.js';

const HOUR_SEC = 3600;
const DAY_SEC = 24 * HOUR_SEC;
const AMSTERDAM = 'Europe/Amsterdam';

/** Epoch ms of a local date-time written without an offset, in `zone`. */
function at(localIso: string, zone = 'UTC'): number {
  return DateTime.fromISO(localIso, { zone }).toMillis();
}

function change(status: ComponentStatus, localIso: string, zone = 'UTC'): StatusChange {
  return { componentId: 'c1', status, source: 'manual', at: at(localIso, zone) };
}

/** Days 2024-05-09 and 2024-05-10 fully elapsed (now is 2024-05-11 00:00 UTC), data from 2024-05-09. */
function twoFullDays(changes: StatusChange[], extra: Partial<DailyUptimeOptions> = {}): DayUptime[] {
  return dailyUptime({
    changes,
    startDate: '2024-05-09',
    timeZone: 'UTC',
    now: at('2024-05-11T00:00'),
    days: 3,
    ...extra,
  }).slice(0, 2);
}

function day(days: readonly DayUptime[], date: string): DayUptime {
  const found = days.find((d) => d.date === date);
  if (found === undefined) throw new Error(`no day ${date}`);
  return found;
}

describe('dailyUptime weights', () => {
  it('counts six hours of major outage fully as downtime', () => {
    const [, may10] = twoFullDays([
      change('major_outage', '2024-05-10T10:00'),
      change('operational', '2024-05-10T16:00'),
    ]);
    expect(may10?.observedSec).toBe(DAY_SEC);
    expect(may10?.downSec.major_outage).toBe(6 * HOUR_SEC);
    expect(may10?.weightedDownSec).toBe(6 * HOUR_SEC);
    expect(may10?.uptime).toBe(0.75);
    expect(may10?.worstStatus).toBe('major_outage');
  });

  it('counts a partial outage at 30 %', () => {
    const [, may10] = twoFullDays([
      change('partial_outage', '2024-05-10T10:00'),
      change('operational', '2024-05-10T16:00'),
    ]);
    expect(may10?.downSec.partial_outage).toBe(6 * HOUR_SEC);
    expect(may10?.weightedDownSec).toBeCloseTo(0.3 * 6 * HOUR_SEC, 6);
    expect(may10?.uptime).toBeCloseTo(0.925, 12);
    expect(may10?.worstStatus).toBe('partial_outage');
  });

  it('counts degraded performance at 0 % but still records it', () => {
    const [, may10] = twoFullDays([
      change('degraded_performance', '2024-05-10T10:00'),
      change('operational', '2024-05-10T16:00'),
    ]);
    expect(may10?.downSec.degraded_performance).toBe(6 * HOUR_SEC);
    expect(may10?.weightedDownSec).toBe(0);
    expect(may10?.uptime).toBe(1);
    expect(may10?.worstStatus).toBe('degraded_performance');
  });

  it('counts maintenance at 0 % but still records it', () => {
    const [, may10] = twoFullDays([
      change('under_maintenance', '2024-05-10T10:00'),
      change('operational', '2024-05-10T16:00'),
    ]);
    expect(may10?.downSec.under_maintenance).toBe(6 * HOUR_SEC);
    expect(may10?.uptime).toBe(1);
    expect(may10?.worstStatus).toBe('under_maintenance');
  });

  it('applies custom weights to every status', () => {
    const [, may10] = twoFullDays(
      [
        change('partial_outage', '2024-05-10T00:00'),
        change('degraded_performance', '2024-05-10T06:00'),
        change('under_maintenance', '2024-05-10T12:00'),
        change('major_outage', '2024-05-10T18:00'),
      ],
      {
        weights: {
          major_outage: 0.8,
          partial_outage: 0.5,
          degraded_performance: 0.1,
          under_maintenance: 0.2,
        },
      },
    );
    const sixHours = 6 * HOUR_SEC;
    expect(may10?.weightedDownSec).toBeCloseTo(sixHours * (0.8 + 0.5 + 0.1 + 0.2), 6);
    expect(may10?.uptime).toBeCloseTo(1 - 1.6 / 4, 12);
  });

  it('reports the worst status held during the day, ranking degraded above maintenance', () => {
    const [may09, may10] = twoFullDays([
      change('degraded_performance', '2024-05-10T01:00'),
      change('under_maintenance', '2024-05-10T02:00'),
      change('operational', '2024-05-10T03:00'),
    ]);
    expect(may09?.worstStatus).toBe('operational');
    expect(may10?.worstStatus).toBe('degraded_performance');
  });
});

describe('dailyUptime day boundaries', () => {
  it('splits an outage that crosses midnight across the two days', () => {
    const [may09, may10] = twoFullDays([
      change('major_outage', '2024-05-09T22:00'),
      change('operational', '2024-05-10T03:00'),
    ]);
    expect(may09?.downSec.major_outage).toBe(2 * HOUR_SEC);
    expect(may10?.downSec.major_outage).toBe(3 * HOUR_SEC);
    expect(may09?.worstStatus).toBe('major_outage');
    expect(may10?.worstStatus).toBe('major_outage');
  });

  it('uses midnight in the page zone, not UTC', () => {
    const days = dailyUptime({
      changes: [
        change('major_outage', '2024-05-09T23:30', AMSTERDAM),
        change('operational', '2024-05-10T00:30', AMSTERDAM),
      ],
      startDate: '2024-05-09',
      timeZone: AMSTERDAM,
      now: at('2024-05-11T00:00', AMSTERDAM),
      days: 3,
    });
    expect(day(days, '2024-05-09').downSec.major_outage).toBe(HOUR_SEC / 2);
    expect(day(days, '2024-05-10').downSec.major_outage).toBe(HOUR_SEC / 2);
    expect(day(days, '2024-05-10').startMs).toBe(Date.UTC(2024, 4, 9, 22));
  });

  it('gives the spring-forward day 23 hours in Europe/Amsterdam', () => {
    const days = dailyUptime({
      changes: [
        change('major_outage', '2024-03-31T00:00', AMSTERDAM),
        change('operational', '2024-04-01T00:00', AMSTERDAM),
      ],
      startDate: '2024-03-30',
      timeZone: AMSTERDAM,
      now: at('2024-04-01T12:00', AMSTERDAM),
      days: 3,
    });
    expect(days.map((d) => d.date)).toEqual(['2024-03-30', '2024-03-31', '2024-04-01']);
    const dstDay = day(days, '2024-03-31');
    expect(dstDay.endMs - dstDay.startMs).toBe(23 * HOUR_SEC * 1000);
    expect(dstDay.observedSec).toBe(82_800);
    expect(dstDay.downSec.major_outage).toBe(82_800);
    expect(dstDay.uptime).toBe(0);
    expect(day(days, '2024-03-30').uptime).toBe(1);
    expect(day(days, '2024-04-01').observedSec).toBe(12 * HOUR_SEC);
  });

  it('gives the fall-back day 25 hours in Europe/Amsterdam', () => {
    const days = dailyUptime({
      changes: [
        change('major_outage', '2024-10-27T00:00', AMSTERDAM),
        change('operational', '2024-10-28T00:00', AMSTERDAM),
      ],
      startDate: '2024-10-01',
      timeZone: AMSTERDAM,
      now: at('2024-10-28T08:00', AMSTERDAM),
      days: 2,
    });
    const dstDay = day(days, '2024-10-27');
    expect(dstDay.endMs - dstDay.startMs).toBe(25 * HOUR_SEC * 1000);
    expect(dstDay.observedSec).toBe(90_000);
    expect(dstDay.downSec.major_outage).toBe(90_000);
    expect(dstDay.uptime).toBe(0);
  });

  it('starts a day at 01:00 where its midnight does not exist (America/Santiago, 2024-09-08)', () => {
    const days = dailyUptime({
      changes: [],
      startDate: '2024-09-01',
      timeZone: 'America/Santiago',
      now: at('2024-09-10T12:00', 'America/Santiago'),
      days: 4,
    });
    const skipped = day(days, '2024-09-08');
    expect(skipped.startMs).toBe(Date.UTC(2024, 8, 8, 4));
    expect(skipped.endMs).toBe(Date.UTC(2024, 8, 9, 3));
    expect(skipped.observedSec).toBe(23 * HOUR_SEC);
    expect(day(days, '2024-09-09').startMs).toBe(Date.UTC(2024, 8, 9, 3));
  });

  it('returns the requested number of days, oldest first, ending with today', () => {
    const days = dailyUptime({
      changes: [],
      startDate: null,
      timeZone: 'UTC',
      now: at('2024-03-02T05:00'),
      days: 4,
    });
    expect(days.map((d) => d.date)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
  });

  it('returns no days when asked for none', () => {
    expect(dailyUptime({ changes: [], startDate: null, timeZone: 'UTC', now: 0, days: 0 })).toEqual([]);
  });

  it('rejects an unknown time zone', () => {
    expect(() =>
      dailyUptime({ changes: [], startDate: null, timeZone: 'Mars/Olympus', now: 0, days: 1 }),
    ).toThrow(RangeError);
  });

  it('computes the right days for a second zone and a later day after caching the first', () => {
    const options = { changes: [], startDate: '2024-01-01', days: 1 } as const;
    const utc = dailyUptime({ ...options, timeZone: 'UTC', now: at('2024-05-10T12:00') });
    const tokyo = dailyUptime({ ...options, timeZone: 'Asia/Tokyo', now: at('2024-05-10T12:00') });
    const nextDay = dailyUptime({ ...options, timeZone: 'UTC', now: at('2024-05-11T12:00') });
    expect(utc[0]?.date).toBe('2024-05-10');
    expect(tokyo[0]?.date).toBe('2024-05-10');
    expect(tokyo[0]?.startMs).toBe(Date.UTC(2024, 4, 9, 15));
    expect(nextDay[0]?.date).toBe('2024-05-11');
  });
});

describe('dailyUptime data range', () => {
  const now = at('2024-05-10T12:00');

  it('has no data on days before the start date', () => {
    const days = dailyUptime({ changes: [], startDate: '2024-05-09', timeZone: 'UTC', now, days: 4 });
    for (const date of ['2024-05-07', '2024-05-08']) {
      expect(day(days, date)).toMatchObject({
        observedSec: 0,
        uptime: null,
        worstStatus: null,
        weightedDownSec: 0,
      });
    }
    expect(day(days, '2024-05-09')).toMatchObject({
      observedSec: DAY_SEC,
      uptime: 1,
      worstStatus: 'operational',
    });
  });

  it('counts today only up to now', () => {
    const days = dailyUptime({
      changes: [change('major_outage', '2024-05-10T09:00')],
      startDate: '2024-05-09',
      timeZone: 'UTC',
      now,
      days: 2,
    });
    const today = day(days, '2024-05-10');
    expect(today.observedSec).toBe(12 * HOUR_SEC);
    expect(today.downSec.major_outage).toBe(3 * HOUR_SEC);
    expect(today.uptime).toBe(0.75);
  });

  it('ignores changes after now', () => {
    const days = dailyUptime({
      changes: [change('major_outage', '2024-05-10T13:00')],
      startDate: '2024-05-09',
      timeZone: 'UTC',
      now,
      days: 1,
    });
    expect(days[0]).toMatchObject({ observedSec: 12 * HOUR_SEC, uptime: 1, worstStatus: 'operational' });
  });

  it('treats a component as operational from its start date until its first change', () => {
    const days = dailyUptime({
      changes: [change('major_outage', '2024-05-10T06:00')],
      startDate: '2024-05-09',
      timeZone: 'UTC',
      now,
      days: 2,
    });
    expect(day(days, '2024-05-09')).toMatchObject({ observedSec: DAY_SEC, uptime: 1 });
    expect(day(days, '2024-05-10').downSec.major_outage).toBe(6 * HOUR_SEC);
  });

  it('starts the data at the first change when there is no start date', () => {
    const days = dailyUptime({
      changes: [change('partial_outage', '2024-05-10T06:00')],
      startDate: null,
      timeZone: 'UTC',
      now,
      days: 2,
    });
    expect(day(days, '2024-05-09')).toMatchObject({ observedSec: 0, uptime: null });
    expect(day(days, '2024-05-10').observedSec).toBe(6 * HOUR_SEC);
    expect(day(days, '2024-05-10').downSec.partial_outage).toBe(6 * HOUR_SEC);
  });

  it('has no data at all without a start date or changes', () => {
    const days = dailyUptime({ changes: [], startDate: null, timeZone: 'UTC', now, days: 3 });
    expect(days.every((d) => d.observedSec === 0 && d.uptime === null)).toBe(true);
  });

  it('has no data when the start date is after today', () => {
    const days = dailyUptime({ changes: [], startDate: '2024-05-11', timeZone: 'UTC', now, days: 3 });
    expect(uptimeOverDays(days)).toBeNull();
  });

  it('carries the status in effect at the start date from a change made before it', () => {
    const days = dailyUptime({
      changes: [change('major_outage', '2024-05-08T12:00')],
      startDate: '2024-05-09',
      timeZone: 'UTC',
      now,
      days: 3,
    });
    expect(day(days, '2024-05-08').observedSec).toBe(0);
    expect(day(days, '2024-05-09')).toMatchObject({ observedSec: DAY_SEC, uptime: 0 });
  });

  it('carries the status in effect at the window start from a change made long before it', () => {
    const days = dailyUptime({
      changes: [change('partial_outage', '2023-01-01T00:00')],
      startDate: null,
      timeZone: 'UTC',
      now,
      days: 2,
    });
    expect(day(days, '2024-05-09').downSec.partial_outage).toBe(DAY_SEC);
  });

  it('gives the same result for changes in any order', () => {
    const changes = [
      change('major_outage', '2024-05-09T01:00'),
      change('operational', '2024-05-09T02:00'),
      change('partial_outage', '2024-05-09T20:00'),
      change('degraded_performance', '2024-05-10T04:00'),
      change('operational', '2024-05-10T05:00'),
    ];
    const options = { startDate: '2024-05-08', timeZone: 'UTC', now, days: 3 } as const;
    const sorted = dailyUptime({ ...options, changes });
    const shuffled = dailyUptime({
      ...options,
      changes: [changes[3]!, changes[0]!, changes[4]!, changes[2]!, changes[1]!],
    });
    expect(shuffled).toEqual(sorted);
    expect(day(sorted, '2024-05-09').downSec).toEqual({
      major_outage: HOUR_SEC,
      partial_outage: 4 * HOUR_SEC,
      degraded_performance: 0,
      under_maintenance: 0,
    });
  });

  it('lets the later-listed of two changes at the same instant hold', () => {
    const days = dailyUptime({
      changes: [
        change('major_outage', '2024-05-10T06:00'),
        change('degraded_performance', '2024-05-10T06:00'),
      ],
      startDate: '2024-05-10',
      timeZone: 'UTC',
      now,
      days: 1,
    });
    expect(days[0]?.worstStatus).toBe('degraded_performance');
    expect(days[0]?.downSec.major_outage).toBe(0);
  });
});

describe('uptimeOverDays', () => {
  it('weighs each day by its observed time', () => {
    const days = dailyUptime({
      changes: [change('major_outage', '2024-05-10T06:00')],
      startDate: '2024-05-09',
      timeZone: 'UTC',
      now: at('2024-05-10T12:00'),
      days: 5,
    });
    expect(uptimeOverDays(days)).toBeCloseTo(1 - 6 / 36, 12);
  });

  it('is null when nothing was observed', () => {
    expect(uptimeOverDays([])).toBeNull();
  });
});

describe('groupUptime', () => {
  it('averages the children that have data, ignoring a null child', () => {
    expect(groupUptime([1, 0.9, null])).toBeCloseTo(0.95, 12);
  });

  it('is null when no child has data', () => {
    expect(groupUptime([null, null])).toBeNull();
    expect(groupUptime([])).toBeNull();
  });
});

describe('uptimeBetween', () => {
  const changes = [change('major_outage', '2024-05-10T11:00'), change('operational', '2024-05-10T12:00')];

  it('measures a range that is not aligned to days', () => {
    const result = uptimeBetween({
      changes,
      startDate: '2024-05-01',
      timeZone: 'UTC',
      from: at('2024-05-10T10:30'),
      to: at('2024-05-10T13:15'),
    });
    expect(result.observedSec).toBe(2.75 * HOUR_SEC);
    expect(result.downSec).toEqual({
      major_outage: HOUR_SEC,
      partial_outage: 0,
      degraded_performance: 0,
      under_maintenance: 0,
    });
    expect(result.uptime).toBeCloseTo(1 - 1 / 2.75, 12);
  });

  it('clips an outage that started before the range', () => {
    const result = uptimeBetween({
      changes,
      startDate: null,
      timeZone: 'UTC',
      from: at('2024-05-10T11:30'),
      to: at('2024-05-10T12:30'),
    });
    expect(result.downSec.major_outage).toBe(HOUR_SEC / 2);
    expect(result.uptime).toBe(0.5);
  });

  it('starts at midnight of the start date in the page zone', () => {
    const result = uptimeBetween({
      changes: [],
      startDate: '2024-05-10',
      timeZone: AMSTERDAM,
      from: Date.UTC(2024, 4, 9, 20),
      to: Date.UTC(2024, 4, 10, 2),
    });
    expect(result.observedSec).toBe(4 * HOUR_SEC);
    expect(result.uptime).toBe(1);
  });

  it('applies custom weights', () => {
    const result = uptimeBetween({
      changes: [change('partial_outage', '2024-05-10T00:00')],
      startDate: null,
      timeZone: 'UTC',
      from: at('2024-05-10T00:00'),
      to: at('2024-05-10T01:00'),
      weights: { major_outage: 1, partial_outage: 0.5, degraded_performance: 0, under_maintenance: 0 },
    });
    expect(result.uptime).toBe(0.5);
  });

  it('is null for a range before any data', () => {
    const result = uptimeBetween({
      changes,
      startDate: null,
      timeZone: 'UTC',
      from: 0,
      to: at('2024-05-10T11:00'),
    });
    expect(result).toMatchObject({ uptime: null, observedSec: 0 });
  });
});

describe('formatUptimePercent', () => {
  it('writes full uptime as 100%', () => {
    expect(formatUptimePercent(1)).toBe('100%');
  });

  it('keeps two decimals and trims trailing zeros', () => {
    expect(formatUptimePercent(0.9998)).toBe('99.98%');
    expect(formatUptimePercent(0.999)).toBe('99.9%');
    expect(formatUptimePercent(0.95)).toBe('95%');
    expect(formatUptimePercent(0)).toBe('0%');
  });

  it('never rounds up, so any downtime shows below 100%', () => {
    expect(formatUptimePercent(0.99999)).toBe('99.99%');
    expect(formatUptimePercent(1 - 1e-9)).toBe('99.99%');
    expect(formatUptimePercent(0.123456)).toBe('12.34%');
  });

  it('is not thrown off by float noise', () => {
    // 0.0029 * 10000 is 28.999999999999996 in floating point.
    expect(formatUptimePercent(0.0029)).toBe('0.29%');
    expect(formatUptimePercent(0.0012)).toBe('0.12%');
  });

  it('writes a dash when there is no data', () => {
    expect(formatUptimePercent(null)).toBe('—');
  });
});
