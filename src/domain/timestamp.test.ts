import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from './timestamp.js';

describe('formatTimestamp', () => {
  it('writes milliseconds and the page offset, and Z for a UTC page, as Statuspage does', () => {
    const at = Date.UTC(2024, 1, 16, 7, 40);
    expect(formatTimestamp(at, 'Europe/Amsterdam')).toBe('2024-02-16T08:40:00.000+01:00');
    expect(formatTimestamp(at, 'Etc/UTC')).toBe('2024-02-16T07:40:00.000Z');
    expect(formatTimestamp(at, 'Europe/London')).toBe('2024-02-16T07:40:00.000+00:00');
    expect(formatTimestamp(at + 123, 'America/Denver')).toBe('2024-02-16T00:40:00.123-07:00');
  });

  it('agrees with luxon across daylight-saving changes, half-hour and quarter-hour zones', () => {
    const zones = [
      'Europe/Amsterdam',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Pacific/Chatham',
    ];
    const start = Date.UTC(2024, 0, 1);
    for (const zone of zones) {
      for (let t = start; t < start + 366 * 86_400_000; t += 7 * 60_000 * 61) {
        const expected = DateTime.fromMillis(t, { zone }).toISO({ suppressMilliseconds: false });
        expect(formatTimestamp(t, zone), `${zone} ${new Date(t).toISOString()}`).toBe(expected);
      }
    }
  });

  it('reads back what it writes', () => {
    const at = Date.UTC(2024, 9, 27, 0, 59, 59, 999);
    expect(parseTimestamp(formatTimestamp(at, 'Europe/Amsterdam'))).toBe(at);
  });
});
