/**
 * Imports a Traffy Fondue open-dataset CSV as reports, so Bangkok's existing history is
 * on the map from day one. The file is streamed (the full dump is millions of rows) and
 * written in batches, one transaction each; a rerun skips every ticket already stored,
 * so an interrupted import is finished by running it again.
 *
 * Three stages overlap, so the two cores of a small machine both work: the main thread
 * reads, checks, locates and routes a batch; worker threads compute its search vectors
 * (Thai word-splitting is the costliest step of a row); PostgreSQL stores the batch
 * before it. Every row is searchable when its batch commits, as with the live intake.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse';
import type pg from 'pg';
import { poolOf, type Db, type Tx } from '../../platform/db/database.ts';
import { findDistrictByName } from '../../platform/geo/index.ts';
import { createDistrictGrid } from '../../platform/geo/district-grid.ts';
import { createOrganizationService, type RouteDecision } from '../organization/organization.service.ts';
import { newTrackingCode } from './reports.codes.ts';
import { MAX_DESCRIPTION } from './reports.intake.service.ts';
import { reportsRepository as repo } from './reports.repository.ts';
import { bulkRepository as bulk } from './reports.bulk.repository.ts';
import { searchText } from './reports.search.ts';
import { createSuggesterHolder } from './reports.suggester.ts';
import {
  createAgencyMatcher, outcomeOf, parseTraffyRecord, REQUIRED_COLUMNS, TRAFFY_COLUMNS, type TraffyRecord,
} from './traffy-import.parse.ts';
import { appendTicket, publicIds, timeline, type CopyTexts, type Planned } from './traffy-import.rows.ts';
import { createSearchVectorPool, defaultSearchWorkers, type SearchVectorPool } from './traffy-search-pool.ts';

export { IMPORT_NOTE_TH, TRAFFY_SOURCE } from './traffy-import.rows.ts';
/**
 * Rows per transaction: large enough for COPY and the per-statement work (the figures
 * trigger, the duplicate and code checks) to pay, small enough to redo after a failure.
 */
const BATCH_SIZE = 5000;
/**
 * The importer's own limit for the search index's pending list: above what a batch adds
 * (~22 MB, 2,900 pages, for 5,000 reports), so a batch is merged once, explicitly, before
 * it commits (~0.45 s for a batch). Searches meanwhile read the batch's pending entries
 * too: measured on 100,000 reports, a search took 4.2 ms at p50 with a full batch pending
 * against 0.8 ms with none, and one merging beside them did not hold them up (max 37 ms).
 */
const BULK_PENDING_LIST = '64MB';
/** Batches read ahead of the one being stored: enough to keep every stage busy. */
const IN_FLIGHT = 2;
const LEARN_LIMIT = 50_000;
/** A category with no Traffy type and no suggestion goes where the district office sorts it. */
const FALLBACK_CATEGORY = 'complaint';

export interface ImportRejection {
  line: number;
  ticket: string | null;
  reason: string;
}

export interface ImportSummary {
  imported: number;
  skipped: number;
  rejected: ImportRejection[];
}

type Context = Awaited<ReturnType<typeof loadContext>>;
type AgencyRow = Context['agencies'][number];

export interface ImportOptions {
  onProgress?: (rowsRead: number) => void;
  /** Worker threads for search vectors; 0 computes them inline. Default: one per spare core, at most 2. */
  searchWorkers?: number;
  /** Rows per transaction (tests make it small to cross batch boundaries). */
  batchSize?: number;
}

export async function importTraffyCsv(db: Db, file: string, opts: ImportOptions = {}): Promise<ImportSummary> {
  await fs.promises.access(file, fs.constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read "${file}" (${error.code ?? error.message}). Give the path of a Traffy Fondue CSV file.`);
  });
  const ctx = await loadContext(db);
  const summary: ImportSummary = { imported: 0, skipped: 0, rejected: [] };
  const pool = poolOf(db);
  if (!pool) throw new Error('The importer needs the database pool behind this connection (createDb).');
  const client = await pool.connect();
  const vectors = createSearchVectorPool(opts.searchWorkers ?? defaultSearchWorkers());
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  let rowsRead = 0;
  let lastLine = 1; // the header
  let lastEmpty = 0;
  let pending: Array<{ line: number; record: TraffyRecord }> = [];
  // Batches planned and on their way through the search workers to PostgreSQL, oldest first.
  const inFlight: Array<Promise<void>> = [];
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    const planned = await planBatch(ctx, batch, summary);
    const searchable = withSearchVectors(vectors, planned);
    // Awaited in turn below; a failure before then is not an unhandled one.
    searchable.catch(() => undefined);
    const readSoFar = rowsRead;
    // Batches are stored one after another, in file order, on the one connection.
    storing = storing
      .then(async () => storeBatch(client, ctx, await searchable, summary))
      .then(() => opts.onProgress?.(readSoFar))
      .catch((error: unknown) => {
        if (error instanceof ImportStopped) throw error;
        const first = batch[0]?.line ?? lastLine;
        throw new ImportStopped(
          `Import stopped in the batch starting at line ${first}: ${error instanceof Error ? error.message : String(error)}. ` +
            `${summary.imported} reports were saved before it; run the same command again to continue (saved tickets are skipped).`,
          { cause: error },
        );
      });
    // A failed batch stops the import at once, not after the next one is read.
    storing.catch(() => undefined);
    inFlight.push(storing);
    if (inFlight.length > IN_FLIGHT) await inFlight.shift();
  };

  try {
    await startBulkSession(client);
    // Created only now: a stream that fails (a wrong header) before it is read from would have no one to tell.
    const parser = fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(
      parse({
        bom: true,
        columns: checkHeader,
        info: true,
        skip_empty_lines: true,
        relax_column_count: true,
        // One broken record (a stray quote) is rejected; the rest of the file still imports.
        skip_records_with_error: true,
      }),
    );
    parser.on('skip', (error: Error & { lines?: number }) => {
      summary.rejected.push({ line: error.lines ?? 0, ticket: null, reason: `unreadable CSV record: ${error.message}` });
    });
    for await (const { record, info } of parser as AsyncIterable<{ record: TraffyRecord; info: { lines: number; empty_lines: number } }>) {
      rowsRead += 1;
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      pending.push({ line, record });
      if (pending.length >= batchSize) await flush();
    }
    if (pending.length > 0 || rowsRead === 0) await flush();
    await storing;
  } finally {
    await storing.catch(() => undefined);
    await vectors.close();
    await endBulkSession(client);
    client.release();
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

class ImportStopped extends Error {}

/**
 * Settings for this connection only, for as long as the import runs. A commit does not
 * wait for its WAL flush: a crash can lose the last moments of batches, never a part of
 * one, and a rerun stores them again (saved tickets are skipped).
 */
async function startBulkSession(client: pg.ClientBase) {
  await client.query('set synchronous_commit = off');
  await client.query(`set gin_pending_list_limit = '${BULK_PENDING_LIST}'`);
}

/** The connection goes back to the pool as it came (RESET returns to its start-up options). */
async function endBulkSession(client: pg.ClientBase) {
  await client.query('reset synchronous_commit; reset gin_pending_list_limit').catch(() => undefined);
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new Error(
      `This is not a Traffy Fondue open-data CSV: column(s) ${missing.join(', ')} missing. Expected a header like ${TRAFFY_COLUMNS.join(',')}.`,
    );
  }
  return names;
}

async function loadContext(db: Db) {
  const organization = createOrganizationService(db);
  const [categories, agencies] = await Promise.all([organization.listCategories(), organization.listAgencies()]);
  const categoryByName = new Map(categories.map((c) => [c.name_th.trim(), c]));
  const categoryByCode = new Map(categories.map((c) => [c.code, c]));
  const agencyByCode = new Map(agencies.map((a) => [a.code, a]));
  const fallback = categoryByCode.get(FALLBACK_CATEGORY) ?? categories[0];
  if (!fallback) throw new Error('No report categories in the database: run "migrate" first so reference data is loaded.');
  // The live suggester: seed vocabulary plus the platform's own categorised reports.
  const suggester = createSuggesterHolder(db);
  await suggester.retrain();
  const matchAgency = createAgencyMatcher(agencies);
  // A dump names the same few hundred organisations and fifty districts over and over.
  type Agency = (typeof agencies)[number];
  const agencyOfName = new Map<string, Agency | null>();
  const districtCodeOfName = new Map<string, number | null>();
  return {
    organization,
    categories,
    categoryByName,
    categoryByCode,
    agencies,
    agencyById: new Map(agencies.map((a) => [a.id, a])),
    fallback,
    suggester,
    grid: createDistrictGrid(),
    agencyOf(name: string): Agency | null {
      let agency = agencyOfName.get(name);
      if (agency === undefined) {
        const code = matchAgency(name);
        agency = (code && agencyByCode.get(code)) || null;
        agencyOfName.set(name, agency);
      }
      return agency;
    },
    districtCodeOf(name: string): number | null {
      let code = districtCodeOfName.get(name);
      if (code === undefined) {
        code = findDistrictByName(name)?.code ?? null;
        districtCodeOfName.set(name, code);
      }
      return code;
    },
    learned: 0,
    routes: new Map<string, RouteDecision>(),
  };
}

/** Category: the first Traffy type we know; else the suggester's best guess; else the fallback. */
function chooseCategory(ctx: Context, row: Planned['row']): Pick<Planned, 'category' | 'inferred'> {
  for (const type of row.types) {
    const category = ctx.categoryByName.get(type);
    if (category) return { category, inferred: null };
  }
  for (const s of ctx.suggester.suggest(row.description, 3)) {
    const category = ctx.categoryByCode.get(s.code);
    if (category) return { category, inferred: { by: 'suggester', score: Math.round(s.score * 1000) / 1000 } };
  }
  return { category: ctx.fallback, inferred: { by: 'fallback' } };
}

type Unrouted = Omit<Planned, 'route' | 'search'>;

function plan(ctx: Context, line: number, record: TraffyRecord): Unrouted | ImportRejection {
  const parsed = parseTraffyRecord(record, MAX_DESCRIPTION);
  if (!parsed.ok) return { line, ticket: parsed.ticket, reason: parsed.reason };
  const row = parsed.row;
  const location = ctx.grid.locate(row.lat, row.lng);
  if (!location.inside) return { line, ticket: row.ticket, reason: `point outside Bangkok (${row.lat}, ${row.lng})` };
  const stated = row.districtName ? ctx.districtCodeOf(row.districtName) : null;
  const districtNote = row.districtName && stated !== location.district.code
    ? { traffy: row.districtName, located: location.district.name_th }
    : null;
  let traffyAgency: AgencyRow | null = null;
  for (const name of row.organizations) {
    traffyAgency = ctx.agencyOf(name);
    if (traffyAgency) break;
  }
  return { line, row, ...chooseCategory(ctx, row), districtCode: location.district.code, districtNote, traffyAgency, outcome: outcomeOf(row) };
}

/** Reads and checks a batch (no writes): plans, categories, routes. */
async function planBatch(ctx: Context, batch: Array<{ line: number; record: TraffyRecord }>, summary: ImportSummary): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const { line, record } of batch) {
    const result = plan(ctx, line, record);
    if ('reason' in result) summary.rejected.push(result);
    else {
      const route = routeFor(ctx, result);
      planned.push({ ...result, route: route instanceof Promise ? await route : route, search: '' });
    }
  }
  return planned;
}

/** The batch with its search vectors, computed by the worker threads. */
async function withSearchVectors(pool: SearchVectorPool, planned: Planned[]): Promise<Planned[]> {
  const texts = planned.map((p) => searchText(p.row.description, p.category, p.row.address));
  const vectors = await pool.vectors(texts);
  for (const [i, p] of planned.entries()) p.search = vectors[i]!;
  return planned;
}

/** Stores a planned batch in one transaction: reports, timelines, photos, audit entries, by COPY. */
async function storeBatch(client: pg.ClientBase, ctx: Context, planned: Planned[], summary: ImportSummary) {
  if (planned.length === 0) return;
  await client.query('begin');
  try {
    const stored = await bulk.existingExternalRefs(client, planned.map((p) => p.row.ticket));
    const fresh: Planned[] = [];
    for (const p of planned) {
      // A ticket seen earlier in this same batch counts as stored too.
      if (stored.has(p.row.ticket)) summary.skipped += 1;
      else {
        stored.add(p.row.ticket);
        fresh.push(p);
      }
    }
    if (fresh.length === 0) {
      await client.query('commit');
      return;
    }
    const codes = await freshCodesOn(client, fresh.map((p) => p.row.createdAt));
    const reportIds = await bulk.reserveIds(client, 'reports', fresh.length);
    const timelines = fresh.map((p, i) => timeline(p, reportIds[i]!));
    const eventIds = await bulk.reserveIds(client, 'report_events', timelines.reduce((n, t) => n + t.length, 0));
    const out: CopyTexts = { reports: '', events: '', photos: '', audit: '' };
    const at = new Date(Math.floor(Date.now()));
    const photoIds = publicIds(fresh.length * 2);
    let e = 0;
    for (const [i, p] of fresh.entries()) {
      const events = timelines[i]!;
      const ids = { report: reportIds[i]!, events: eventIds.slice(e, e + events.length), photos: photoIds };
      e += events.length;
      appendTicket(out, p, events, ids, codes[i]!, ctx.agencyById.get(p.route.agencyId)?.code ?? null, at);
    }
    await bulk.copyReports(client, out.reports);
    await bulk.copyEvents(client, out.events);
    await bulk.copyPhotos(client, out.photos);
    await bulk.copyAudit(client, out.audit);
    // The batch's search entries wait in the index's pending list (the limit above keeps
    // them out of the index during the COPY) and go in together here, each key once:
    // twice as fast as merging them in 256 kB pieces, and searches find an empty list.
    await client.query(`select gin_clean_pending_list('reports_search_keys_idx'::regclass)`);
    await client.query('commit');
    summary.imported += fresh.length;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
  // Like the live intake, reports whose category a person chose teach the suggester —
  // the first LEARN_LIMIT of them, as many as the live model retrains on: past that,
  // more examples change its guesses little and cost a tokenizing pass each.
  for (const p of planned) {
    if (p.inferred || ctx.learned >= LEARN_LIMIT) continue;
    ctx.suggester.learn(p.row.description, p.category.code);
    ctx.learned += 1;
  }
}

/**
 * The agency Traffy had the report with, if we know it; otherwise our own routing rule.
 * Decisions are kept per agency and per category and district: asked once each.
 */
function routeFor(ctx: Context, p: Unrouted): RouteDecision | Promise<RouteDecision> {
  const key = p.traffyAgency ? `traffy:${p.traffyAgency.id}` : `${p.category.id}:${p.districtCode}`;
  const known = ctx.routes.get(key);
  if (known) return known;
  if (p.traffyAgency) {
    const decision = {
      agencyId: p.traffyAgency.id,
      reasonTh: `${p.traffyAgency.name_th}: หน่วยงานที่รับเรื่องนี้ใน Traffy Fondue`,
      reasonEn: `${p.traffyAgency.name_en}: the agency handling this report on Traffy Fondue`,
    };
    ctx.routes.set(key, decision);
    return decision;
  }
  return ctx.organization.route(p.category.id, p.districtCode).then((decision: RouteDecision) => {
    ctx.routes.set(key, decision);
    return decision;
  });
}

/** Tracking codes carry the year the report was filed; drawn until `taken` finds none in use. */
async function drawFreshCodes(dates: Date[], taken: (codes: string[]) => Promise<Set<string>>): Promise<string[]> {
  const codes = dates.map((d) => newTrackingCode(d));
  for (let attempt = 0; attempt < 8; attempt++) {
    const inUse = await taken(codes);
    const seen = new Set<string>();
    let clashes = 0;
    for (const [i, code] of codes.entries()) {
      if (inUse.has(code) || seen.has(code)) {
        codes[i] = newTrackingCode(dates[i]);
        clashes += 1;
      }
      seen.add(codes[i]!);
    }
    if (clashes === 0) return codes;
  }
  throw new Error('could not find free tracking codes');
}

/** Fresh codes within a transaction. Shared with the demo seed. */
export const freshCodes = (trx: Tx, dates: Date[]) => drawFreshCodes(dates, (codes) => repo.takenCodes(trx, codes));

/** Fresh codes on a plain connection (the importer's). */
const freshCodesOn = (client: pg.ClientBase, dates: Date[]) => drawFreshCodes(dates, (codes) => bulk.takenCodes(client, codes));

