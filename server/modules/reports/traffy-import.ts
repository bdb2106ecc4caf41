/**
 * Imports a Traffy Fondue open-dataset CSV as reports, so Bangkok's existing history is
 * on the map from day one. The file is streamed (the full dump is millions of rows) and
 * written in batches, one transaction each; a rerun skips every ticket already stored,
 * so an interrupted import is finished by running it again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type pg from 'pg';
import { canonicalJson, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { poolOf, type Db, type Tx } from '../../platform/db/database.ts';
import { findDistrictByName, locateDistrict } from '../../platform/geo/index.ts';
import { createOrganizationService, type RouteDecision } from '../organization/organization.service.ts';
import { newTrackingCode } from './reports.codes.ts';
import { MAX_DESCRIPTION } from './reports.intake.service.ts';
import { reportsRepository as repo } from './reports.repository.ts';
import { bulkRepository as bulk } from './reports.bulk.repository.ts';
import { copyRow } from './reports.copy.ts';
import { searchText, searchVectorText } from './reports.search.ts';
import { createSuggesterHolder } from './reports.suggester.ts';
import {
  createAgencyMatcher, outcomeOf, parseTraffyRecord, REQUIRED_COLUMNS, TRAFFY_COLUMNS,
  type Outcome, type ParsedTraffyRow, type TraffyRecord,
} from './traffy-import.parse.ts';

export const TRAFFY_SOURCE = 'traffy';
export const IMPORT_NOTE_TH = 'นำเข้าจาก Traffy Fondue';
/** Rows per transaction: large enough for COPY to pay, small enough to redo after a failure. */
const BATCH_SIZE = 5000;
const HOUR = 3600 * 1000;
const LEARN_LIMIT = 50_000;
const ACTOR = SYSTEM_ACTOR('import');
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
type CategoryRow = Context['categories'][number];
type AgencyRow = Context['agencies'][number];
type EventRow = Parameters<typeof repo.insertEvents>[1][number];

interface Planned {
  line: number;
  row: ParsedTraffyRow;
  category: CategoryRow;
  inferred: { by: 'suggester'; score: number } | { by: 'fallback' } | null;
  districtCode: number;
  districtNote: { traffy: string; located: string } | null;
  traffyAgency: AgencyRow | null;
  outcome: Outcome;
}

export async function importTraffyCsv(db: Db, file: string, opts: { onProgress?: (rowsRead: number) => void } = {}): Promise<ImportSummary> {
  await fs.promises.access(file, fs.constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read "${file}" (${error.code ?? error.message}). Give the path of a Traffy Fondue CSV file.`);
  });
  const ctx = await loadContext(db);
  const summary: ImportSummary = { imported: 0, skipped: 0, rejected: [] };
  const parser = fs.createReadStream(file).pipe(
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

  const pool = poolOf(db);
  if (!pool) throw new Error('The importer needs the database pool behind this connection (createDb).');
  const client = await pool.connect();
  let rowsRead = 0;
  let lastLine = 1; // the header
  let lastEmpty = 0;
  let pending: Array<{ line: number; record: TraffyRecord }> = [];
  // One batch is being stored while the next is read and prepared.
  let storing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    const prepared = await prepareBatch(ctx, batch, summary);
    await storing;
    const readSoFar = rowsRead;
    storing = storeBatch(client, ctx, prepared, summary)
      .then(() => opts.onProgress?.(readSoFar))
      .catch((error: unknown) => {
        const first = batch[0]?.line ?? lastLine;
        throw new Error(
          `Import stopped in the batch starting at line ${first}: ${error instanceof Error ? error.message : String(error)}. ` +
            `${summary.imported} reports were saved before it; run the same command again to continue (saved tickets are skipped).`,
          { cause: error },
        );
      });
    // A failed batch stops the import at once, not after the next one is read.
    storing.catch(() => undefined);
  };

  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: TraffyRecord; info: { lines: number; empty_lines: number } }>) {
      rowsRead += 1;
      const line = lastLine + 1 + (info.empty_lines - lastEmpty);
      lastLine = info.lines;
      lastEmpty = info.empty_lines;
      pending.push({ line, record });
      if (pending.length >= BATCH_SIZE) await flush();
    }
    if (pending.length > 0 || rowsRead === 0) await flush();
    await storing;
  } finally {
    client.release();
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
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
  return {
    organization,
    categories,
    categoryByName,
    categoryByCode,
    agencies,
    agencyByCode,
    agencyById: new Map(agencies.map((a) => [a.id, a])),
    fallback,
    suggester,
    matchAgency: createAgencyMatcher(agencies),
    learned: 0,
    routes: new Map<string, RouteDecision>(),
  };
}

/** Category: the first Traffy type we know; else the suggester's best guess; else the fallback. */
function chooseCategory(ctx: Context, row: ParsedTraffyRow): Pick<Planned, 'category' | 'inferred'> {
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

function plan(ctx: Context, line: number, record: TraffyRecord): Planned | ImportRejection {
  const parsed = parseTraffyRecord(record, MAX_DESCRIPTION);
  if (!parsed.ok) return { line, ticket: parsed.ticket, reason: parsed.reason };
  const row = parsed.row;
  const location = locateDistrict(row.lat, row.lng);
  if (!location.inside) return { line, ticket: row.ticket, reason: `point outside Bangkok (${row.lat}, ${row.lng})` };
  const stated = row.districtName ? findDistrictByName(row.districtName) : undefined;
  const districtNote = row.districtName && stated?.code !== location.district.code
    ? { traffy: row.districtName, located: location.district.name_th }
    : null;
  let traffyAgency: AgencyRow | null = null;
  for (const name of row.organizations) {
    const code = ctx.matchAgency(name);
    if (code) {
      traffyAgency = ctx.agencyByCode.get(code) ?? null;
      if (traffyAgency) break;
    }
  }
  return { line, row, ...chooseCategory(ctx, row), districtCode: location.district.code, districtNote, traffyAgency, outcome: outcomeOf(row) };
}

interface PreparedBatch {
  planned: Planned[];
  routes: RouteDecision[];
}

/** Reads and checks a batch (no writes): plans, categories, routes. */
async function prepareBatch(ctx: Context, batch: Array<{ line: number; record: TraffyRecord }>, summary: ImportSummary): Promise<PreparedBatch> {
  const planned: Planned[] = [];
  for (const [i, { line, record }] of batch.entries()) {
    const result = plan(ctx, line, record);
    if ('reason' in result) summary.rejected.push(result);
    else planned.push(result);
    // Let the batch being stored keep streaming to PostgreSQL meanwhile.
    if (i % 250 === 249) await yieldToLoop();
  }
  const routes: RouteDecision[] = [];
  for (const p of planned) routes.push(await routeFor(ctx, p));
  return { planned, routes };
}

/** Stores a prepared batch in one transaction: reports, timelines, photos, audit entries, by COPY. */
async function storeBatch(client: pg.ClientBase, ctx: Context, batch: PreparedBatch, summary: ImportSummary) {
  const { planned } = batch;
  if (planned.length === 0) return;
  await client.query('begin');
  try {
    const stored = await bulk.existingExternalRefs(client, planned.map((p) => p.row.ticket));
    const fresh: Array<{ p: Planned; route: RouteDecision }> = [];
    for (const [i, p] of planned.entries()) {
      // A ticket seen earlier in this same batch counts as stored too.
      if (stored.has(p.row.ticket)) summary.skipped += 1;
      else {
        stored.add(p.row.ticket);
        fresh.push({ p, route: batch.routes[i]! });
      }
    }
    if (fresh.length === 0) {
      await client.query('commit');
      return;
    }
    const codes = await freshCodesOn(client, fresh.map((f) => f.p.row.createdAt));
    const reportIds = await bulk.reserveIds(client, 'reports', fresh.length);
    const timelines = fresh.map((f, i) => timeline(f.p, reportIds[i]!, f.route));
    const eventIds = await bulk.reserveIds(client, 'report_events', timelines.reduce((n, t) => n + t.length, 0));
    let reportText = '';
    let eventText = '';
    let photoText = '';
    let auditText = '';
    let e = 0;
    const at = new Date(Math.floor(Date.now()));
    const ids = publicIds(fresh.length * 2);
    for (const [i, { p, route }] of fresh.entries()) {
      const id = reportIds[i]!;
      reportText += copyRow(reportRow(p, id, codes[i]!, route));
      let fixedEventId: string | null = null;
      for (const event of timelines[i]!) {
        const eventId = eventIds[e++]!;
        if (event.kind === 'fixed') fixedEventId = eventId;
        eventText += copyRow([eventId, event.report_id, event.kind, event.visibility, event.actor_id, event.agency_id, event.note, event.data, event.created_at]);
      }
      if (p.row.photo) photoText += copyRow([ids.next(), id, null, 'before', p.row.photo, p.row.createdAt]);
      if (p.row.photoAfter) photoText += copyRow([ids.next(), id, fixedEventId, 'after', p.row.photoAfter, p.outcome.updatedAt]);
      const after = { external_ref: p.row.ticket, external_source: TRAFFY_SOURCE, state: p.row.state.state, category: p.category.code, agency: ctx.agencyById.get(route.agencyId)?.code ?? null };
      auditText += copyRow([at, ACTOR.userId, ACTOR.label, ACTOR.channel, 'report.import', 'report', codes[i]!, null, canonicalJson(after)]);
    }
    await bulk.copyReports(client, reportText);
    await bulk.copyEvents(client, eventText);
    await bulk.copyPhotos(client, photoText);
    await bulk.copyAudit(client, auditText);
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

/** The agency Traffy had the report with, if we know it; otherwise our own routing rule. */
async function routeFor(ctx: Context, p: Planned): Promise<RouteDecision> {
  if (p.traffyAgency) {
    return {
      agencyId: p.traffyAgency.id,
      reasonTh: `${p.traffyAgency.name_th}: หน่วยงานที่รับเรื่องนี้ใน Traffy Fondue`,
      reasonEn: `${p.traffyAgency.name_en}: the agency handling this report on Traffy Fondue`,
    };
  }
  const key = `${p.category.id}:${p.districtCode}`;
  let decision = ctx.routes.get(key);
  if (!decision) {
    decision = await ctx.organization.route(p.category.id, p.districtCode);
    ctx.routes.set(key, decision);
  }
  return decision;
}

/** publicId's alphabet (platform/auth/tokens.ts): no 0/O, 1/I/L. */
const PUBLIC_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Photo ids as publicId(12) makes them, from one draw of random bytes per batch. */
function publicIds(count: number) {
  const bytes = crypto.randomBytes(count * 12);
  let at = 0;
  return {
    next(): string {
      let out = '';
      for (let i = 0; i < 12; i++) out += PUBLIC_ID_ALPHABET[bytes[at++ % bytes.length]! % PUBLIC_ID_ALPHABET.length];
      return out;
    },
  };
}

/** freshCodes on a plain connection (the importer's). */
async function freshCodesOn(client: pg.ClientBase, dates: Date[]): Promise<string[]> {
  const codes = dates.map((d) => newTrackingCode(d));
  for (let attempt = 0; attempt < 8; attempt++) {
    const taken = await bulk.takenCodes(client, codes);
    const seen = new Set<string>();
    let clashes = 0;
    for (const [i, code] of codes.entries()) {
      if (taken.has(code) || seen.has(code)) {
        codes[i] = newTrackingCode(dates[i]);
        clashes += 1;
      }
      seen.add(codes[i]!);
    }
    if (clashes === 0) return codes;
  }
  throw new Error('could not find free tracking codes');
}

/** Tracking codes carry the year the report was filed; drawn until none is taken. Shared with the demo seed. */
export async function freshCodes(trx: Tx, dates: Date[]): Promise<string[]> {
  const codes = dates.map((d) => newTrackingCode(d));
  for (let attempt = 0; attempt < 8; attempt++) {
    const taken = await repo.takenCodes(trx, codes);
    const seen = new Set<string>();
    let clashes = 0;
    for (const [i, code] of codes.entries()) {
      if (taken.has(code) || seen.has(code)) {
        codes[i] = newTrackingCode(dates[i]);
        clashes += 1;
      }
      seen.add(codes[i]!);
    }
    if (clashes === 0) return codes;
  }
  throw new Error('could not find free tracking codes');
}

/** The report's row, in the order of BULK_REPORT_COLUMNS. */
function reportRow(p: Planned, id: string, code: string, route: RouteDecision): unknown[] {
  const { row, category, outcome } = p;
  const created = row.createdAt.getTime();
  return [
    id, code, category.id, row.description, row.lat, row.lng, `(${row.lng},${row.lat})`, p.districtCode, row.address,
    row.state.state, row.state.closeReason, route.agencyId, route.reasonTh, route.reasonEn, TRAFFY_SOURCE, row.ticket, TRAFFY_SOURCE, 'f',
    row.reopenCount, outcome.rating, row.createdAt, outcome.updatedAt, outcome.firstResponseAt, outcome.fixedAt, outcome.closedAt,
    new Date(created + category.first_response_hours * HOUR), new Date(created + category.fix_hours * HOUR),
    searchVectorText(searchText(row.description, category, row.address)),
  ];
}

/** Timeline events the state implies; Traffy keeps only the last activity, so later steps share it. */
function timeline(p: Planned, reportId: string, route: RouteDecision) {
  const { row, category, outcome } = p;
  const agency = route.agencyId;
  const base = { report_id: reportId, visibility: 'public' as const, actor_id: null };
  const otherTypes = row.types.filter((t) => !(p.inferred === null && t === category.name_th));
  const created = {
    channel: TRAFFY_SOURCE,
    traffy_ticket: row.ticket,
    traffy_state: row.traffyState,
    traffy_types: otherTypes,
    traffy_organizations: row.organizations,
    ...(p.inferred ? { category_inferred: true, inferred_by: p.inferred.by, ...('score' in p.inferred ? { inferred_score: p.inferred.score } : {}) } : {}),
    ...(p.districtNote ? { traffy_district: p.districtNote.traffy, located_district: p.districtNote.located } : {}),
  };
  const events: EventRow[] = [
    { ...base, kind: 'created', agency_id: null, note: IMPORT_NOTE_TH, data: created, created_at: row.createdAt },
    { ...base, kind: 'routed', agency_id: agency, note: null, data: { reason_th: route.reasonTh, reason_en: route.reasonEn }, created_at: row.createdAt },
  ];
  const state = row.state.state;
  if (state === 'in_progress' || state === 'fixed') {
    events.push({ ...base, kind: 'accepted', agency_id: agency, note: null, data: {}, created_at: outcome.firstResponseAt ?? outcome.updatedAt });
  }
  if (state === 'fixed') {
    events.push({ ...base, kind: 'fixed', agency_id: agency, note: IMPORT_NOTE_TH, data: { photos: row.photoAfter ? 1 : 0 }, created_at: outcome.fixedAt! });
    if (outcome.rating) events.push({ ...base, kind: 'rated', agency_id: null, note: null, data: { stars: outcome.rating }, created_at: outcome.fixedAt! });
  }
  if (state === 'closed') {
    events.push({ ...base, kind: 'closed', agency_id: agency, note: `${IMPORT_NOTE_TH} (สถานะเดิม: ${row.traffyState})`, data: { reason: row.state.closeReason, duplicate_of: null }, created_at: outcome.closedAt! });
  }
  return events;
}
