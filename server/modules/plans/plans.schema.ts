import { Type, type TSchema } from 'typebox';
import { DistrictRef } from '../../platform/http/schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/**
 * In request bodies null goes first: Ajv's type coercion would otherwise turn a null
 * into "" on the string branch before the null branch is tried.
 */
const OrNull = <T extends TSchema>(t: T) => Type.Union([Type.Null(), t]);
const DateTime = Type.String({ format: 'date-time' });
const DateOnly = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Satang = (description: string) => Type.String({ pattern: '^-?[0-9]+$', description: `${description}, in satang (1 baht = 100 satang), as a string of digits` });
const Baht = (description: string) => Type.Union([Type.String({ maxLength: 40 }), Type.Number()], {
  description: `${description}, in baht: "150000", "150,000.50" or a number; never negative, at most two decimals`,
});
const PlanId = Type.String({ pattern: '^PLN-[0-9]{2}-[2-9A-HJ-NP-Z]{6}$', description: 'Plan id, e.g. PLN-70-7Q4XKM' });
const ItemId = Type.String({ pattern: '^PLI-[2-9A-HJ-NP-Z]{8}$', description: 'Plan item id, e.g. PLI-7Q4XKM2A' });
const MilestoneId = Type.String({ pattern: '^[0-9]{1,18}$', description: 'Milestone id' });

export const ItemStatus = Type.Union([Type.Literal('planned'), Type.Literal('funded'), Type.Literal('in_progress'), Type.Literal('completed'), Type.Literal('cancelled')], {
  description: 'planned → funded → in_progress → completed; cancelled (with a reason) from any step before completion',
});

export const Warning = Type.Object({
  code: Type.String({ description: 'over_ceiling | requested_over_ceiling' }),
  th: Type.String(),
  en: Type.String(),
});

const AgencyRef = Type.Object({
  code: Type.String(),
  name_th: Type.String(),
  name_en: Type.String(),
  kind: Type.String({ description: 'district_office | department | external' }),
  district_code: Nullable(Type.Integer()),
});

const StatusCounts = Type.Object({
  planned: Type.Integer(), funded: Type.Integer(), in_progress: Type.Integer(), completed: Type.Integer(), cancelled: Type.Integer(),
});

export const Totals = Type.Object({
  requested_satang: Satang('Budget asked, live items (cancelled left out)'),
  approved_satang: Satang('Budget approved, live items'),
  disbursed_satang: Satang('Money disbursed so far, live items'),
  ceiling_satang: Nullable(Satang("The agency's budget ceiling for the plan; null until set")),
  remaining_satang: Nullable(Satang('Ceiling − approved (negative when over); null without a ceiling')),
  over_by_satang: Satang('Approved − ceiling when over the ceiling, else 0'),
  approved_over_ceiling: Type.Boolean(),
  requested_over_ceiling: Type.Boolean(),
  warnings: Type.Array(Warning, { description: 'What is wrong with the money, in words (not only a flag)' }),
  progress_percent: Nullable(Type.Number({ description: 'Budget-weighted progress of live items, 0–100; null with no live items' })),
  items: Type.Integer({ description: 'Live items' }),
  by_status: StatusCounts,
});

const PlanCore = {
  id: PlanId,
  fiscal_year: Type.Integer({ description: 'Buddhist Era fiscal year, e.g. 2570' }),
  name_th: Type.String({ description: 'แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570' }),
  name_en: Type.String(),
  fy_label_th: Type.String(),
  fy_label_en: Type.String(),
  starts_on: DateOnly,
  ends_on: DateOnly,
  agency: AgencyRef,
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  ceiling_policy: Type.Union([Type.Literal('warn'), Type.Literal('refuse')], { description: 'Approving past the ceiling: warned, or refused' }),
  is_demo: Type.Boolean({ description: 'Demo data (ข้อมูลตัวอย่าง), not a real plan' }),
  totals: Totals,
  created_at: DateTime,
  updated_at: DateTime,
  published_at: Nullable(DateTime),
};

export const PlanSummary = Type.Object(PlanCore);

const Indicator = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  target: Type.Number({ description: 'ค่าเป้าหมาย' }),
  unit: Type.String({ maxLength: 50 }),
  actual: Type.Optional(Nullable(Type.Number({ description: 'What was reached, when known' }))),
}, { additionalProperties: false });

const Photo = Type.Object({
  id: Type.String(), kind: Type.String(), file_name: Type.String(), content_type: Type.String(), bytes: Type.Integer(),
  url: Type.String(), thumb_url: Nullable(Type.String()), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()), created_at: DateTime,
});

export const Milestone = Type.Object({
  id: MilestoneId,
  position: Type.Integer(),
  title: Type.String(),
  weight: Type.Integer({ description: 'Share of the item, 1–100 (relative to the other milestones)' }),
  due_quarter: Nullable(Type.Integer({ description: 'Fiscal quarter 1–4 (Q1 = Oct–Dec)' })),
  percent: Type.Number(),
});

export const ProgressReport = Type.Object({
  id: Type.String(),
  quarter: Type.Integer(),
  milestone_id: Nullable(MilestoneId),
  percent: Type.Number({ description: 'The milestone (or item, without milestones) after this report' }),
  previous_percent: Type.Number(),
  item_percent: Type.Number({ description: "The item's rolled-up progress after this report" }),
  disbursed_satang: Nullable(Satang('Disbursed to date, as reported')),
  note: Type.String(),
  created_at: DateTime,
  photos: Type.Array(Photo),
});

export const Item = Type.Object({
  id: ItemId,
  position: Type.Integer({ description: 'ลำดับ' }),
  title: Type.String(),
  description: Type.String(),
  responsible_unit: Type.String(),
  source: Type.Union([Type.Literal('proposal'), Type.Literal('agency')]),
  proposal_id: Nullable(Type.String({ description: 'The community proposal it came from (PRJ-…)' })),
  community: Nullable(Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Nullable(Type.String()) })),
  strategy_code: Nullable(Type.String()),
  strategy: Nullable(Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String() }, { description: 'The BMA policy dimension (นโยบาย 9 ดี) or district policy it serves' })),
  budget_requested_satang: Satang('Budget asked'),
  budget_approved_satang: Nullable(Satang('Budget approved; null until approved')),
  budget_disbursed_satang: Satang('Disbursed so far'),
  indicators: Type.Array(Indicator),
  status: ItemStatus,
  status_label_th: Type.String(),
  status_label_en: Type.String(),
  cancel_reason: Nullable(Type.String()),
  progress_percent: Type.Number(),
  quarters: Type.Array(Type.Integer(), { description: 'Fiscal quarters the item works in (milestones due, else its dates)' }),
  starts_on: Nullable(DateOnly),
  ends_on: Nullable(DateOnly),
  milestones: Type.Array(Milestone),
  progress: Type.Array(ProgressReport, { description: 'Newest first' }),
  abilities: Type.Object({
    edit: Type.Boolean(), approve_budget: Type.Boolean(), report_progress: Type.Boolean(), add_milestone: Type.Boolean(),
    report_quarters: Type.Array(Type.Integer(), { description: 'Quarters progress may be reported for now: none before the fiscal year starts, up to the current quarter during it' }),
    transitions: Type.Array(ItemStatus, { description: 'Statuses the caller may move the item to by hand' }),
  }),
  created_at: DateTime,
  updated_at: DateTime,
  completed_at: Nullable(DateTime),
});

export const PlanDetail = Type.Object({
  ...PlanCore,
  approved_in_words_th: Type.String({ description: 'The approved total in Thai words (bahttext), as official tables write it' }),
  items: Type.Array(Item),
  abilities: Type.Object({
    build: Type.Boolean({ description: 'Add and change items, milestones, progress; publish' }),
    set_ceiling: Type.Boolean(),
    publish: Type.Boolean(),
    export: Type.Boolean(),
  }),
});

export const ItemAnswer = Type.Object({
  item: Item,
  plan: PlanSummary,
  warnings: Type.Array(Warning, { description: 'Saved, but: e.g. the approved total is now over the ceiling (policy "warn")' }),
});

export const ItemView = Type.Object({ item: Item, plan: PlanSummary });

export const PlanAnswer = Type.Object({ plan: PlanDetail, warnings: Type.Array(Warning) });

export const PlanList = Type.Object({ items: Type.Array(PlanSummary), total: Type.Integer(), page: Type.Integer(), page_size: Type.Integer() });

export const PlanParams = Type.Object({ id: PlanId });
export const ItemParams = Type.Object({ id: PlanId, itemId: ItemId });
export const MilestoneParams = Type.Object({ id: PlanId, itemId: ItemId, milestoneId: MilestoneId });
export const DistrictParams = Type.Object({ code: Type.Integer({ minimum: 1001, maximum: 1050, description: 'District code 1001–1050' }) });

export const ListQuery = Type.Object({
  fiscal_year: Type.Optional(Type.Integer({ minimum: 2400, maximum: 2700 })),
  agency_code: Type.Optional(Type.String({ maxLength: 64 })),
  district_code: Type.Optional(Type.Integer({ minimum: 1001, maximum: 1050, description: "The district office's plans and department plans with items in the district" })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });

export const DistrictQuery = Type.Object({
  fiscal_year: Type.Integer({ minimum: 2400, maximum: 2700, description: 'Buddhist Era fiscal year' }),
}, { additionalProperties: false });

export const CreatePlanBody = Type.Object({
  agency_code: Type.String({ minLength: 1, maxLength: 64, description: 'The agency whose plan it is (district-1004, bma-drainage …)' }),
  fiscal_year: Type.Unknown({ description: 'A whole Buddhist Era year from 2560 to the current fiscal year + 2, as a JSON number (e.g. 2570)' }),
}, { additionalProperties: false });

export const UpdatePlanBody = Type.Object({
  // Checked by the service (422 with a field error): a null must stay null, not be coerced.
  ceiling_baht: Type.Optional(Type.Unknown({ description: 'Budget ceiling in baht ("5,000,000", 5000000), or null to clear it; agency administrators and admins only' })),
  ceiling_policy: Type.Optional(Type.Union([Type.Literal('warn'), Type.Literal('refuse')])),
  status: Type.Optional(Type.Literal('published', { description: 'Publish the plan (it cannot go back to draft)' })),
}, { additionalProperties: false, minProperties: 1 });

const Text = (max: number, description?: string) => Type.String({ maxLength: max, ...(description ? { description } : {}) });

export const AddItemBody = Type.Object({
  proposal_id: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Place an accepted proposal (PRJ-…); title, community, budget and dates come from it' })),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Required for an agency item' })),
  description: Type.Optional(Text(4000)),
  responsible_unit: Type.String({ minLength: 1, maxLength: 200, description: 'หน่วยงานรับผิดชอบ, e.g. ฝ่ายโยธา' }),
  strategy_code: Type.Optional(Type.String({ maxLength: 64 })),
  budget_requested_baht: Type.Optional(Baht('Budget asked (an agency item must give it; a proposal item defaults to the proposal total)')),
  indicators: Type.Optional(Type.Array(Indicator, { maxItems: 20 })),
  starts_on: Type.Optional(DateOnly),
  ends_on: Type.Optional(DateOnly),
}, { additionalProperties: false });

export const UpdateItemBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  description: Type.Optional(Text(4000)),
  responsible_unit: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  strategy_code: Type.Optional(OrNull(Type.String({ maxLength: 64 }))),
  indicators: Type.Optional(Type.Array(Indicator, { maxItems: 20 })),
  starts_on: Type.Optional(OrNull(DateOnly)),
  ends_on: Type.Optional(OrNull(DateOnly)),
  budget_requested_baht: Type.Optional(Baht('Budget asked')),
  budget_approved_baht: Type.Optional(Baht('Budget approved (planned → funded); checked against the ceiling')),
  budget_disbursed_baht: Type.Optional(Baht('Disbursed to date; never more than approved')),
  status: Type.Optional(ItemStatus),
  cancel_reason: Type.Optional(Type.String({ maxLength: 2000, description: 'Required when cancelling' })),
}, { additionalProperties: false, minProperties: 1 });

export const AddMilestoneBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Share of the item, 1–100; default 1' })),
  due_quarter: Type.Optional(OrNull(Type.Integer({ minimum: 1, maximum: 4 }))),
  note: Type.Optional(Type.String({ maxLength: 4000, description: "Why; required when the new milestone lowers the item's progress (kept in the progress history)" })),
}, { additionalProperties: false });

export const UpdateMilestoneBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  due_quarter: Type.Optional(OrNull(Type.Integer({ minimum: 1, maximum: 4 }))),
  note: Type.Optional(Type.String({ maxLength: 4000, description: "Why; required when the new weight lowers the item's progress (kept in the progress history)" })),
}, { additionalProperties: false, minProperties: 1 });

/** Progress, as JSON or as multipart/form-data fields with `files` photos. */
export const ProgressBody = Type.Object({
  quarter: Type.Number({ description: 'Fiscal quarter 1–4 (Q1 = Oct–Dec)' }),
  milestone_id: Type.Optional(MilestoneId),
  percent: Type.Number({ description: '0–100; lower than now only with a note saying why; above 0 only once a budget is approved' }),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
  disbursed_baht: Type.Optional(Baht('Disbursed to date (the total so far, not this quarter alone)')),
}, { additionalProperties: false });

export const Candidate = Type.Object({
  id: Type.String({ description: 'Proposal id (PRJ-…)' }),
  title: Type.String(),
  community: Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Nullable(Type.String()) }),
  district_code: Type.Integer(),
  total_satang: Satang('The proposal budget'),
  strategy_code: Nullable(Type.String()),
  fiscal_year: Nullable(Type.Integer()),
  starts_on: Nullable(DateOnly),
  ends_on: Nullable(DateOnly),
  is_demo: Type.Boolean(),
});
export const CandidateList = Type.Object({ items: Type.Array(Candidate) });

const RollupPart = Type.Object({
  progress_percent: Nullable(Type.Number()),
  items: Type.Integer(),
  requested_satang: Satang('Asked'),
  approved_satang: Satang('Approved'),
  disbursed_satang: Satang('Disbursed'),
  by_status: StatusCounts,
});

export const DistrictProgress = Type.Object({
  district: DistrictRef,
  fiscal_year: Type.Integer(),
  fy_label_th: Type.String(),
  fy_label_en: Type.String(),
  ...RollupPart.properties,
  district_office: RollupPart,
  departments: RollupPart,
  plans: Type.Array(Type.Object({ id: PlanId, agency: Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String() }), progress_percent: Nullable(Type.Number()), items: Type.Integer() })),
});

export const FileDownload = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file, with Content-Disposition: attachment' });
