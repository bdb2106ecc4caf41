/**
 * Milestones and quarterly progress. A report sets one milestone's percent (or the
 * item's, when it has none), the item's progress is rolled up again from the milestone
 * weights, and the status follows (started above 0, completed at 100) — the report, its
 * photos, the new numbers and the audit entry commit together. Work starts only with an
 * approved budget; a quarter is reported once it has begun; progress never goes down
 * without a note that stays in the history; a completed item resolves the needs its
 * proposal addressed.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Tx } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { prepareAttachments, saveAttachments } from '../../platform/media/attachments.ts';
import { formatSatang } from '../../platform/money/money.ts';
import type { ModuleDeps } from '../civic-deps.ts';
import { lockItemForBuild, notFoundPlan, requireOpen } from './plans.access.ts';
import { resolveNeedsOfDelivered } from './plans.delivery.ts';
import { authorize } from './plans.policy.ts';
import type { MilestoneRow } from './plans.presenter.ts';
import { plansRepository as repo, type ItemRow, type PlanRow } from './plans.repository.ts';
import { itemProgressFromMilestones, round2 } from './plans.rollup.ts';
import { quarterForChange, requireBaht, requireReportableQuarter, statusAfterProgress } from './plans.rules.ts';
import { itemView } from './plans.view.ts';

export interface ProgressInput {
  quarter: number;
  milestone_id?: string;
  percent: number;
  note?: string;
  disbursed_baht?: string | number;
}

export interface MilestoneInput {
  title?: string;
  weight?: number;
  due_quarter?: number | null;
  /** Why, when the change lowers the item's progress (required then). */
  note?: string;
}

const invalid = (code: string, field: string, th: string, en: string, fieldTh: string, fieldEn: string) =>
  fail.unprocessable(code, th, en, [{ field, text: { th: fieldTh, en: fieldEn } }]);

function requireQuarter(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4) return value;
  throw invalid('invalid_quarter', 'quarter', 'ไตรมาสต้องเป็น 1 ถึง 4 (ไตรมาส 1 = ต.ค.–ธ.ค.)', 'The quarter must be 1 to 4 (Q1 = Oct–Dec)', 'ต้องเป็น 1–4', 'must be 1–4');
}

function requirePercent(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100) return round2(value);
  throw invalid('invalid_percent', 'percent', 'ความก้าวหน้าต้องอยู่ระหว่าง 0 ถึง 100 เปอร์เซ็นต์', 'Progress must be between 0 and 100 percent', 'ต้องอยู่ระหว่าง 0–100', 'must be between 0 and 100');
}

/** The item's progress after a change: milestone-weighted, or its own percent without milestones. */
function rolledUp(milestones: Pick<MilestoneRow, 'weight' | 'percent'>[], ownPercent: number): number {
  return itemProgressFromMilestones(milestones.map((m) => ({ weight: m.weight, percent: Number(m.percent) }))) ?? ownPercent;
}

/**
 * Writes the item's new progress and the status it leads to; returns both. Completion
 * resolves the needs of the proposal the item came from, in the same transaction.
 */
async function applyProgress(trx: Tx, actor: Actor, item: ItemRow, percent: number) {
  const status = statusAfterProgress(item.status, percent);
  const set: Record<string, unknown> = { progress_percent: percent };
  if (status !== item.status) set.status = status;
  const completing = status === 'completed' && item.status !== 'completed';
  if (completing) set.completed_at = new Date();
  await repo.updateItem(trx, item.id, set);
  const needsResolved = completing ? await resolveNeedsOfDelivered(trx, item, actor) : 0;
  return { percent, status, needsResolved };
}

const backwardsNeedsNote = (from: number, to: number, th: string, en: string) =>
  invalid('backwards_needs_note', 'note', `${th} ความก้าวหน้าจะลดลงจาก ${from}% เป็น ${to}% กรุณาบันทึกเหตุผลในหมายเหตุ`, `${en} would take progress back from ${from}% to ${to}%; say why in the note`, 'จำเป็นต้องระบุเมื่อความก้าวหน้าลดลง', 'is required when progress goes backwards');

/**
 * A change to the milestones that lowers the item's progress is kept in the progress
 * history with its reason, so the public sees why the figure dropped: the milestone's
 * own percent is unchanged, the item's is the new one.
 */
async function recordDrop(trx: Tx, plan: PlanRow, item: ItemRow, user: AuthUser, change: { milestoneId: string; milestonePercent: number; itemPercent: number; note: string }) {
  const quarter = quarterForChange(plan.fiscal_year, await repo.latestReportedQuarter(trx, item.id));
  const report = await repo.insertProgress(trx, {
    item_id: item.id, milestone_id: change.milestoneId, quarter, percent: change.milestonePercent, previous_percent: change.milestonePercent,
    item_percent: change.itemPercent, disbursed_satang: null, note: change.note, reported_by: user.id,
  });
  return { report_id: report.id, quarter };
}

export function createPlanProgressService(deps: ModuleDeps) {
  const { db, media } = deps;

  async function addMilestone(user: AuthUser | null, actor: Actor, planId: string, itemId: string, input: Required<Pick<MilestoneInput, 'title'>> & MilestoneInput) {
    const result = await db.transaction().execute(async (trx) => {
      const { plan, item } = await lockItemForBuild(trx, user, planId, itemId);
      requireOpen(item);
      const milestones = await repo.lockMilestones(trx, item.id);
      if (milestones.length === 0 && Number(item.progress_percent) > 0) {
        throw fail.conflict('progress_without_milestones',
          'รายการนี้รายงานความก้าวหน้าโดยไม่มีขั้นตอนไปแล้ว การเพิ่มขั้นตอนตอนนี้จะทำให้ความก้าวหน้าที่รายงานไว้หายไป',
          'Progress was already reported on this item without milestones; adding milestones now would erase it');
      }
      const title = input.title.trim();
      if (!title) throw invalid('title_required', 'title', 'กรุณาระบุชื่อขั้นตอน', 'Give the milestone a title', 'จำเป็นต้องกรอก', 'is required');
      const position = milestones.reduce((m, x) => Math.max(m, x.position), 0) + 1;
      const values = { item_id: item.id, position, title, weight: input.weight ?? 1, due_quarter: input.due_quarter ?? null };
      const before = Number(item.progress_percent);
      const after = rolledUp([...milestones, { weight: values.weight, percent: '0' }], before);
      const note = input.note?.trim() ?? '';
      if (after < before && !note) throw backwardsNeedsNote(before, after, 'การเพิ่มขั้นตอนนี้ทำให้', 'Adding this milestone');
      const inserted = await repo.insertMilestone(trx, values);
      const progress = await applyProgress(trx, actor, item, after);
      const drop = after < before ? await recordDrop(trx, plan, item, user!, { milestoneId: inserted.id, milestonePercent: 0, itemPercent: after, note }) : null;
      await repo.touchPlan(trx, plan.id);
      await recordAudit(trx, actor, {
        action: 'plan.milestone_add', entityType: 'plan_item', entityId: item.public_id,
        before: { item_percent: before },
        after: { milestone_id: inserted.id, title, weight: values.weight, due_quarter: values.due_quarter, item_percent: progress.percent, ...(drop ? { note, ...drop } : {}) },
      });
      return { plan, itemId: item.id };
    });
    return { ...(await itemView(db, result.plan, result.itemId, user)), warnings: [] };
  }

  async function updateMilestone(user: AuthUser | null, actor: Actor, planId: string, itemId: string, milestoneId: string, input: MilestoneInput) {
    const result = await db.transaction().execute(async (trx) => {
      const { plan, item } = await lockItemForBuild(trx, user, planId, itemId);
      requireOpen(item);
      const milestones = await repo.lockMilestones(trx, item.id);
      const milestone = milestones.find((m) => m.id === milestoneId);
      if (!milestone) throw fail.notFound('ไม่พบขั้นตอนนี้ในรายการ', 'No such milestone on this item');
      const set: { title?: string; weight?: number; due_quarter?: number | null } = {};
      if (input.title !== undefined) {
        set.title = input.title.trim();
        if (!set.title) throw invalid('title_required', 'title', 'กรุณาระบุชื่อขั้นตอน', 'Give the milestone a title', 'จำเป็นต้องกรอก', 'is required');
      }
      if (input.weight !== undefined) set.weight = input.weight;
      if (input.due_quarter !== undefined) set.due_quarter = input.due_quarter;
      const updated = milestones.map((m) => (m.id === milestone.id ? { ...m, ...set } : m));
      const before = Number(item.progress_percent);
      const after = rolledUp(updated, before);
      const note = input.note?.trim() ?? '';
      if (after < before && !note) throw backwardsNeedsNote(before, after, 'การเปลี่ยนน้ำหนักนี้ทำให้', 'This change of weight');
      await repo.updateMilestone(trx, milestone.id, set);
      const progress = await applyProgress(trx, actor, item, after);
      const drop = after < before ? await recordDrop(trx, plan, item, user!, { milestoneId: milestone.id, milestonePercent: Number(milestone.percent), itemPercent: after, note }) : null;
      await repo.touchPlan(trx, plan.id);
      await recordAudit(trx, actor, {
        action: 'plan.milestone_update', entityType: 'plan_item', entityId: item.public_id,
        before: { milestone_id: milestone.id, title: milestone.title, weight: milestone.weight, due_quarter: milestone.due_quarter, item_percent: before },
        after: { milestone_id: milestone.id, ...set, item_percent: progress.percent, ...(drop ? { note, ...drop } : {}) },
      });
      return { plan, itemId: item.id };
    });
    return { ...(await itemView(db, result.plan, result.itemId, user)), warnings: [] };
  }

  async function reportProgress(user: AuthUser | null, actor: Actor, planId: string, itemId: string, input: ProgressInput, files: { filename: string; data: Buffer }[]) {
    // Who may report is settled before any photo is decoded; photos are re-encoded before
    // the plan is locked, so the lock is held for database work only.
    await checkMayBuild(user, planId);
    const prepared = await prepareAttachments(files, 'files');
    const result = await db.transaction().execute(async (trx) => {
      const { plan, item } = await lockItemForBuild(trx, user, planId, itemId);
      const quarter = requireQuarter(input.quarter);
      const percent = requirePercent(input.percent);
      const note = input.note?.trim() ?? '';
      const disbursed = input.disbursed_baht !== undefined && input.disbursed_baht !== '' ? requireBaht(input.disbursed_baht, 'disbursed_baht') : null;
      requireReportableQuarter(plan.fiscal_year, quarter);
      requireOpen(item);
      const milestones = await repo.lockMilestones(trx, item.id);
      let milestone: (typeof milestones)[number] | null = null;
      if (milestones.length > 0) {
        if (!input.milestone_id) throw invalid('milestone_required', 'milestone_id', 'รายการนี้มีขั้นตอน กรุณาเลือกขั้นตอนที่รายงาน', 'This item has milestones; say which one the report is about', 'จำเป็นต้องเลือก', 'is required');
        milestone = milestones.find((m) => m.id === input.milestone_id) ?? null;
      }
      if ((milestones.length > 0 && !milestone) || (milestones.length === 0 && input.milestone_id)) {
        throw invalid('unknown_milestone', 'milestone_id', 'ไม่พบขั้นตอนนี้ในรายการ', 'No such milestone on this item', 'ไม่พบขั้นตอนนี้', 'is not a milestone of this item');
      }
      const previous = Number(milestone ? milestone.percent : item.progress_percent);
      if (percent < previous && !note) {
        throw invalid('backwards_needs_note', 'note', `ความก้าวหน้าลดลงจาก ${previous}% เป็น ${percent}% กรุณาบันทึกเหตุผลในหมายเหตุ`, `Progress would go back from ${previous}% to ${percent}%; say why in the note`, 'จำเป็นต้องระบุเมื่อความก้าวหน้าลดลง', 'is required when progress goes backwards');
      }
      if (disbursed !== null) {
        const approved = item.budget_approved_satang === null ? null : BigInt(item.budget_approved_satang);
        if (approved === null || disbursed > approved) {
          throw invalid('disbursed_over_approved', 'disbursed_baht',
            approved === null ? 'ยังไม่มีงบประมาณที่อนุมัติ จึงบันทึกการเบิกจ่ายไม่ได้' : `เบิกจ่ายสะสม ${formatSatang(disbursed)} บาท เกินงบประมาณที่อนุมัติ ${formatSatang(approved)} บาท`,
            approved === null ? 'Nothing is approved yet, so nothing can be disbursed' : `Disbursed to date THB ${formatSatang(disbursed, 'en')} is more than the approved THB ${formatSatang(approved, 'en')}`,
            'ต้องไม่เกินงบประมาณที่อนุมัติ', 'must not exceed the approved budget');
        }
      }
      if (percent > 0 && (item.status === 'planned' || item.budget_approved_satang === null)) {
        // Work starts with money: without an approved budget only "not started" (0%) is reported.
        throw fail.conflict('budget_not_approved',
          'ยังไม่ได้อนุมัติงบประมาณของรายการนี้ จึงรายงานความก้าวหน้าเกิน 0% ไม่ได้ กรุณาอนุมัติงบประมาณก่อน',
          'No budget is approved for this item yet, so progress above 0% cannot be reported; approve its budget first');
      }
      if (milestone) await repo.updateMilestone(trx, milestone.id, { percent });
      const updated = milestones.map((m) => (m.id === milestone?.id ? { ...m, percent: String(percent) } : m));
      const progress = await applyProgress(trx, actor, item, rolledUp(updated, percent));
      if (disbursed !== null) await repo.updateItem(trx, item.id, { budget_disbursed_satang: disbursed.toString() });
      const report = await repo.insertProgress(trx, {
        item_id: item.id, milestone_id: milestone?.id ?? null, quarter, percent, previous_percent: previous, item_percent: progress.percent,
        disbursed_satang: disbursed?.toString() ?? null, note, reported_by: user!.id,
      });
      const photos = await saveAttachments(trx, media, { type: 'plan_progress', id: report.id }, prepared, user!.id);
      await repo.touchPlan(trx, plan.id);
      await recordAudit(trx, actor, {
        action: 'plan.progress_report', entityType: 'plan_item', entityId: item.public_id,
        before: { status: item.status, progress_percent: Number(item.progress_percent), milestone_percent: milestone ? previous : null },
        after: {
          report_id: report.id, quarter, milestone_id: milestone?.id ?? null, percent, progress_percent: progress.percent, status: progress.status,
          disbursed_satang: disbursed?.toString() ?? null, photos: photos.length, note, needs_resolved: progress.needsResolved,
        },
      });
      return { plan, itemId: item.id };
    });
    return { ...(await itemView(db, result.plan, result.itemId, user)), warnings: [] };
  }

  async function checkMayBuild(user: AuthUser | null, planId: string) {
    if (!user) throw fail.unauthorized();
    const plan = await repo.findPlan(db, planId);
    if (!plan) throw notFoundPlan();
    authorize(user, 'build', { agencyId: plan.agency_id });
  }

  return { addMilestone, updateMilestone, reportProgress };
}

export type PlanProgressService = ReturnType<typeof createPlanProgressService>;
