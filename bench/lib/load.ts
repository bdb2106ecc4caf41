/**
 * Loads generated reports with COPY: per batch, ids are drawn from the reports
 * sequence, the rows generated, then reports stream in on one connection while the
 * previous batch's timelines, photos, co-owners and audit entries stream in on others.
 * Audit entries arrive already chained (this loader holds the sealer's lock for the
 * run), and the figure rollups are rebuilt once at the end instead of row by row.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'kysely';
import { AUDIT_SEAL_LOCK, canonicalJson, chainHash, GENESIS_HASH, type ChainRow } from '../../server/platform/audit/audit.ts';
import type { Db } from '../../server/platform/db/database.ts';
import { createOrganizationService } from '../../server/modules/organization/organization.service.ts';
import { copyInto, copyRow } from '../../server/modules/reports/reports.copy.ts';
import { rebuildFigures } from '../../server/modules/transparency/transparency.rollups.ts';
import { getDistrict } from '../../server/platform/geo/index.ts';
import {
  auditAfter, COOWNER_COLUMNS, coownerRow, createGenerator, EVENT_COLUMNS, eventRows, PHOTO_COLUMNS, photoRows, REPORT_COLUMNS, reportRow,
  type Agency, type Category, type Draft, type Route,
} from './generate.ts';
import { buildModel, seededRng, type BangkokModel } from './model.ts';
import { dropSecondaryIndexes, logLeftOverBuild, restoreDroppedIndexes } from './bulk-indexes.ts';

const AUDIT_COLUMNS = ['occurred_at', 'actor_user_id', 'actor_label', 'channel', 'action', 'entity_type', 'entity_id', 'before', 'after', 'seq', 'prev_hash', 'hash'] as const;
const ACTOR = { label: 'system:bench-data', channel: 'system' };

export interface LoadOptions {
  count: number;
  batchSize: number;
  seed: number;
  years: number;
  /** Drop the loaded tables' secondary indexes first and build them once at the end (bulk-indexes.ts). */
  bulkIndexes?: boolean;
  onProgress?: (p: LoadProgress) => void;
  log?: (message: string) => void;
}

export interface LoadProgress {
  reports: number;
  rows: number;
  seconds: number;
}

export interface LoadSummary {
  reports: number;
  rows: Record<string, number>;
  totalRows: number;
  seconds: number;
  reportsPerSecond: number;
  rowsPerSecond: number;
  rollupSeconds: number;
  /** Seconds building the dropped indexes (beside the rollups), when the load dropped them. */
  indexSeconds: number | null;
  model: { from: string; to: string; categorySource: string; stormDays: number };
  shares: { forwarded: number; coowned: number; states: Record<string, number> };
}

async function loadContext(db: Db, model: BangkokModel, now: Date) {
  const organization = createOrganizationService(db);
  const [categoryRows, agencyRows, districtRows] = await Promise.all([organization.listCategories(), organization.listAgencies(), organization.listDistricts()]);
  const categories = new Map<string, Category>(categoryRows.map((c) => [c.code, c as Category]));
  const routes = new Map<string, Route>();
  for (const c of categoryRows) {
    for (const d of districtRows) {
      if (getDistrict(d.code)) routes.set(`${c.id}:${d.code}`, await organization.route(c.id, d.code));
    }
  }
  return { model, categories, agencyByCode: new Map<string, Agency>(agencyRows.map((a) => [a.code, a as Agency])), routes, now };
}

async function reserveIds(client: pg.ClientBase, n: number): Promise<string[]> {
  const result = await client.query<{ id: string }>(`select nextval(pg_get_serial_sequence('reports', 'id'))::text as id from generate_series(1, $1)`, [n]);
  return result.rows.map((r) => r.id);
}

export async function loadReports(db: Db, connectionString: string, options: LoadOptions): Promise<LoadSummary> {
  const log = options.log ?? (() => {});
  const now = new Date();
  const organization = createOrganizationService(db);
  const model = buildModel({
    categories: await organization.listCategories(),
    districts: await organization.listDistricts(),
    now,
    years: options.years,
    seed: options.seed,
  });
  const ctx = await loadContext(db, model, now);
  const rng = seededRng(options.seed);
  const generator = createGenerator(ctx, rng);
  const pool = new pg.Pool({ connectionString, max: 6, options: '-c timezone=UTC' });
  const reportsClient = await pool.connect();
  const auditClient = await pool.connect();
  const rows: Record<string, number> = { reports: 0, report_events: 0, report_photos: 0, report_coowners: 0, audit_log: 0 };
  const states: Record<string, number> = { received: 0, in_progress: 0, fixed: 0, closed: 0 };
  let forwarded = 0;
  let coowned = 0;
  let loaded = false;
  const started = performance.now();
  try {
    if (options.bulkIndexes) {
      // Indexes an interrupted load left dropped stay listed and are built with these.
      const dropped = await dropSecondaryIndexes(reportsClient);
      log(`dropped ${dropped.length} secondary indexes for the load; they are built once at the end`);
    } else {
      await restoreDroppedIndexes(pool, { onBuilt: logLeftOverBuild(log) });
    }
    // Rollups are rebuilt once at the end: per-statement capture would only slow the load.
    await reportsClient.query(`set demopolis.figures_capture = 'off'`);
    // The chain is extended here, in order, while no other sealer may run.
    await auditClient.query('select pg_advisory_lock($1)', [AUDIT_SEAL_LOCK]);
    const head = (await auditClient.query<{ seq: string; hash: string }>('select seq::text as seq, hash from audit_log where seq is not null order by audit_log.seq desc limit 1')).rows[0];
    let seq = BigInt(head?.seq ?? '0');
    let prevHash = head?.hash ?? GENESIS_HASH;

    let children: Promise<unknown> = Promise.resolve();
    let done = 0;
    while (done < options.count) {
      const size = Math.min(options.batchSize, options.count - done);
      const ids = await reserveIds(reportsClient, size);
      const drafts: Draft[] = [];
      for (let i = 0; i < size; i++) {
        drafts.push(generator.draft(ids[i]!));
        // Let the previous batch's COPY streams keep flowing while this one is generated.
        if (i % 500 === 499) await yieldToLoop();
      }
      // A code drawn in an earlier run may already be taken: draw again for those.
      const taken = new Set((await reportsClient.query<{ code: string }>('select code from reports where code = any($1)', [drafts.map((d) => d.code)])).rows.map((r) => r.code));
      for (const d of drafts) if (taken.has(d.code)) d.code = generator.nextCode(d.story.createdAt);

      let reportText = '';
      let eventText = '';
      let photoText = '';
      let coownerText = '';
      let auditText = '';
      for (const d of drafts) {
        reportText += reportRow(d);
        eventText += eventRows(d);
        photoText += photoRows(d, rng);
        coownerText += coownerRow(d);
        const entry: ChainRow = {
          occurred_at: new Date(d.story.createdAt.getTime()), actor_user_id: null, actor_label: ACTOR.label, channel: ACTOR.channel,
          action: 'report.create', entity_type: 'report', entity_id: d.code, before: null, after: JSON.parse(canonicalJson(auditAfter(d))),
        };
        seq += 1n;
        const hash = chainHash(prevHash, entry);
        auditText += copyRow([entry.occurred_at, null, entry.actor_label, entry.channel, entry.action, entry.entity_type, entry.entity_id, null, canonicalJson(entry.after), seq, prevHash, hash]);
        prevHash = hash;
        states[d.state] = (states[d.state] ?? 0) + 1;
        if (d.forwardTo) forwarded += 1;
        if (d.coowner) coowned += 1;
      }
      await children;
      rows.reports! += await copyInto(reportsClient, 'reports', REPORT_COLUMNS, [reportText]);
      const copyWith = (table: string, columns: readonly string[], text: string) => async () => {
        if (!text) return;
        const client = await pool.connect();
        try {
          rows[table]! += await copyInto(client, table, columns, [text]);
        } finally {
          client.release();
        }
      };
      children = Promise.all([
        copyWith('report_events', EVENT_COLUMNS, eventText)(),
        copyWith('report_photos', PHOTO_COLUMNS, photoText)(),
        copyWith('report_coowners', COOWNER_COLUMNS, coownerText)(),
        copyInto(auditClient, 'audit_log', AUDIT_COLUMNS, [auditText]).then((n) => { rows.audit_log! += n; }),
      ]);
      done += size;
      options.onProgress?.({ reports: done, rows: Object.values(rows).reduce((a, b) => a + b, 0), seconds: (performance.now() - started) / 1000 });
    }
    await children;
    loaded = true;
  } finally {
    await auditClient.query('select pg_advisory_unlock($1)', [AUDIT_SEAL_LOCK]).catch(() => undefined);
    auditClient.release();
    reportsClient.release();
    // A failed load leaves any dropped indexes in the ledger: the next bench run builds them.
    if (!loaded) await pool.end();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`rebuilding the figure rollups${options.bulkIndexes ? ', building the indexes beside them,' : ''} and refreshing planner statistics`);
  const finishing = performance.now();
  let rollupSeconds = 0;
  let indexSeconds: number | null = null;
  try {
    const [rollups, indexes] = await Promise.allSettled([
      rebuildFigures(db).then(() => { rollupSeconds = (performance.now() - finishing) / 1000; }),
      // One build at a time: the rollup takes the other core.
      restoreDroppedIndexes(pool, { parallel: 1, onBuilt: (index, s) => log(`  built ${index.name} in ${s.toFixed(0)}s`) })
        .then((built) => { if (built.length > 0) indexSeconds = (performance.now() - finishing) / 1000; }),
    ]);
    // Both finished either way (no statement left running on an ended pool); then the first failure.
    for (const outcome of [rollups, indexes]) if (outcome.status === 'rejected') throw outcome.reason;
  } finally {
    await pool.end();
  }
  await sql`analyze reports, report_events, report_photos, report_coowners, audit_log, report_figures, report_figure_times`.execute(db);
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);
  return {
    reports: rows.reports!,
    rows,
    totalRows,
    seconds,
    reportsPerSecond: Math.round(rows.reports! / seconds),
    rowsPerSecond: Math.round(totalRows / seconds),
    rollupSeconds,
    indexSeconds,
    model: { from: model.start.toISOString(), to: model.now.toISOString(), categorySource: model.categorySource, stormDays: model.stormDays },
    shares: { forwarded: forwarded / Math.max(1, rows.reports!), coowned: coowned / Math.max(1, rows.reports!), states },
  };
}
