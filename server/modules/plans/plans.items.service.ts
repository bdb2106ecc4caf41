/**
 * Plan items: placing an accepted proposal or adding the agency's own project, and
 * changing an item — its budgets (approval is checked against the ceiling), its details
 * and its status, which moves in order. Every change is one transaction with its audit.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { formatSatang } from '../../platform/money/money.ts';
import { carriedBy, proposalForPlanning } from '../proposals/proposals.planning.ts';
import type { ModuleDeps } from '../civic-deps.ts';
import { lockItemForBuild, lockPlanForBuild, notFoundItem, notFoundPlan, requireOpen } from './plans.access.ts';
import { resolveNeedsOfDelivered } from './plans.delivery.ts';
import { can } from './plans.policy.ts';
import { ceilingWarnings, type Warning } from './plans.presenter.ts';
import { plansRepository as repo, type ItemRow, type NewItem, type PlanRow } from './plans.repository.ts';
import { requireBaht, requireTransition } from './plans.rules.ts';
import type { PlanItemStatus } from './plans.tables.ts';
import { itemView } from './plans.view.ts';

export interface Indicator { name: string; target: number; unit: string; actual?: number | null }

export interface AddItemInput {
  proposal_id?: string;
  title?: string;
  description?: string;
  responsible_unit: string;
  strategy_code?: string;
  budget_requested_baht?: string | number;
  indicators?: Indicator[];
  starts_on?: string;
  ends_on?: string;
}

export interface ItemPatch {
  title?: string;
  description?: string;
  responsible_unit?: string;
  strategy_code?: string | null;
  indicators?: Indicator[];
  starts_on?: string | null;
  ends_on?: string | null;
  budget_requested_baht?: string | number;
  budget_approved_baht?: string | number;
  budget_disbursed_baht?: string | number;
  status?: PlanItemStatus;
  cancel_reason?: string;
}

/** 'PLI-7Q4XKM2A' */
export const newItemId = () => `PLI-${publicId(8)}`;

const required = (field: string, th: string, en: string) =>
  fail.unprocessable(`${field}_required`, th, en, [{ field, text: { th: 'จำเป็นต้องกรอก', en: 'is required' } }]);

function requireDateOrder(startsOn: string | null | undefined, endsOn: string | null | undefined): void {
  if (startsOn && endsOn && endsOn < startsOn) {
    throw fail.unprocessable('dates_out_of_order', 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น', 'The end date cannot be before the start date', [
      { field: 'ends_on', text: { th: 'ต้องไม่ก่อนวันเริ่มต้น', en: 'must not be before starts_on' } },
    ]);
  }
}

function cleanText(value: string | undefined | null): string | null {
  const text = value?.trim();
  return text ? text : null;
}

export function createPlanItemsService(deps: ModuleDeps) {
  const { db } = deps;

  async function placeProposal(trx: Tx, plan: PlanRow, input: AddItemInput) {
    const proposal = await proposalForPlanning(trx, input.proposal_id!.trim());
    if (!proposal) {
      throw fail.unprocessable('unknown_proposal', `ไม่พบข้อเสนอโครงการ ${input.proposal_id}`, `No proposal ${input.proposal_id}`, [
        { field: 'proposal_id', text: { th: 'ไม่พบข้อเสนอโครงการนี้', en: 'is not a known proposal' } },
      ]);
    }
    if (!carriedBy(proposal, { id: plan.agency_id, kind: plan.agency_kind, districtCode: plan.agency_district_code })) {
      throw fail.forbidden(
        'ข้อเสนอโครงการนี้เป็นของเขตหรือหน่วยงานอื่น บรรจุได้เฉพาะในแผนของสำนักงานเขตของชุมชนหรือหน่วยงานที่รับไปดำเนินการ',
        "This proposal belongs to another district or agency; only its district office or the agency carrying it out may place it in a plan",
      );
    }
    if (proposal.state !== 'accepted') {
      throw fail.conflict('proposal_not_accepted', 'บรรจุในแผนได้เฉพาะข้อเสนอโครงการที่ผ่านการพิจารณาแล้ว', 'Only accepted proposals can be placed in a plan');
    }
    if (proposal.fiscalYear !== null && proposal.fiscalYear > plan.fiscal_year) {
      throw fail.unprocessable('proposal_for_later_year', `ข้อเสนอนี้ขอรับงบประมาณปี ${proposal.fiscalYear} จึงบรรจุในแผนปี ${plan.fiscal_year} ไม่ได้`, `This proposal asks for FY ${proposal.fiscalYear} funding; it cannot go in the FY ${plan.fiscal_year} plan`, [
        { field: 'proposal_id', text: { th: 'เป็นข้อเสนอสำหรับปีงบประมาณถัดไป', en: 'is meant for a later fiscal year' } },
      ]);
    }
    const placed = await trx.selectFrom('plan_items').select('public_id').where('source_proposal_id', '=', proposal.id).where('status', '<>', 'cancelled').executeTakeFirst();
    if (placed) throw fail.conflict('proposal_already_placed', `ข้อเสนอนี้อยู่ในแผนแล้ว (รายการ ${placed.public_id})`, `This proposal is already in a plan (item ${placed.public_id})`);
    return proposal;
  }

  async function addItem(user: AuthUser | null, actor: Actor, planId: string, input: AddItemInput) {
    const itemId = newItemId();
    const planRow = await db.transaction().execute(async (trx) => {
      const plan = await lockPlanForBuild(trx, user, planId);
      const requested = input.budget_requested_baht !== undefined ? requireBaht(input.budget_requested_baht, 'budget_requested_baht') : null;
      const base = {
        public_id: itemId, plan_id: plan.id, position: await repo.nextItemPosition(trx, plan.id), responsible_unit: input.responsible_unit.trim(),
        indicators: JSON.stringify(input.indicators ?? []),
      };
      let values: NewItem;
      if (input.proposal_id) {
        const p = await placeProposal(trx, plan, input);
        values = {
          ...base, source: 'proposal', source_proposal_id: p.id, community_id: p.communityId, title: cleanText(input.title) ?? p.title,
          description: cleanText(input.description) ?? (p.objectives || p.problem), strategy_code: cleanText(input.strategy_code) ?? p.strategyCode,
          budget_requested_satang: (requested ?? p.totalSatang).toString(), starts_on: input.starts_on ?? p.startsOn, ends_on: input.ends_on ?? p.endsOn,
        };
      } else {
        const title = cleanText(input.title);
        if (!title) throw required('title', 'กรุณาระบุชื่อโครงการหรือกิจกรรม', 'Give the project or activity a title');
        if (requested === null) throw required('budget_requested_baht', 'กรุณาระบุงบประมาณที่ขอ (บาท)', 'Give the budget requested, in baht');
        values = {
          ...base, source: 'agency', source_proposal_id: null, community_id: null, title, description: input.description?.trim() ?? '',
          strategy_code: cleanText(input.strategy_code), budget_requested_satang: requested.toString(), starts_on: input.starts_on ?? null, ends_on: input.ends_on ?? null,
        };
      }
      if (!values.responsible_unit) throw required('responsible_unit', 'กรุณาระบุหน่วยงานรับผิดชอบ', 'Give the responsible unit');
      requireDateOrder(values.starts_on, values.ends_on);
      const inserted = await repo.insertItem(trx, values);
      if (values.source_proposal_id) await repo.linkProposal(trx, values.source_proposal_id, inserted.id);
      await repo.touchPlan(trx, plan.id);
      await recordAudit(trx, actor, {
        action: 'plan.item_add', entityType: 'plan_item', entityId: itemId,
        after: { plan: plan.public_id, position: values.position, source: values.source, proposal: input.proposal_id ?? null, title: values.title, budget_requested_satang: values.budget_requested_satang },
      });
      return plan;
    });
    const inserted = await repo.findItem(db, planRow.id, itemId);
    return { ...(await itemView(db, planRow, inserted!.id, user)), warnings: [] as Warning[] };
  }

  /** The checks and the new values of the money fields of a patch. */
  async function moneyChanges(trx: Tx, plan: PlanRow, item: ItemRow, patch: ItemPatch, cancelling: boolean) {
    const requested = patch.budget_requested_baht !== undefined ? requireBaht(patch.budget_requested_baht, 'budget_requested_baht') : undefined;
    const approved = patch.budget_approved_baht !== undefined ? requireBaht(patch.budget_approved_baht, 'budget_approved_baht') : undefined;
    const disbursed = patch.budget_disbursed_baht !== undefined ? requireBaht(patch.budget_disbursed_baht, 'budget_disbursed_baht') : undefined;
    const oldApproved = item.budget_approved_satang === null ? null : BigInt(item.budget_approved_satang);
    const finalApproved = approved ?? oldApproved;
    const finalDisbursed = disbursed ?? BigInt(item.budget_disbursed_satang);
    if (finalDisbursed > 0n && (finalApproved === null || finalDisbursed > finalApproved)) {
      const field = disbursed !== undefined ? 'budget_disbursed_baht' : 'budget_approved_baht';
      throw fail.unprocessable('disbursed_over_approved',
        finalApproved === null ? 'ยังไม่มีงบประมาณที่อนุมัติ จึงบันทึกการเบิกจ่ายไม่ได้' : `เบิกจ่ายแล้ว ${formatSatang(finalDisbursed)} บาท เกินงบประมาณที่อนุมัติ ${formatSatang(finalApproved)} บาท`,
        finalApproved === null ? 'Nothing is approved yet, so nothing can be disbursed' : `Disbursed THB ${formatSatang(finalDisbursed, 'en')} would be more than the approved THB ${formatSatang(finalApproved, 'en')}`,
        [{ field, text: { th: 'เงินเบิกจ่ายต้องไม่เกินงบประมาณที่อนุมัติ', en: 'disbursed must not exceed approved' } }]);
    }
    let warnings: Warning[] = [];
    if (approved !== undefined && !cancelling && plan.ceiling_satang !== null) {
      const ceiling = BigInt(plan.ceiling_satang);
      const others = await repo.approvedTotal(trx, plan.id, item.id);
      const total = others + approved;
      const growing = approved > (oldApproved ?? 0n);
      if (total > ceiling && growing && plan.ceiling_policy === 'refuse') {
        throw fail.unprocessable('over_ceiling',
          `อนุมัติไม่ได้: งบประมาณที่อนุมัติรวมจะเป็น ${formatSatang(total)} บาท เกินวงเงิน ${formatSatang(ceiling)} บาท อยู่ ${formatSatang(total - ceiling)} บาท`,
          `Refused: the approved total would be THB ${formatSatang(total, 'en')}, over the ceiling of THB ${formatSatang(ceiling, 'en')} by THB ${formatSatang(total - ceiling, 'en')}`,
          [{ field: 'budget_approved_baht', text: { th: `อนุมัติได้อีกไม่เกิน ${formatSatang(ceiling > others ? ceiling - others : 0n)} บาท`, en: `at most THB ${formatSatang(ceiling > others ? ceiling - others : 0n, 'en')} more fits under the ceiling` } }]);
      }
      if (total > ceiling) warnings = ceilingWarnings(ceiling, 0n, total);
    }
    return { requested, approved, disbursed, warnings };
  }

  /** The status the patch leads to: a hand-picked next step, and approval funding a planned item. */
  function nextStatus(item: ItemRow, patch: ItemPatch, approvedAfter: bigint | null): PlanItemStatus {
    let status = item.status;
    const wanted = patch.status;
    if (patch.budget_approved_baht !== undefined && status === 'planned' && wanted !== 'cancelled') status = 'funded';
    if (wanted && wanted !== status) {
      requireTransition(status, wanted);
      if (wanted === 'funded' && approvedAfter === null) {
        throw fail.conflict('approval_required', 'ต้องอนุมัติงบประมาณก่อนจึงจะเป็น "ได้รับงบประมาณ"', 'Approve a budget before marking the item funded');
      }
      if (wanted === 'completed' && Number(item.progress_percent) < 100) {
        throw fail.conflict('progress_incomplete', 'รายการจะเสร็จสิ้นได้เมื่อรายงานความก้าวหน้าครบ 100%', 'An item is completed by reporting 100% progress');
      }
      status = wanted;
    }
    return status;
  }

  async function updateItem(user: AuthUser | null, actor: Actor, planId: string, itemId: string, patch: ItemPatch) {
    const result = await db.transaction().execute(async (trx) => {
      const { plan, item } = await lockItemForBuild(trx, user, planId, itemId);
      requireOpen(item);
      const cancelling = patch.status === 'cancelled';
      const reason = cleanText(patch.cancel_reason);
      if (cancelling && !reason) {
        throw fail.unprocessable('cancel_reason_required', 'กรุณาระบุเหตุผลที่ยกเลิก', 'Say why the item is cancelled', [{ field: 'cancel_reason', text: { th: 'จำเป็นต้องระบุเมื่อยกเลิก', en: 'is required when cancelling' } }]);
      }
      if (!cancelling && patch.cancel_reason !== undefined) {
        throw fail.unprocessable('cancel_reason_unused', 'ระบุเหตุผลการยกเลิกได้เมื่อยกเลิกรายการเท่านั้น', 'A cancel reason goes with cancelling the item', [{ field: 'cancel_reason', text: { th: 'ใช้เมื่อยกเลิกเท่านั้น', en: 'only goes with status cancelled' } }]);
      }
      const money = await moneyChanges(trx, plan, item, patch, cancelling);
      const approvedAfter = money.approved ?? (item.budget_approved_satang === null ? null : BigInt(item.budget_approved_satang));
      const status = nextStatus(item, patch, approvedAfter);
      const set: Record<string, unknown> = {};
      if (patch.title !== undefined) set.title = patch.title.trim();
      if (patch.description !== undefined) set.description = patch.description.trim();
      if (patch.responsible_unit !== undefined) set.responsible_unit = patch.responsible_unit.trim();
      if (patch.strategy_code !== undefined) set.strategy_code = cleanText(patch.strategy_code);
      if (patch.indicators !== undefined) set.indicators = JSON.stringify(patch.indicators);
      if (patch.starts_on !== undefined) set.starts_on = patch.starts_on || null;
      if (patch.ends_on !== undefined) set.ends_on = patch.ends_on || null;
      requireDateOrder(patch.starts_on !== undefined ? patch.starts_on || null : item.starts_on, patch.ends_on !== undefined ? patch.ends_on || null : item.ends_on);
      if (money.requested !== undefined) set.budget_requested_satang = money.requested.toString();
      if (money.approved !== undefined) set.budget_approved_satang = money.approved.toString();
      if (money.disbursed !== undefined) set.budget_disbursed_satang = money.disbursed.toString();
      if (status !== item.status) set.status = status;
      if (status === 'completed' && item.status !== 'completed') set.completed_at = new Date();
      if (cancelling) set.cancel_reason = reason;
      for (const field of ['title', 'responsible_unit']) {
        if (set[field] === '') throw required(field, 'ช่องนี้ต้องไม่เว้นว่าง', 'This field cannot be blank');
      }
      if (Object.keys(set).length === 0) return { plan, itemId: item.id, warnings: money.warnings };
      const before = Object.fromEntries(Object.keys(set).map((k) => [k, (item as unknown as Record<string, unknown>)[k]]));
      await repo.updateItem(trx, item.id, set);
      // Delivered: the needs of the proposal it came from are met, in this same transaction.
      const needsResolved = set.completed_at ? await resolveNeedsOfDelivered(trx, item, actor) : 0;
      await repo.touchPlan(trx, plan.id);
      await recordAudit(trx, actor, {
        action: status !== item.status ? 'plan.item_status' : 'plan.item_update', entityType: 'plan_item', entityId: item.public_id, before,
        after: { ...set, indicators: patch.indicators, ...(set.completed_at ? { needs_resolved: needsResolved } : {}) },
      });
      return { plan, itemId: item.id, warnings: money.warnings };
    });
    return { ...(await itemView(db, result.plan, result.itemId, user)), warnings: result.warnings };
  }

  /** One item with its plan's summary; drafts only for the agency's staff (404 for anyone else). */
  async function getItem(user: AuthUser | null, planId: string, itemId: string) {
    const plan = await repo.findPlan(db, planId);
    if (!plan || (plan.status !== 'published' && !can(user, 'view_draft', { agencyId: plan.agency_id }))) throw notFoundPlan();
    const item = await repo.findItem(db, plan.id, itemId);
    if (!item) throw notFoundItem();
    return itemView(db, plan, item.id, user);
  }

  return { addItem, updateItem, getItem };
}

export type PlanItemsService = ReturnType<typeof createPlanItemsService>;
