/** Kysely row types for project proposals (migration 0014). */
import type { ColumnType, Generated } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | undefined, string>;
/** numeric comes back from pg as a string; write numbers or strings. */
type Numeric = ColumnType<string, number | string, number | string>;

export type ProposalState = 'draft' | 'submitted' | 'under_review' | 'revision_requested' | 'accepted' | 'not_accepted' | 'merged' | 'withdrawn';

export interface ProposalsTable {
  id: Generated<string>;
  public_id: string;
  community_id: string;
  district_code: number;
  title: string;
  problem: string;
  objectives: Generated<string>;
  activities: Json;
  beneficiaries: Generated<string>;
  beneficiaries_count: Generated<number>;
  starts_on: DateOnly | null;
  ends_on: DateOnly | null;
  strategy_code: string | null;
  district_policy: Generated<string>;
  fiscal_year: number | null;
  total_satang: Generated<string>;
  state: Generated<ProposalState>;
  evaluator_user_id: string | null;
  review_feasibility: string | null;
  review_cost_check: string | null;
  carrying_agency_id: string | null;
  decision_reason: string | null;
  merged_into_id: string | null;
  revision: Generated<number>;
  is_demo: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  submitted_at: NullableTimestamp;
  decided_at: NullableTimestamp;
}

export interface ProposalBudgetLinesTable {
  id: Generated<string>;
  proposal_id: string;
  position: number;
  description: string;
  quantity: Numeric;
  unit: Generated<string>;
  unit_cost_satang: string | bigint | number;
  amount_satang: string | bigint | number;
}

export interface ProposalEventsTable {
  id: Generated<string>;
  proposal_id: string;
  from_state: ProposalState | null;
  to_state: ProposalState;
  actor_user_id: string | null;
  actor_label: string;
  note: Generated<string>;
  created_at: Generated<Date>;
}

export interface ProposalsTables {
  proposals: ProposalsTable;
  proposal_budget_lines: ProposalBudgetLinesTable;
  proposal_events: ProposalEventsTable;
}
