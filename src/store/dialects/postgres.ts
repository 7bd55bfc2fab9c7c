import pg from 'pg';
import { PostgresDialect } from 'kysely';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Epoch milliseconds fit a double exactly (below 2^53), so int8 is read as a number, not pg's string.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format) as (
          value: string,
        ) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

export interface PostgresOptions {
  readonly connectionString: string;
  /** A schema to create and use (tests isolate themselves this way). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

export function createPostgresPool(options: PostgresOptions): pg.Pool {
  return new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
}

export function createPostgresDialect(pool: pg.Pool): PostgresDialect {
  return new PostgresDialect({ pool });
}
