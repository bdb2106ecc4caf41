import type { AppConfig } from '../config/config.ts';
import { createDb, createPool, type Db } from './database.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';
import { createRoutedDb } from './read-routing.ts';
import { createReplicaMonitor } from './replica-monitor.ts';

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
 * migrated before use, over DATABASE_DIRECT_URL when set (migrations hold a session
 * advisory lock, which a transaction-mode pooler would not keep).
 *
 * With DATABASE_REPLICA_URL the Db routes public reads to the replica (read-routing.ts);
 * everything that is not a request marked for the replica still uses the primary.
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
  const scale = config.scale;
  const directUrl = (config.databaseUrl && scale.directUrl) || connectionString;
  try {
    const migrator = createDb(directUrl, 1, { applicationName: 'demopolis-migrate' });
    try {
      const result = await migrate(migrator);
      if (result.applied.length > 0) log(`migrations applied: ${result.applied.join(', ')}`);
    } finally {
      await migrator.destroy();
    }
  } catch (error) {
    await stopEmbedded();
    throw error;
  }

  const poolSize = scale.poolSize ?? options.poolSize ?? 10;
  const poolOptions = { acquireTimeoutMs: scale.acquireTimeoutMs, preparedStatements: scale.preparedStatements };
  let db: Db;
  if (scale.replicaUrl) {
    const primary = createPool(connectionString, poolSize, { ...poolOptions, applicationName: 'demopolis-primary' });
    const replica = createPool(scale.replicaUrl, scale.replicaPoolSize ?? poolSize, { ...poolOptions, applicationName: 'demopolis-replica' });
    const monitor = createReplicaMonitor({ primary, replica, maxLagSeconds: scale.replicaMaxLagSeconds, log });
    await monitor.poll();
    if (monitor.status().status !== 'ok') log(`replica configured but not used for reads yet (${monitor.status().status}); the primary serves them meanwhile`);
    db = createRoutedDb({ primary, replica, monitor });
  } else {
    db = createDb(connectionString, poolSize, { ...poolOptions, applicationName: 'demopolis' });
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
