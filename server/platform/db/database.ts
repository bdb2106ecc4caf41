import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { AppError } from '../http/problem.ts';
import { PreparingClient } from './prepared-statements.ts';
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

export interface PoolOptions {
  /** Shown in pg_stat_activity, so an operator sees which pool a backend serves. */
  applicationName?: string;
  /**
   * How long a query may wait for a connection before it fails with 503 (overloaded)
   * instead of queueing without bound. 0 = wait forever.
   */
  acquireTimeoutMs?: number;
  /** Send statements marked by runPrepared as named prepared statements. */
  preparedStatements?: boolean;
}

/** The pool behind each Db this process made: load shedding reads its queue length. */
const pools = new WeakMap<object, pg.Pool>();

export function poolOf(db: Db): pg.Pool | null {
  return pools.get(db) ?? null;
}

export function rememberPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

/** A database connection that could not be had in time: the server is overloaded. */
export function overloadedError(): AppError {
  return new AppError(503, 'overloaded', {
    th: 'ระบบมีผู้ใช้งานมาก กรุณาลองใหม่ในอีกสักครู่',
    en: 'The service is busy, retry shortly',
  });
}

function isAcquireTimeout(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /timeout exceeded when trying to connect|connection timeout/i.test(message);
}

export function createPool(connectionString: string, poolSize = 10, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: options.acquireTimeoutMs ?? 0,
    application_name: options.applicationName ?? 'demopolis',
    // Every session speaks UTC; presentation converts to Asia/Bangkok. The app's queries
    // are short: parallel workers (fresh processes that load their caches anew on every
    // query) and JIT compilation cost more than they save — a 1 ms search took 25 ms
    // with two workers. Every search reads the search index's whole pending list:
    // writes through the app merge it at 256 kB, not the default 4 MB (0024; the
    // importer raises it for its own connection). Behind PgBouncer set these on the
    // role instead (README).
    options: '-c timezone=UTC -c max_parallel_workers_per_gather=0 -c jit=off -c gin_pending_list_limit=256kB',
    ...(options.preparedStatements ? { Client: PreparingClient } : {}),
  });
  pool.on('error', () => {
    // An idle client lost its connection (server restart); the pool replaces it.
  });
  if (options.acquireTimeoutMs) {
    // A wait for a connection that ran out is overload, not a bug: say 503, not 500.
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    (pool as { connect: unknown }).connect = (callback?: unknown) => {
      if (typeof callback === 'function') return (connect as unknown as (cb: unknown) => void)(callback);
      return connect().catch((error: unknown) => {
        throw isAcquireTimeout(error) ? Object.assign(overloadedError(), { cause: error }) : error;
      });
    };
  }
  return pool;
}

export function createDb(connectionString: string, poolSize = 10, options: PoolOptions = {}): Db {
  const pool = createPool(connectionString, poolSize, options);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  rememberPool(db, pool);
  return db;
}
