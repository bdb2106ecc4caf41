import { Type, type TSchema } from 'typebox';
import { DistrictRef, LocalizedRef } from '../../platform/http/schemas.ts';
import { FUNNEL_DEFINITIONS, OPEN_DATA_DEFINITIONS } from './accountability.definitions.ts';
import { FUNNEL_STEPS } from './accountability.funnel.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ description: 'YYYY-MM-DD' });
const Satang = (description: string) => Type.String({ pattern: '^[0-9]+$', description: `${description}, integer satang as a string` });
const Definitions = (keys: readonly string[]) => Type.Object(Object.fromEntries(keys.map((k) => [k, Type.String()])), { description: 'What each figure counts, in Thai and English' });

export const StoryParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40, description: 'Proposal public id, e.g. PRJ-69-7Q4XKM' }) });

const Attachment = Type.Object({
  id: Type.String(), kind: Type.Union([Type.Literal('photo'), Type.Literal('document')]), file_name: Type.String(), content_type: Type.String(),
  bytes: Type.Integer(), url: Type.String(), thumb_url: Nullable(Type.String()), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()), created_at: DateTime,
});

const StepEnum = Type.Union(
  [Type.Literal('submitted'), Type.Literal('accepted'), Type.Literal('in_plan'), Type.Literal('funded'), Type.Literal('delivered')],
  { description: `${FUNNEL_STEPS.join(' → ')}` },
);

const CitedReport = Type.Object({
  code: Type.String({ description: 'Report tracking code; its public page is /r/{code}' }),
  category: LocalizedRef,
  state: Type.String(),
  created_at: DateTime,
  fixed_at: Nullable(DateTime),
  is_demo: Type.Boolean(),
});

const Need = Type.Object({
  id: Type.String(), rank: Type.Integer({ description: '1 = most pressing' }), title: Type.String(), description: Type.String(), place_text: Type.String(),
  households_affected: Type.Integer(), since_on: Nullable(Day), status: Type.String(), category: Nullable(LocalizedRef),
  attachments: Type.Array(Attachment), reports: Type.Array(CitedReport, { description: 'City problem reports the need cites as evidence' }),
});

const Placement = Type.Object({
  plan: Type.Object({
    id: Type.String(), fiscal_year: Type.Integer(), fiscal_year_label_th: Type.String(), fiscal_year_label_en: Type.String(),
    status: Type.String({ description: 'draft or published' }), agency: LocalizedRef,
  }),
  item: Type.Object({
    id: Type.String(), title: Type.String(), responsible_unit: Type.String(),
    budget_requested_satang: Satang('Budget requested'), budget_approved_satang: Nullable(Satang('Budget approved')), budget_disbursed_satang: Satang('Disbursed so far'),
    status: Type.String({ description: 'planned, funded, in_progress, completed or cancelled' }), cancel_reason: Nullable(Type.String()),
    progress_percent: Type.Number({ minimum: 0, maximum: 100 }),
    indicators: Type.Array(Type.Object({ name: Type.String(), target: Nullable(Type.Number()), unit: Type.String(), actual: Nullable(Type.Number()) })),
    starts_on: Nullable(Day), ends_on: Nullable(Day), placed_at: DateTime, completed_at: Nullable(DateTime),
    milestones: Type.Array(Type.Object({ position: Type.Integer(), title: Type.String(), weight: Type.Integer(), due_quarter: Nullable(Type.Integer()), percent: Type.Number() })),
    progress_reports: Type.Array(Type.Object({
      quarter: Type.Integer({ description: 'Fiscal quarter, 1 = Oct–Dec' }), percent: Type.Number({ description: 'Percent reported' }),
      item_percent: Type.Number({ description: 'The item\'s rolled-up progress after this report' }), milestone: Nullable(Type.String()),
      disbursed_satang: Nullable(Satang('Disbursed with this report')), note: Type.String(), reported_at: DateTime, photos: Type.Array(Attachment),
    })),
  }),
});

export const Story = Type.Object({
  proposal: Type.Object({
    id: Type.String(), title: Type.String(), problem: Type.String(), objectives: Type.String(), beneficiaries: Type.String(), beneficiaries_count: Type.Integer(),
    starts_on: Nullable(Day), ends_on: Nullable(Day), strategy_code: Nullable(Type.String()), fiscal_year: Nullable(Type.Integer()),
    fiscal_year_label_th: Nullable(Type.String()), fiscal_year_label_en: Nullable(Type.String()),
    state: Type.String(), submitted_at: Nullable(DateTime), decided_at: Nullable(DateTime), is_demo: Type.Boolean(),
  }),
  community: Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String(), is_demo: Type.Boolean(), district: DistrictRef }),
  needs: Type.Array(Need),
  timeline: Type.Array(Type.Object({ from_state: Nullable(Type.String()), to_state: Type.String(), by: Type.String({ description: 'Public label of who took the step' }), note: Type.String(), at: DateTime })),
  budget: Type.Object({
    lines: Type.Array(Type.Object({ position: Type.Integer(), description: Type.String(), quantity: Type.Number(), unit: Type.String(), unit_cost_satang: Satang('Unit cost'), amount_satang: Satang('Line amount') })),
    lines_total_satang: Satang('Sum of the lines'), total_satang: Satang('Total asked for'), total_words_th: Type.String({ description: 'The total in Thai words (bahttext)' }),
  }),
  decision: Nullable(Type.Object({
    state: Type.String(), decided_at: Nullable(DateTime), feasibility: Nullable(Type.String()), cost_check: Nullable(Type.String()),
    carrying_agency: Nullable(LocalizedRef), reason: Nullable(Type.String({ description: 'Why it was not accepted' })),
    merged_into: Nullable(Type.Object({ id: Type.String(), title: Type.String() })),
  })),
  placement: Nullable(Placement),
  reached: Type.Array(StepEnum, { description: 'The funnel steps this proposal has reached, by the funnel\'s own rules' }),
  delivered: Type.Boolean(),
  includes_demo: Type.Boolean(),
  definitions: Definitions(Object.keys(FUNNEL_DEFINITIONS)),
});

const StepRow = Type.Object({
  step: StepEnum, count: Type.Integer(), satang: Satang('Money at this step'),
  share_of_previous: Nullable(Type.Number({ description: 'count / previous step\'s count (0..1)' })),
});
const FunnelFields = {
  steps: Type.Array(StepRow),
  disbursed_satang: Satang('Disbursed on these proposals\' plan items, delivered or not'),
  includes_demo: Type.Boolean({ description: 'Some counted row is generated demo data' }),
};

export const FunnelQuery = Type.Object({
  fiscal_year: Type.Optional(Type.String({ maxLength: 10, description: 'Fiscal year in the Buddhist Era, e.g. 2570' })),
  district_code: Type.Optional(Type.String({ maxLength: 10, description: 'District code 1001–1050' })),
  community: Type.Optional(Type.String({ maxLength: 60, description: 'Community code, e.g. 1004-012' })),
}, { additionalProperties: false });

export const FunnelResponse = Type.Object({
  filters: Type.Object({
    fiscal_year: Nullable(Type.Integer()), fiscal_year_label_th: Nullable(Type.String()), fiscal_year_label_en: Nullable(Type.String()),
    district: Nullable(DistrictRef),
    community: Nullable(Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String(), is_demo: Type.Boolean() })),
  }),
  ...FunnelFields,
  by_district: Type.Array(Type.Object({ code: Type.Integer(), name_th: Type.String(), name_en: Type.String(), ...FunnelFields }), { description: 'Every district, when no district or community is chosen' }),
  by_community: Type.Array(Type.Object({ code: Type.String(), name_th: Type.String(), name_en: Type.String(), is_demo: Type.Boolean(), ...FunnelFields }), { description: 'Communities of the chosen district (or the chosen community)' }),
  fiscal_years: Type.Array(Type.Integer(), { description: 'Fiscal years (BE) with proposals or plans, newest first' }),
  definitions: Definitions(Object.keys(FUNNEL_DEFINITIONS)),
  open_data: Definitions(Object.keys(OPEN_DATA_DEFINITIONS)),
});

export const OpenDataQuery = Type.Object({
  fiscal_year: FunnelQuery.properties.fiscal_year,
  district_code: FunnelQuery.properties.district_code,
}, { additionalProperties: false });

const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
export const OpenDataJson = Type.Object({
  dataset: Type.String(), title_th: Type.String(), title_en: Type.String(), description_en: Type.String(), generated_at: DateTime,
  filters: Type.Object({ fiscal_year: Nullable(Type.Integer()), district_code: Nullable(Type.Integer()) }),
  includes_demo: Type.Boolean(),
  definitions: Definitions(Object.keys(OPEN_DATA_DEFINITIONS)),
  fields: Type.Array(Type.Object({ name: Type.String(), type: Type.String(), description_th: Type.String(), description_en: Type.String() })),
  count: Type.Integer(),
  items: Type.Array(Type.Record(Type.String(), Value), { description: 'One object per row, keyed by the field names' }),
});
