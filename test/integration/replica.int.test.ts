import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { createDb } from '../../server/platform/db/database.ts';
import { PLACES } from '../helpers/factories.ts';
import { clusterSet, pgBinariesMissing, type Cluster, type ClusterSet } from '../helpers/pg-cluster.ts';
import { startServer, type ServerProcess } from '../helpers/server-process.ts';

/**
 * Public reads on a streaming replica, writes on the primary, and nobody misses their
 * own fresh report: a real primary and a real standby (pg_basebackup -R) on loopback.
 */
const missing = pgBinariesMissing();
if (missing && process.env.CI !== 'true') {
  console.warn(`\n!!!!!!!!\n!! REPLICA TESTS SKIPPED: ${missing}\n!!!!!!!!\n`);
}

if (missing && process.env.CI === 'true') {
  describe('read replica (CI)', () => {
    it('needs the PostgreSQL binaries', () => {
      throw new Error(`CI=true and the replica test cannot run: ${missing}`);
    });
  });
}

describe.skipIf(missing !== null)('a primary and a streaming replica', () => {
  let set: ClusterSet;
  let primary: Cluster;
  let replica: Cluster;
  let server: ServerProcess;
  let dataDir: string;
  let onReplica: pg.Client;

  beforeAll(async () => {
    set = clusterSet();
    primary = await set.primary();
    replica = await set.replicaOf(primary);
    onReplica = new pg.Client({ connectionString: replica.url(), application_name: 'replica-test' });
    await onReplica.connect();
    expect((await onReplica.query('select pg_is_in_recovery() as r')).rows[0].r).toBe(true);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-replica-app-'));
    server = await startServer({
      DATABASE_URL: primary.url(),
      DATABASE_REPLICA_URL: replica.url(),
      DATA_DIR: dataDir,
      // Long enough that the paused replica stays in use for the whole test.
      REPLICA_MAX_LAG_SECONDS: '600',
    });
  }, 180_000);

  afterAll(async () => {
    const code = await server?.stop();
    await onReplica?.end().catch(() => undefined);
    set?.destroy();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    expect(set ? fs.existsSync(set.base) : false).toBe(false);
    expect(code).toBe(0);
  }, 60_000);

  const cookieOf = (response: Response, name: string) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? null;

  async function file(description: string) {
    const response = await fetch(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'road', description, ...PLACES.bangRak }),
    });
    expect(response.status).toBe(201);
    const marker = cookieOf(response, 'dp_rw');
    expect(marker).toMatch(/^dp_rw=[0-9A-F]+\/[0-9A-F]+$/);
    return { code: ((await response.json()) as { report: { code: string } }).report.code, marker: marker! };
  }

  const listCodes = async (cookie?: string) => {
    const response = await fetch(`${server.url}/api/v1/reports?page_size=100`, { headers: cookie ? { cookie } : {} });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: Array<{ code: string }> }).items.map((i) => i.code);
  };

  const ready = async () => (await fetch(`${server.url}/health/ready`)).json();

  async function eventually<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('answers public reads from the replica, and says so in /health/ready', async () => {
    const first = await file('ฝาท่อระบายน้ำหายไป อันตรายมาก');
    await eventually('the replica to show the report', () => listCodes(), (codes) => codes.includes(first.code));
    const health = await ready();
    expect(health.status).toBe('ok');
    expect(health.replica).toMatchObject({ status: 'ok', replay_paused: false });
    expect(health.replica.reads_served).toBeGreaterThan(0);
    expect(health.replica.lag_seconds).toBeLessThan(5);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(Number(/^demopolis_replica_lag_seconds (\S+)$/m.exec(metrics)?.[1])).toBeLessThan(5);
    expect(Number(/^demopolis_replica_reads\{served_by="replica"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    // The replica itself shows the app's read pool connected to it, having run report
    // queries. pg_stat_activity keeps each connection's last statement only, and the lag
    // monitor polls over the same pool every second: read, then look, until one look
    // falls between a read and the next poll.
    const seen = await eventually('a report query in the replica\'s pg_stat_activity', async () => {
      await listCodes();
      return (await onReplica.query<{ query: string }>(`select query from pg_stat_activity where application_name = 'demopolis-replica' and datname = 'demopolis'`)).rows;
    }, (rows) => rows.some((r) => /"reports"/.test(r.query)));
    expect(seen.length).toBeGreaterThan(0);
  });

  it('with replay paused, the filer still sees their new report; the public sees the replica; staff see the primary', async () => {
    await onReplica.query('select pg_wal_replay_pause()');
    await eventually('replay to pause', async () => (await onReplica.query(`select pg_get_wal_replay_pause_state() as s`)).rows[0].s, (s) => s === 'paused');

    const fresh = await file('ไฟถนนดับทั้งซอย มืดมาก');
    // The filer: their marker is past the replica's replay position, so the primary answers.
    const mine = await fetch(`${server.url}/api/v1/reports/${fresh.code}`, { headers: { cookie: fresh.marker } });
    expect(mine.status).toBe(200);
    expect(await listCodes(fresh.marker)).toContain(fresh.code);
    // Everyone else reads the paused replica: the list does not have it yet — proof the list came from there.
    expect(await listCodes()).not.toContain(fresh.code);
    // A link opened by someone else at once still works: a miss on the replica asks the primary.
    expect((await fetch(`${server.url}/api/v1/reports/${fresh.code}`)).status).toBe(200);
    // The same for an Open311 client polling the request it just heard of.
    expect((await fetch(`${server.url}/open311/v2/requests/${fresh.code}.json`)).status).toBe(200);

    // Staff read the primary, marker or not.
    const db = createDb(primary.url(), 1);
    try {
      const email = `admin.${process.pid}@bangkok.go.th`;
      await createAuthService(db).createUser({ email, password: 'admin password 1', display_name: 'ผู้ดูแล', role: 'admin', agency_id: null }, SYSTEM_ACTOR('test'));
      const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: email, password: 'admin password 1' }) });
      expect(login.status).toBe(200);
      expect(await listCodes(cookieOf(login, 'dp_session')!)).toContain(fresh.code);
    } finally {
      await db.destroy();
    }

    // Polled once a second: the pause shows within a poll or two.
    const paused = await eventually('the pause to show in /health/ready', ready, (h) => h.replica.replay_paused === true);
    expect(paused.replica.lag_bytes).toBeGreaterThan(0);
    expect(paused.status).toBe('ok');

    await onReplica.query('select pg_wal_replay_resume()');
    await eventually('the public list to catch up', () => listCodes(), (codes) => codes.includes(fresh.code));
    // Once the replica has replayed past the marker (seen at the next poll), the filer's reads go back to it.
    await eventually('the filer to read from the replica again', async () => {
      const before = (await ready()).replica.reads_served;
      await listCodes(fresh.marker);
      return (await ready()).replica.reads_served > before;
    }, (moved) => moved);
  });

  it('when the replica goes away, public reads fall back to the primary and the instance stays ready', async () => {
    const last = await file('ต้นไม้ล้มขวางทางเดินเท้า');
    await onReplica.end();
    replica.stop('immediate');
    expect(await listCodes()).toContain(last.code);
    const health = await eventually('the replica to be reported down', ready, (h) => h.replica.status === 'down');
    expect(health.status).toBe('ok');
    expect(await listCodes()).toContain(last.code);
  });
});
