import { countIncidentDeliveries, type IncidentDeliveryCounts } from '../../store/outbox.js';
import type { Db } from '../../store/store.js';

export interface DeliveryCounts {
  readonly sent: number;
  /** Waiting for a first attempt, or for a retry. */
  readonly pending: number;
  readonly failed: number;
  /** Not sent because the subscriber left (or was disabled) in the meantime. */
  readonly skipped: number;
}

export interface DeliveryStats extends DeliveryCounts {
  readonly total: number;
  /** Subscribers are still being expanded into deliveries: more will be pending shortly. */
  readonly fanningOut: boolean;
  readonly byChannel: Readonly<Record<string, DeliveryCounts>>;
}

const EMPTY: DeliveryCounts = { sent: 0, pending: 0, failed: 0, skipped: 0 };

/** The stats of an update nobody was notified about. */
export const NO_DELIVERIES: DeliveryStats = Object.freeze({
  ...EMPTY,
  total: 0,
  fanningOut: false,
  byChannel: Object.freeze({}),
});

/** How the notifications about one incident update went (updateId null: the postmortem). */
export async function deliveryStats(
  db: Db,
  options: { readonly incidentId: string; readonly updateId: string | null },
): Promise<DeliveryStats> {
  return (await incidentDeliveryStats(db, options.incidentId)).get(options.updateId) ?? NO_DELIVERIES;
}

/** The same for every update of an incident at once, by update id (null: the postmortem). */
export async function incidentDeliveryStats(
  db: Db,
  incidentId: string,
): Promise<Map<string | null, DeliveryStats>> {
  const byUpdate = await countIncidentDeliveries(db, incidentId);
  return new Map([...byUpdate].map(([updateId, counts]) => [updateId, summarize(counts)]));
}

function summarize({ counts, fanningOut }: IncidentDeliveryCounts): DeliveryStats {
  const byChannel: Record<string, DeliveryCounts> = {};
  let total: DeliveryCounts = EMPTY;
  for (const row of counts) {
    if (!(row.status in EMPTY)) continue;
    const status = row.status as keyof DeliveryCounts;
    byChannel[row.channel] = {
      ...(byChannel[row.channel] ?? EMPTY),
      [status]: (byChannel[row.channel]?.[status] ?? 0) + row.count,
    };
    total = { ...total, [status]: total[status] + row.count };
  }
  return {
    ...total,
    total: total.sent + total.pending + total.failed + total.skipped,
    fanningOut,
    byChannel,
  };
}
