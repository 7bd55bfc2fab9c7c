import { DateTime } from 'luxon';
import { listComponentMonitorIds } from '../../store/monitors.js';
import { listRollups } from '../../store/rollups.js';
import type { Db } from '../../store/store.js';

export interface DayAvailability {
  /** YYYY-MM-DD in the time zone asked for. */
  readonly date: string;
  readonly startAt: number;
  readonly count: number;
  readonly failures: number;
  readonly degraded: number;
  /** Share of checks that did not fail (slow ones count as available); null on a day without checks. */
  readonly availability: number | null;
}

/**
 * Check-based availability per day for the last `days` days (today included, oldest first) in the
 * page's time zone, summed over the component's monitors. Built from hour rollups, so days follow the
 * zone exactly wherever its offset is whole hours (a half-hour zone's days start up to 30 min off).
 */
export async function readDailyAvailability(
  db: Db,
  componentId: string,
  days: number,
  options: { readonly now: number; readonly timeZone: string },
): Promise<DayAvailability[]> {
  if (!Number.isInteger(days) || days <= 0) return [];
  const today = DateTime.fromMillis(options.now, { zone: options.timeZone }).startOf('day');
  const starts = Array.from({ length: days + 1 }, (_, i) => today.minus({ days: days - 1 - i }));
  const rows = await listRollups(
    db,
    await listComponentMonitorIds(db, componentId),
    'hour',
    starts[0]!.toMillis(),
    starts[days]!.toMillis(),
  );
  const out = starts
    .slice(0, days)
    .map((day) => ({ date: day.toISODate()!, startAt: day.toMillis(), count: 0, failures: 0, degraded: 0 }));
  let index = 0;
  for (const row of rows) {
    while (index + 1 < days && row.start_at >= out[index + 1]!.startAt) index++;
    const day = out[index]!;
    day.count += row.count;
    day.failures += row.failures;
    day.degraded += row.degraded;
  }
  return out.map((d) => ({ ...d, availability: d.count === 0 ? null : (d.count - d.failures) / d.count }));
}
