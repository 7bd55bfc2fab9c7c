import { DateTime } from 'luxon';

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Z']);

/**
 * ISO 8601 with milliseconds in the page's time-zone offset, as Statuspage (Rails) writes it: a "Z"
 * suffix only for a UTC page, a numeric offset otherwise, even when it happens to be +00:00.
 */
export function formatTimestamp(epochMs: number, timeZone: string): string {
  const time = DateTime.fromMillis(epochMs, { zone: timeZone });
  const iso = time.toISO({ suppressMilliseconds: false, includeOffset: !UTC_ZONES.has(timeZone) });
  if (iso === null) throw new RangeError(`cannot format ${epochMs} in time zone ${timeZone}`);
  return UTC_ZONES.has(timeZone) ? `${iso}Z` : iso;
}

export function formatNullableTimestamp(epochMs: number | null, timeZone: string): string | null {
  return epochMs === null ? null : formatTimestamp(epochMs, timeZone);
}

/** Parses an ISO 8601 timestamp with an offset (or Z) into epoch milliseconds; null when invalid. */
export function parseTimestamp(text: string): number | null {
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}
