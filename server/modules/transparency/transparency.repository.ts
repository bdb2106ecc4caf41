import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export type GroupBy = 'district' | 'agency' | 'category' | 'channel' | 'month';

export interface FigureRow {
  key: string | null;
  name_th: string | null;
  name_en: string | null;
  received: number;
  fixed: number;
  closed_unfixed: number;
  open: number;
  demo: number;
  median_first_response_hours: number | null;
  median_fix_hours: number | null;
  rating_avg: number | null;
  rating_count: number;
}

const GROUPS: Record<GroupBy, { key: string; th: string; en: string; join: string }> = {
  district: { key: 'r.district_code::text', th: 'd.name_th', en: 'd.name_en', join: 'left join districts d on d.code = r.district_code' },
  agency: { key: 'a.code', th: 'a.name_th', en: 'a.name_en', join: 'join agencies a on a.id = r.agency_id' },
  category: { key: 'c.code', th: 'c.name_th', en: 'c.name_en', join: 'join categories c on c.id = r.category_id' },
  channel: { key: 'r.channel', th: 'r.channel', en: 'r.channel', join: '' },
  // Calendar months in Bangkok time; the service turns keys into Thai and English month names.
  month: { key: "to_char(r.created_at at time zone 'Asia/Bangkok', 'YYYY-MM')", th: "to_char(r.created_at at time zone 'Asia/Bangkok', 'YYYY-MM')", en: "to_char(r.created_at at time zone 'Asia/Bangkok', 'YYYY-MM')", join: '' },
};

/**
 * Every public figure in one pass over the period's reports: the definition the
 * rollups (transparency.rollups.ts) must reproduce, kept as the reference the tests
 * compare them with. Never called per request: at city scale it scans a year of reports.
 * Medians are over the reports that reached that point (a first response; a fix).
 */
export async function figuresFromReports(db: Executor, from: Date, to: Date, groupBy: GroupBy | null): Promise<FigureRow[]> {
  const g = groupBy ? GROUPS[groupBy] : null;
  const result = await sql<FigureRow>`
    select
      ${sql.raw(g ? g.key : 'null')} as key,
      ${sql.raw(g ? g.th : 'null')} as name_th,
      ${sql.raw(g ? g.en : 'null')} as name_en,
      count(*)::int as received,
      count(*) filter (where r.state = 'fixed')::int as fixed,
      count(*) filter (where r.state = 'closed')::int as closed_unfixed,
      count(*) filter (where r.state in ('received', 'in_progress'))::int as open,
      count(*) filter (where r.is_demo)::int as demo,
      (percentile_cont(0.5) within group (order by extract(epoch from r.first_response_at - r.created_at) / 3600)
        filter (where r.first_response_at is not null))::float8 as median_first_response_hours,
      (percentile_cont(0.5) within group (order by extract(epoch from r.fixed_at - r.created_at) / 3600)
        filter (where r.state = 'fixed' and r.fixed_at is not null))::float8 as median_fix_hours,
      (avg(r.rating) filter (where r.rating is not null))::float8 as rating_avg,
      count(r.rating)::int as rating_count
    from reports r
    ${sql.raw(g ? g.join : '')}
    where r.created_at >= ${from} and r.created_at < ${to}
    ${sql.raw(g ? `group by 1, 2, 3` : '')}
  `.execute(db);
  return result.rows;
}
