import { DateTime } from 'luxon';
import { DAY } from '../../lib/time.js';
import { deleteCheckResultsBefore } from '../../store/check-results.js';
import { listAllMonitorIds } from '../../store/monitors.js';
import { deleteRollupsBefore, ROLLUP_BUCKETS, type RollupBucket } from '../../store/rollups.js';
import type { ServiceContext } from '../service-context.js';

export interface PruneOptions {
  /** Raw results are kept this many days (default 7). */
  readonly rawDays?: number;
  /** Rollups are kept this many calendar months (default 13: a year and the month before it). */
  readonly rollupMonths?: number;
  /** Optionally keep minute rollups shorter than the others: they are 24 times the hour rows. */
  readonly minuteRollupDays?: number;
}

export interface PruneOutcome {
  readonly rawDeleted: number;
  readonly rollupsDeleted: number;
}

/** Drops raw results and rollups past their retention; run it every hour or day, outside the tick. */
export async function pruneResults(
  ctx: ServiceContext,
  now: number,
  options: PruneOptions = {},
): Promise<PruneOutcome> {
  const rawBefore = now - (options.rawDays ?? 7) * DAY;
  const rollupBefore = DateTime.fromMillis(now, { zone: 'utc' })
    .minus({ months: options.rollupMonths ?? 13 })
    .toMillis();
  const before: Record<RollupBucket, number> = {
    minute:
      options.minuteRollupDays === undefined
        ? rollupBefore
        : Math.max(rollupBefore, now - options.minuteRollupDays * DAY),
    hour: rollupBefore,
    day: rollupBefore,
  };
  return ctx.store.transaction(async (tx) => {
    const rawDeleted = await deleteCheckResultsBefore(tx, rawBefore);
    // Per monitor and bucket, so each delete walks the primary key instead of the whole table.
    let rollupsDeleted = 0;
    for (const id of await listAllMonitorIds(tx)) {
      for (const bucket of ROLLUP_BUCKETS)
        rollupsDeleted += await deleteRollupsBefore(tx, id, bucket, before[bucket]);
    }
    return { rawDeleted, rollupsDeleted };
  });
}
