import { DateTime } from 'luxon';
import { formatDisplayTime } from '../html/format-display-time.js';
import { formatZonedIso, pad, zonedTime } from '../html/zoned-time.js';

/** A moment for an operator: "Feb 16, 2024 - 08:40 CET" with its ISO form for `<time datetime>`. */
export function AdminTime({ at, timeZone }: { readonly at: number; readonly timeZone: string }) {
  return <time dateTime={formatZonedIso(zonedTime(at, timeZone))}>{formatDisplayTime(at, timeZone)}</time>;
}

/** The value of a `datetime-local` input showing this moment in the page's time zone. */
export function toDateTimeLocal(epochMs: number, timeZone: string): string {
  const t = zonedTime(epochMs, timeZone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** "HH:MM CET": a time of day in the page's time zone. */
export function formatClockTime(epochMs: number, timeZone: string): string {
  const t = zonedTime(epochMs, timeZone);
  return `${pad(t.hour)}:${pad(t.minute)} ${DateTime.fromMillis(epochMs, { zone: timeZone, locale: 'en-GB' }).toFormat('ZZZZ')}`;
}
