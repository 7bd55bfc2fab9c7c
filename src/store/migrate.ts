import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from './dialect-name.js';
import * as initial from './migrations/0001-initial.js';
import * as operators from './migrations/0002-operators.js';
import * as monitoring from './migrations/0003-monitoring.js';
import * as notifications from './migrations/0004-notifications.js';
import * as incidentRevisions from './migrations/0005-incident-revisions.js';

interface DialectMigration {
  up(db: Kysely<any>, dialect: DialectName): Promise<void>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

// Listed here, not discovered on disk, so the built package and the tests run exactly the same set.
const MIGRATIONS: Readonly<Record<string, DialectMigration>> = {
  '0001-initial': initial,
  '0002-operators': operators,
  '0003-monitoring': monitoring,
  '0004-notifications': notifications,
  '0005-incident-revisions': incidentRevisions,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const entries = Object.entries(MIGRATIONS).map(([name, m]) => [
      name,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      { up: (db: Kysely<any>) => m.up(db, this.dialect) },
    ]);
    return Promise.resolve(Object.fromEntries(entries) as Record<string, Migration>);
  }
}

/** Brings the schema to the newest version; safe to run on every start and from `beacon migrate`. */
export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: DialectName,
  schema?: string,
): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
  const migrator = new Migrator({
    db,
    provider: new StaticProvider(dialect),
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
