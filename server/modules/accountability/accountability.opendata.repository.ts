import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { inFiscalYear, PUBLISHED_PLACEMENT, SUBMITTED } from './accountability.repository.ts';

/**
 * Read-only SQL for the open-data files. Column names are the published field names
 * (accountability.definitions.ts); nothing personal is selected: no user ids, committee
 * members, reporters, e-mails or phones.
 */

export interface OpenDataFilters {
  fiscalYear: number | null;
  districtCode: number | null;
}

export type OpenDataRow = Record<string, string | number | boolean | Date | null>;

function where(parts: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

export async function proposalRows(db: Executor, f: OpenDataFilters): Promise<OpenDataRow[]> {
  const parts: RawBuilder<unknown>[] = [SUBMITTED];
  if (f.fiscalYear !== null) parts.push(inFiscalYear(f.fiscalYear));
  if (f.districtCode !== null) parts.push(sql`p.district_code = ${f.districtCode}`);
  const result = await sql<OpenDataRow>`
    select p.public_id as proposal_id, p.title, c.code as community_code, c.name_th as community_name_th,
           p.district_code, d.name_th as district_name_th, d.name_en as district_name_en,
           p.fiscal_year, p.state, p.submitted_at, p.decided_at, p.total_satang as total_baht,
           p.strategy_code, p.beneficiaries_count,
           a.code as carrying_agency_code, a.name_th as carrying_agency_name_th,
           p.decision_reason, m.public_id as merged_into_id,
           ap.public_id as plan_id, i.public_id as plan_item_id, ap.fiscal_year as plan_fiscal_year, i.status as item_status,
           i.budget_requested_satang as budget_requested_baht, i.budget_approved_satang as budget_approved_baht,
           i.budget_disbursed_satang as budget_disbursed_baht, i.progress_percent,
           (p.is_demo or c.is_demo or coalesce(ap.is_demo, false)) as is_demo
      from proposals p
      join communities c on c.id = p.community_id
      join districts d on d.code = p.district_code
      left join agencies a on a.id = p.carrying_agency_id
      left join proposals m on m.id = p.merged_into_id
      ${PUBLISHED_PLACEMENT}
     where ${where(parts)}
     order by p.district_code, c.code, p.submitted_at nulls last, p.id`.execute(db);
  return result.rows;
}

/**
 * Items of published plans only (drafts are the agency's working copies); for a
 * district: its district office's plan, and department items for its communities.
 */
function planFilters(f: OpenDataFilters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`ap.status = 'published'`];
  if (f.fiscalYear !== null) parts.push(sql`ap.fiscal_year = ${f.fiscalYear}`);
  if (f.districtCode !== null) {
    parts.push(sql`((a.kind = 'district_office' and a.district_code = ${f.districtCode}) or c.district_code = ${f.districtCode})`);
  }
  return where(parts);
}

const PLAN_JOINS = sql`
      join action_plans ap on ap.id = i.plan_id
      join agencies a on a.id = ap.agency_id
      left join proposals p on p.id = i.source_proposal_id
      left join communities c on c.id = coalesce(i.community_id, p.community_id)`;

export async function planRows(db: Executor, f: OpenDataFilters): Promise<OpenDataRow[]> {
  const result = await sql<OpenDataRow>`
    select ap.public_id as plan_id, ap.fiscal_year, ap.status as plan_status,
           a.code as agency_code, a.name_th as agency_name_th, a.name_en as agency_name_en,
           case when a.kind = 'district_office' then a.district_code end as agency_district_code,
           i.public_id as item_id, i.position, i.title, i.responsible_unit, i.source,
           p.public_id as proposal_id, c.code as community_code, c.district_code as community_district_code,
           i.strategy_code,
           i.budget_requested_satang as budget_requested_baht, i.budget_approved_satang as budget_approved_baht,
           i.budget_disbursed_satang as budget_disbursed_baht,
           i.status, i.cancel_reason, i.progress_percent, i.starts_on, i.ends_on, i.completed_at,
           (ap.is_demo or coalesce(c.is_demo, false) or coalesce(p.is_demo, false)) as is_demo
      from plan_items i
      ${PLAN_JOINS}
     where ${planFilters(f)}
     order by ap.fiscal_year desc, a.code, i.position, i.id`.execute(db);
  return result.rows;
}

export async function progressRows(db: Executor, f: OpenDataFilters): Promise<OpenDataRow[]> {
  const result = await sql<OpenDataRow>`
    select ap.public_id as plan_id, ap.fiscal_year, a.code as agency_code, a.name_th as agency_name_th,
           i.public_id as item_id, i.title as item_title, p.public_id as proposal_id, c.code as community_code,
           r.quarter, m.title as milestone, r.percent, r.disbursed_satang as disbursed_baht, r.note,
           (select count(*)::int from attachments x
             where x.owner_type = 'plan_progress' and x.owner_id = r.id and x.kind = 'photo') as photos,
           r.created_at as reported_at,
           (ap.is_demo or coalesce(c.is_demo, false) or coalesce(p.is_demo, false)) as is_demo
      from plan_progress_reports r
      join plan_items i on i.id = r.item_id
      ${PLAN_JOINS}
      left join plan_milestones m on m.id = r.milestone_id
     where ${planFilters(f)}
     order by ap.fiscal_year desc, a.code, i.position, r.id`.execute(db);
  return result.rows;
}
