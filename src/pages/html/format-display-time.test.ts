import { describe, expect, it } from 'vitest';
import { formatDayDate, formatDisplayTime } from './format-display-time.js';
import { formatDuration } from './format-duration.js';
import { addMonths, formatMonthHeading, monthKeyAt } from './month-key.js';

describe('formatDisplayTime', () => {
  it('writes the time in the page zone with its abbreviation', () => {
    expect(formatDisplayTime(Date.UTC(2024, 1, 16, 7, 40), 'Europe/Amsterdam')).toBe(
      'Feb 16, 2024 - 08:40 CET',
    );
    expect(formatDisplayTime(Date.UTC(2024, 6, 16, 7, 40), 'Europe/Amsterdam')).toBe(
      'Jul 16, 2024 - 09:40 CEST',
    );
    expect(formatDisplayTime(Date.UTC(2024, 6, 16, 7, 40), 'America/New_York')).toBe(
      'Jul 16, 2024 - 03:40 EDT',
    );
    expect(formatDisplayTime(Date.UTC(2024, 6, 16, 7, 40), 'UTC')).toBe('Jul 16, 2024 - 07:40 UTC');
  });
});

describe('date and month labels', () => {
  it('formats days and month headings like the reference page', () => {
    expect(formatDayDate('2024-02-06')).toBe('Feb 6, 2024');
    expect(formatMonthHeading('2024-02')).toBe('Feb, 2024');
    expect(formatMonthHeading('2026-11')).toBe('Nov, 2026');
  });

  it('steps months across years and places instants in the zone', () => {
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2023-11', 3)).toBe('2024-02');
    expect(monthKeyAt(Date.UTC(2024, 0, 31, 23, 30), 'Europe/Amsterdam')).toBe('2024-02');
  });
});

describe('formatDuration', () => {
  it('rounds to minutes and keeps seconds below one minute', () => {
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(1800)).toBe('30 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(0.2)).toBe('1 s');
  });
});

describe('zonedTime', () => {
  it('matches luxon for wall clock and offset, across DST and odd offsets', async () => {
    const { DateTime } = await import('luxon');
    const { formatZonedIso, zonedTime } = await import('./zoned-time.js');
    const zones = [
      'Europe/Amsterdam',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'UTC',
      'Pacific/Chatham',
    ];
    const instants = [
      Date.UTC(2024, 2, 31, 0, 59, 59, 999),
      Date.UTC(2024, 2, 31, 1, 0, 0, 5),
      Date.UTC(2023, 10, 5, 6, 30),
      0,
    ];
    for (const zone of zones) {
      for (const instant of instants) {
        const expected = DateTime.fromMillis(instant, { zone }).toISO({ includeOffset: true });
        expect(formatZonedIso(zonedTime(instant, zone)).replace('+00:00', 'Z')).toBe(
          expected?.replace('+00:00', 'Z'),
        );
      }
    }
  });
});
