import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { Store } from '../../src/store/store.js';

export const POSTGRES_URL = process.env.BEACON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const mandatory = process.env.CI === 'true';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reachable = await postgresReachable();
if (!reachable) {
  if (mandatory)
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL}; with CI=true the PostgreSQL tests are mandatory`,
    );
  console.warn(
    `\n[beacon tests] PostgreSQL not reachable at ${POSTGRES_URL}: SKIPPING the PostgreSQL half of the store tests\n`,
  );
}

export type OpenStore = () => Promise<Store>;

/**
 * Runs a suite once on SQLite (in memory) and once on PostgreSQL, each test getting a fresh, migrated
 * database: a new in-memory SQLite, or a new schema in the test database (dropped afterwards).
 */
export function describeEachDialect(name: string, suite: (openStore: OpenStore) => void): void {
  describe(`${name} [sqlite]`, () => {
    const stores: Store[] = [];
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
    });
    suite(async () => {
      const store = await Store.open({ dialect: 'sqlite', file: ':memory:' });
      await store.migrate();
      stores.push(store);
      return store;
    });
  });
  describe.skipIf(!reachable)(`${name} [postgres]`, () => {
    const schemas: string[] = [];
    const stores: Store[] = [];
    afterAll(async () => {
      await Promise.all(stores.map((s) => s.close()));
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      for (const schema of schemas) await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    });
    suite(async () => {
      const schema = `beacon_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      const store = await Store.open({
        dialect: 'postgres',
        connectionString: POSTGRES_URL,
        schema,
        maxConnections: 4,
      });
      await store.migrate();
      stores.push(store);
      return store;
    });
  });
}
