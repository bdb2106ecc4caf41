import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { SUBMITTED } from './accountability.repository.ts';

/**
 * Read-only SQL for one proposal's public story. Only the columns the story shows are
 * selected: no user ids, e-mails, phones or reporters' contact details ever leave here.
 */

export async function storyProposal(db: Executor, publicId: string) {
  return db
    .selectFrom('proposals as p')
    .innerJoin('communities as c', 'c.id', 'p.community_id')
    .innerJoin('districts as d', 'd.code', 'p.district_code')
    .leftJoin('agencies as a', 'a.id', 'p.carrying_agency_id')
    .leftJoin('proposals as m', 'm.id', 'p.merged_into_id')
    .select([
      'p.id', 'p.public_id', 'p.title', 'p.problem', 'p.objectives', 'p.beneficiaries', 'p.beneficiaries_count',
      'p.starts_on', 'p.ends_on', 'p.strategy_code', 'p.fiscal_year', 'p.total_satang', 'p.state',
      'p.review_feasibility', 'p.review_cost_check', 'p.decision_reason', 'p.is_demo',
      'p.created_at', 'p.submitted_at', 'p.decided_at',
      'c.code as community_code', 'c.name_th as community_name_th', 'c.name_en as community_name_en', 'c.is_demo as community_is_demo',
      'd.code as district_code', 'd.name_th as district_name_th', 'd.name_en as district_name_en',
      'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
      'm.public_id as merged_into_public_id', 'm.title as merged_into_title',
    ])
    .where('p.public_id', '=', publicId)
    // Drafts (and drafts withdrawn before sending) are the committee's own working copies.
    .where(sql<boolean>`${SUBMITTED}`)
    .executeTakeFirst();
}
export type StoryProposalRow = NonNullable<Awaited<ReturnType<typeof storyProposal>>>;

/** Needs linked need -> proposal ('addresses'), most pressing first. */
export async function addressedNeeds(db: Executor, proposalId: string) {
  return db
    .selectFrom('resource_links as l')
    .innerJoin('community_needs as n', 'n.id', 'l.from_id')
    .leftJoin('categories as cat', 'cat.id', 'n.category_id')
    .select([
      'n.id', 'n.public_id', 'n.rank', 'n.title', 'n.description', 'n.place_text', 'n.households_affected', 'n.since_on', 'n.status',
      'cat.code as category_code', 'cat.name_th as category_name_th', 'cat.name_en as category_name_en',
    ])
    .where('l.from_type', '=', 'need')
    .where('l.to_type', '=', 'proposal')
    .where('l.relation', '=', 'addresses')
    .where('l.to_id', '=', proposalId)
    .orderBy('n.rank')
    .orderBy('n.id')
    .execute();
}
export type NeedRow = Awaited<ReturnType<typeof addressedNeeds>>[number];

/** City problem reports cited as evidence (report -> need, 'evidence') by these needs. */
export async function citedReports(db: Executor, needIds: string[]) {
  if (needIds.length === 0) return [];
  return db
    .selectFrom('resource_links as l')
    .innerJoin('reports as r', 'r.id', 'l.from_id')
    .innerJoin('categories as cat', 'cat.id', 'r.category_id')
    .select([
      'l.to_id as need_id', 'r.code', 'r.state', 'r.created_at', 'r.fixed_at', 'r.district_code', 'r.is_demo',
      'cat.code as category_code', 'cat.name_th as category_name_th', 'cat.name_en as category_name_en',
    ])
    .where('l.from_type', '=', 'report')
    .where('l.to_type', '=', 'need')
    .where('l.relation', '=', 'evidence')
    .where('l.to_id', 'in', needIds)
    .orderBy('r.created_at')
    .execute();
}
export type CitedReportRow = Awaited<ReturnType<typeof citedReports>>[number];

/** Every step with its date and the public label of who took it (never the account). */
export async function proposalEvents(db: Executor, proposalId: string) {
  return db
    .selectFrom('proposal_events')
    .select(['from_state', 'to_state', 'actor_label', 'note', 'created_at'])
    .where('proposal_id', '=', proposalId)
    .orderBy('id')
    .execute();
}

export async function budgetLines(db: Executor, proposalId: string) {
  return db
    .selectFrom('proposal_budget_lines')
    .select(['position', 'description', 'quantity', 'unit', 'unit_cost_satang', 'amount_satang'])
    .where('proposal_id', '=', proposalId)
    .orderBy('position')
    .execute();
}

/**
 * Where the proposal sits in a published plan: its live item, or, when every placement
 * was cancelled, the latest cancelled one (a cancellation is part of the story too). An
 * item in a draft plan is not told: until the plan is published the proposal reads as
 * accepted, not yet in a plan.
 */
export async function placement(db: Executor, proposalId: string) {
  return db
    .selectFrom('plan_items as i')
    .innerJoin('action_plans as ap', 'ap.id', 'i.plan_id')
    .innerJoin('agencies as a', 'a.id', 'ap.agency_id')
    .select([
      'i.id', 'i.public_id', 'i.title', 'i.responsible_unit', 'i.budget_requested_satang', 'i.budget_approved_satang',
      'i.budget_disbursed_satang', 'i.status', 'i.cancel_reason', 'i.progress_percent', 'i.indicators', 'i.starts_on', 'i.ends_on',
      'i.completed_at', 'i.created_at',
      'ap.public_id as plan_public_id', 'ap.fiscal_year', 'ap.status as plan_status', 'ap.is_demo as plan_is_demo',
      'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
    ])
    .where('i.source_proposal_id', '=', proposalId)
    .where('ap.status', '=', 'published')
    .orderBy(sql`(i.status = 'cancelled')`)
    .orderBy('i.id', 'desc')
    .executeTakeFirst();
}
export type PlacementRow = NonNullable<Awaited<ReturnType<typeof placement>>>;

export async function milestones(db: Executor, itemId: string) {
  return db
    .selectFrom('plan_milestones')
    .select(['id', 'position', 'title', 'weight', 'due_quarter', 'percent'])
    .where('item_id', '=', itemId)
    .orderBy('position')
    .execute();
}

export async function progressReports(db: Executor, itemId: string) {
  return db
    .selectFrom('plan_progress_reports as r')
    .leftJoin('plan_milestones as m', 'm.id', 'r.milestone_id')
    .select(['r.id', 'r.quarter', 'r.percent', 'r.disbursed_satang', 'r.note', 'r.item_percent', 'r.created_at', 'm.title as milestone_title'])
    .where('r.item_id', '=', itemId)
    .orderBy('r.id')
    .execute();
}
