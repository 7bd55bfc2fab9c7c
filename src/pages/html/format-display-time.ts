import { DateTime } from 'luxon';
import { SHORT_MONTH_NAMES } from './month-key.js';
import { pad, zonedTime, type ZonedTime } from './zoned-time.js';

const GMT_OFFSET_NAME = /^GMT[+-−]/;
const zoneNameCache = new Map<string, string>();

/** "Feb 16, 2024 - 08:40 CET": a moment as the page's visitors read it, in the page's time zone. */
export function formatDisplayTime(epochMs: number, timeZone: string): string {
  return formatZonedDisplayTime(epochMs, timeZone, zonedTime(epochMs, timeZone));
}

export function formatZonedDisplayTime(epochMs: number, timeZone: string, time: ZonedTime): string {
  const month = SHORT_MONTH_NAMES[time.month - 1] ?? '';
  const zone = zoneAbbreviation(epochMs, timeZone, time.offsetMin);
  return `${month} ${time.day}, ${time.year} - ${pad(time.hour)}:${pad(time.minute)} ${zone}`;
}

/** "Feb 16, 2024" from a YYYY-MM-DD day; plain string work, since a page formats thousands of days. */
export function formatDayDate(isoDate: string): string {
  const month = SHORT_MONTH_NAMES[Number(isoDate.slice(5, 7)) - 1] ?? '';
  return `${month} ${Number(isoDate.slice(8, 10))}, ${isoDate.slice(0, 4)}`;
}

// en-US names only American zones ("EDT") and en-GB only European ones ("CET"); elsewhere both fall
// back to "GMT+5:30", which is still unambiguous. One lookup per zone and offset.
function zoneAbbreviation(epochMs: number, timeZone: string, offsetMin: number): string {
  const key = `${timeZone} ${offsetMin}`;
  const cached = zoneNameCache.get(key);
  if (cached !== undefined) return cached;
  const time = DateTime.fromMillis(epochMs, { zone: timeZone, locale: 'en-US' });
  const american = time.toFormat('ZZZZ');
  const european = time.setLocale('en-GB').toFormat('ZZZZ');
  const name = GMT_OFFSET_NAME.test(american) && !GMT_OFFSET_NAME.test(european) ? european : american;
  zoneNameCache.set(key, name);
  return name;
}
