/**
 * The rows of a plan as the official table shows them, shared by the XLSX and CSV
 * exports so both say the same thing. Money stays satang (bigint) here; each format
 * decides how to write it.
 */
import { satangToThaiWords } from '../../platform/money/money.ts';
import { planName, STATUS_LABELS, fiscalYearDates, thaiDate } from './plans.rules.ts';
import { itemQuarters, strategyRef } from './plans.presenter.ts';
import { forRollup, type PlanContents } from './plans.view.ts';
import { rollUp } from './plans.rollup.ts';

export interface ExportRow {
  position: number;
  itemId: string;
  proposalId: string | null;
  title: string;
  community: string | null;
  responsibleUnit: string;
  strategy: string;
  indicators: string;
  targets: string;
  requested: bigint;
  approved: bigint | null;
  disbursed: bigint;
  quarters: [boolean, boolean, boolean, boolean];
  progress: number;
  status: string;
  cancelled: boolean;
}

export interface ExportTable {
  title: string;
  agency: string;
  period: string;
  ceiling: bigint | null;
  isDemo: boolean;
  isDraft: boolean;
  rows: ExportRow[];
  /** Sums over live items (cancelled ones are listed but not counted), as the plan's totals. */
  totals: { requested: bigint; approved: bigint; disbursed: bigint; progress: number | null };
  approvedInWords: string;
  fileStem: string;
}

/** Column headings of the official table, in order. */
export const HEADINGS = [
  'ลำดับ', 'โครงการ/กิจกรรม', 'หน่วยงานรับผิดชอบ', 'ยุทธศาสตร์/นโยบาย', 'ตัวชี้วัด', 'ค่าเป้าหมาย',
  'งบประมาณที่ขอ (บาท)', 'งบประมาณที่ได้รับอนุมัติ (บาท)', 'เบิกจ่ายแล้ว (บาท)',
  'ไตรมาส 1', 'ไตรมาส 2', 'ไตรมาส 3', 'ไตรมาส 4', 'ความก้าวหน้า (%)', 'สถานะ',
] as const;

interface Indicator { name: string; target: number; unit: string }

export function exportTable(contents: PlanContents): ExportTable {
  const { plan, items } = contents;
  const dates = fiscalYearDates(plan.fiscal_year);
  const rollup = rollUp(items.map(forRollup));
  const rows: ExportRow[] = items.map((item) => {
    const indicators = (item.indicators ?? []) as Indicator[];
    const quarters = itemQuarters(item, contents.milestones.get(item.id) ?? [], plan.fiscal_year);
    return {
      position: item.position,
      itemId: item.public_id,
      proposalId: item.proposal_public_id ?? null,
      title: item.title,
      community: item.community_name_th ?? null,
      responsibleUnit: item.responsible_unit,
      strategy: strategyRef(item.strategy_code)?.name_th ?? '',
      indicators: indicators.map((i) => i.name).join('\n'),
      targets: indicators.map((i) => `${i.target} ${i.unit}`.trim()).join('\n'),
      requested: BigInt(item.budget_requested_satang),
      approved: item.budget_approved_satang === null ? null : BigInt(item.budget_approved_satang),
      disbursed: BigInt(item.budget_disbursed_satang),
      quarters: [1, 2, 3, 4].map((q) => quarters.includes(q)) as ExportRow['quarters'],
      progress: Number(item.progress_percent),
      status: STATUS_LABELS[item.status].th + (item.cancel_reason ? ` (${item.cancel_reason})` : ''),
      cancelled: item.status === 'cancelled',
    };
  });
  return {
    title: planName(plan.fiscal_year).th,
    agency: plan.agency_name_th,
    period: `ปีงบประมาณ พ.ศ. ${plan.fiscal_year} (${thaiDate(dates.startsOn)} – ${thaiDate(dates.endsOn)})`,
    ceiling: plan.ceiling_satang === null ? null : BigInt(plan.ceiling_satang),
    isDemo: plan.is_demo,
    isDraft: plan.status !== 'published',
    rows,
    totals: { requested: rollup.requestedSatang, approved: rollup.approvedSatang, disbursed: rollup.disbursedSatang, progress: rollup.percent },
    approvedInWords: satangToThaiWords(rollup.approvedSatang),
    fileStem: `action-plan-${plan.fiscal_year}-${plan.agency_code}`,
  };
}

/** Satang as a number of baht for a spreadsheet cell (exact to the satang below 90 trillion baht). */
export function bahtNumber(satang: bigint): number {
  return Number(satang) / 100;
}

/** Satang as "1234.50": baht with exactly two decimals, no grouping. */
export function bahtText(satang: bigint): string {
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
