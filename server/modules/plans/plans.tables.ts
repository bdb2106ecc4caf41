/** Kysely row types for annual action plans (migration 0015). */
import type { ColumnType, Generated } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;
type Numeric = ColumnType<string, number | string | undefined, number | string>;
/** bigint money columns (satang) come back from pg as strings; write strings or numbers. */
type Satang = ColumnType<string, string | number | bigint, string | number | bigint>;
type NullableSatang = ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;

export type PlanItemStatus = 'planned' | 'funded' | 'in_progress' | 'completed' | 'cancelled';

export interface ActionPlansTable {
  id: Generated<string>;
  public_id: string;
  agency_id: string;
  fiscal_year: number;
  ceiling_satang: NullableSatang;
  ceiling_policy: Generated<'warn' | 'refuse'>;
  status: Generated<'draft' | 'published'>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  published_at: NullableTimestamp;
}

export interface PlanItemsTable {
  id: Generated<string>;
  public_id: string;
  plan_id: string;
  position: number;
  title: string;
  description: Generated<string>;
  responsible_unit: string;
  source: 'proposal' | 'agency';
  source_proposal_id: string | null;
  community_id: string | null;
  strategy_code: string | null;
  budget_requested_satang: Satang;
  budget_approved_satang: NullableSatang;
  budget_disbursed_satang: ColumnType<string, string | number | bigint | undefined, string | number | bigint>;
  indicators: Json;
  status: Generated<PlanItemStatus>;
  cancel_reason: string | null;
  progress_percent: Numeric;
  starts_on: DateOnly | null;
  ends_on: DateOnly | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  completed_at: NullableTimestamp;
}

export interface PlanMilestonesTable {
  id: Generated<string>;
  item_id: string;
  position: number;
  title: string;
  weight: Generated<number>;
  due_quarter: number | null;
  percent: Numeric;
}

export interface PlanProgressReportsTable {
  id: Generated<string>;
  item_id: string;
  milestone_id: string | null;
  quarter: number;
  percent: ColumnType<string, number | string, number | string>;
  disbursed_satang: NullableSatang;
  note: Generated<string>;
  reported_by: string | null;
  created_at: Generated<Date>;
  previous_percent: ColumnType<string, number | string | undefined, number | string>;
  item_percent: ColumnType<string, number | string | undefined, number | string>;
}

export interface PlansTables {
  action_plans: ActionPlansTable;
  plan_items: PlanItemsTable;
  plan_milestones: PlanMilestonesTable;
  plan_progress_reports: PlanProgressReportsTable;
}
