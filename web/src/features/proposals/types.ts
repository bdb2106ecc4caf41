// Shapes of /api/v1/proposals (server/modules/proposals/proposals.schema.ts).
import type { Named } from '../../app/types';

export const PROPOSAL_STATES = ['draft', 'submitted', 'under_review', 'revision_requested', 'accepted', 'not_accepted', 'merged', 'withdrawn'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface Strategy {
  code: string;
  name_th: string;
  name_en: string;
}

export interface CommunityRef {
  code: string;
  name_th: string;
  name_en: string | null;
}

export interface DistrictRef {
  code: number;
  name_th: string;
  name_en: string;
}

export interface Abilities {
  edit: boolean;
  attach: boolean;
  submit: boolean;
  assign: boolean;
  request_revision: boolean;
  accept: boolean;
  not_accept: boolean;
  merge: boolean;
  withdraw: boolean;
}

export interface BudgetLineView {
  position: number;
  description: string;
  quantity: string;
  unit: string;
  unit_cost_satang: string;
  amount_satang: string;
}

export interface ProposalEvent {
  from_state: ProposalState | null;
  to_state: ProposalState;
  note: string;
  actor_label: string;
  at: string;
}

export interface ProposalRef {
  id: string;
  title: string;
  state: ProposalState;
}

export interface Attachment {
  id: string;
  kind: 'photo' | 'document';
  file_name: string;
  url: string;
  thumb_url: string | null;
}

export interface Activity {
  title: string;
  starts_on: string | null;
  ends_on: string | null;
}

export interface Proposal {
  id: string;
  title: string;
  state: ProposalState;
  revision: number;
  community: CommunityRef;
  district: DistrictRef;
  problem: string;
  objectives: string;
  activities: Activity[];
  beneficiaries: string;
  beneficiaries_count: number;
  starts_on: string | null;
  ends_on: string | null;
  strategy: Strategy | null;
  district_policy: string;
  fiscal_year: number | null;
  needs: Array<{ id: string; title: string; status: string; households_affected: number; reports: Array<{ code: string; category: Named; state: string }> }>;
  budget_lines: BudgetLineView[];
  total_satang: string;
  total_words_th: string;
  events: ProposalEvent[];
  evaluator: { display_name: string; is_me: boolean } | null;
  review: { feasibility: string; cost_check: string; carrying_agency: (Named & { kind: string }) | null } | null;
  decision_reason: string | null;
  merged_into: ProposalRef | null;
  merged_from: ProposalRef[];
  attachments: Attachment[];
  is_demo: boolean;
  submitted_at: string | null;
  decided_at: string | null;
  abilities: Abilities;
}

export interface ProposalSummary {
  id: string;
  title: string;
  state: ProposalState;
  community: CommunityRef;
  district: DistrictRef;
  fiscal_year: number | null;
  total_satang: string;
  evaluator_name: string | null;
  submitted_at: string | null;
  updated_at: string;
  is_demo: boolean;
}

export interface DraftingContext {
  community: CommunityRef;
  district: DistrictRef;
  is_demo: boolean;
  needs: Array<{ id: string; title: string; status: string; rank: number; households_affected: number }>;
  fiscal_years: number[];
  strategies: Strategy[];
}

export interface Evaluator {
  id: string;
  display_name: string;
  role: 'officer' | 'planner';
  open_reviews: number;
}
