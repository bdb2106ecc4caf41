/**
 * What leaves the plans routes: whitelisted fields only. Money is satang as strings of
 * digits; who reported progress is not shown (staff names stay inside the agency).
 */
import type { AttachmentView } from '../../platform/media/attachments.ts';
import { formatSatang, satangToThaiWords } from '../../platform/money/money.ts';
import { fiscalYearLabel } from '../../platform/time/fiscal-year.ts';
import type { ProposalForPlanning } from '../proposals/proposals.planning.ts';
import { strategyOf } from '../proposals/proposals.strategies.ts';
import type { ItemRow, PlanRow } from './plans.repository.ts';
import { checkCeiling, type Rollup } from './plans.rollup.ts';
import { allowedTransitions, fiscalYearDates, isOpen, planName, quarterOf, reportableQuarters, STATUS_LABELS } from './plans.rules.ts';
import type { PlanItemStatus } from './plans.tables.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export interface Warning { code: string; th: string; en: string }

export interface MilestoneRow { id: string; item_id: string; position: number; title: string; weight: number; due_quarter: number | null; percent: string }
export interface ProgressRow {
  id: string; item_id: string; milestone_id: string | null; quarter: number; percent: string; previous_percent: string; item_percent: string;
  disbursed_satang: string | null; note: string; created_at: Date;
}

/** The money of a plan against its ceiling, with what is wrong said in words. */
export function ceilingWarnings(ceiling: bigint | null, requested: bigint, approved: bigint): Warning[] {
  const check = checkCeiling(ceiling, requested, approved);
  const out: Warning[] = [];
  if (check.ceilingSatang === null) return out;
  const c = check.ceilingSatang;
  if (check.approvedOverCeiling) {
    out.push({
      code: 'over_ceiling',
      th: `งบประมาณที่อนุมัติรวม ${formatSatang(approved)} บาท เกินวงเงิน ${formatSatang(c)} บาท อยู่ ${formatSatang(check.overBySatang)} บาท`,
      en: `Approved total THB ${formatSatang(approved, 'en')} is over the ceiling of THB ${formatSatang(c, 'en')} by THB ${formatSatang(check.overBySatang, 'en')}`,
    });
  }
  if (check.requestedOverCeiling) {
    out.push({
      code: 'requested_over_ceiling',
      th: `งบประมาณที่ขอรวม ${formatSatang(requested)} บาท เกินวงเงิน ${formatSatang(c)} บาท`,
      en: `Requested total THB ${formatSatang(requested, 'en')} is over the ceiling of THB ${formatSatang(c, 'en')}`,
    });
  }
  return out;
}

export function presentTotals(plan: PlanRow, rollup: Rollup) {
  const ceiling = plan.ceiling_satang === null ? null : BigInt(plan.ceiling_satang);
  const check = checkCeiling(ceiling, rollup.requestedSatang, rollup.approvedSatang);
  return {
    requested_satang: rollup.requestedSatang.toString(),
    approved_satang: rollup.approvedSatang.toString(),
    disbursed_satang: rollup.disbursedSatang.toString(),
    ceiling_satang: check.ceilingSatang?.toString() ?? null,
    remaining_satang: check.remainingSatang?.toString() ?? null,
    over_by_satang: check.overBySatang.toString(),
    approved_over_ceiling: check.approvedOverCeiling,
    requested_over_ceiling: check.requestedOverCeiling,
    warnings: ceilingWarnings(ceiling, rollup.requestedSatang, rollup.approvedSatang),
    progress_percent: rollup.percent,
    items: rollup.items,
    by_status: rollup.byStatus,
  };
}

export function presentAgency(plan: PlanRow) {
  return { code: plan.agency_code, name_th: plan.agency_name_th, name_en: plan.agency_name_en, kind: plan.agency_kind, district_code: plan.agency_district_code };
}

export function presentPlanSummary(plan: PlanRow, rollup: Rollup) {
  const name = planName(plan.fiscal_year);
  const dates = fiscalYearDates(plan.fiscal_year);
  return {
    id: plan.public_id,
    fiscal_year: plan.fiscal_year,
    name_th: name.th,
    name_en: name.en,
    fy_label_th: fiscalYearLabel(plan.fiscal_year, 'th'),
    fy_label_en: fiscalYearLabel(plan.fiscal_year, 'en'),
    starts_on: dates.startsOn,
    ends_on: dates.endsOn,
    agency: presentAgency(plan),
    status: plan.status,
    ceiling_policy: plan.ceiling_policy,
    is_demo: plan.is_demo,
    totals: presentTotals(plan, rollup),
    created_at: iso(plan.created_at)!,
    updated_at: iso(plan.updated_at)!,
    published_at: iso(plan.published_at),
  };
}

/** A BMA policy dimension by its names; a district's own policy code stands for itself. */
export function strategyRef(code: string | null) {
  if (!code) return null;
  const known = strategyOf(code);
  return known ? { code, name_th: known.name_th, name_en: known.name_en } : { code, name_th: code, name_en: code };
}

interface Indicator { name: string; target: number; unit: string; actual?: number | null }

/** The fiscal quarters an item works in: its milestones' quarters, else the quarters its dates cover. */
export function itemQuarters(item: Pick<ItemRow, 'starts_on' | 'ends_on'>, milestones: Pick<MilestoneRow, 'due_quarter'>[], fiscalYear: number): number[] {
  const due = [...new Set(milestones.map((m) => m.due_quarter).filter((q): q is number => q !== null))].sort();
  if (due.length > 0) return due;
  if (!item.starts_on && !item.ends_on) return [];
  const fy = fiscalYearDates(fiscalYear);
  const from = item.starts_on && item.starts_on > fy.startsOn ? item.starts_on : fy.startsOn;
  const to = item.ends_on && item.ends_on < fy.endsOn ? item.ends_on : fy.endsOn;
  if (from > to) return [];
  const out: number[] = [];
  for (let q = quarterOf(from); q <= quarterOf(to); q++) out.push(q);
  return out;
}

export interface ItemAbilities {
  edit: boolean; approve_budget: boolean; report_progress: boolean; add_milestone: boolean; report_quarters: number[]; transitions: PlanItemStatus[];
}

export function itemAbilities(mayBuild: boolean, item: Pick<ItemRow, 'status' | 'progress_percent'>, milestoneCount: number, fiscalYear: number, now = new Date()): ItemAbilities {
  const open = isOpen(item.status);
  const quarters = mayBuild && open ? reportableQuarters(fiscalYear, now) : [];
  return {
    edit: mayBuild && open,
    approve_budget: mayBuild && open,
    report_progress: quarters.length > 0,
    report_quarters: quarters,
    // Milestones added after progress was reported on the item itself would erase that progress.
    add_milestone: mayBuild && open && (milestoneCount > 0 || Number(item.progress_percent) === 0),
    transitions: mayBuild ? allowedTransitions(item.status) : [],
  };
}

export function presentMilestone(m: MilestoneRow) {
  return { id: m.id, position: m.position, title: m.title, weight: m.weight, due_quarter: m.due_quarter, percent: Number(m.percent) };
}

export function presentProgress(r: ProgressRow, photos: AttachmentView[]) {
  return {
    id: r.id, quarter: r.quarter, milestone_id: r.milestone_id, percent: Number(r.percent), previous_percent: Number(r.previous_percent),
    item_percent: Number(r.item_percent), disbursed_satang: r.disbursed_satang, note: r.note, created_at: iso(r.created_at)!, photos,
  };
}

export function presentItem(item: ItemRow, fiscalYear: number, milestones: MilestoneRow[], progress: ProgressRow[], photos: Map<string, AttachmentView[]>, mayBuild: boolean) {
  const label = STATUS_LABELS[item.status];
  return {
    id: item.public_id,
    position: item.position,
    title: item.title,
    description: item.description,
    responsible_unit: item.responsible_unit,
    source: item.source,
    proposal_id: item.proposal_public_id ?? null,
    community: item.community_code ? { code: item.community_code, name_th: item.community_name_th!, name_en: item.community_name_en ?? null } : null,
    strategy_code: item.strategy_code,
    strategy: strategyRef(item.strategy_code),
    budget_requested_satang: item.budget_requested_satang,
    budget_approved_satang: item.budget_approved_satang,
    budget_disbursed_satang: item.budget_disbursed_satang,
    indicators: ((item.indicators ?? []) as Indicator[]).map((i) => ({ name: i.name, target: i.target, unit: i.unit, actual: i.actual ?? null })),
    status: item.status,
    status_label_th: label.th,
    status_label_en: label.en,
    cancel_reason: item.cancel_reason,
    progress_percent: Number(item.progress_percent),
    quarters: itemQuarters(item, milestones, fiscalYear),
    starts_on: item.starts_on,
    ends_on: item.ends_on,
    milestones: milestones.map(presentMilestone),
    progress: progress.map((r) => presentProgress(r, photos.get(r.id) ?? [])),
    abilities: itemAbilities(mayBuild, item, milestones.length, fiscalYear),
    created_at: iso(item.created_at)!,
    updated_at: iso(item.updated_at)!,
    completed_at: iso(item.completed_at),
  };
}

export function approvedInWords(rollup: Rollup): string {
  return satangToThaiWords(rollup.approvedSatang);
}

export function presentCandidate(p: ProposalForPlanning) {
  return {
    id: p.publicId, title: p.title, community: { code: p.communityCode, name_th: p.communityNameTh, name_en: p.communityNameEn },
    district_code: p.districtCode, total_satang: p.totalSatang.toString(), strategy_code: p.strategyCode, fiscal_year: p.fiscalYear,
    starts_on: p.startsOn, ends_on: p.endsOn, is_demo: p.isDemo,
  };
}

