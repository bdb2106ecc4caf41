import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/server-process.ts';
import { createTestDatabase } from '../helpers/test-app.ts';

/**
 * Past its limits the server answers 503 with Retry-After instead of falling over, and
 * recovers by itself. The requests are made slow for real: the test locks the reports
 * table, so every list request waits in PostgreSQL, holding a pooled connection or
 * queueing for one — what a flood night does to a database that cannot keep up.
 */
let server: ServerProcess;
let databaseUrl: string;
let dataDir: string;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-overload-'));
  server = await startServer({
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    DATABASE_POOL_SIZE: '2',
    MAX_IN_FLIGHT: '8',
    DATABASE_MAX_WAITING: '3',
    DATABASE_ACQUIRE_TIMEOUT_MS: '1500',
    SHED_RETRY_AFTER_SECONDS: '2',
  });
}, 120_000);

afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

async function get(url: string) {
  const response = await fetch(`${server.url}${url}`, { headers: { 'accept-language': 'en' } });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type'), body: await response.text() };
}

describe('overload', () => {
  it('sheds with 503 + Retry-After while the database is stuck, stays alive, and recovers by itself', async () => {
    expect((await get('/api/v1/reports')).status).toBe(200);

    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table reports in access exclusive mode');
    let released = false;
    try {
      const burst = Array.from({ length: 40 }, () => get('/api/v1/reports'));
      // Shedding answers at once, without waiting for the database.
      const early = await Promise.race([Promise.any(burst.map((p) => p.then((r) => (r.status === 503 ? r : Promise.reject(new Error('not shed')))))), new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
      expect(early, 'a 503 within a second').not.toBeNull();
      // The process is alive and says so while overloaded.
      expect((await get('/health/live')).status).toBe(200);

      await new Promise((r) => setTimeout(r, 1800));
      await locker.query('commit');
      released = true;
      const results = await Promise.all(burst);
      const shed = results.filter((r) => r.status === 503);
      const served = results.filter((r) => r.status === 200);
      expect(shed.length).toBeGreaterThan(20);
      // What got a connection before the queue ran out finishes once the lock goes.
      expect(served.length).toBeGreaterThanOrEqual(1);
      expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);
      for (const r of shed) {
        // Shed at the door or after waiting for a connection: the same SHED_RETRY_AFTER_SECONDS.
        expect(r.retryAfter).toBe('2');
        expect(r.type).toMatch(/application\/problem\+json/);
        const problem = JSON.parse(r.body);
        expect(problem).toMatchObject({ status: 503, code: 'overloaded' });
        expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
        expect(problem.detail_en).toBeTruthy();
      }
      expect(shed.some((r) => r.retryAfter === '2')).toBe(true);
    } finally {
      if (!released) await locker.query('rollback').catch(() => undefined);
      await locker.end();
    }

    // Recovered: requests within the limits are served again, with no restart.
    const after: number[] = [];
    for (let i = 0; i < 6; i++) after.push((await get('/api/v1/reports')).status);
    expect(after).toEqual([200, 200, 200, 200, 200, 200]);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).toMatch(/shedding load/);
    // What an operator's dashboard sees: refusals by reason, the pool queue, nothing in flight now.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const shedTotal = [...metrics.matchAll(/^demopolis_requests_shed\{reason="[a-z_]+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(shedTotal).toBeGreaterThan(0);
    expect(metrics).toMatch(/^demopolis_db_pool_waiting 0$/m);
    expect(metrics).toMatch(/^demopolis_requests_in_flight 0$/m);
    expect(metrics).toMatch(/^demopolis_live_streams 0$/m);
  });
});
