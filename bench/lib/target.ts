/**
 * The database a benchmark runs against: DATABASE_URL (or --database-url) when given,
 * else the embedded PostgreSQL in DATA_DIR — by default var/bench, so benchmark data
 * never lands in the development database in var/. Migrated, reference data loaded.
 */
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig, REPO_ROOT } from '../../server/platform/config/config.ts';
import type { Db } from '../../server/platform/db/database.ts';
import { openDatabase } from '../../server/platform/db/open-database.ts';
import { createOrganizationService } from '../../server/modules/organization/organization.service.ts';
import { poolOf } from '../../server/platform/db/database.ts';
import { logLeftOverBuild, restoreDroppedIndexes } from './bulk-indexes.ts';

export const DEFAULT_BENCH_DATA_DIR = path.join(REPO_ROOT, 'var/bench');

export interface Target {
  db: Db;
  connectionString: string;
  embedded: boolean;
  dataDir: string;
  /** The server's version string, e.g. "PostgreSQL 18.4". */
  version: string;
  close(): Promise<void>;
}

export async function openTarget(options: {
  databaseUrl?: string | null;
  dataDir?: string | null;
  log?: (m: string) => void;
  poolSize?: number;
  /** Build the indexes a killed data load left dropped (default); false for a caller about to load, which does it itself. */
  finishInterruptedLoad?: boolean;
}): Promise<Target> {
  const dataDir = path.resolve(options.dataDir ?? process.env.DATA_DIR ?? DEFAULT_BENCH_DATA_DIR);
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? '';
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, TILE_URL: '' });
  const log = options.log ?? (() => {});
  const database = await openDatabase(config, log, { poolSize: options.poolSize ?? 6 });
  await createOrganizationService(database.db).loadReference();
  if (options.finishInterruptedLoad ?? true) await finishInterruptedLoad(database.db, log);
  const version = (await sql<{ v: string }>`select version() as v`.execute(database.db)).rows[0]!.v;
  return {
    db: database.db,
    connectionString: database.connectionString,
    embedded: database.embedded,
    dataDir,
    version: /^PostgreSQL [\d.]+/.exec(version)?.[0] ?? version,
    close: () => database.close(),
  };
}

/** A data load killed after dropping its indexes left them listed: build them before anything measures. */
export async function finishInterruptedLoad(db: Db, log: (m: string) => void = () => {}): Promise<void> {
  const pool = poolOf(db);
  if (!pool) return;
  const built = await restoreDroppedIndexes(pool, { onBuilt: logLeftOverBuild(log) });
  if (built.length > 0) await sql`analyze reports, report_events, report_photos, report_coowners, audit_log`.execute(db);
}

/** Reports in the database (the planner's estimate is good enough above a million). */
export async function countReports(db: Db): Promise<number> {
  const estimate = Number((await sql<{ n: string }>`select reltuples::bigint::text as n from pg_class where relname = 'reports'`.execute(db)).rows[0]?.n ?? 0);
  if (estimate > 2_000_000) return estimate;
  return Number((await sql<{ n: string }>`select count(*)::text as n from reports`.execute(db)).rows[0]!.n);
}
