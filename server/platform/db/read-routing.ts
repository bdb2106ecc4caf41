import { AsyncLocalStorage } from 'node:async_hooks';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { rememberPool, type Db } from './database.ts';
import type { ReplicaMonitor } from './replica-monitor.ts';
import type { Database } from './schema.ts';

/**
 * Public reads on a streaming replica, everything else on the primary — decided per
 * request, without any module knowing: the Db every module holds is one Kysely whose
 * driver picks a pool for each query.
 *
 * A request runs inside a small context (AsyncLocalStorage). By default it says
 * "primary"; the read-routing plugin switches it to "replica" for public GETs that may
 * read slightly old data. Even then only plain reads go to the replica: writes, locking
 * reads, transactions and anything after the request's first write go to the primary,
 * and a read the replica refuses (down, conflict with recovery, read-only) is run again
 * on the primary. Code outside a request (CLI, workers, live-update loads) always uses
 * the primary. With no replica configured none of this is installed: no context, no cost.
 */

export type ReadTarget = 'primary' | 'replica';

export interface ReadContext {
  target: ReadTarget;
  /** Something was written (or a transaction opened) in this context. */
  wrote: boolean;
  /** Queries this context ran on the replica. */
  replicaQueries: number;
}

const storage = new AsyncLocalStorage<ReadContext>();

export interface ReadRouting {
  primary: pg.Pool;
  replica: pg.Pool;
  monitor: ReplicaMonitor;
  counters: { replicaQueries: number; fallbacks: number };
}

const routings = new WeakMap<object, ReadRouting>();

/** The routing behind a Db made by createRoutedDb; null for a plain Db (no replica). */
export function readRoutingOf(db: Db): ReadRouting | null {
  return routings.get(db) ?? null;
}

/** Runs `fn` in a fresh request context (what the plugin does for every request). */
export function runWithReadContext<T>(context: ReadContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentReadContext(): ReadContext | undefined {
  return storage.getStore();
}

/** Whether queries made here may currently go to the replica. */
export function readingFromReplica(): boolean {
  return storage.getStore()?.target === 'replica';
}

/**
 * Runs `fn` against the primary even inside a replica-reading request: for a second
 * look when the replica did not have something (a report filed a moment ago elsewhere).
 */
export function onPrimary<T>(fn: () => Promise<T>): Promise<T> {
  const context = storage.getStore();
  if (!context) return fn();
  return storage.run({ target: 'primary', wrote: context.wrote, replicaQueries: 0 }, fn);
}

const WRITE_HINT = /\b(insert\s+into|update\s+\S+\s+set|delete\s+from|merge\s+into|for\s+(no\s+key\s+)?update|for\s+(key\s+)?share|nextval|setval|pg_advisory\w*|pg_notify|pg_current_wal\w*|txid_current|lock\s+table|begin|start\s+transaction|savepoint|listen|notify|set\s+)\b/i;
const READ_START = /^\s*(\(\s*)*(select|with|values|table)\b/i;

/** A statement the replica can answer: a plain SELECT (or WITH … SELECT) that changes nothing and locks nothing. */
export function isPlainRead(query: CompiledQuery): boolean {
  const kind = query.query.kind;
  if (kind !== 'SelectQueryNode' && kind !== 'RawNode') return false;
  return READ_START.test(query.sql) && !WRITE_HINT.test(query.sql);
}

// Failures after which the same read is retried on the primary: the replica is down or
// restarting (08*, 57P*), cancelled the query for a conflict with recovery (40001), or
// refused something as read-only (25006).
function replicaRefused(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  if (typeof e?.code === 'string') {
    if (/^(08|57P)/.test(e.code) || e.code === '40001' || e.code === '25006') return true;
    if (/^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH|NOTFOUND)$/.test(e.code)) return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

class RoutingConnection implements DatabaseConnection {
  inner: DatabaseConnection | null = null;
  target: ReadTarget = 'primary';
  pinned = false;

  constructor(private readonly driver: RoutingDriver) {}

  async use(target: ReadTarget): Promise<DatabaseConnection> {
    if (this.inner && this.target === target) return this.inner;
    await this.release();
    this.inner = await this.driver.drivers[target].acquireConnection();
    this.target = target;
    return this.inner;
  }

  async release(): Promise<void> {
    if (!this.inner) return;
    const inner = this.inner;
    this.inner = null;
    await this.driver.drivers[this.target].releaseConnection(inner);
  }

  private chooseFor(query: CompiledQuery): ReadTarget {
    const context = storage.getStore();
    const read = isPlainRead(query);
    if (!read && context) {
      // After its first write a request reads its own writes: primary from here on.
      context.wrote = true;
      context.target = 'primary';
    }
    if (this.pinned || !read) return 'primary';
    if (this.inner) return this.target;
    return context?.target === 'replica' && this.driver.routing.monitor.usable() ? 'replica' : 'primary';
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.chooseFor(query);
    if (target === 'primary') return (await this.use('primary')).executeQuery<R>(query);
    try {
      const result = await (await this.use('replica')).executeQuery<R>(query);
      this.driver.routing.counters.replicaQueries += 1;
      const context = storage.getStore();
      if (context) context.replicaQueries += 1;
      return result;
    } catch (error) {
      if (!replicaRefused(error)) throw error;
      this.driver.routing.counters.fallbacks += 1;
      if ((error as { code?: string }).code !== '40001' && (error as { code?: string }).code !== '25006') this.driver.routing.monitor.markDown(error);
      await this.release().catch(() => undefined);
      return (await this.use('primary')).executeQuery<R>(query);
    }
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    // Streams (cursors) stay on the primary: a retry half-way through is not possible.
    yield* (await this.use('primary')).streamQuery<R>(query, chunkSize);
  }
}

class RoutingDriver implements Driver {
  readonly drivers: Record<ReadTarget, Driver>;

  constructor(readonly routing: ReadRouting) {
    this.drivers = {
      primary: new PostgresDialect({ pool: routing.primary }).createDriver(),
      replica: new PostgresDialect({ pool: routing.replica }).createDriver(),
    };
  }

  async init() {
    await this.drivers.primary.init();
    await this.drivers.replica.init();
  }

  // The pooled connection is chosen by the first query, once it is known to be a read or not.
  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutingConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const c = connection as RoutingConnection;
    c.pinned = true;
    const context = storage.getStore();
    if (context) {
      context.wrote = true;
      context.target = 'primary';
    }
    await this.drivers.primary.beginTransaction(await c.use('primary'), settings);
  }

  async commitTransaction(connection: DatabaseConnection) {
    await this.drivers.primary.commitTransaction(await (connection as RoutingConnection).use('primary'));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await this.drivers.primary.rollbackTransaction(await (connection as RoutingConnection).use('primary'));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.drivers.primary.savepoint!(await (connection as RoutingConnection).use('primary'), name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.drivers.primary.rollbackToSavepoint!(await (connection as RoutingConnection).use('primary'), name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    await this.drivers.primary.releaseSavepoint!(await (connection as RoutingConnection).use('primary'), name, compile);
  }

  async releaseConnection(connection: DatabaseConnection) {
    await (connection as RoutingConnection).release();
  }

  async destroy() {
    this.routing.monitor.stop();
    await Promise.all([this.drivers.primary.destroy(), this.drivers.replica.destroy()]);
  }
}

class RoutingDialect implements Dialect {
  constructor(private readonly routing: ReadRouting) {}
  createDriver() {
    return new RoutingDriver(this.routing);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

/** One Db over a primary pool and a replica pool; see the top of this file. */
export function createRoutedDb(routing: Omit<ReadRouting, 'counters'>): Db {
  const full: ReadRouting = { ...routing, counters: { replicaQueries: 0, fallbacks: 0 } };
  const db = new Kysely<Database>({ dialect: new RoutingDialect(full) });
  routings.set(db, full);
  rememberPool(db, routing.primary);
  return db;
}
