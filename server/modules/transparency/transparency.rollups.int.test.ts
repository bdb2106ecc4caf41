import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, fileReport, type Session } from '../../../test/helpers/factories.ts';
import { seedDemo } from '../reports/demo-seed.ts';
import { figuresFromReports, type GroupBy } from './transparency.repository.ts';
import { addDays, foldFigures, readRollups, rebuildFigures, splitPeriod, TOTAL_KEY, type Dim } from './transparency.rollups.ts';
import { bucketBounds, bucketOf, medianHours } from './transparency.histogram.ts';

let t: TestContext;
let bangRak: Session;

const today = () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00+07:00`);

beforeAll(async () => {
  t = await createTestApp();
  bangRak = await createStaff(t.app, t.db, 'district-1004');
  // Half a year of reports in every state, with forwards, co-owners, reopenings and ratings.
  await seedDemo(t.db, { reports: 400 });
}, 120_000);
afterAll(async () => { await t.close(); });

/** The rollups against the reference scan of the reports table, for one period and grouping. */
async function compare(fromDay: string, toDay: string, groupBy: GroupBy | null) {
  const reference = await figuresFromReports(t.db, startOf(fromDay), startOf(toDay), groupBy);
  const dim: Dim = groupBy && groupBy !== 'month' ? groupBy : 'all';
  const rollups = await readRollups(t.db, { fromDay, toDay, dim, key: null, byMonth: groupBy === 'month' });
  const total = rollups.find((r) => r.key === TOTAL_KEY)!;
  const groups = rollups.filter((r) => r.key !== TOTAL_KEY);
  const counts = (r: { received: number; fixed: number; closed_unfixed: number; open: number; demo: number; rating_count: number }) =>
    [r.received, r.fixed, r.closed_unfixed, r.open, r.demo, r.rating_count];
  const referenceTotal = groupBy ? reference.reduce((sum, r) => sum.map((v, i) => v + counts(r)[i]!), [0, 0, 0, 0, 0, 0]) : counts(reference[0]!);
  expect(counts(total)).toEqual(referenceTotal);
  if (groupBy) {
    const key = (k: string | null) => k ?? '';
    const byKey = new Map(groups.map((g) => [groupBy === 'district' || groupBy === 'channel' || groupBy === 'month' ? g.key : key(g.publicKey), g]));
    expect(groups).toHaveLength(reference.length);
    for (const ref of reference) {
      const mine = byKey.get(key(ref.key))!;
      expect(mine, `group ${ref.key}`).toBeDefined();
      expect(counts(mine), `group ${ref.key}`).toEqual(counts(ref));
      for (const [a, b] of [[mine.median_fix_hours, ref.median_fix_hours], [mine.median_first_response_hours, ref.median_first_response_hours]] as const) {
        if (b === null) expect(a).toBeNull();
        // A histogram median: within its bucket's 12.5 % (each of the two middle values is);
        // below a minute, bucket 0, within that minute.
        else expect(Math.abs(a! - b)).toBeLessThanOrEqual(Math.max(0.13 * b, 1 / 60));
      }
      if (ref.rating_count > 0) expect(mine.rating_sum / mine.rating_count).toBeCloseTo(ref.rating_avg!, 6);
    }
  }
}

describe('public figures from rollups', () => {
  it('match a scan of the reports table, pending and folded, for every grouping and period shape', async () => {
    const periods: Array<[string, string]> = [
      [addDays(today(), -364), addDays(today(), 1)],
      [addDays(today(), -89), addDays(today(), 1)],
      [addDays(today(), -40), addDays(today(), -3)],
      [`${addDays(today(), -120).slice(0, 7)}-01`, `${today().slice(0, 7)}-01`],
    ];
    const groupings: Array<GroupBy | null> = [null, 'district', 'agency', 'category', 'channel', 'month'];
    // The seed's changes are still pending: figures come from report_figure_changes.
    for (const [from, to] of periods) for (const g of groupings) await compare(from, to, g);
    while ((await foldFigures(t.db)) > 0);
    expect(Number((await sql<{ n: string }>`select count(*) as n from report_figure_changes`.execute(t.db)).rows[0]!.n)).toBe(0);
    for (const [from, to] of periods) for (const g of groupings) await compare(from, to, g);
  });

  it('follow every change in the same transaction: filing, accepting, forwarding, fixing', async () => {
    const period: [string, string] = [addDays(today(), -6), addDays(today(), 1)];
    const before = (await readRollups(t.db, { fromDay: period[0], toDay: period[1], dim: 'agency', key: null, byMonth: false }));
    const { report } = await fileReport(t.app, null, { category: 'drain', description: 'ท่อระบายน้ำอุดตันหน้าซอย' });
    const as = client(t.app, bangRak);
    expect((await as.post(`/api/v1/reports/${report.code}/forward`, { agency_code: 'bma-drainage', reason: 'ท่อหลักเป็นของสำนักการระบายน้ำ' })).statusCode).toBe(200);
    const after = await readRollups(t.db, { fromDay: period[0], toDay: period[1], dim: 'agency', key: null, byMonth: false });
    const agency = async (code: string) => (await t.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const received = (rows: typeof before, id: string) => rows.find((r) => r.key === id)?.received ?? 0;
    const drainage = await agency('bma-drainage');
    expect(received(after, drainage)).toBe(received(before, drainage) + 1);
    expect(after.find((r) => r.key === TOTAL_KEY)!.open).toBe(before.find((r) => r.key === TOTAL_KEY)!.open + 1);
    for (const g of [null, 'agency', 'district'] as const) await compare(period[0], period[1], g);
  });

  it('rebuild from the reports table gives the same figures', async () => {
    await rebuildFigures(t.db);
    for (const g of [null, 'district', 'agency', 'month'] as const) await compare(addDays(today(), -364), addDays(today(), 1), g);
  });

  it('one district, over time, through the API', async () => {
    const one = (await client(t.app, null).get('/api/v1/figures?district=1004&group_by=month')).json();
    const all = (await client(t.app, null).get('/api/v1/figures?group_by=district')).json();
    expect(one.district).toBe(1004);
    expect(one.totals.received).toBe(all.groups.find((g: { key: string }) => g.key === '1004').received);
    expect(one.groups.reduce((n: number, g: { received: number }) => n + g.received, 0)).toBe(one.totals.received);
    expect((await client(t.app, null).get('/api/v1/figures?district=1004&group_by=agency')).statusCode).toBe(400);
    expect((await client(t.app, null).get('/api/v1/figures?district=999')).statusCode).toBe(400);
    const empty = (await client(t.app, null).get('/api/v1/figures?from=2001-01-01&to=2001-01-31')).json();
    expect(empty.totals).toMatchObject({ received: 0, fixed: 0, median_fix_hours: null });
  });
});

describe('the duration histogram', () => {
  it('puts every duration inside its bucket, the SQL and TypeScript rules agreeing', async () => {
    const samples = [0, 59, 60, 61, 119, 120, 3599, 3600, 7200, 86_399, 86_400, 1_000_000, 31_536_000, 2 ** 30];
    const sqlBuckets = (await sql<{ b: number }>`select report_figure_bucket(s)::int as b from unnest(${samples}::float8[]) with ordinality as u(s, i) order by i`.execute(t.db)).rows.map((r) => r.b);
    expect(sqlBuckets).toEqual(samples.map(bucketOf));
    for (const s of samples.filter((x) => x < 2 ** 24 * 60)) {
      const [low, high] = bucketBounds(bucketOf(s));
      expect(s / 60).toBeGreaterThanOrEqual(low);
      expect(s / 60).toBeLessThan(high);
    }
    // 7200 s = 120 min falls in [120, 128) min; a lone value is placed in the middle.
    expect(bucketBounds(bucketOf(7200))).toEqual([120, 128]);
    expect(medianHours([{ bucket: bucketOf(7200), before: 0, n: 1 }], 1)).toBeCloseTo(124 / 60, 6);
    // Two values in different buckets: halfway between their estimates, as percentile_cont does.
    expect(medianHours([{ bucket: bucketOf(3600), before: 0, n: 1 }, { bucket: bucketOf(36_000), before: 1, n: 1 }], 2)).toBeCloseTo(((bucketBounds(bucketOf(3600))[0] + bucketBounds(bucketOf(3600))[1]) / 2 + (bucketBounds(bucketOf(36_000))[0] + bucketBounds(bucketOf(36_000))[1]) / 2) / 2 / 60, 6);
  });

  it('splits a period into whole months and the days around them', () => {
    expect(splitPeriod('2026-01-15', '2026-04-10')).toEqual({ months: ['2026-02-01', '2026-04-01'], days: [['2026-01-15', '2026-02-01'], ['2026-04-01', '2026-04-10']] });
    expect(splitPeriod('2026-01-01', '2026-02-01')).toEqual({ months: ['2026-01-01', '2026-02-01'], days: [] });
    expect(splitPeriod('2026-01-03', '2026-01-20')).toEqual({ months: null, days: [['2026-01-03', '2026-01-20']] });
  });
});
