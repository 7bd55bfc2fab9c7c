import type { BeaconConfig } from '../config/beacon-config.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { Store } from '../store/store.js';
import { applySiteConfig } from './apply-site-config.js';
import { importHistory } from './import-history.js';
import { readImportFile } from './import/read-import-file.js';
import { syncMonitors } from './monitoring/sync-monitors.js';

/** Start-up work on the data: apply beacon.yaml (components, then monitors), then the history files it names. */
export async function preparePage(
  store: Store,
  config: BeaconConfig,
  clock: Clock,
  logger: Logger,
): Promise<string> {
  const applied = await applySiteConfig(store, config.site, clock);
  if (applied.created.length + applied.updated.length + applied.removed.length > 0) {
    logger.info(
      { created: applied.created.length, updated: applied.updated.length, removed: applied.removed.length },
      'configuration applied',
    );
  }
  const monitors = await store.transaction((tx) =>
    syncMonitors(tx, applied.pageId, config.site, clock.now()),
  );
  if (monitors.created.length + monitors.updated.length + monitors.removed.length > 0) {
    logger.info(
      {
        created: monitors.created.length,
        updated: monitors.updated.length,
        removed: monitors.removed.length,
      },
      'monitors applied',
    );
  }
  for (const file of config.site.imports) {
    const result = await importHistory(store, applied.pageId, readImportFile(file), clock);
    if (result.created + result.updated > 0) logger.info({ file, ...result }, 'history imported');
    if (result.unknownComponents.length > 0)
      logger.warn({ file, components: result.unknownComponents }, 'history names unknown components');
  }
  return applied.pageId;
}
