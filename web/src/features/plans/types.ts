// Shapes of /api/v1/plans (see server/modules/plans/plans.schema.ts). Money is satang as strings.
import { bangkokToday } from '../../ui/date';

export type ItemStatus = 'planned' | 'funded' | 'in_progress' | 'completed' | 'cancelled';
export const ITEM_STATUSES: readonly ItemStatus[] = ['planned', 'funded', 'in_progress', 'completed', 'cancelled'];

export interface Warning {
  code: string;
  th: string;
  en: string;
}

export interface Totals {
  requested_satang: string;
  approved_satang: string;
  disbursed_satang: string;
  ceiling_satang: string | null;
  remaining_satang: string | null;
  over_by_satang: string;
  approved_over_ceiling: boolean;
  requested_over_ceiling: boolean;
  warnings: Warning[];
  progress_percent: number | null;
  items: number;
  by_status: Record<ItemStatus, number>;
}

export interface PlanAgency {
  code: string;
  name_th: string;
  name_en: string;
  kind: string;
  district_code: number | null;
}

export interface PlanSummary {
  id: string;
  fiscal_year: number;
  name_th: string;
  name_en: string;
  fy_label_th: string;
  fy_label_en: string;
  starts_on: string;
  ends_on: string;
  agency: PlanAgency;
  status: 'draft' | 'published';
  ceiling_policy: 'warn' | 'refuse';
  is_demo: boolean;
  totals: Totals;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface Photo {
  id: string;
  url: string;
  thumb_url: string | null;
  file_name: string;
  kind: string;
}

export interface Milestone {
  id: string;
  position: number;
  title: string;
  weight: number;
  due_quarter: number | null;
  percent: number;
}

export interface ProgressReport {
  id: string;
  quarter: number;
  milestone_id: string | null;
  percent: number;
  previous_percent: number;
  item_percent: number;
  disbursed_satang: string | null;
  note: string;
  created_at: string;
  photos: Photo[];
}

export interface Indicator {
  name: string;
  target: number;
  unit: string;
  actual: number | null;
}

export interface PlanItem {
  id: string;
  position: number;
  title: string;
  description: string;
  responsible_unit: string;
  source: 'proposal' | 'agency';
  proposal_id: string | null;
  community: { code: string; name_th: string; name_en: string | null } | null;
  strategy_code: string | null;
  strategy: { code: string; name_th: string; name_en: string } | null;
  budget_requested_satang: string;
  budget_approved_satang: string | null;
  budget_disbursed_satang: string;
  indicators: Indicator[];
  status: ItemStatus;
  status_label_th: string;
  status_label_en: string;
  cancel_reason: string | null;
  progress_percent: number;
  quarters: number[];
  starts_on: string | null;
  ends_on: string | null;
  milestones: Milestone[];
  progress: ProgressReport[];
  abilities: {
    edit: boolean;
    approve_budget: boolean;
    report_progress: boolean;
    add_milestone: boolean;
    /** Quarters progress may be reported for now (none before the fiscal year starts). */
    report_quarters: number[];
    transitions: ItemStatus[];
  };
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface PlanDetail extends PlanSummary {
  approved_in_words_th: string;
  items: PlanItem[];
  abilities: { build: boolean; set_ceiling: boolean; publish: boolean; export: boolean };
}

export interface PlanList {
  items: PlanSummary[];
  total: number;
  page: number;
  page_size: number;
}

export interface ItemAnswer {
  item: PlanItem;
  plan: PlanSummary;
  warnings: Warning[];
}

export interface Candidate {
  id: string;
  title: string;
  community: { code: string; name_th: string; name_en: string | null };
  district_code: number;
  total_satang: string;
  strategy_code: string | null;
  fiscal_year: number | null;
  is_demo: boolean;
}

/** The BMA policy dimensions ("นโยบาย 9 ดี") an item may serve; codes as the server knows them. */
export const STRATEGY_CODES = ['safe', 'transparent', 'travel', 'environment', 'health', 'learning', 'economy', 'society', 'management'] as const;

/** The current fiscal year (BE), on the Bangkok calendar: it turns on 1 October. */
export function currentFiscalYear(): number {
  const [year, month] = bangkokToday().split('-').map(Number);
  return (month! >= 10 ? year! + 1 : year!) + 543;
}

/** Years a plan may be started for: from FY 2560 to two years ahead, newest first. */
export function plannableYears(): number[] {
  const latest = currentFiscalYear() + 2;
  const out: number[] = [];
  for (let y = latest; y >= Math.max(2560, latest - 6); y--) out.push(y);
  return out;
}
