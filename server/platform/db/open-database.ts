import type { AppConfig } from '../config/config.ts';
import { createDb, type Db } from './database.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

export interface OpenDatabase {
  db: Db;
  /** Where the pool connects: DATABASE_URL, or the embedded cluster's loopback URL. */
  connectionString: string;
  embedded: boolean;
  /** Closes the pool, then stops the embedded cluster if this process started it. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR (started, or
 * attached to when another process — the server or a CLI — already runs it). Always
 * migrated before use.
 */
export async function openDatabase(config: AppConfig, log: (message: string) => void, options: { poolSize?: number } = {}): Promise<OpenDatabase> {
  let connectionString = config.databaseUrl;
  let stopEmbedded = async () => {};
  if (!connectionString) {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, log: (m) => { if (/error|fatal|panic/i.test(m) && !/administrator command/.test(m)) log(m); } });
    connectionString = embedded.connectionString;
    stopEmbedded = embedded.stop;
    log(embedded.startedHere ? `embedded PostgreSQL started (data in ${config.dataDir}/pg)` : 'attached to the running embedded PostgreSQL');
  }
  const db = createDb(connectionString, options.poolSize);
  try {
    const result = await migrate(db);
    if (result.applied.length > 0) log(`migrations applied: ${result.applied.join(', ')}`);
  } catch (error) {
    await db.destroy();
    await stopEmbedded();
    throw error;
  }
  return {
    db,
    connectionString,
    embedded: !config.databaseUrl,
    async close() {
      await db.destroy();
      await stopEmbedded();
    },
  };
}
