import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.ts';

/**
 * Throw-away PostgreSQL clusters from the machine's own binaries (PostgreSQL 15 from
 * Debian, as .ci/run uses): a primary, and streaming replicas made with pg_basebackup -R.
 * PostgreSQL refuses to run as root; as root (CI) every binary runs as the `postgres`
 * system user, on loopback, with its socket in the test's own directory.
 */
export const PG15_BIN = process.env.PG15_BIN ?? '/usr/lib/postgresql/15/bin';
const TOOLS = ['initdb', 'pg_ctl', 'postgres', 'pg_basebackup'];

function systemUser(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Why the clusters cannot be made here, or null when they can. */
export function pgBinariesMissing(): string | null {
  const missing = TOOLS.filter((t) => !fs.existsSync(path.join(PG15_BIN, t)));
  if (missing.length > 0) return `PostgreSQL binaries not found in ${PG15_BIN} (${missing.join(', ')}): apt-get install postgresql-15, or set PG15_BIN`;
  if (isRoot() && !systemUser('postgres')) return 'running as root and there is no `postgres` system user to run PostgreSQL as';
  return null;
}

export interface Cluster {
  port: number;
  dir: string;
  /** A connection string for the `demopolis` superuser to `database`. */
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
  log(): string;
}

export interface ClusterSet {
  base: string;
  password: string;
  primary(): Promise<Cluster>;
  replicaOf(primary: Cluster): Promise<Cluster>;
  /** Stops every cluster and removes every file. */
  destroy(): void;
}

export function clusterSet(): ClusterSet {
  const owner = isRoot() ? systemUser('postgres') : null;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-pg-'));
  fs.chmodSync(base, 0o700);
  if (owner) fs.chownSync(base, owner.uid, owner.gid);
  const password = crypto.randomBytes(18).toString('hex');
  const replicationPassword = crypto.randomBytes(18).toString('hex');
  const clusters: Cluster[] = [];

  const run = (tool: string, args: string[], extra: SpawnSyncOptions = {}) => {
    const result = spawnSync(path.join(PG15_BIN, tool), args, {
      encoding: 'utf8',
      timeout: 120_000,
      cwd: base,
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      ...extra,
      env: { PATH: process.env.PATH, LANG: 'C.UTF-8', ...(extra.env ?? {}) },
    });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status}):\n${result.stdout}${result.stderr}`);
    return result;
  };

  const write = (file: string, text: string) => {
    fs.writeFileSync(file, text, { mode: 0o600 });
    if (owner) fs.chownSync(file, owner.uid, owner.gid);
  };

  async function start(dir: string, port: number): Promise<Cluster> {
    const logFile = path.join(base, `${path.basename(dir)}.log`);
    const flags = [
      `-c port=${port}`, '-c listen_addresses=127.0.0.1', `-c unix_socket_directories=${base}`,
      '-c wal_level=replica', '-c max_wal_senders=5', '-c hot_standby=on', '-c max_connections=100',
      '-c fsync=off', '-c full_page_writes=off',
    ].join(' ');
    run('pg_ctl', ['-D', dir, '-l', logFile, '-w', '-t', '60', '-o', flags, 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const cluster: Cluster = {
      port,
      dir,
      url: (database = 'demopolis') => `postgres://demopolis:${password}@127.0.0.1:${port}/${database}`,
      stop(mode = 'fast') {
        spawnSync(path.join(PG15_BIN, 'pg_ctl'), ['-D', dir, '-m', mode, '-w', '-t', '30', 'stop'], { stdio: 'ignore', timeout: 60_000, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}) });
      },
      log: () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : ''),
    };
    clusters.push(cluster);
    return cluster;
  }

  return {
    base,
    password,
    async primary() {
      const dir = path.join(base, 'primary');
      const pwFile = path.join(base, 'pw');
      write(pwFile, `${password}\n`);
      run('initdb', ['-D', dir, '-U', 'demopolis', `--pwfile=${pwFile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
      fs.rmSync(pwFile);
      const cluster = await start(dir, await freePort());
      const admin = new pg.Client({ connectionString: cluster.url('postgres') });
      await admin.connect();
      try {
        await admin.query(`create role replicator with replication login password '${replicationPassword}'`);
        await admin.query('create database demopolis');
      } finally {
        await admin.end();
      }
      return cluster;
    },
    async replicaOf(primary) {
      const dir = path.join(base, `replica${clusters.length}`);
      // -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
      run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'replicator', '-D', dir, '-R', '-X', 'stream', '-c', 'fast'], {
        env: { PGPASSWORD: replicationPassword },
      });
      return start(dir, await freePort());
    },
    destroy() {
      for (const c of clusters.reverse()) c.stop('immediate');
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
}
