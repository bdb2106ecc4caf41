/**
 * Public figures from the rollups of migration 0016, never from a scan of the reports
 * table: whole calendar months from the month rollups, the days around them from the
 * day rollups, and the changes not folded yet from report_figure_changes — all in one
 * statement, so one snapshot, so the figures are exact at the moment they are read.
 * A period of any length costs at most ~60 day rows plus its months per group.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.ts';
import { medianHours, type BucketSlice } from './transparency.histogram.ts';

export type Dim = 'all' | 'district' | 'agency' | 'category' | 'channel';

export interface RollupQuery {
  /** First Bangkok day of the period (YYYY-MM-DD). */
  fromDay: string;
  /** The day after the last one (exclusive). */
  toDay: string;
  dim: Dim;
  /** Only this key of the dimension (a district code), or every key. */
  key: string | null;
  /** Group by calendar month (of the filing day) instead of by key. */
  byMonth: boolean;
}

export interface RollupFigures {
  /** The dimension's own key (district code, agency or category id, channel, YYYY-MM); '' = unknown. */
  key: string;
  /** What the public sees as the key: agency and category codes instead of ids. */
  publicKey: string | null;
  name_th: string | null;
  name_en: string | null;
  received: number;
  fixed: number;
  closed_unfixed: number;
  open: number;
  demo: number;
  rating_sum: number;
  rating_count: number;
  median_first_response_hours: number | null;
  median_fix_hours: number | null;
}

/** The key a pending change row has in each dimension (as the fold writes it). */
const CHANGE_KEY: Record<Dim, string> = {
  all: `''`,
  district: `coalesce(district_code::text, '')`,
  agency: 'agency_id::text',
  category: 'category_id::text',
  channel: 'channel',
};

const NAMES: Record<Dim, { join: string; publicKey: string; th: string; en: string }> = {
  all: { join: '', publicKey: 'null', th: 'null', en: 'null' },
  district: { join: 'left join districts n on n.code::text = c.k', publicKey: 'c.k', th: 'n.name_th', en: 'n.name_en' },
  agency: { join: 'left join agencies n on n.id::text = c.k', publicKey: 'n.code', th: 'n.name_th', en: 'n.name_en' },
  category: { join: 'left join categories n on n.id::text = c.k', publicKey: 'n.code', th: 'n.name_th', en: 'n.name_en' },
  channel: { join: '', publicKey: 'c.k', th: 'null', en: 'null' },
};

export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const nextMonth = (day: string) => {
  const d = new Date(Date.parse(`${monthStart(day)}T00:00:00Z`));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
};

/** Whole months inside [from, to), and the day ranges left over around them. */
export function splitPeriod(fromDay: string, toDay: string): { months: [string, string] | null; days: Array<[string, string]> } {
  const firstMonth = fromDay.endsWith('-01') ? fromDay : nextMonth(fromDay);
  const endMonth = monthStart(toDay);
  if (firstMonth >= endMonth) return { months: null, days: fromDay < toDay ? [[fromDay, toDay]] : [] };
  const days: Array<[string, string]> = [];
  if (fromDay < firstMonth) days.push([fromDay, firstMonth]);
  if (endMonth < toDay) days.push([endMonth, toDay]);
  return { months: [firstMonth, endMonth], days };
}

/** Rows of a rollup table (report_figures or report_figure_times) for the period, as (k, columns…). */
function rollupRows(table: 'report_figures' | 'report_figure_times', columns: string, q: RollupQuery): RawBuilder<unknown>[] {
  const split = splitPeriod(q.fromDay, q.toDay);
  const k = q.byMonth ? sql.raw(`to_char(period, 'YYYY-MM')`) : sql.raw('key');
  const keyFilter = q.key === null ? sql`` : sql`and key = ${q.key}`;
  const parts: RawBuilder<unknown>[] = [];
  if (split.months) {
    parts.push(sql`select ${k} as k, ${sql.raw(columns)} from ${sql.table(table)}
      where dim = ${q.dim} and level = 'm' ${keyFilter} and period >= ${split.months[0]}::date and period < ${split.months[1]}::date`);
  }
  // One part per range: an OR of ranges would not be an index range.
  for (const [a, b] of split.days) {
    parts.push(sql`select ${k} as k, ${sql.raw(columns)} from ${sql.table(table)}
      where dim = ${q.dim} and level = 'd' ${keyFilter} and period >= ${a}::date and period < ${b}::date`);
  }
  return parts;
}

/** Pending changes for the period, shaped like rollup rows. */
function changeRows(columns: string, q: RollupQuery): RawBuilder<unknown> {
  const k = q.byMonth ? sql.raw(`to_char(day, 'YYYY-MM')`) : sql.raw(CHANGE_KEY[q.dim]);
  const keyFilter = q.key === null ? sql`` : sql`and ${sql.raw(CHANGE_KEY[q.dim])} = ${q.key}`;
  return sql`select ${k} as k, ${sql.raw(columns)} from report_figure_changes
    where day >= ${q.fromDay}::date and day < ${q.toDay}::date ${keyFilter}`;
}

interface ResultRow {
  part: 'c' | 'm';
  k: string;
  public_key: string | null;
  name_th: string | null;
  name_en: string | null;
  received: number | null;
  fixed: number | null;
  closed_unfixed: number | null;
  open: number | null;
  demo: number | null;
  rating_sum: number | null;
  rating_count: number | null;
  kind: 'r' | 'f' | null;
  bucket: number | null;
  before: number | null;
  n: number | null;
  total: number | null;
}

/** The key under which grouping-set totals come back. */
export const TOTAL_KEY = '*';

/**
 * Counts and medians for each group and for all groups together (key TOTAL_KEY).
 * Groups with no report in the period are left out.
 */
export async function readRollups(db: Executor, q: RollupQuery): Promise<RollupFigures[]> {
  const result = await rollupQuery(q).execute(db);
  return shape(result.rows);
}

/** The one statement behind readRollups (exported for EXPLAIN). */
export function rollupQuery(q: RollupQuery) {
  const countColumns = 'received, fixed, closed_unfixed, open, demo, rating_sum, rating_count';
  const counts = [...rollupRows('report_figures', countColumns, q), changeRows(countColumns, q)];
  const times = [
    ...rollupRows('report_figure_times', 'kind, bucket, n', q),
    sql`select * from (${changeRows(`'r'::char(1) as kind, response_bucket as bucket, received as n`, q)}) r where bucket is not null`,
    sql`select * from (${changeRows(`'f'::char(1) as kind, fix_bucket as bucket, received as n`, q)}) f where bucket is not null`,
  ];
  const names = NAMES[q.byMonth ? 'all' : q.dim];
  return sql<ResultRow>`
    with src as (${sql.join(counts, sql` union all `)}),
    cnt as (
      select case when grouping(k) = 1 then ${TOTAL_KEY} else k end as k,
        sum(received)::int as received, sum(fixed)::int as fixed, sum(closed_unfixed)::int as closed_unfixed,
        sum(open)::int as open, sum(demo)::int as demo, sum(rating_sum)::float8 as rating_sum, sum(rating_count)::int as rating_count
      from src group by grouping sets ((k), ())
    ),
    hsrc as (${sql.join(times, sql` union all `)}),
    h as (
      select case when grouping(k) = 1 then ${TOTAL_KEY} else k end as k, kind, bucket, sum(n)::int as n
      from hsrc group by grouping sets ((k, kind, bucket), (kind, bucket))
    ),
    w as (
      select k, kind, bucket, n, sum(n) over (partition by k, kind order by bucket) as cum, sum(n) over (partition by k, kind) as total
      from h where n > 0
    )
    select 'c' as part, c.k, ${sql.raw(q.byMonth ? 'c.k' : names.publicKey)} as public_key,
      ${sql.raw(q.byMonth ? 'null' : names.th)} as name_th, ${sql.raw(q.byMonth ? 'null' : names.en)} as name_en,
      c.received, c.fixed, c.closed_unfixed, c.open, c.demo, c.rating_sum, c.rating_count,
      null as kind, null::int as bucket, null::int as before, null::int as n, null::int as total
    from cnt c ${sql.raw(q.byMonth ? '' : names.join)}
    where c.received > 0 or c.k = ${TOTAL_KEY}
    union all
    select 'm', k, null, null, null, null, null, null, null, null, null, null,
      kind, bucket, (cum - n)::int, n, total::int
    -- The bucket(s) holding the middle rank(s): (total − 1) / 2 rounded down and up.
    from w where cum - n <= ceil((total - 1) / 2.0) and cum > floor((total - 1) / 2.0)
  `;
}

function shape(rows: ResultRow[]): RollupFigures[] {
  const byKey = new Map<string, RollupFigures>();
  for (const row of rows) {
    if (row.part !== 'c') continue;
    byKey.set(row.k, {
      key: row.k,
      publicKey: row.public_key,
      name_th: row.name_th,
      name_en: row.name_en,
      received: row.received ?? 0,
      fixed: row.fixed ?? 0,
      closed_unfixed: row.closed_unfixed ?? 0,
      open: row.open ?? 0,
      demo: row.demo ?? 0,
      rating_sum: row.rating_sum ?? 0,
      rating_count: row.rating_count ?? 0,
      median_first_response_hours: null,
      median_fix_hours: null,
    });
  }
  const slices = new Map<string, { slices: BucketSlice[]; total: number }>();
  for (const row of rows) {
    if (row.part !== 'm') continue;
    const id = `${row.kind}|${row.k}`;
    const entry = slices.get(id) ?? { slices: [], total: row.total! };
    entry.slices.push({ bucket: row.bucket!, before: row.before!, n: row.n! });
    slices.set(id, entry);
  }
  for (const [id, entry] of slices) {
    const [kind, k] = [id.slice(0, 1), id.slice(2)];
    const target = byKey.get(k);
    if (!target) continue;
    const median = medianHours(entry.slices, entry.total);
    if (kind === 'r') target.median_first_response_hours = median;
    else target.median_fix_hours = median;
  }
  return [...byKey.values()];
}

/**
 * Moves pending changes into the rollups (one folder at a time across every
 * instance). Returns how many it moved; -1 when another folder was at work.
 */
export async function foldFigures(db: Db, maxRows = 50_000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const result = await sql<{ moved: number }>`select report_figures_fold(${maxRows}) as moved`.execute(trx);
    return result.rows[0]?.moved ?? 0;
  });
}

/** Recomputes every rollup from the reports table (after a bulk load with capture off). */
export async function rebuildFigures(db: Executor): Promise<number> {
  const result = await sql<{ n: string }>`select report_figures_rebuild()::text as n`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

