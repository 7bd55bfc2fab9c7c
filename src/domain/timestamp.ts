import { DateTime } from 'luxon';

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Z']);

/**
 * ISO 8601 with milliseconds in the page's time-zone offset, as Statuspage (Rails) writes it: a "Z"
 * suffix only for a UTC page, a numeric offset otherwise, even when it happens to be +00:00.
 */
export function formatTimestamp(epochMs: number, timeZone: string): string {
  const utc = UTC_ZONES.has(timeZone);
  const offset = utc ? 0 : offsetMinutes(epochMs, timeZone);
  const local = new Date(epochMs + offset * 60_000);
  if (Number.isNaN(local.getTime()))
    throw new RangeError(`cannot format ${epochMs} in time zone ${timeZone}`);
  const stamp = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
  if (utc) return `${stamp}Z`;
  const sign = offset < 0 ? '-' : '+';
  return `${stamp}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

// Time-zone offsets change only at transitions, which fall on quarter hours: one luxon lookup per zone
// and quarter hour instead of one per timestamp (a big page formats tens of thousands of them).
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 200_000;
const offsets = new Map<string, number>();

function offsetMinutes(epochMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(epochMs / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const time = DateTime.fromMillis(epochMs, { zone: timeZone });
    if (!time.isValid) throw new RangeError(`cannot format ${epochMs} in time zone ${timeZone}`);
    offset = time.offset;
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export function formatNullableTimestamp(epochMs: number | null, timeZone: string): string | null {
  return epochMs === null ? null : formatTimestamp(epochMs, timeZone);
}

/** Parses an ISO 8601 timestamp with an offset (or Z) into epoch milliseconds; null when invalid. */
export function parseTimestamp(text: string): number | null {
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}
