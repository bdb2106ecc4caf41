/**
 * Rows for the accountability tests, inserted directly with Kysely: this module is a
 * read model, so its tests build communities, needs, proposals, plans and progress the
 * way the owning modules would store them, without going through their endpoints.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ProposalState } from '../proposals/proposals.tables.ts';
import type { PlanItemStatus } from '../plans/plans.tables.ts';

export const unique = () => crypto.randomBytes(4).toString('hex');

/** A staff account with an e-mail and phone, so tests can prove they never leak. */
export async function makeUser(db: Db, displayName = `เจ้าหน้าที่ ${unique()}`) {
  const row = await db
    .insertInto('users')
    .values({ public_id: publicId(12), email: `staff.${unique()}@bangkok.go.th`, phone: `+6681${crypto.randomInt(1_000_000, 9_999_999)}`, display_name: displayName, password_hash: 'x', role: 'citizen' })
    .returning(['id', 'public_id', 'email', 'phone', 'display_name'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function makeCommunity(db: Db, districtCode = 1004, opts: { isDemo?: boolean; name?: string } = {}) {
  const code = `${districtCode}-${crypto.randomInt(100, 999)}${unique().slice(0, 3)}`;
  return db
    .insertInto('communities')
    .values({
      code, district_code: districtCode, name_th: opts.name ?? `ชุมชนทดสอบ ${unique()}`, name_en: null, kind: 'urban',
      lat: 13.7292, lng: 100.5243, location: sql`point(100.5243, 13.7292)`, households: 120, registered_on: '2019-06-01', is_demo: opts.isDemo ?? false,
    })
    .returning(['id', 'code', 'district_code', 'name_th'])
    .executeTakeFirstOrThrow();
}

export async function makeNeed(db: Db, communityId: string, opts: { rank?: number; title?: string; households?: number; sinceOn?: string } = {}) {
  return db
    .insertInto('community_needs')
    .values({
      public_id: `N-${publicId(8)}`, community_id: communityId, rank: opts.rank ?? 1, title: opts.title ?? 'ถนนในซอยน้ำท่วมขังทุกครั้งที่ฝนตก',
      description: 'น้ำท่วมสูงถึงเข่า เด็กเดินไปโรงเรียนไม่ได้', households_affected: opts.households ?? 80, since_on: opts.sinceOn ?? '2022-06-01',
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
}

export async function link(db: Db, from: { type: string; id: string }, to: { type: string; id: string }, relation: string) {
  await db.insertInto('resource_links').values({ from_type: from.type, from_id: from.id, to_type: to.type, to_id: to.id, relation }).execute();
}

/** report -> need ('evidence') by the report's tracking code. */
export async function citeReport(db: Db, reportCode: string, needId: string) {
  const report = await db.selectFrom('reports').select('id').where('code', '=', reportCode).executeTakeFirstOrThrow();
  await link(db, { type: 'report', id: report.id }, { type: 'need', id: needId }, 'evidence');
}

/** The path each state is reached by, as the proposals module records it. */
const PATHS: Record<ProposalState, ProposalState[]> = {
  draft: ['draft'],
  submitted: ['draft', 'submitted'],
  under_review: ['draft', 'submitted', 'under_review'],
  revision_requested: ['draft', 'submitted', 'under_review', 'revision_requested'],
  accepted: ['draft', 'submitted', 'under_review', 'revision_requested', 'submitted', 'under_review', 'accepted'],
  not_accepted: ['draft', 'submitted', 'under_review', 'not_accepted'],
  merged: ['draft', 'submitted', 'merged'],
  withdrawn: ['draft', 'submitted', 'withdrawn'],
};

export interface ProposalOptions {
  state?: ProposalState;
  /** Budget lines in satang; the total is their sum. */
  lines?: bigint[];
  fiscalYear?: number | null;
  isDemo?: boolean;
  mergedIntoId?: string;
  /** A withdrawn proposal that never left draft. */
  withdrawnFromDraft?: boolean;
  needIds?: string[];
  actor?: { id: string; display_name: string };
  carryingAgencyCode?: string;
}

export async function makeProposal(db: Db, community: { id: string; district_code: number }, opts: ProposalOptions = {}) {
  const state = opts.state ?? 'submitted';
  const lines = opts.lines ?? [1_000_000n, 500_000n];
  const total = lines.reduce((a, b) => a + b, 0n);
  const path = opts.withdrawnFromDraft ? (['draft', 'withdrawn'] as ProposalState[]) : PATHS[state];
  const sent = path.includes('submitted');
  const agency = opts.carryingAgencyCode ? await db.selectFrom('agencies').select('id').where('code', '=', opts.carryingAgencyCode).executeTakeFirstOrThrow() : null;
  const p = await db
    .insertInto('proposals')
    .values({
      public_id: `PRJ-69-${publicId(6)}`, community_id: community.id, district_code: community.district_code,
      title: `โครงการปรับปรุงทางระบายน้ำ ${unique()}`, problem: 'น้ำท่วมขังในซอย', activities: '[]', fiscal_year: opts.fiscalYear === undefined ? 2570 : opts.fiscalYear,
      total_satang: total.toString(), state, is_demo: opts.isDemo ?? false, created_by: opts.actor?.id ?? null,
      review_feasibility: state === 'accepted' ? 'ทำได้จริง พื้นที่สาธารณะ' : null,
      review_cost_check: state === 'accepted' ? 'ราคาต่อหน่วยสมเหตุสมผล' : null,
      carrying_agency_id: agency?.id ?? null,
      decision_reason: state === 'not_accepted' ? 'ซ้ำกับโครงการของสำนักการระบายน้ำ' : null,
      merged_into_id: opts.mergedIntoId ?? null,
      submitted_at: sent ? new Date() : null,
      decided_at: ['accepted', 'not_accepted', 'merged'].includes(state) ? new Date() : null,
    })
    .returning(['id', 'public_id', 'total_satang'])
    .executeTakeFirstOrThrow();
  for (const [i, amount] of lines.entries()) {
    await db.insertInto('proposal_budget_lines').values({
      proposal_id: p.id, position: i + 1, description: `รายการที่ ${i + 1}`, quantity: 1, unit: 'งาน', unit_cost_satang: amount.toString(), amount_satang: amount.toString(),
    }).execute();
  }
  let from: ProposalState | null = null;
  for (const to of path) {
    await db.insertInto('proposal_events').values({
      proposal_id: p.id, from_state: from, to_state: to, actor_user_id: opts.actor?.id ?? null, actor_label: opts.actor?.display_name ?? 'คณะกรรมการชุมชน',
      note: to === 'revision_requested' ? 'ขอให้แยกค่าแรงกับค่าวัสดุ' : '',
    }).execute();
    from = to;
  }
  for (const needId of opts.needIds ?? []) await link(db, { type: 'need', id: needId }, { type: 'proposal', id: p.id }, 'addresses');
  return p;
}

/** A plan as the plans module stores it; published unless asked for a draft (drafts are never public). */
export async function makePlan(db: Db, opts: { agencyCode?: string; fiscalYear?: number; isDemo?: boolean; status?: 'draft' | 'published' } = {}) {
  const agency = await db.selectFrom('agencies').select('id').where('code', '=', opts.agencyCode ?? 'district-1004').executeTakeFirstOrThrow();
  const existing = await db.selectFrom('action_plans').select(['id', 'public_id']).where('agency_id', '=', agency.id).where('fiscal_year', '=', opts.fiscalYear ?? 2570).executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto('action_plans')
    .values({
      public_id: `PLN-${publicId(8)}`, agency_id: agency.id, fiscal_year: opts.fiscalYear ?? 2570, ceiling_satang: null, is_demo: opts.isDemo ?? false, created_by: null,
      status: opts.status ?? 'published', published_at: (opts.status ?? 'published') === 'published' ? new Date() : null,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
}

export interface ItemOptions {
  proposalId?: string;
  communityId?: string;
  requested?: bigint;
  approved?: bigint | null;
  disbursed?: bigint;
  status?: PlanItemStatus;
  progress?: number;
}

export async function makeItem(db: Db, planId: string, opts: ItemOptions = {}) {
  const status = opts.status ?? 'planned';
  const position = Number((await db.selectFrom('plan_items').select((eb) => eb.fn.countAll().as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow()).n) + 1;
  const item = await db
    .insertInto('plan_items')
    .values({
      public_id: `PI-${publicId(8)}`, plan_id: planId, position, title: `รายการ ${unique()}`, responsible_unit: 'ฝ่ายโยธา',
      source: opts.proposalId ? 'proposal' : 'agency', source_proposal_id: opts.proposalId ?? null, community_id: opts.communityId ?? null, strategy_code: null,
      budget_requested_satang: (opts.requested ?? 1_500_000n).toString(), budget_approved_satang: opts.approved === undefined ? null : opts.approved?.toString() ?? null,
      budget_disbursed_satang: (opts.disbursed ?? 0n).toString(), indicators: JSON.stringify([{ name: 'ทางระบายน้ำ', target: 120, unit: 'เมตร', actual: null }]),
      status, cancel_reason: status === 'cancelled' ? 'งบประมาณถูกปรับลด' : null, progress_percent: opts.progress ?? 0,
      completed_at: status === 'completed' ? new Date() : null,
    })
    .returning(['id', 'public_id'])
    .executeTakeFirstOrThrow();
  if (opts.proposalId) await link(db, { type: 'proposal', id: opts.proposalId }, { type: 'plan_item', id: item.id }, 'planned_as');
  return item;
}

export async function addMilestone(db: Db, itemId: string, opts: { position?: number; title?: string; percent?: number } = {}) {
  return db
    .insertInto('plan_milestones')
    .values({ item_id: itemId, position: opts.position ?? 1, title: opts.title ?? 'ขุดวางท่อ', weight: 1, due_quarter: 2, percent: opts.percent ?? 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function addProgress(db: Db, itemId: string, opts: { quarter?: number; percent: number; note?: string; disbursed?: bigint; milestoneId?: string; reportedBy?: string }) {
  return db
    .insertInto('plan_progress_reports')
    .values({
      item_id: itemId, milestone_id: opts.milestoneId ?? null, quarter: opts.quarter ?? 1, percent: opts.percent, item_percent: opts.percent,
      disbursed_satang: opts.disbursed?.toString() ?? null, note: opts.note ?? '', reported_by: opts.reportedBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** An attachment row (the tests read the story's JSON, not the file). */
export async function addPhoto(db: Db, owner: { type: 'need' | 'plan_progress'; id: string }, createdBy: string | null = null) {
  const id = publicId(16);
  await db.insertInto('attachments').values({
    public_id: id, owner_type: owner.type, owner_id: owner.id, kind: 'photo', file_name: 'site.jpg', content_type: 'image/jpeg',
    bytes: 1234, storage_key: `test/${id}.jpg`, thumb_key: `test/${id}.thumb.jpg`, width: 800, height: 600, created_by: createdBy,
  }).execute();
  return id;
}

/** Asserts a 4xx with both languages, and returns the body. */
export function expectProblem(response: { statusCode: number; body: string; json(): unknown }, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { code: string; detail_th: string; detail_en: string; errors?: Array<{ field: string }> };
  expect(body.detail_th).toMatch(/[\u0e00-\u0e7f]/);
  expect(body.detail_en.length).toBeGreaterThan(5);
  if (code) expect(body.code).toBe(code);
  return body;
}

/** Rows of the tables this module reads: a read-only module must leave them as they were. */
export async function tableCounts(db: Db) {
  const tables = ['communities', 'community_needs', 'proposals', 'proposal_events', 'action_plans', 'plan_items', 'plan_progress_reports', 'resource_links', 'audit_log'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}
