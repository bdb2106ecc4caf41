/**
 * The database ceiling, in its own process: bare single-row INSERTs, each its own
 * transaction (so each a WAL flush, as every filed report is), through a pool sized like
 * the server's, from as many concurrent callers as the intake workload has connections.
 * Prints one JSON line shaped like the load generator's result.
 */
import fs from 'node:fs';
import pg from 'pg';
import type { LoadResult } from './loadgen.ts';
import { percentiles } from './stats.ts';

interface CeilingJob {
  connectionString: string;
  poolSize: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

async function main() {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as CeilingJob;
  const pool = new pg.Pool({ connectionString: job.connectionString, max: job.poolSize, options: '-c timezone=UTC' });
  const table = `bench_ceiling_${process.pid}`;
  await pool.query(`create table ${table} (id bigint generated always as identity primary key, at timestamptz not null default now(), note text not null)`);
  const latencies: number[] = [];
  let errors = 0;
  let recording = false;
  let stop = false;
  let started = 0;
  setTimeout(() => { recording = true; started = performance.now(); }, job.warmupSeconds * 1000);
  setTimeout(() => { stop = true; }, (job.warmupSeconds + job.seconds) * 1000);
  try {
    await Promise.all(Array.from({ length: job.connections }, async (_, worker) => {
      let i = 0;
      while (!stop) {
        const t0 = performance.now();
        try {
          await pool.query(`insert into ${table} (note) values ($1)`, [`w${worker}-${i++}`]);
          if (recording) latencies.push(performance.now() - t0);
        } catch {
          if (recording) errors += 1;
        }
      }
    }));
  } finally {
    await pool.query(`drop table if exists ${table}`).catch(() => undefined);
    await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  const result: LoadResult = {
    requests: latencies.length,
    ok: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(latencies.length / seconds),
    latencyMs: percentiles(latencies),
    serverMs: null,
    statuses: {},
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    errors,
    timeouts: 0,
    bytes: 0,
    retryAfter: 0,
    timeline: [],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
