/**
 * `npm run bench:data -- --reports 1000000`: fills the benchmark database with reports
 * shaped like Bangkok's (bench/lib/model.ts), loaded with COPY. Adds to what is there;
 * use a fresh DATA_DIR (default var/bench) or database for an exact count. A load that
 * at least doubles the reports table drops the secondary indexes first and builds them
 * once at the end (bench/lib/bulk-indexes.ts).
 *
 *   --reports N        how many reports to add (default 100000)
 *   --years Y          how far back they go (default 3)
 *   --seed S           random seed, for the same data twice (default 1)
 *   --batch B          reports per COPY batch (default 20000)
 *   --database-url U   an external PostgreSQL (else DATABASE_URL, else the embedded one in DATA_DIR)
 */
import { parseArgs } from 'node:util';
import { countReports, openTarget } from './lib/target.ts';
import { loadReports } from './lib/load.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const duration = (s: number) => (s < 90 ? `${s.toFixed(0)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`);

async function main() {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: '100000' },
      years: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      batch: { type: 'string', default: '20000' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const count = Number(values.reports!.replaceAll('_', ''));
  const years = Number(values.years);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--reports must be a whole number ≥ 1, got "${values.reports}"`);
  if (!(years > 0 && years <= 20)) throw new Error(`--years must be between 0 and 20, got "${values.years}"`);
  if (!Number.isInteger(batchSize) || batchSize < 100) throw new Error(`--batch must be a whole number ≥ 100, got "${values.batch}"`);

  // The load finishes an interrupted one's index builds itself (or drops them again for a bulk load).
  const target = await openTarget({ databaseUrl: values['database-url'] ?? null, dataDir: values['data-dir'] ?? null, log: (m) => console.log(`· ${m}`), finishInterruptedLoad: false });
  try {
    const before = await countReports(target.db);
    console.log(`· ${target.version} ${target.embedded ? `(embedded, ${target.dataDir})` : '(external)'}: ${fmt(before)} reports already`);
    console.log(`· generating ${fmt(count)} reports over ${years} years, seed ${values.seed}, in batches of ${fmt(batchSize)}`);
    let lastPrint = 0;
    const summary = await loadReports(target.db, target.connectionString, {
      count,
      batchSize,
      years,
      seed: Number(values.seed),
      // A load that at least doubles the table builds its indexes once, at the end.
      bulkIndexes: count >= before,
      log: (m) => console.log(`\n· ${m}`),
      onProgress: (p) => {
        if (p.seconds - lastPrint < 1 && p.reports < count) return;
        lastPrint = p.seconds;
        const rate = p.reports / p.seconds;
        const eta = (count - p.reports) / rate;
        process.stdout.write(`\r· ${fmt(p.reports)} / ${fmt(count)} reports (${((p.reports / count) * 100).toFixed(0)}%), ${fmt(rate)} reports/s, ${fmt(p.rows / p.seconds)} rows/s, ${duration(eta)} left   `);
      },
    });
    console.log('');
    console.log(`✓ ${fmt(summary.reports)} reports in ${duration(summary.seconds)}: ${fmt(summary.reportsPerSecond)} reports/s, ${fmt(summary.rowsPerSecond)} rows/s (${Object.entries(summary.rows).map(([t, n]) => `${t} ${fmt(n)}`).join(', ')})`);
    if (summary.indexSeconds !== null) console.log(`  indexes built in ${summary.indexSeconds.toFixed(1)}s, beside the rollups`);
    console.log(`  figure rollups rebuilt in ${summary.rollupSeconds.toFixed(1)}s; filed ${summary.model.from.slice(0, 10)} … ${summary.model.to.slice(0, 10)}, ${summary.model.stormDays} storm days; categories from ${summary.model.categorySource}`);
    const share = (n: number) => `${(n * 100).toFixed(1)}%`;
    console.log(`  states ${Object.entries(summary.shares.states).map(([s, n]) => `${s} ${share(n / summary.reports)}`).join(', ')}; forwarded ${share(summary.shares.forwarded)}, co-owned ${share(summary.shares.coowned)}`);
    console.log(`  the database now holds ${fmt(before + summary.reports)} reports`);
  } finally {
    await target.close();
  }
}

main().catch((error) => {
  console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
