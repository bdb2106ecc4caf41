/**
 * `npm run bench`: measurements, never pass/fail timing in tests (DESIGN §9).
 *
 * Quality: the district locator's match rate and the category suggester's top-1/top-3
 * accuracy on the Traffy Fondue sample. Speed: each workload is reported next to a
 * ceiling measured in the same run on the same machine — the bare HTTP round trip
 * (/health/live) and the bare database round trip (select 1) — so the numbers say how
 * much of the machine's own limit the platform reaches, not a number from elsewhere.
 * Results go to bench/results/latest.json (and a timestamped copy).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { buildApp } from '../server/app.ts';
import { loadConfig, REPO_ROOT } from '../server/platform/config/config.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';
import { measureLocatorMatchRate } from '../server/platform/geo/locator-benchmark.ts';
import { createOrganizationService } from '../server/modules/organization/organization.service.ts';
import { categoryReference } from '../server/modules/organization/reference-data.ts';
import { measureSuggester } from './suggester/measure-suggester.ts';

const SAMPLE = path.resolve(REPO_ROOT, '../shared/data/traffy-sample-2023-05.csv');

interface Throughput { name: string; requests: number; seconds: number; per_second: number; p50_ms: number; p95_ms: number; share_of_ceiling?: number }

async function measure(name: string, total: number, concurrency: number, once: (i: number) => Promise<void>): Promise<Throughput> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await once(i);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 100) / 100;
  return { name, requests: total, seconds: Math.round(seconds * 1000) / 1000, per_second: Math.round(total / seconds), p50_ms: pct(0.5), p95_ms: pct(0.95) };
}

async function main() {
  if (!fs.existsSync(SAMPLE)) throw new Error(`The Traffy sample is missing at ${SAMPLE}; it ships in ../shared/data beside the repository.`);
  console.log('· district locator on the Traffy sample');
  const locator = measureLocatorMatchRate(SAMPLE);
  console.log(`  ${locator.matched}/${locator.rows} in the named district (${(locator.rate * 100).toFixed(1)}%), ${locator.neighbouring} in a neighbour, ${locator.outside} outside Bangkok`);

  console.log('· category suggester on the Traffy sample');
  const suggester = measureSuggester(SAMPLE, categoryReference());
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`  seed only (new installation): top-1 ${pct(suggester.seedOnly.top1)}, top-3 ${pct(suggester.seedOnly.top3)} on ${suggester.seedOnly.n} reports (target top-3 ≥ 60%)`);
  console.log(`  learned (${suggester.learned.folds}-fold cross-validation): top-1 ${pct(suggester.learned.top1)}, top-3 ${pct(suggester.learned.top3)} (target top-3 ≥ 85%)`);

  console.log('· HTTP and database throughput against same-run ceilings');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-bench-'));
  const config = { ...loadConfig({ ...process.env, DATA_DIR: dataDir, TILE_URL: '' }), webDir: path.join(dataDir, 'none') };
  const database = await openDatabase(config, () => {}, { poolSize: 20 });
  const throughput: Throughput[] = [];
  try {
    await createOrganizationService(database.db).loadReference();
    // The load is generated in this same process (app.inject), so the event loop is busy
    // by construction: load shedding would measure the generator, not the server.
    const app = await buildApp({ config, db: database.db, logger: { level: 'warn' }, background: false, loadShedding: false });
    await app.ready();
    // Each simulated person has their own address, as on the internet; the per-address
    // intake limit (30 a minute) is a defence, not the thing measured here.
    let caller = 0;
    const inject = (url: string, method: 'GET' | 'POST' = 'GET', payload?: object) => {
      caller += 1;
      return app.inject({ method, url, payload, remoteAddress: `127.${(caller >> 16) & 255}.${(caller >> 8) & 255}.${caller & 255}` });
    };

    const httpCeiling = await measure('ceiling: GET /health/live', 4000, 16, async () => { await inject('/health/live'); });
    const dbCeiling = await measure('ceiling: select 1', 4000, 16, async () => { await sql`select 1`.execute(database.db); });
    throughput.push(httpCeiling, dbCeiling);
    const file = await measure('POST /api/v1/reports (file a report)', 500, 8, async (i) => {
      const r = await inject('/api/v1/reports', 'POST', { category: 'road', description: `ถนนเป็นหลุมลึก หน้าซอย ${i}`, lat: 13.72 + (i % 30) * 0.001, lng: 100.52 + (i % 20) * 0.001 });
      if (r.statusCode !== 201) throw new Error(`file failed: ${r.statusCode} ${r.body}`);
    });
    const list = await measure('GET /api/v1/reports (public list)', 1000, 16, async () => { await inject('/api/v1/reports?page_size=20'); });
    const search = await measure('GET /api/v1/reports?q= (Thai search)', 1000, 16, async () => { await inject(`/api/v1/reports?q=${encodeURIComponent('ถนนหลุม')}`); });
    const suggest = await measure('GET /api/v1/categories/suggest', 2000, 16, async () => { await inject(`/api/v1/categories/suggest?text=${encodeURIComponent('ไฟดับทั้งซอย มืดมาก')}`); });
    const figures = await measure('GET /api/v1/figures?group_by=district', 300, 8, async () => { await inject('/api/v1/figures?group_by=district'); });
    for (const w of [file, list, search, suggest, figures]) {
      w.share_of_ceiling = Math.round((w.per_second / httpCeiling.per_second) * 1000) / 1000;
      throughput.push(w);
    }
    await app.close();
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const w of throughput) {
    console.log(`  ${w.name.padEnd(42)} ${String(w.per_second).padStart(6)}/s  p50 ${w.p50_ms} ms  p95 ${w.p95_ms} ms${w.share_of_ceiling !== undefined ? `  (${(w.share_of_ceiling * 100).toFixed(1)}% of the HTTP ceiling)` : ''}`);
  }

  const results = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    locator,
    suggester,
    throughput,
  };
  const dir = path.join(REPO_ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(dir, `bench-${results.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(results, null, 2));
  console.log(`\n✓ results written to bench/results/latest.json`);
}

main().catch((error) => {
  console.error(`✗ ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
