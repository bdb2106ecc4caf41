import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createStaff, fileReport, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { buildApp } from '../../app.ts';
import { createDb, type Db } from '../../platform/db/database.ts';

/**
 * The anonymous public page of a report is cached in each instance
 * (reports.public-cache.ts). These tests hold it to its promises: the cached page is
 * the page, a change made here shows at once, a change made on another instance (or in
 * the database by anything else) shows as soon as its notice arrives, the signed-in see
 * their own view, and a repeat visit with the ETag gets 304.
 */
let t: TestContext;
// A second instance on the same database, as another server behind the load balancer.
let other: FastifyInstance;
let otherDb: Db;
let officer: Session;
const savedTtl = process.env.REPORT_CACHE_SECONDS;

beforeAll(async () => {
  // A long lifetime: anything seen to change below changed by notice, not by expiry.
  process.env.REPORT_CACHE_SECONDS = '600';
  t = await createTestApp();
  otherDb = createDb(t.databaseUrl, 3);
  other = await buildApp({ config: t.config, db: otherDb, logger: false, background: false, loadShedding: false });
  await other.ready();
  officer = await createStaff(t.app, t.db, 'district-1004');
});

afterAll(async () => {
  if (savedTtl === undefined) delete process.env.REPORT_CACHE_SECONDS;
  else process.env.REPORT_CACHE_SECONDS = savedTtl;
  await other?.close();
  await otherDb?.destroy();
  await t?.close();
});

const anonymous = (app: FastifyInstance, code: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/api/v1/reports/${code}`, headers });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return { value, ms: Date.now() - started };
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Reads the page once so the instance starts listening, then waits until it does (entries are kept only then). */
async function cached(app: FastifyInstance, code: string) {
  await anonymous(app, code);
  await until(async () => app.live.listening(), Boolean);
  const first = await anonymous(app, code);
  expect(first.statusCode, first.body).toBe(200);
  return first;
}

/** Runs SQL with triggers off (a restore, a manual repair): a change nothing announces. */
async function silently(text: string, values: unknown[]) {
  const c = new pg.Client({ connectionString: t.databaseUrl });
  await c.connect();
  try {
    await c.query('set session_replication_role = replica');
    await c.query(text, values);
  } finally {
    await c.end();
  }
}

describe('the cached anonymous page', () => {
  it('is byte for byte the page the uncached path makes, and is served from memory', async () => {
    const { report } = await fileReport(t.app, null, { contact_name: 'นางสาวลับ เฉพาะ', contact_phone: '0812345678' });
    await client(t.app, officer).post(`/api/v1/reports/${report.code}/accept`);
    await client(t.app, officer).post(`/api/v1/reports/${report.code}/notes`, { text: 'ภายใน: โทรหาผู้แจ้งแล้ว', visibility: 'internal' });
    await client(t.app, officer).post(`/api/v1/reports/${report.code}/notes`, { text: 'ทีมงานจะเข้าซ่อมพรุ่งนี้', visibility: 'public' });
    const page = await cached(t.app, report.code);
    // The read-your-writes marker takes the uncached path, with the same anonymous viewer.
    const uncached = await anonymous(t.app, report.code, { cookie: 'dp_rw=0/0' });
    expect(uncached.headers.etag).toBeUndefined();
    expect(page.body).toBe(uncached.body);
    expect(page.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(page.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.vary).toBe('cookie, authorization, x-reporter-token');
    expect(page.body).not.toContain('0812345678');
    expect(page.body).not.toContain('ภายใน');
    expect(page.json().timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'routed', 'accepted', 'note']);

    // Changed behind the app's back (no notice): the cached page stays, the uncached one moves.
    await silently('update reports set description = $1 where code = $2', ['แก้ไขโดยไม่มีการแจ้ง', report.code]);
    expect((await anonymous(t.app, report.code)).body).toBe(page.body);
    expect((await anonymous(t.app, report.code, { cookie: 'dp_rw=0/0' })).json().description).toBe('แก้ไขโดยไม่มีการแจ้ง');
  });

  it('shows a change made on this instance at once, to the person who made it and to everyone', async () => {
    const { report } = await fileReport(t.app, null);
    const before = await cached(t.app, report.code);
    expect(before.json().support_count).toBe(0);
    const supporter = client(t.app, null);
    const supported = await supporter.post(`/api/v1/reports/${report.code}/support`);
    expect(supported.statusCode, supported.body).toBe(200);
    const after = await supporter.get(`/api/v1/reports/${report.code}`);
    expect(after.json().support_count).toBe(1);
    expect(after.headers.etag).not.toBe(before.headers.etag);

    await client(t.app, officer).post(`/api/v1/reports/${report.code}/accept`);
    expect((await anonymous(t.app, report.code)).json().state).toBe('in_progress');
  });

  it('shows a change made on another instance, or by anything else in the database, as soon as its notice arrives', async () => {
    const { report } = await fileReport(t.app, null);
    await cached(other, report.code);
    await cached(t.app, report.code);

    // A support on this instance: the other drops its page when the notice arrives.
    await client(t.app, null).post(`/api/v1/reports/${report.code}/support`);
    const seen = await until(async () => (await anonymous(other, report.code)).json(), (p) => p.support_count === 1);
    // Pages live 600 s here: seen within seconds, it was the notice (the margin is for a busy machine).
    expect(seen.ms).toBeLessThan(15_000);

    // Timeline, photos, co-owners and names change without going through the reports routes too.
    await client(t.app, officer).post(`/api/v1/reports/${report.code}/coowners`, { agency_code: 'district-1001' });
    await until(async () => (await anonymous(other, report.code)).json(), (p) => p.coowners.length === 1 && p.timeline.at(-1).kind === 'coowner_invited');
    const id = (await t.db.selectFrom('reports').select('id').where('code', '=', report.code).executeTakeFirstOrThrow()).id;
    await t.db.insertInto('report_photos').values({ public_id: `ph${Date.now()}`, report_id: id, event_id: null, kind: 'before', storage_key: null, thumb_key: null, external_url: 'https://example.org/p.jpg', width: null, height: null, bytes: null }).execute();
    for (const app of [t.app, other]) await until(async () => (await anonymous(app, report.code)).json(), (p) => p.photos.length === 1);
    await t.db.updateTable('report_coowners').set({ status: 'in_progress' }).where('report_id', '=', id).execute();
    for (const app of [t.app, other]) await until(async () => (await anonymous(app, report.code)).json(), (p) => p.coowners[0].status === 'in_progress');
    const agency = await t.db.selectFrom('agencies').select(['id', 'name_en']).where('code', '=', 'district-1004').executeTakeFirstOrThrow();
    await t.db.updateTable('agencies').set({ name_en: 'Bang Rak District Office (renamed)' }).where('id', '=', agency.id).execute();
    try {
      for (const app of [t.app, other]) await until(async () => (await anonymous(app, report.code)).json(), (p) => p.agency.name_en === 'Bang Rak District Office (renamed)');
    } finally {
      await t.db.updateTable('agencies').set({ name_en: agency.name_en }).where('id', '=', agency.id).execute();
    }
  });

  it('gives the signed-in, staff and the reporter their own view, not the cached one', async () => {
    const filed = await fileReport(t.app, null);
    const code = filed.report.code;
    await cached(t.app, code);
    const citizen = await signUpCitizen(t.app);
    await client(t.app, citizen).post(`/api/v1/reports/${code}/follow`);
    const mine = (await client(t.app, citizen).get(`/api/v1/reports/${code}`)).json();
    expect(mine.following).toBe(true);
    expect(mine.abilities.unfollow).toBe(true);
    const staff = await client(t.app, officer).get(`/api/v1/reports/${code}`);
    expect(staff.json().staff).toBeDefined();
    expect(staff.json().abilities.accept).toBe(true);
    expect(staff.headers.etag).toBeUndefined();
    expect(staff.headers['cache-control']).toBe('private, no-cache');
    expect(staff.headers.vary).toMatch(/cookie/);
    const reporter = (await client(t.app, null, { 'x-reporter-token': filed.reporter_token! }).get(`/api/v1/reports/${code}`)).json();
    expect(reporter.abilities.withdraw).toBe(true);
    const everyone = (await anonymous(t.app, code)).json();
    expect(everyone.following).toBe(false);
    expect(everyone.abilities).toMatchObject({ unfollow: false, accept: false, withdraw: false, support: true });
    expect(everyone.staff).toBeUndefined();
  });

  it('answers 304 to a matching If-None-Match, and 200 with the new page once the report changed', async () => {
    const { report } = await fileReport(t.app, null);
    const page = await cached(t.app, report.code);
    const etag = page.headers.etag as string;
    const again = await anonymous(t.app, report.code, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await anonymous(t.app, report.code, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await anonymous(t.app, report.code, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    await client(t.app, null).post(`/api/v1/reports/${report.code}/support`);
    const changed = await anonymous(t.app, report.code, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().support_count).toBe(1);
  });

  it('answers 404 for an unknown report, and does not keep the answer', async () => {
    expect((await anonymous(t.app, 'BKK-00-XXXXXX')).statusCode).toBe(404);
    expect((await anonymous(t.app, 'not a code')).statusCode).toBe(404);
  });
});
