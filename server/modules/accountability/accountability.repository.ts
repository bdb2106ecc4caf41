import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { FunnelRowOrEmpty } from './accountability.funnel.ts';

/**
 * Read-only SQL over the communities, proposals and plans tables: this module writes
 * nothing. The funnel's rules live in SUBMITTED and FUNNEL_SUMS below (see
 * accountability.definitions.ts for the same rules in words).
 */

export interface FunnelFilters {
  fiscalYear: number | null;
  districtCode: number | null;
  communityId: string | null;
}

/**
 * A proposal counts as submitted once it has left draft. Every state but draft and
 * withdrawn can only be reached by sending it; a withdrawn one counts when it had been
 * sent before (withdrawing a draft is not a submission).
 */
export const SUBMITTED = sql`(p.state <> 'draft' and (p.state <> 'withdrawn' or p.submitted_at is not null
  or exists (select 1 from proposal_events e where e.proposal_id = p.id and e.to_state = 'submitted')))`;

/**
 * A proposal's live (not cancelled) item in a *published* plan, as `i` and `ap`. A
 * draft plan is the agency's working copy and answers 404 in the plans module: a
 * proposal placed only in a draft reads as accepted, not yet in a plan. The unique
 * index plan_items_one_per_proposal keeps the join one-to-one. Used after
 * `from proposals p`.
 */
export const PUBLISHED_PLACEMENT = sql`
      left join (plan_items i join action_plans ap on ap.id = i.plan_id and ap.status = 'published')
             on i.source_proposal_id = p.id and i.status <> 'cancelled'`;

/**
 * The one fiscal year a proposal counts in: the year of the published plan it sits in,
 * else the year it asked for (a 2570 proposal placed in the 2571 plan is 2571's only).
 */
export function inFiscalYear(fiscalYear: number): RawBuilder<unknown> {
  return sql`coalesce(ap.fiscal_year, p.fiscal_year) = ${fiscalYear}`;
}

function filters(f: FunnelFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [SUBMITTED];
  if (f.fiscalYear !== null) parts.push(inFiscalYear(f.fiscalYear));
  if (f.districtCode !== null) parts.push(sql`p.district_code = ${f.districtCode}`);
  if (f.communityId !== null) parts.push(sql`p.community_id = ${f.communityId}`);
  return sql.join(parts, sql` and `);
}

/** One row per counted proposal with its live plan item in a published plan, if any. */
function counted(f: FunnelFilters) {
  return sql`
    select p.id, p.district_code, p.community_id, p.state, p.total_satang,
           i.id as item_id, i.budget_requested_satang as requested,
           coalesce(i.budget_approved_satang, 0) as approved,
           i.budget_disbursed_satang as disbursed, i.status as item_status,
           (p.is_demo or c.is_demo or coalesce(ap.is_demo, false)) as demo
      from proposals p
      join communities c on c.id = p.community_id
      ${PUBLISHED_PLACEMENT}
     where ${filters(f)}`;
}

const FUNNEL_SUMS = sql`
  count(*)::int as submitted,
  coalesce(sum(total_satang), 0)::text as submitted_satang,
  count(*) filter (where state = 'accepted')::int as accepted,
  coalesce(sum(total_satang) filter (where state = 'accepted'), 0)::text as accepted_satang,
  count(item_id)::int as in_plan,
  coalesce(sum(requested), 0)::text as in_plan_satang,
  count(*) filter (where approved > 0)::int as funded,
  coalesce(sum(approved) filter (where approved > 0), 0)::text as funded_satang,
  count(*) filter (where item_status = 'completed')::int as delivered,
  coalesce(sum(disbursed) filter (where item_status = 'completed'), 0)::text as delivered_satang,
  coalesce(sum(disbursed), 0)::text as disbursed_satang,
  coalesce(bool_or(demo), false) as includes_demo`;

export interface DistrictFunnelRow extends FunnelRowOrEmpty {
  code: number;
  name_th: string;
  name_en: string;
}

/** Every district (or the one asked for), with zeros where nothing was counted. */
export async function funnelByDistrict(db: Executor, f: FunnelFilters): Promise<DistrictFunnelRow[]> {
  const result = await sql<DistrictFunnelRow>`
    with counted as (${counted(f)}),
         sums as (select district_code as key, ${FUNNEL_SUMS} from counted group by district_code)
    select d.code, d.name_th, d.name_en, s.*
      from districts d left join sums s on s.key = d.code
     ${f.districtCode !== null ? sql`where d.code = ${f.districtCode}` : sql``}
     order by d.code`.execute(db);
  return result.rows;
}

export interface CommunityFunnelRow extends FunnelRowOrEmpty {
  code: string;
  name_th: string;
  name_en: string | null;
  is_demo: boolean;
}

/** Every community of a district (or the one asked for), busiest first. */
export async function funnelByCommunity(db: Executor, f: FunnelFilters & { districtCode: number }): Promise<CommunityFunnelRow[]> {
  const result = await sql<CommunityFunnelRow>`
    with counted as (${counted(f)}),
         sums as (select community_id as key, ${FUNNEL_SUMS} from counted group by community_id)
    select c.code, c.name_th, c.name_en, c.is_demo, s.*
      from communities c left join sums s on s.key = c.id
     where c.district_code = ${f.districtCode}
     ${f.communityId !== null ? sql`and c.id = ${f.communityId}` : sql``}
     order by coalesce(s.submitted, 0) desc, c.name_th, c.code`.execute(db);
  return result.rows;
}

/**
 * Fiscal years anyone has asked for or published a plan in, newest first (the year
 * picker). The proposals' years are read by a loose index scan — one probe of
 * proposals (fiscal_year) per distinct year, each taking the smallest sent year above
 * the last — instead of reading every proposal on every request; action_plans holds
 * one row per agency and year.
 */
export async function fiscalYearsInUse(db: Executor): Promise<number[]> {
  const result = await sql<{ fy: number }>`
    with recursive asked(fy) as (
      (select p.fiscal_year from proposals p where p.fiscal_year is not null and ${SUBMITTED} order by p.fiscal_year limit 1)
      union all
      select (select p.fiscal_year from proposals p where p.fiscal_year > asked.fy and ${SUBMITTED} order by p.fiscal_year limit 1)
        from asked where asked.fy is not null
    )
    select fy from asked where fy is not null
    union
    select fiscal_year as fy from action_plans where status = 'published'
    order by fy desc`.execute(db);
  return result.rows.map((r) => r.fy);
}

export async function districtByCode(db: Executor, code: number) {
  return db.selectFrom('districts').select(['code', 'name_th', 'name_en']).where('code', '=', code).executeTakeFirst();
}

export async function communityForFilter(db: Executor, code: string) {
  return db
    .selectFrom('communities')
    .select(['id', 'code', 'name_th', 'name_en', 'district_code', 'is_demo'])
    .where('code', '=', code)
    .executeTakeFirst();
}
