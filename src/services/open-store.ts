import type { BeaconConfig } from '../config/beacon-config.js';
import { Store } from '../store/store.js';

/** PostgreSQL when DATABASE_URL is set, else the embedded SQLite file in the data dir. Migrated. */
export async function openStore(config: Pick<BeaconConfig, 'databaseUrl' | 'dataDir'>): Promise<Store> {
  const store =
    config.databaseUrl === null
      ? await Store.open({ dialect: 'sqlite', file: Store.sqliteFileIn(config.dataDir) })
      : await Store.open({ dialect: 'postgres', connectionString: config.databaseUrl });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}
