import type { PageData } from '../domain/page-data.js';
import { DAY } from '../lib/time.js';
import { listComponents } from '../store/components.js';
import { listIncidents } from '../store/incidents.js';
import { findPage } from '../store/pages.js';
import { listStatusChangesSince } from '../store/status-changes.js';
import type { Store } from '../store/store.js';
import type { IncidentCache } from './incident-cache.js';

/** Days of status history the public page reads: 90 bars plus slack for time-zone edges. */
export const PUBLIC_HISTORY_DAYS = 92;

/**
 * Everything the public page shows, read in one consistent pass; with a cache, only the incidents
 * written since its last load are read again.
 */
export async function loadPageData(
  store: Store,
  pageId: string,
  now: number,
  cache?: IncidentCache,
): Promise<PageData | undefined> {
  return store.transaction(async (tx) => {
    const page = await findPage(tx, pageId);
    if (page === undefined) return undefined;
    const [components, statusChanges, incidents] = [
      await listComponents(tx, pageId),
      await listStatusChangesSince(tx, pageId, now - PUBLIC_HISTORY_DAYS * DAY),
      cache === undefined
        ? await listIncidents(tx, pageId, { publicOnly: true })
        : await cache.load(tx, pageId),
    ];
    return { page, components, statusChanges, incidents };
  });
}
