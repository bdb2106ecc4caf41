import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the pool or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

// bigint ids arrive as strings (exact); counts are cast in SQL where numbers are wanted.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => value);
// A calendar date is a date, not an instant: keep 'YYYY-MM-DD' rather than a Date at
// local midnight that shifts a day when shown in another time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createDb(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    // Every session speaks UTC; presentation converts to Asia/Bangkok.
    options: '-c timezone=UTC',
  });
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it.
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
