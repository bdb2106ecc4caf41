import { Type } from 'typebox';
import { DistrictRef, LocalizedRef } from '../../platform/http/schemas.ts';
import { PROPOSAL_STATES } from './proposals.states.ts';
import { STRATEGY_CODES, type StrategyCode } from './proposals.strategies.ts';
import type { ProposalState } from './proposals.tables.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const DateOnly = (description: string) => Type.String({ maxLength: 10, description: `${description} (YYYY-MM-DD)` });
const Text = (max: number, description: string) => Type.String({ maxLength: max, description });

// Built from the one list of each, typed back to its union (a mapped Union loses the literals).
export const StateEnum = Type.Unsafe<ProposalState>(Type.Union(PROPOSAL_STATES.map((s) => Type.Literal(s)), {
  description: 'draft → submitted → under_review ⇄ revision_requested → accepted | not_accepted | merged | withdrawn',
}));
const StrategyEnum = Type.Unsafe<StrategyCode>(Type.Union(STRATEGY_CODES.map((s) => Type.Literal(s)), { description: 'One of the BMA "9 ดี" policy dimensions (GET /api/v1/proposals/strategies)' }));

/** Amounts in baht as people type them ("15000", "15,000.50"); numbers are accepted too. */
const Baht = (description: string) => Type.Union([Type.String({ maxLength: 32 }), Type.Number()], { description: `${description}, in baht ("15,000.50"); at most 2 decimals, never negative` });

export const ProposalIdParams = Type.Object({ id: Type.String({ maxLength: 20, description: 'Proposal id, e.g. PRJ-69-7Q4XKM' }) });

export const StrategyItem = Type.Object({ code: StrategyEnum, name_th: Type.String(), name_en: Type.String() });
export const StrategiesResponse = Type.Object({ items: Type.Array(StrategyItem) });

const BudgetLineBody = Type.Object({
  description: Text(300, 'What is bought or paid for'),
  quantity: Type.Union([Type.String({ maxLength: 20 }), Type.Number()], { description: 'How many (more than 0, at most 2 decimals)' }),
  unit: Type.Optional(Text(40, 'Unit: ชุด, เมตร, คน, วัน…')),
  unit_cost_baht: Baht('Cost of one unit'),
  amount_baht: Type.Optional(Baht('quantity × unit cost rounded to the satang; checked when given, computed when left out')),
}, { additionalProperties: false });

const ActivityBody = Type.Object({
  title: Text(300, 'What will be done'),
  starts_on: Type.Optional(Nullable(DateOnly('Start'))),
  ends_on: Type.Optional(Nullable(DateOnly('End'))),
}, { additionalProperties: false });

const ProposalFields = {
  problem: Type.Optional(Text(8000, 'The problem, in the community\'s words (required before submitting)')),
  need_ids: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 30, description: 'Public ids of the community\'s needs this proposal addresses (replaces the list)' })),
  objectives: Type.Optional(Text(8000, 'Objectives')),
  activities: Type.Optional(Type.Array(ActivityBody, { maxItems: 50 })),
  beneficiaries: Type.Optional(Text(2000, 'Who benefits')),
  beneficiaries_count: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'How many people benefit' })),
  starts_on: Type.Optional(Nullable(DateOnly('Project start'))),
  ends_on: Type.Optional(Nullable(DateOnly('Project end'))),
  strategy_code: Type.Optional(Nullable(StrategyEnum)),
  district_policy: Type.Optional(Text(1000, 'The district policy it serves, in words')),
  fiscal_year: Type.Optional(Type.Union([Type.Null(), Type.Integer(), Type.String({ maxLength: 12 })], {
    description: 'Fiscal year (Buddhist Era) hoped for: the current one or up to 2 ahead, e.g. 2570',
  })),
  total_baht: Type.Optional(Nullable(Baht('Total; must equal the sum of the budget lines (left out: their sum)'))),
  budget_lines: Type.Optional(Type.Array(BudgetLineBody, { maxItems: 100, description: 'Replaces all lines' })),
};

export const CreateBody = Type.Object({
  community_code: Type.Optional(Type.String({ maxLength: 20, description: "Must be the writer's own community (their committee seat); left out: that community" })),
  title: Text(300, 'Title'),
  ...ProposalFields,
}, { additionalProperties: false });

export const PatchBody = Type.Object({
  title: Type.Optional(Text(300, 'Title')),
  ...ProposalFields,
}, { additionalProperties: false });

const Note = Type.Optional(Text(4000, 'A note shown to the community with the step'));
export const SubmitBody = Type.Object({ note: Note }, { additionalProperties: false });
export const WithdrawBody = Type.Object({ note: Note }, { additionalProperties: false });
export const AssignBody = Type.Object({ evaluator_id: Type.String({ maxLength: 40, description: 'Public id of an officer or planner of the district office' }), note: Note }, { additionalProperties: false });
export const RevisionBody = Type.Object({ note: Text(4000, 'What to revise (required)') }, { additionalProperties: false });
export const AcceptBody = Type.Object({
  feasibility: Text(4000, 'Feasibility assessment'),
  cost_check: Text(4000, 'Cost check: are the prices reasonable'),
  carrying_agency_code: Type.String({ maxLength: 64, description: 'Agency that would carry it out: this district office or a BMA department' }),
  note: Note,
}, { additionalProperties: false });
export const NotAcceptBody = Type.Object({ reason: Text(4000, 'Why not (required; shown to the community)') }, { additionalProperties: false });
export const MergeBody = Type.Object({ merged_into: Type.String({ maxLength: 20, description: 'Id of the proposal of the same district that carries on' }), note: Note }, { additionalProperties: false });

export const ListQuery = Type.Object({
  community: Type.Optional(Type.String({ maxLength: 20, description: 'Community code' })),
  district_code: Type.Optional(Type.Integer({ minimum: 1001, maximum: 1050 })),
  state: Type.Optional(StateEnum),
  assigned: Type.Optional(Type.Literal('me', { description: 'Only proposals the caller evaluates' })),
  fiscal_year: Type.Optional(Type.Integer({ minimum: 2400, maximum: 2700 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });

export const DraftingQuery = Type.Object({ community: Type.Optional(Type.String({ maxLength: 20, description: 'Community code (the caller\'s own)' })) }, { additionalProperties: false });

const CommunityRef = Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Nullable(Type.String()) });
const Money = {
  total_satang: Type.String({ description: 'Integer satang, as a string' }),
  total_formatted: Type.String({ description: 'Thai grouping: "1,234,500.00"' }),
};

export const ProposalSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  state: StateEnum,
  community: CommunityRef,
  district: DistrictRef,
  fiscal_year: Nullable(Type.Integer()),
  strategy: Nullable(StrategyItem),
  ...Money,
  revision: Type.Integer(),
  evaluator_name: Nullable(Type.String()),
  submitted_at: Nullable(DateTime),
  updated_at: DateTime,
  is_demo: Type.Boolean({ description: 'Generated demo data' }),
});

export const ProposalPage = Type.Object({ items: Type.Array(ProposalSummary), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() });

const Abilities = Type.Object({
  edit: Type.Boolean(), attach: Type.Boolean(), submit: Type.Boolean(), assign: Type.Boolean(), request_revision: Type.Boolean(),
  accept: Type.Boolean(), not_accept: Type.Boolean(), merge: Type.Boolean(), withdraw: Type.Boolean(),
}, { description: 'What the caller may do now; the UI shows only these' });

const NeedView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  rank: Type.Integer(),
  households_affected: Type.Integer(),
  reports: Type.Array(Type.Object({ code: Type.String(), category: LocalizedRef, state: Type.String() }), { description: 'City problem reports the need cites as evidence' }),
});

const BudgetLineView = Type.Object({
  position: Type.Integer(),
  description: Type.String(),
  quantity: Type.String({ description: 'Decimal text, "12.50"' }),
  unit: Type.String(),
  unit_cost_satang: Type.String(),
  amount_satang: Type.String(),
  unit_cost_formatted: Type.String(),
  amount_formatted: Type.String(),
});

const EventView = Type.Object({
  from_state: Nullable(StateEnum),
  to_state: StateEnum,
  note: Type.String(),
  actor_label: Type.String({ description: 'The staff member\'s name, "คณะกรรมการชุมชน" or "ระบบ"' }),
  at: DateTime,
});

const ProposalRef = Type.Object({ id: Type.String(), title: Type.String(), state: StateEnum });

const AttachmentView = Type.Object({
  id: Type.String(), kind: Type.Union([Type.Literal('photo'), Type.Literal('document')]), file_name: Type.String(), content_type: Type.String(),
  bytes: Type.Integer(), url: Type.String(), thumb_url: Nullable(Type.String()), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()), created_at: DateTime,
});

export const ProposalDetail = Type.Object({
  id: Type.String(),
  title: Type.String(),
  state: StateEnum,
  state_label: Type.Object({ th: Type.String(), en: Type.String() }),
  revision: Type.Integer({ description: '1 for the first version; +1 each time it is resubmitted after a revision' }),
  community: CommunityRef,
  district: DistrictRef,
  problem: Type.String(),
  objectives: Type.String(),
  activities: Type.Array(Type.Object({ title: Type.String(), starts_on: Nullable(Type.String()), ends_on: Nullable(Type.String()) })),
  beneficiaries: Type.String(),
  beneficiaries_count: Type.Integer(),
  starts_on: Nullable(Type.String()),
  ends_on: Nullable(Type.String()),
  strategy: Nullable(StrategyItem),
  district_policy: Type.String(),
  fiscal_year: Nullable(Type.Integer()),
  fiscal_year_label: Nullable(Type.Object({ th: Type.String(), en: Type.String() })),
  needs: Type.Array(NeedView),
  budget_lines: Type.Array(BudgetLineView),
  ...Money,
  total_words_th: Type.String({ description: 'The total in Thai words (bahttext)' }),
  events: Type.Array(EventView, { description: 'Every step, oldest first, as the community sees it' }),
  evaluator: Nullable(Type.Object({ display_name: Type.String(), is_me: Type.Boolean() })),
  review: Nullable(Type.Object({ feasibility: Type.String(), cost_check: Type.String(), carrying_agency: Nullable(Type.Intersect([LocalizedRef, Type.Object({ kind: Type.String() })])) })),
  decision_reason: Nullable(Type.String()),
  merged_into: Nullable(ProposalRef),
  merged_from: Type.Array(ProposalRef),
  attachments: Type.Array(AttachmentView),
  is_demo: Type.Boolean(),
  created_at: DateTime,
  updated_at: DateTime,
  submitted_at: Nullable(DateTime),
  decided_at: Nullable(DateTime),
  abilities: Abilities,
});

export const EvaluatorsResponse = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String({ description: 'User public id (send as evaluator_id)' }),
    display_name: Type.String(),
    role: Type.Union([Type.Literal('officer'), Type.Literal('planner')]),
    open_reviews: Type.Integer({ description: 'Proposals under their review now' }),
  })),
});

export const DraftingContext = Type.Object({
  community: CommunityRef,
  district: DistrictRef,
  is_demo: Type.Boolean(),
  needs: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: Type.String(), rank: Type.Integer(), households_affected: Type.Integer() })),
  fiscal_years: Type.Array(Type.Integer(), { description: 'Fiscal years one may ask for now' }),
  strategies: Type.Array(StrategyItem),
});

export const AttachResponse = Type.Object({ attachments: Type.Array(Type.String({ description: 'Ids of the stored files' })), proposal: ProposalDetail });
