/** Wall-clock fields of an instant in a time zone, and the zone's offset from UTC at that instant. */
export interface ZonedTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offsetMin: number;
}

const MINUTE_MS = 60_000;
const SECOND_MS = 1000;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

// Offsets per zone and UTC day, null when the offset changes during that day. Pages format thousands
// of update times and Intl is slow (about 10 µs a call), so a day costs two calls, then none.
const dayOffsets = new Map<string, number | null>();
const DAY_OFFSETS_SIZE = 20_000;

/** Wall clock and offset of an instant in a zone, from a cached offset and plain date arithmetic. */
export function zonedTime(epochMs: number, timeZone: string): ZonedTime {
  const offsetMin = offsetAt(epochMs, timeZone);
  const wall = new Date(epochMs + offsetMin * MINUTE_MS);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    offsetMin,
  };
}

function offsetAt(epochMs: number, timeZone: string): number {
  const dayStart = Math.floor(epochMs / DAY_MS) * DAY_MS;
  const key = `${timeZone} ${dayStart}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const first = exactOffset(dayStart, timeZone);
    offset = first === exactOffset(dayStart + DAY_MS - 1, timeZone) ? first : null;
    if (dayOffsets.size >= DAY_OFFSETS_SIZE) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset ?? exactOffset(epochMs, timeZone);
}

function exactOffset(epochMs: number, timeZone: string): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wallMs = Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
  );
  const wholeSecondMs = epochMs - (((epochMs % SECOND_MS) + SECOND_MS) % SECOND_MS);
  return Math.round((wallMs - wholeSecondMs) / MINUTE_MS);
}

/** ISO 8601 with milliseconds and the zone's numeric offset, for `<time datetime>`. */
export function formatZonedIso(time: ZonedTime): string {
  const sign = time.offsetMin < 0 ? '-' : '+';
  const offset = Math.abs(time.offsetMin);
  return (
    `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}:` +
    `${pad(time.second)}.${pad(time.millisecond, 3)}${sign}${pad(Math.floor(offset / 60))}:${pad(offset % 60)}`
  );
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
