import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/test-app.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { createDb, poolOf, type Db } from '../../platform/db/database.ts';
import { sql } from 'kysely';
import { toSearchDocument, toSearchQuery } from '../../platform/text/thai-tokenizer.ts';
import { searchText } from './reports.search.ts';
import { importTraffyCsv, type ImportSummary } from './traffy-import.ts';

const HEADER = 'ticket_id,type,organization,comment,coords,photo,photo_after,address,subdistrict,district,province,timestamp,state,star,count_reopen,last_activity';
const BANG_RAK = '"100.5243,13.7292"';
const PHRA_NAKHON = '"100.4913,13.75"';
const PHOTO = 'https://storage.googleapis.com/traffy_public_bucket/attachment/2023-05/before.jpg';
const PHOTO_AFTER = 'https://storage.googleapis.com/traffy_public_bucket/attachment/2023-05/after.jpg';

const CSV = `\uFEFF${[
  HEADER,
  `T-RECV,"{ถนน,ทางเท้า}",เขตบางรัก,"ถนนเป็นหลุมลึก
รถล้มบ่อย",${BANG_RAK},${PHOTO},,ถนนสีลม,สุริยวงศ์,บางรัก,กรุงเทพมหานคร,2023-05-10 01:00:00+00,รอรับเรื่อง,,0,2023-05-10 01:00:00+00`,
  `T-PROG,{},กรุงเทพโปร่งใส,ไฟทางดับทั้งซอย มืดมาก เปลี่ยนหลอดด้วย,${PHRA_NAKHON},${PHOTO},,,,บางรัก,กรุงเทพมหานคร,2023-05-10 02:00:00+00,กำลังดำเนินการ,,2,2023-05-11 02:00:00+00`,
  `T-FIX,{น้ำท่วม},"สำนักการระบายน้ำ กทม.,เขตบางรัก",น้ำท่วมขังหน้าตลาดทุกครั้งที่ฝนตก,${BANG_RAK},${PHOTO},${PHOTO_AFTER},,,บางรัก,กรุงเทพมหานคร,2023-05-10 03:00:00.000 +0700,เสร็จสิ้น,5,0,2023-05-12 03:00:00.000 +0700`,
  `T-CLOSE,{ป้าย},เขตบางรัก,ป้ายโฆษณาเอียงจะล้ม,${BANG_RAK},,,,,บางรัก,กรุงเทพมหานคร,2023-05-10T04:00:00Z,ไม่ใช่ความรับผิดชอบ,,0,2023-05-10T06:00:00Z`,
  `T-OUT,{ถนน},,ถนนพัง,"100.2,13.9",,,,,,นนทบุรี,2023-05-10 01:00:00+00,รอรับเรื่อง,,0,`,
  `T-COORD,{ถนน},,ถนนพัง,"ไม่มีพิกัด",,,,,,,2023-05-10 01:00:00+00,รอรับเรื่อง,,0,`,
  `T-STATE,{ถนน},,ถนนพัง,${BANG_RAK},,,,,,,2023-05-10 01:00:00+00,รอตรวจสอบ,,0,`,
  `T-TIME,{ถนน},,ถนนพัง,${BANG_RAK},,,,,,,10/05/2023,รอรับเรื่อง,,0,`,
  `T-RECV,{ถนน},เขตบางรัก,the same ticket again,${BANG_RAK},,,,,,,2023-05-10 01:00:00+00,รอรับเรื่อง,,0,`,
  `T-BROKEN,{ถนน},,"never closed,${BANG_RAK}`,
].join('\n')}\n`;

let db: Db;
let dir: string;
let file: string;
let first: ImportSummary;

beforeAll(async () => {
  db = createDb(await createTestDatabase(), 3);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-traffy-'));
  file = path.join(dir, 'traffy.csv');
  fs.writeFileSync(file, CSV);
  first = await importTraffyCsv(db, file, {});
});

afterAll(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const byRef = (ref: string) =>
  db.selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .selectAll('r')
    .select(['c.code as category', 'a.code as agency'])
    .where('r.external_ref', '=', ref)
    .executeTakeFirstOrThrow();

const eventsOf = (id: string) => db.selectFrom('report_events').selectAll().where('report_id', '=', id).orderBy('id').execute();

describe('importTraffyCsv', () => {
  it('imports good rows, rejects bad ones with a reason and line, skips a repeated ticket', () => {
    expect(first.imported).toBe(4);
    expect(first.skipped).toBe(1);
    const reasons = Object.fromEntries(first.rejected.map((r) => [r.ticket ?? `line ${r.line}`, r.reason]));
    expect(reasons['T-OUT']).toBe('point outside Bangkok (13.9, 100.2)');
    expect(reasons['T-COORD']).toMatch(/^coords not readable/);
    expect(reasons['T-STATE']).toBe('unknown state "รอตรวจสอบ"');
    expect(reasons['T-TIME']).toMatch(/^timestamp not readable/);
    expect(first.rejected.find((r) => r.reason.startsWith('unreadable CSV record'))).toBeDefined();
    // T-RECV spans lines 2–3, so T-OUT is on line 7.
    expect(first.rejected.find((r) => r.ticket === 'T-OUT')?.line).toBe(7);
  });

  it('stores a received report with its Traffy category, agency, photo and extra types', async () => {
    const r = await byRef('T-RECV');
    expect(r).toMatchObject({ state: 'received', category: 'road', agency: 'district-1004', district_code: 1004, channel: 'traffy', external_source: 'traffy', is_demo: false, first_response_at: null, address: 'ถนนสีลม' });
    expect(r.description).toBe('ถนนเป็นหลุมลึก\nรถล้มบ่อย');
    expect(r.code).toMatch(/^BKK-23-[2-9A-HJ-NP-Z]{6}$/);
    expect(r.created_at.toISOString()).toBe('2023-05-10T01:00:00.000Z');
    expect(r.due_fix_at.getTime() - r.created_at.getTime()).toBe(240 * 3600 * 1000);
    const events = await eventsOf(r.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'routed']);
    expect(events[0]!.data).toMatchObject({ traffy_types: ['ทางเท้า'], traffy_organizations: ['เขตบางรัก'], traffy_ticket: 'T-RECV' });
    const photos = await db.selectFrom('report_photos').selectAll().where('report_id', '=', r.id).execute();
    expect(photos).toMatchObject([{ kind: 'before', external_url: PHOTO, storage_key: null }]);
  });

  it('infers the category of an empty type set, locates the district by the point, routes by rule', async () => {
    const r = await byRef('T-PROG');
    expect(r).toMatchObject({ state: 'in_progress', category: 'lighting', district_code: 1001, agency: 'district-1001', reopen_count: 2 });
    expect(r.first_response_at?.toISOString()).toBe('2023-05-11T02:00:00.000Z');
    const events = await eventsOf(r.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'routed', 'accepted']);
    expect(events[0]!.data).toMatchObject({ category_inferred: true, inferred_by: 'suggester', traffy_district: 'บางรัก', located_district: 'พระนคร' });
  });

  it('stores a fixed report with rating, fix note and the after photo on the fix event', async () => {
    const r = await byRef('T-FIX');
    expect(r).toMatchObject({ state: 'fixed', category: 'flooding', agency: 'bma-drainage', rating: 5 });
    expect(r.fixed_at?.toISOString()).toBe('2023-05-11T20:00:00.000Z');
    expect(r.first_response_at?.toISOString()).toBe(r.fixed_at?.toISOString());
    const events = await eventsOf(r.id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'routed', 'accepted', 'fixed', 'rated']);
    const fixed = events.find((e) => e.kind === 'fixed')!;
    expect(fixed.note).toBe('นำเข้าจาก Traffy Fondue');
    const after = await db.selectFrom('report_photos').selectAll().where('report_id', '=', r.id).where('kind', '=', 'after').executeTakeFirstOrThrow();
    expect(after).toMatchObject({ external_url: PHOTO_AFTER, event_id: fixed.id });
  });

  it('closes a not-our-responsibility report with its reason', async () => {
    const r = await byRef('T-CLOSE');
    expect(r).toMatchObject({ state: 'closed', close_reason: 'not_our_responsibility', category: 'signage' });
    expect(r.closed_at?.toISOString()).toBe('2023-05-10T06:00:00.000Z');
    expect((await eventsOf(r.id)).map((e) => e.kind)).toEqual(['created', 'routed', 'closed']);
  });

  it('writes one audit entry per imported report, and the chain holds', async () => {
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'report.import').execute();
    expect(audit).toHaveLength(4);
    const fix = await byRef('T-FIX');
    const entry = audit.find((a) => a.entity_id === fix.code)!;
    expect(entry).toMatchObject({ actor_label: 'system:import', entity_type: 'report' });
    expect(entry.after).toEqual({ external_ref: 'T-FIX', external_source: 'traffy', state: 'fixed', category: 'flooding', agency: 'bma-drainage' });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('skips everything on a second run and stores nothing new', async () => {
    const progress: number[] = [];
    const again = await importTraffyCsv(db, file, { onProgress: (n) => progress.push(n) });
    expect(again.imported).toBe(0);
    expect(again.skipped).toBe(5);
    expect(again.rejected.map((r) => r.reason)).toEqual(first.rejected.map((r) => r.reason));
    expect(progress.at(-1)).toBeGreaterThanOrEqual(9);
    const count = await db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('makes every imported report searchable when its batch commits, with the vector intake would store', async () => {
    const rows = await db.selectFrom('reports as r').innerJoin('categories as c', 'c.id', 'r.category_id')
      .select(['r.external_ref', 'r.description', 'r.address', 'c.name_th', 'c.name_en'])
      .select(sql<string>`r.search::text`.as('search'))
      .where('r.external_source', '=', 'traffy').execute();
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      // Computed by the worker threads; PostgreSQL's own to_tsvector over the same words must agree.
      const doc = toSearchDocument(searchText(r.description, { name_th: r.name_th, name_en: r.name_en }, r.address));
      const { rows: [same] } = await sql<{ same: boolean }>`select to_tsvector('simple', ${doc}) = ${r.search}::tsvector as same`.execute(db);
      expect(same!.same, r.external_ref!).toBe(true);
    }
    const found = async (text: string) => (await db.selectFrom('reports').select('external_ref')
      .where(sql<boolean>`search @@ to_tsquery('simple', ${toSearchQuery(text)})`).orderBy('external_ref').execute()).map((r) => r.external_ref);
    expect(await found('น้ำท่วม')).toEqual(['T-FIX']);
    expect(await found('หลุม')).toEqual(['T-RECV']);
  });

  it('stores the same rows with the vectors computed inline (no worker threads)', async () => {
    const other = createDb(await createTestDatabase(), 2);
    try {
      const inline = await importTraffyCsv(other, file, { searchWorkers: 0 });
      expect(inline.rejected).toEqual(first.rejected);
      expect({ imported: inline.imported, skipped: inline.skipped, rejected: inline.rejected.length }).toEqual({ imported: 4, skipped: 1, rejected: first.rejected.length });
      const vectors = (d: Db) => d.selectFrom('reports').select(['external_ref', sql<string>`search::text`.as('search')]).orderBy('external_ref').execute();
      expect(await vectors(other)).toEqual(await vectors(db));
    } finally {
      await other.destroy();
    }
  });

  it('gives the same result in many small batches stored one after another (a repeat in a later batch is skipped)', async () => {
    const other = createDb(await createTestDatabase(), 2);
    try {
      const progress: number[] = [];
      const small = await importTraffyCsv(other, file, { batchSize: 2, onProgress: (n) => progress.push(n) });
      expect(small.imported).toBe(4);
      expect(small.skipped).toBe(1);
      expect(small.rejected).toEqual(first.rejected);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      const refs = await other.selectFrom('reports').select('external_ref').orderBy('external_ref').execute();
      expect(refs.map((r) => r.external_ref)).toEqual(['T-CLOSE', 'T-FIX', 'T-PROG', 'T-RECV']);
      const again = await importTraffyCsv(other, file, { batchSize: 3 });
      expect({ imported: again.imported, skipped: again.skipped }).toEqual({ imported: 0, skipped: 5 });
    } finally {
      await other.destroy();
    }
  });

  it('merges each batch into the search index before it commits, and hands its connection back as it was', async () => {
    const other = createDb(await createTestDatabase(), 2);
    try {
      await sql`create extension if not exists pgstattuple`.execute(other);
      const pendingPages = async () =>
        (await sql<{ n: number }>`select pending_pages as n from pgstatginindex('reports_search_keys_idx')`.execute(other)).rows[0]!.n;
      const limit = async () => (await sql<{ v: string }>`select current_setting('gin_pending_list_limit') as v`.execute(other)).rows[0]!.v;
      // The short pending list comes with the app's sessions (0024), not with the index.
      expect(await limit()).toBe('256kB');
      const options = await sql<{ o: string[] | null }>`select reloptions as o from pg_class where relname = 'reports_search_keys_idx'`.execute(other);
      expect(options.rows[0]!.o).toBeNull();
      const summary = await importTraffyCsv(other, file, { batchSize: 2, searchWorkers: 0 });
      expect(summary.imported).toBe(4);
      // 64 MB for the importer would have left every entry pending: none is.
      expect(await pendingPages()).toBe(0);
      // Both connections of the pool at once: the importer's is one of them.
      const pool = poolOf(other)!;
      const clients = await Promise.all([pool.connect(), pool.connect()]);
      try {
        for (const client of clients) {
          const { rows } = await client.query(`select current_setting('gin_pending_list_limit') as pending, current_setting('synchronous_commit') as sync`);
          expect(rows[0]).toEqual({ pending: '256kB', sync: 'on' });
        }
      } finally {
        for (const client of clients) client.release();
      }
      // An ordinary write through the app leaves its entries pending, below 256 kB.
      await sql`update reports set search = search || 'เพิ่ม'::tsvector where external_ref = 'T-RECV'`.execute(other);
      expect(await pendingPages()).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  it('refuses a file that is missing or is not a Traffy export, in plain words', async () => {
    await expect(importTraffyCsv(db, path.join(dir, 'nope.csv'), {})).rejects.toThrow(/Cannot read/);
    const other = path.join(dir, 'other.csv');
    fs.writeFileSync(other, 'id,name\n1,x\n');
    await expect(importTraffyCsv(db, other, {})).rejects.toThrow(/not a Traffy Fondue open-data CSV/);
  });
});
