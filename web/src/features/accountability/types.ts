// Shapes of the accountability API answers (server/modules/accountability/accountability.schema.ts).

export const STEPS = ['submitted', 'accepted', 'in_plan', 'funded', 'delivered'] as const;
export type Step = (typeof STEPS)[number];

export interface StepFigure {
  step: Step;
  count: number;
  /** Integer satang as a string. */
  satang: string;
  share_of_previous: number | null;
}

export interface FunnelFigures {
  steps: StepFigure[];
  disbursed_satang: string;
  includes_demo: boolean;
}

export interface NamedRow extends FunnelFigures {
  code: string | number;
  name_th: string;
  name_en: string;
  is_demo?: boolean;
}

export type Definitions = Record<string, string>;

export interface FunnelAnswer extends FunnelFigures {
  filters: {
    fiscal_year: number | null;
    fiscal_year_label_th: string | null;
    fiscal_year_label_en: string | null;
    district: { code: number; name_th: string; name_en: string } | null;
    community: { code: string; name_th: string; name_en: string; is_demo: boolean } | null;
  };
  by_district: NamedRow[];
  by_community: NamedRow[];
  fiscal_years: number[];
  definitions: Definitions;
  open_data: Definitions;
}

export interface Attachment {
  id: string;
  kind: 'photo' | 'document';
  file_name: string;
  url: string;
  thumb_url: string | null;
  width: number | null;
  height: number | null;
}

export interface LocalRef {
  code: string;
  name_th: string;
  name_en: string;
}

export interface Story {
  proposal: {
    id: string;
    title: string;
    state: string;
    fiscal_year: number | null;
    fiscal_year_label_th: string | null;
    fiscal_year_label_en: string | null;
    is_demo: boolean;
  };
  community: { code: string; name_th: string; name_en: string; is_demo: boolean; district: { code: number; name_th: string; name_en: string } };
  needs: {
    id: string;
    rank: number;
    title: string;
    description: string;
    households_affected: number;
    since_on: string | null;
    attachments: Attachment[];
    reports: { code: string; category: LocalRef; state: string; created_at: string; fixed_at: string | null; is_demo: boolean }[];
  }[];
  timeline: { from_state: string | null; to_state: string; by: string; note: string; at: string }[];
  budget: { total_satang: string; total_words_th: string };
  decision: {
    state: string;
    decided_at: string | null;
    feasibility: string | null;
    cost_check: string | null;
    carrying_agency: LocalRef | null;
    reason: string | null;
    merged_into: { id: string; title: string } | null;
  } | null;
  placement: {
    plan: { id: string; fiscal_year: number; fiscal_year_label_th: string; fiscal_year_label_en: string; status: string; agency: LocalRef };
    item: {
      id: string;
      title: string;
      responsible_unit: string;
      budget_requested_satang: string;
      budget_approved_satang: string | null;
      budget_disbursed_satang: string;
      status: string;
      cancel_reason: string | null;
      progress_percent: number;
      completed_at: string | null;
      milestones: { position: number; title: string; percent: number }[];
      progress_reports: {
        quarter: number;
        percent: number;
        milestone: string | null;
        disbursed_satang: string | null;
        note: string;
        reported_at: string;
        photos: Attachment[];
      }[];
    };
  } | null;
  reached: Step[];
  delivered: boolean;
  includes_demo: boolean;
  definitions: Definitions;
}
