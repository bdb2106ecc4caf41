/**
 * `npm run bench`: the platform against its own machine's ceilings (issue 6).
 *
 * A real server process (`server/main.ts serve`, load shedding on) on a benchmark
 * database of Bangkok-shaped reports (generated when missing: bench/data.ts), load from
 * a separate process (autocannon), and for every workload throughput, p50/p95/p99,
 * errors, server and PostgreSQL CPU and the server's memory. Ceilings are measured in
 * the same run: a route returning a constant (HTTP) and bare single-row INSERTs through
 * a pool like the server's (database). Results go to bench/results/<date>.json, the
 * tables to BENCHMARKS.md, the plot to bench/BENCHMARKS.svg. Numbers are never asserted
 * in tests (DESIGN §9).
 *
 *   --reports N          dataset size (default 1,000,000; --quick 20,000); reuses what is there, adds what is missing
 *   --database-url URL   an external PostgreSQL (else DATABASE_URL, else embedded in DATA_DIR, default var/bench)
 *   --quick              a smoke run: small data, 3-second workloads, small import (under a minute once data exists)
 *   --seconds S          measured seconds per workload (default 20)
 *   --only IDS           e.g. --only W2,W3 or --only OVERLOAD (ceilings always run)
 *   --skip-import        leave out W6
 *   --skip-overload      leave out the overload run (W1 offered at ten times its measured rate, then recovery)
 *   --import-rows N      rows in the W6 file (default 1,000,000; --quick 20,000)
 *   --connections LIST   e.g. W3=4,W7=2 to change a workload's concurrency
 *   --no-update          write the results file only, leave BENCHMARKS.md and the plot alone
 *   --node-options=OPTS  V8/Node flags for the server process (NODE_OPTIONS); default SERVER_NODE_OPTIONS below, "" for none
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { spawnTs, startServer, type ServerHandle } from './lib/server.ts';
import { countReports, finishInterruptedLoad, openTarget, type Target } from './lib/target.ts';
import { loadReports } from './lib/load.ts';
import { prepareInputs } from './lib/inputs.ts';
import { WORKLOADS, type Job, type WorkloadId, type WorkloadInputs } from './lib/workloads.ts';
import type { LoadResult } from './lib/loadgen.ts';
import { peakRssMb, watch } from './lib/procstat.ts';
import { runImport } from './lib/import-run.ts';
import { floodAndRecover, type OverloadResult } from './lib/overload.ts';
import { updateBenchmarksMd, writeResults, type BenchResults, type Target as TargetCheck, type WorkloadResult } from './lib/report.ts';
import { reportPageBundle } from './lib/web-bundle.ts';
import { measureLocatorMatchRate } from '../server/platform/geo/locator-benchmark.ts';
import { categoryReference } from '../server/modules/organization/reference-data.ts';
import { measureSuggester } from './suggester/measure-suggester.ts';
import { TRAFFY_SAMPLE } from './lib/model.ts';

/**
 * Throughput (ceilings, W1, W2) is measured flat out. Latency targets at a steady load
 * that does not saturate two cores — a latency measured in a queue measures the queue:
 * four requests in flight, and W3 (a target on the server's own time) two.
 */
const CONNECTIONS: Record<WorkloadId | 'ceiling-db', number> = {
  'ceiling-http': 64, 'ceiling-db': 32, W1: 32, W2: 64, W3: 2, W4: 4, W5: 4, W7: 4,
};
/**
 * V8 flags for the server, as production should run it: without a cap V8 lets the heap
 * grow to ~500 MB under load before collecting (measured); with it the server stays
 * near 240 MB at the same throughput.
 */
export const SERVER_NODE_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=4';
const SERVER_POOL_SIZE = 20;
const ORDER: WorkloadId[] = ['W1', 'W2', 'W3', 'W4', 'W5', 'W7'];

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
const say = (m: string) => console.log(m);

async function runChild(entry: string, job: object): Promise<{ result: LoadResult; pid: number; cpuPercent: number }> {
  const file = path.join(os.tmpdir(), `demopolis-bench-job-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  try {
    const child = spawnTs(entry, [file], process.env);
    const watcher = watch({ single: { self: child.pid! }, trees: {} });
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr?.on('data', (c: Buffer) => { err += c.toString(); });
    const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
    watcher.stop();
    if (code !== 0) throw new Error(`${entry} failed (exit ${code}): ${err.slice(-2000)}`);
    const line = out.trim().split('\n').pop()!;
    const result = JSON.parse(line) as LoadResult;
    const lifetime = (job as { seconds: number; warmupSeconds: number }).seconds + (job as { warmupSeconds: number }).warmupSeconds;
    return { result, pid: child.pid!, cpuPercent: Math.round((result.cpuSeconds / lifetime) * 1000) / 10 };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Bucket counts of the server's request-duration histogram, per route. */
async function metricsBuckets(baseUrl: string): Promise<Map<string, Map<string, number>>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const out = new Map<string, Map<string, number>>();
  for (const m of text.matchAll(/^http_request_duration_seconds_bucket\{([^}]*)\} (\d+(?:\.\d+)?)$/gm)) {
    const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    const route = labels.route!;
    const le = labels.le!;
    const byLe = out.get(route) ?? new Map<string, number>();
    byLe.set(le, (byLe.get(le) ?? 0) + Number(m[2]));
    out.set(route, byLe);
  }
  return out;
}

function shareWithin(before: Map<string, Map<string, number>>, after: Map<string, Map<string, number>>, route: string, le: string): number | null {
  const diff = (l: string) => (after.get(route)?.get(l) ?? 0) - (before.get(route)?.get(l) ?? 0);
  const total = diff('+Inf');
  return total > 0 ? diff(le) / total : null;
}

async function postmasterPid(target: Target): Promise<number | null> {
  try {
    const backend = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(target.db)).rows[0]!.pid);
    const text = fs.readFileSync(`/proc/${backend}/stat`, 'utf8');
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null; // PostgreSQL on another machine: its CPU is not ours to read
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      'skip-import': { type: 'boolean', default: false },
      'skip-overload': { type: 'boolean', default: false },
      'import-rows': { type: 'string' },
      connections: { type: 'string' },
      'log-level': { type: 'string', default: 'warn' },
      seed: { type: 'string', default: '1' },
      'no-update': { type: 'boolean', default: false },
      'node-options': { type: 'string', default: SERVER_NODE_OPTIONS },
    },
  });
  const quick = values.quick!;
  const wanted = Number((values.reports ?? (quick ? '20000' : '1000000')).replaceAll('_', ''));
  const seconds = Number(values.seconds ?? (quick ? 3 : 20));
  const warmupSeconds = Number(values.warmup ?? (quick ? 1 : 5));
  const importRows = Number((values['import-rows'] ?? (quick ? '20000' : '1000000')).replaceAll('_', ''));
  const seed = Number(values.seed);
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim().toUpperCase())) : null;
  for (const pair of (values.connections ?? '').split(',').filter(Boolean)) {
    const [id, count] = pair.split('=');
    if (!id || !(id in CONNECTIONS) || !Number(count)) throw new Error(`--connections takes ID=N pairs (IDs: ${Object.keys(CONNECTIONS).join(', ')}), got "${pair}"`);
    CONNECTIONS[id as WorkloadId] = Number(count);
  }
  if (os.platform() !== 'linux') say('! CPU and memory are read from /proc: on this system they will be missing');

  // Quality first (no database): how well pins find their district and texts their category.
  let quality: BenchResults['quality'] = null;
  if (fs.existsSync(TRAFFY_SAMPLE)) {
    const locator = measureLocatorMatchRate(TRAFFY_SAMPLE);
    const suggester = measureSuggester(TRAFFY_SAMPLE, categoryReference());
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    say(`· district locator on the Traffy sample: ${locator.matched}/${locator.rows} in the named district (${pct(locator.rate)}), ${locator.neighbouring} in a neighbour, ${locator.outside} outside`);
    say(`· category suggester: seed only top-1 ${pct(suggester.seedOnly.top1)}, top-3 ${pct(suggester.seedOnly.top3)}; learned (${suggester.learned.folds}-fold) top-1 ${pct(suggester.learned.top1)}, top-3 ${pct(suggester.learned.top3)}`);
    quality = { locator, suggester };
  }

  say('· opening the benchmark database');
  const target = await openTarget({ databaseUrl: values['database-url'] ?? null, dataDir: values['data-dir'] ?? null, log: (m) => say(`  ${m}`), finishInterruptedLoad: false });
  let server: ServerHandle | null = null;
  try {
    let reports = await countReports(target.db);
    if (reports < wanted) {
      say(`· the database has ${fmt(reports)} reports; generating ${fmt(wanted - reports)} more (npm run bench:data does the same)`);
      let last = 0;
      await loadReports(target.db, target.connectionString, {
        count: wanted - reports, batchSize: 20_000, seed, years: 3, bulkIndexes: wanted - reports >= reports,
        log: (m) => say(`\n  ${m}`),
        onProgress: (p) => {
          if (p.seconds - last < 2) return;
          last = p.seconds;
          process.stdout.write(`\r  ${fmt(p.reports)} / ${fmt(wanted - reports)} reports, ${fmt(p.reports / p.seconds)}/s   `);
        },
      });
      reports = await countReports(target.db);
      say('');
    } else {
      await finishInterruptedLoad(target.db, (m) => say(`  ${m}`));
    }
    say(`· ${target.version}, ${target.embedded ? 'embedded' : 'external'}: ${fmt(reports)} reports`);
    const pgPid = await postmasterPid(target);
    const stats = (await sql<{ events: string; size: string }>`select (select reltuples::bigint from pg_class where relname = 'report_events')::text as events, pg_database_size(current_database())::text as size`.execute(target.db)).rows[0]!;
    const settings = Object.fromEntries((await sql<{ name: string; setting: string }>`
      select name, current_setting(name) as setting from pg_settings where name in ('shared_buffers', 'work_mem', 'synchronous_commit', 'max_connections', 'effective_cache_size')`.execute(target.db)).rows.map((r) => [r.name, r.setting]));
    say('· preparing inputs (codes, points, searches, new reports)');
    const inputs: WorkloadInputs = await prepareInputs(target.db, reports, seed);

    say('· starting the server');
    server = await startServer({ dataDir: target.dataDir, databaseUrl: target.embedded ? null : target.connectionString, logLevel: values['log-level']!, nodeOptions: values['node-options'] });
    // Let start-up work (the suggester trains on the newest reports) finish before measuring.
    for (let i = 0; i < 30; i++) {
      const w = watch({ single: { s: server.pid }, trees: {} });
      await new Promise((r) => setTimeout(r, 1000));
      if (w.stop().s!.cpuPercent < 10) break;
    }

    const watched: { single: Record<string, number>; trees: Record<string, number> } = { single: { server: server.pid }, trees: pgPid ? { postgres: pgPid } : {} };
    const measure = async (id: WorkloadId): Promise<WorkloadResult> => {
      const job: Job = { id, baseUrl: server!.baseUrl, connections: CONNECTIONS[id], seconds, warmupSeconds, inputs };
      const before = await metricsBuckets(server!.baseUrl);
      const watcher = watch(watched);
      const run = await runChild('bench/lib/loadgen.ts', job);
      const usage = watcher.stop();
      const after = await metricsBuckets(server!.baseUrl);
      const w = WORKLOADS[id];
      const result: WorkloadResult = {
        id, name: w.name, request: w.request, connections: job.connections,
        requests: run.result.requests, seconds: run.result.seconds, perSecond: run.result.perSecond,
        latencyMs: run.result.latencyMs, serverMs: run.result.serverMs,
        serverWithin5ms: id === 'W3' ? shareWithin(before, after, '/api/v1/reports/nearby', '0.005') : null,
        errors: run.result.errors + run.result.timeouts, statuses: run.result.statuses,
        serverCpuPercent: usage.server?.cpuPercent ?? null, postgresCpuPercent: usage.postgres?.cpuPercent ?? null,
        loadgenCpuPercent: run.cpuPercent, serverPeakRssMb: usage.server?.peakRssMb ?? null,
      };
      const rate = run.result.requests / Math.max(0.001, run.result.seconds);
      const perRequest = (pct: number | null | undefined) => (pct === null || pct === undefined || rate === 0 ? null : Math.round((pct * 10 / rate) * 100) / 100);
      result.serverCpuMsPerRequest = perRequest(result.serverCpuPercent);
      result.postgresCpuMsPerRequest = perRequest(result.postgresCpuPercent);
      const bad = Object.entries(result.statuses).filter(([s]) => Number(s) >= 400).map(([s, c]) => `${c}×${s}`).join(' ');
      say(`  ${w.name.padEnd(58)} ${fmt(result.perSecond).padStart(7)}/s  p50 ${result.latencyMs.p50} ms  p95 ${result.latencyMs.p95} ms  p99 ${result.latencyMs.p99} ms  CPU/req server ${result.serverCpuMsPerRequest} ms, PG ${result.postgresCpuMsPerRequest} ms${bad ? `  (${bad})` : ''}`);
      await new Promise((r) => setTimeout(r, 1500));
      return result;
    };

    say(`· ceilings (${warmupSeconds} s warm-up, ${seconds} s measured each)`);
    const http = await measure('ceiling-http');
    const dbRun = await (async () => {
      const watcher = watch(watched);
      const run = await runChild('bench/lib/db-ceiling.ts', { connectionString: target.connectionString, poolSize: SERVER_POOL_SIZE, connections: CONNECTIONS['ceiling-db'], seconds, warmupSeconds });
      const usage = watcher.stop();
      return { run, usage };
    })();
    const database: WorkloadResult = {
      id: 'ceiling-db', name: 'DB ceiling: bare single-row INSERT, own transaction', request: `INSERT … (pool of ${SERVER_POOL_SIZE})`,
      connections: CONNECTIONS['ceiling-db'], requests: dbRun.run.result.requests, seconds: dbRun.run.result.seconds, perSecond: dbRun.run.result.perSecond,
      latencyMs: dbRun.run.result.latencyMs, serverMs: null, serverWithin5ms: null, errors: dbRun.run.result.errors, statuses: {},
      serverCpuPercent: null, postgresCpuPercent: dbRun.usage.postgres?.cpuPercent ?? null, loadgenCpuPercent: dbRun.run.cpuPercent, serverPeakRssMb: null,
    };
    say(`  ${database.name.padEnd(58)} ${fmt(database.perSecond).padStart(7)}/s  p50 ${database.latencyMs.p50} ms  p99 ${database.latencyMs.p99} ms`);

    say('· workloads');
    const workloads: WorkloadResult[] = [];
    for (const id of ORDER) if (!only || only.has(id)) workloads.push(await measure(id));

    const lower = Math.min(http.perSecond, database.perSecond);
    const check = (w: WorkloadResult): TargetCheck | undefined => {
      const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
      switch (w.id) {
        case 'W1': return { text: '≥ 50 % of the lower ceiling', met: w.perSecond >= 0.5 * lower, measured: `${pct(w.perSecond / lower)} of ${fmt(lower)}/s` };
        case 'W2': return { text: '≥ 60 % of the HTTP ceiling', met: w.perSecond >= 0.6 * http.perSecond, measured: `${pct(w.perSecond / http.perSecond)}` };
        case 'W3': {
          if (w.serverMs) return { text: 'p99 ≤ 5 ms server time', met: w.serverMs.p99 <= 5, measured: `server p99 ${w.serverMs.p99} ms` };
          return { text: 'p99 ≤ 5 ms server time', met: w.serverWithin5ms === null ? null : w.serverWithin5ms >= 0.99, measured: w.serverWithin5ms === null ? 'no server histogram' : `${(w.serverWithin5ms * 100).toFixed(1)} % within 5 ms` };
        }
        case 'W4': return { text: 'p99 ≤ 50 ms', met: w.latencyMs.p99 <= 50, measured: `p99 ${w.latencyMs.p99} ms` };
        case 'W5': return { text: 'p95 ≤ 20 ms', met: w.latencyMs.p95 <= 20, measured: `p95 ${w.latencyMs.p95} ms` };
        case 'W7': return { text: 'p99 ≤ 50 ms', met: w.latencyMs.p99 <= 50, measured: `p99 ${w.latencyMs.p99} ms` };
        default: return undefined;
      }
    };
    for (const w of workloads) w.target = check(w);

    let overload: OverloadResult | null = null;
    if (!values['skip-overload'] && (!only || only.has('OVERLOAD'))) {
      const sustainable = workloads.find((w) => w.id === 'W1') ?? await measure('W1');
      overload = await floodAndRecover({ sustainable, baseUrl: server.baseUrl, seconds, inputs, watched, run: (job) => runChild('bench/lib/loadgen.ts', job) });
      say(`  ${overload.summary}`);
    }

    const serverPeak = Math.max(...workloads.map((w) => w.serverPeakRssMb ?? 0), http.serverPeakRssMb ?? 0, overload?.flood.serverPeakRssMb ?? 0, peakRssMb(server.pid) ?? 0);
    await server.stop();
    server = null;

    let imported: BenchResults['import'] = null;
    if (!values['skip-import'] && (!only || only.has('W6'))) {
      say('· W6: the Traffy importer');
      const result = await runImport({ db: target.db, connectionString: target.connectionString, dataDir: target.dataDir, rows: importRows, seed, postmasterPid: pgPid, log: (m) => say(`  ${m}`) });
      imported = { ...result, target: { text: '≥ 50,000 rows/s', met: result.rowsPerSecond >= 50_000, measured: `${fmt(result.rowsPerSecond)} rows/s` } };
      say(`  ${fmt(result.imported)} imported, ${fmt(result.rejected)} rejected in ${result.seconds} s: ${fmt(result.rowsPerSecond)} rows/s (${fmt(result.searchable)} searchable when the importer exited: ${fmt(result.searchableRowsPerSecond)} rows/s)`);
    }

    if (!quick) say('· building the web app to weigh the report pages');
    const web = quick ? null : reportPageBundle();
    const results: BenchResults = {
      at: new Date().toISOString(),
      label: target.embedded ? 'embedded' : 'external',
      quick,
      machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, os: `${os.type()} ${os.release()}` },
      database: { version: target.version, kind: target.embedded ? 'embedded' : 'external', reports, timelineEvents: Number(stats.events), sizeMb: Math.round(Number(stats.size) / 2 ** 20), settings },
      settings: { seconds, warmupSeconds, logLevel: values['log-level']!, serverPoolSize: SERVER_POOL_SIZE, nodeOptions: values['node-options'] ?? null },
      ceilings: { http, database },
      workloads,
      import: imported,
      overload,
      quality,
      memory: { serverPeakRssMb: serverPeak || null, target: { text: 'server memory under load ≤ 300 MB RSS', met: serverPeak ? serverPeak <= 300 : null, measured: `peak ${serverPeak} MB` } },
      web: web ? { reportPageJsGzipKb: web.gzipKb, note: web.note, target: { text: 'citizen report page JS ≤ 150 KB gzipped', met: web.gzipKb <= 150, measured: `${web.gzipKb} KB` } } : null,
    };
    const file = writeResults(results);
    say(`✓ results written to ${path.relative(process.cwd(), file)}`);
    if (!values['no-update'] && !quick) {
      updateBenchmarksMd(results);
      say('✓ BENCHMARKS.md and bench/BENCHMARKS.svg updated');
    }
    for (const w of [...workloads]) if (w.target) say(`  ${w.target.met ? '✓' : w.target.met === null ? '?' : '✗'} ${w.id} ${w.target.text}: ${w.target.measured}`);
    if (imported) say(`  ${imported.target.met ? '✓' : '✗'} W6 ${imported.target.text}: ${imported.target.measured}`);
    if (overload) say(`  ${overload.target.met ? '✓' : '✗'} overload: ${overload.target.text}: ${overload.target.measured}`);
    say(`  ${results.memory.target.met ? '✓' : '✗'} ${results.memory.target.text}: ${results.memory.target.measured}`);
    if (results.web) say(`  ${results.web.target.met ? '✓' : '✗'} ${results.web.target.text}: ${results.web.target.measured}`);
  } finally {
    if (server) {
      say(server.output().slice(-2000));
      await server.stop();
    }
    await target.close();
  }
}

main().catch((error) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
