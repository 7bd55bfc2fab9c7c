import { join } from 'node:path';
import { Kysely, sql, type Transaction } from 'kysely';
import type { DialectName } from './dialect-name.js';
import { createPostgresDialect, createPostgresPool } from './dialects/postgres.js';
import { createSqliteDialect } from './dialects/sqlite.js';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database> | Transaction<Database>;

export type StoreOptions =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | {
      readonly dialect: 'postgres';
      readonly connectionString: string;
      readonly schema?: string;
      readonly maxConnections?: number;
    };

/** The database behind Beacon: Kysely over SQLite (default) or PostgreSQL (DATABASE_URL). */
export class Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly #schema: string | undefined;

  private constructor(db: Kysely<Database>, dialect: DialectName, schema?: string) {
    this.db = db;
    this.dialect = dialect;
    this.#schema = schema;
  }

  static async open(options: StoreOptions): Promise<Store> {
    if (options.dialect === 'sqlite') {
      return new Store(new Kysely<Database>({ dialect: createSqliteDialect(options.file) }), 'sqlite');
    }
    if (options.schema !== undefined) await createSchema(options.connectionString, options.schema);
    const pool = createPostgresPool({
      connectionString: options.connectionString,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      ...(options.maxConnections === undefined ? {} : { maxConnections: options.maxConnections }),
    });
    return new Store(
      new Kysely<Database>({ dialect: createPostgresDialect(pool) }),
      'postgres',
      options.schema,
    );
  }

  static sqliteFileIn(dataDir: string): string {
    return join(dataDir, 'beacon.sqlite');
  }

  migrate(): Promise<string[]> {
    return migrateToLatest(this.db, this.dialect, this.#schema);
  }

  transaction<T>(work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }

  /** True when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

async function createSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const pool = createPostgresPool({ connectionString, maxConnections: 1 });
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } finally {
    await pool.end();
  }
}
