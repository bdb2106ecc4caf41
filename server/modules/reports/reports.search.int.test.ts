import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, fileReport } from '../../../test/helpers/factories.ts';
import { filtersFrom, type ListQuery } from './reports.query.service.ts';
import { PUBLIC_COUNT_LIMIT, reportsRepository as repo, type ReportFilters, type SearchPath } from './reports.repository.ts';
import { indexPageWithCount, walkMatches } from './reports.search-query.ts';

/**
 * Every search path (walk the newest candidates, ask the scoped full-text index of
 * migration 0018, or ask it month by month, newest first) must give exactly what the
 * plain query gives: the same ids in the same
 * order, and the count exact below PUBLIC_COUNT_LIMIT. 1,500 reports over three years,
 * in three districts, two categories and every state, with words from everywhere to
 * nowhere.
 */
let t: TestContext;
const DISTRICTS = [1004, 1001, 1007];
const TOTAL = 1500;

beforeAll(async () => {
  t = await createTestApp();
  const { report } = await fileReport(t.app, null, { category: 'road', description: 'แม่แบบ' });
  // Words: zqall in every report (more than the count limit), zqmid in every 7th, zqrare
  // in every 97th, zqpair1+zqpair2 together in every 13th (each alone elsewhere), and
  // Thai words in every 5th. Filing times step back ~17 hours, some sharing a minute.
  await sql`
    insert into reports (code, category_id, description, lat, lng, location, district_code, state, close_reason, agency_id,
      routing_reason_th, routing_reason_en, channel, created_at, updated_at, due_first_response_at, due_fix_at, search)
    select 'BKK-T-' || lpad(i::text, 6, '0'),
      (select id from categories where code = case when i % 3 = 0 then 'drain' else 'road' end),
      d.text, r.lat, r.lng, r.location, (array[1004, 1001, 1007])[1 + i % 3],
      (array['received', 'in_progress', 'fixed', 'closed'])[1 + (i / 2) % 4],
      case when (i / 2) % 4 = 3 then 'duplicate' end,
      r.agency_id, r.routing_reason_th, r.routing_reason_en, r.channel,
      now() - (i / 2) * interval '17 hours', now(), now(), now(),
      to_tsvector('simple', d.text || case when i % 3 = 0 then ' ท่อ ระบาย น้ำ drain' else ' ถนน road' end)
    from generate_series(1, ${TOTAL}) i
    cross join (select * from reports where code = ${report.code}) r
    cross join lateral (select concat_ws(' ', 'zqall',
      case when i % 7 = 0 then 'zqmid' end, case when i % 97 = 0 then 'zqrare' end,
      case when i % 13 = 0 then 'zqpair1 zqpair2' when i % 2 = 0 then 'zqpair1' else 'zqpair2' end,
      case when i % 5 = 0 then 'ท่อ อุด ตัน' end) as text) d`.execute(t.db);
  await sql`analyze reports`.execute(t.db);
});
afterAll(async () => { await t.close(); });

/** The plain query: what every path must agree with. */
async function reference(f: ReportFilters, limit: number, offset: number) {
  const where = [sql`r.search @@ to_tsquery('simple', ${f.tsquery!})`];
  if (f.district) where.push(sql`r.district_code = ${f.district}`);
  if (f.category) where.push(sql`r.category_id = (select id from categories where code = ${f.category})`);
  if (f.states) where.push(sql`r.state in (${sql.join(f.states)})`);
  if (f.from) where.push(sql`r.created_at >= ${f.from}`);
  if (f.to) where.push(sql`r.created_at < ${f.to}`);
  const cond = sql.join(where, sql` and `);
  const ids = await sql<{ id: string }>`select r.id from reports r where ${cond} order by r.created_at desc, r.id desc limit ${limit} offset ${offset}`.execute(t.db);
  const count = await sql<{ n: number }>`select count(*)::int as n from reports r where ${cond}`.execute(t.db);
  return { ids: ids.rows.map((r) => r.id), total: Math.min(count.rows[0]!.n, PUBLIC_COUNT_LIMIT), exact: count.rows[0]!.n };
}

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
const WORDS = ['zqall', 'zqmid', 'zqrare', 'zqpair1 zqpair2', 'zqnone', 'zqall zqnone', 'ท่ออุดตัน'];
const FILTERS: ListQuery[] = [
  {}, { district: 1004 }, { category: 'drain' }, { category: 'no_such_category' }, { state: 'received' }, { state: 'in_progress' },
  { state: 'fixed' }, { from: day(90) }, { from: day(400), to: day(100) }, { from: day(2000) }, { district: 1001, state: 'received' },
  { category: 'road', from: day(200) },
];
const PATHS: SearchPath[] = ['walk', 'index', 'months', 'auto'];

describe('search paths agree with the plain query', () => {
  it('every word, filter, path and page: same ids in the same order, the same capped count', async () => {
    let compared = 0;
    let combinedPages = 0;
    for (const words of WORDS) {
      for (const filter of FILTERS) {
        const f = filtersFrom({ ...filter, q: words });
        for (const [limit, offset] of [[20, 0], [20, 20], [7, 35]] as const) {
          const expected = await reference(f, limit, offset);
          for (const path of PATHS) {
            const rows = await repo.list(t.db, f, 'newest', limit, offset, path);
            expect(rows.map((r) => r.id), `${words} ${JSON.stringify(filter)} ${path} ${limit}/${offset}`).toEqual(expected.ids);
            if (offset === 0) {
              expect(await repo.count(t.db, f, path), `count ${words} ${JSON.stringify(filter)} ${path}`).toBe(expected.total);
            }
            compared += 1;
          }
          // The public page: one read for page and count when the index goes first.
          const combined = await indexPageWithCount(t.db, f, limit, offset);
          if (combined) {
            combinedPages += 1;
            expect(combined, `combined ${words} ${JSON.stringify(filter)} ${limit}/${offset}`).toEqual({ ids: expected.ids, total: expected.total });
          }
          const page = await repo.publicPage(t.db, f, limit, offset);
          expect({ ids: page.rows.map((r) => r.id), total: page.total }, `page ${words} ${JSON.stringify(filter)}`).toEqual({ ids: expected.ids, total: expected.total });
        }
      }
    }
    expect(compared).toBe(WORDS.length * FILTERS.length * 3 * PATHS.length);
    expect(combinedPages).toBeGreaterThan(0);
  });

  it('a walk continues chunk by chunk where the last stopped, or hands over when the rate seen says so', async () => {
    // An estimate under which the index looks dear, so only the rate seen stops the walk.
    const dear = { candidates: 1e9, rate: 1, matches: 1e9, postings: 1e9, guessed: false };
    for (const words of ['zqmid', 'zqrare', 'zqpair1 zqpair2']) {
      for (const filter of [{}, { state: 'fixed' }, { district: 1004 }, { from: day(400) }] as ListQuery[]) {
        const f = filtersFrom({ ...filter, q: words });
        const expected = await reference(f, 27, 0);
        // A first chunk of 10 rows: zqmid (every 7th) needs several chunks, keyset-continued.
        expect(await walkMatches(t.db, f, 27, 10, dear), `${words} ${JSON.stringify(filter)}`).toEqual(expected.ids);
      }
    }
    // Nothing matches: with the index cheap, the rate seen sends it there after one chunk;
    // with the index dear, the walk reads on to the end and finds there is nothing.
    const cheap = { candidates: 1500, rate: 0.01, matches: 15, postings: 15, guessed: false };
    expect(await walkMatches(t.db, filtersFrom({ q: 'zqnone' }), 20, 50, cheap)).toBeNull();
    expect(await walkMatches(t.db, filtersFrom({ q: 'zqnone' }), 20, 50, dear)).toEqual([]);
    // An unlisted (guessed) word the probe never met goes to the index, however dear the
    // guess makes it; one the probe did meet walks on as the rate it saw says.
    expect(await walkMatches(t.db, filtersFrom({ q: 'zqnone' }), 20, 50, { ...dear, guessed: true })).toBeNull();
    const rare = filtersFrom({ q: 'zqrare' });
    expect(await walkMatches(t.db, rare, 20, 200, { ...dear, guessed: true })).toEqual((await reference(rare, 20, 0)).ids);
    // Fewer candidates than the chunk: every match, found by walking.
    const few = filtersFrom({ q: 'zqrare', district: 1004, from: day(30) });
    expect(await walkMatches(t.db, few, 20, 10_000, dear)).toEqual((await reference(few, 20, 0)).ids);
  });

  it('a row holding every word but not matching the query is left out (the exact check on the row)', async () => {
    // Phrases: both words are in every 13th report, adjacent in this order only.
    for (const tsquery of ["'zqpair2' <-> 'zqpair1'", "'zqpair1' <-> 'zqpair2'"]) {
      for (const filter of [{ state: 'fixed' }, { from: day(400) }, { district: 1004 }] as ListQuery[]) {
        const f = { ...filtersFrom(filter), tsquery };
        const expected = await reference(f, 20, 5);
        for (const path of PATHS) {
          expect((await repo.list(t.db, f, 'newest', 20, 5, path)).map((r) => r.id), `${tsquery} ${JSON.stringify(filter)} ${path}`).toEqual(expected.ids);
          expect(await repo.count(t.db, f, path)).toBe((await reference(f, 1, 0)).total);
        }
      }
    }
  });

  it('the cap: a word in every report counts as the limit, one in a few counts exactly', async () => {
    expect((await reference(filtersFrom({ q: 'zqall' }), 1, 0)).exact).toBeGreaterThan(PUBLIC_COUNT_LIMIT);
    for (const path of PATHS) {
      expect(await repo.count(t.db, filtersFrom({ q: 'zqall' }), path)).toBe(PUBLIC_COUNT_LIMIT);
      expect(await repo.count(t.db, filtersFrom({ q: 'zqrare' }), path)).toBe(Math.floor(TOTAL / 97));
      expect(await repo.count(t.db, filtersFrom({ q: 'zqnone' }), path)).toBe(0);
    }
  });

  it('staff queues count exactly, past the public limit', async () => {
    const agency = await t.db.selectFrom('reports').select('agency_id').where('code', '=', 'BKK-T-000001').executeTakeFirstOrThrow();
    const f: ReportFilters = { ...filtersFrom({ q: 'zqall' }), agencyIds: [agency.agency_id] };
    const exact = await sql<{ n: number }>`select count(*)::int as n from reports where agency_id = ${agency.agency_id} and search @@ to_tsquery('simple', 'zqall')`.execute(t.db);
    expect(exact.rows[0]!.n).toBeGreaterThan(PUBLIC_COUNT_LIMIT);
    expect(await repo.count(t.db, f)).toBe(exact.rows[0]!.n);
  });

  it('a report changing state moves between the scoped lists at once', async () => {
    const f = filtersFrom({ q: 'zqrare', state: 'received' });
    const before = await reference(f, 50, 0);
    const moved = before.ids[0]!;
    await sql`update reports set state = 'in_progress' where id = ${moved}`.execute(t.db);
    for (const path of PATHS) {
      expect((await repo.list(t.db, f, 'newest', 50, 0, path)).map((r) => r.id)).toEqual(before.ids.slice(1));
      expect((await repo.list(t.db, filtersFrom({ q: 'zqrare', state: 'in_progress' }), 'newest', 50, 0, path)).map((r) => r.id)).toContain(moved);
    }
    await sql`update reports set state = 'received' where id = ${moved}`.execute(t.db);
  });

  it('through the API: items and total as the plain query', async () => {
    const f = filtersFrom({ q: 'zqmid', district: 1007 });
    const expected = await reference(f, 20, 0);
    const body = (await client(t.app, null).get('/api/v1/reports?q=zqmid&district=1007')).json();
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(
      (await t.db.selectFrom('reports').select(['id', 'code']).where('id', 'in', expected.ids).execute())
        .sort((a, b) => expected.ids.indexOf(a.id) - expected.ids.indexOf(b.id)).map((r) => r.code),
    );
    expect(body.total).toBe(expected.total);
  });
});
