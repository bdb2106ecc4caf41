/**
 * W6: the Traffy importer, run the way an operator runs it (`server/main.ts import
 * traffy FILE`, its own process), on a generated file, into a database of its own in
 * the same PostgreSQL — created, migrated, then dropped — so the benchmark dataset
 * does not grow by the file at every run.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Db } from '../../server/platform/db/database.ts';
import { openDatabase } from '../../server/platform/db/open-database.ts';
import { loadConfig } from '../../server/platform/config/config.ts';
import { createOrganizationService } from '../../server/modules/organization/organization.service.ts';
import { watch, type Usage } from './procstat.ts';
import { spawnTs } from './server.ts';
import { writeTraffyCsv } from './traffy-csv.ts';

export interface ImportResult {
  rows: number;
  imported: number;
  rejected: number;
  seconds: number;
  rowsPerSecond: number;
  /**
   * Imported reports findable by search when the importer exited, and the file's rows per
   * second counted until then. The importer writes each row's search vector in the same
   * transaction as the row, so this equals rowsPerSecond — measured, not assumed.
   */
  searchable: number;
  searchableRowsPerSecond: number;
  fileMb: number;
  importerCpuPercent: number;
  postgresCpuPercent: number | null;
  importerPeakRssMb: number | null;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function runImport(options: {
  db: Db;
  connectionString: string;
  dataDir: string;
  rows: number;
  seed: number;
  postmasterPid: number | null;
  log: (m: string) => void;
}): Promise<ImportResult> {
  const file = path.join(options.dataDir, `traffy-bench-${options.rows}-${options.seed}.csv`);
  if (!fs.existsSync(file)) {
    options.log(`writing a ${options.rows.toLocaleString('en-US')}-row Traffy CSV to ${file}`);
    await writeTraffyCsv(options.db, `${file}.partial`, options.rows, options.seed, (done) => process.stdout.write(`\r  ${done.toLocaleString('en-US')} rows`));
    fs.renameSync(`${file}.partial`, file);
    process.stdout.write('\n');
  }
  const name = `demopolis_bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: withDatabase(options.connectionString, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(`W6 needs to create a scratch database (${name}) and could not: ${error instanceof Error ? error.message : String(error)}. Give the user CREATEDB, or run with --skip-import.`);
  }
  const url = withDatabase(options.connectionString, name);
  try {
    // Migrated and with reference data, as a fresh installation before its first import.
    const scratch = await openDatabase(loadConfig({ ...process.env, DATABASE_URL: url, DATA_DIR: options.dataDir, TILE_URL: '' }), () => {}, { poolSize: 2 });
    await createOrganizationService(scratch.db).loadReference();
    await scratch.close();

    options.log(`importing it with "server/main.ts import traffy" into a fresh database`);
    const started = performance.now();
    const child = spawnTs('server/main.ts', ['import', 'traffy', file], { ...process.env, DATABASE_URL: url, DATA_DIR: options.dataDir });
    const watcher = watch({ single: { importer: child.pid! }, trees: options.postmasterPid ? { postgres: options.postmasterPid } : {} });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      const progress = /rows read (\d+)\s*$/.exec(output);
      if (progress) process.stdout.write(`\r  ${Number(progress[1]).toLocaleString('en-US')} rows read`);
    });
    child.stderr?.on('data', (c: Buffer) => { output += c.toString(); });
    const code: number = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
    const usage: Record<string, Usage> = watcher.stop();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write('\n');
    if (code !== 0) throw new Error(`the importer failed (exit ${code}):\n${output.slice(-3000)}`);
    const summary = /✓ import finished: (\d+) imported, (\d+) skipped[^,]*, (\d+) rejected/.exec(output);
    const imported = summary ? Number(summary[1]) : 0;
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const searchable = Number((await check.query<{ n: string }>("select count(*) as n from reports where external_source = 'traffy' and search <> ''::tsvector")).rows[0]!.n);
    await check.end();
    // Rows whose vector is still missing would become searchable later: not by the time measured.
    const searchableShare = imported > 0 ? searchable / imported : 1;
    return {
      rows: options.rows,
      imported,
      rejected: summary ? Number(summary[3]) : 0,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(options.rows / seconds),
      searchable,
      searchableRowsPerSecond: Math.round((options.rows * searchableShare) / seconds),
      fileMb: Math.round(fs.statSync(file).size / 2 ** 20),
      importerCpuPercent: usage.importer!.cpuPercent,
      postgresCpuPercent: usage.postgres?.cpuPercent ?? null,
      importerPeakRssMb: usage.importer!.peakRssMb,
    };
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}
