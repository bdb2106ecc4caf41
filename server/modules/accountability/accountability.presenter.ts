import type { AttachmentView } from '../../platform/media/attachments.ts';
import { satangToThaiWords } from '../../platform/money/money.ts';
import { fiscalYearLabel } from '../../platform/time/fiscal-year.ts';
import { FUNNEL_DEFINITIONS } from './accountability.definitions.ts';
import { stepsReached } from './accountability.funnel.ts';
import type { CitedReportRow, NeedRow, PlacementRow, StoryProposalRow } from './accountability.story.repository.ts';

/**
 * A proposal's public story, field by field. Whitelisted: nothing here comes from a
 * users row, and reports show their code, category, state and dates — never the
 * reporter or their contact details.
 */

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const satang = (v: string | number | bigint | null) => (v === null ? null : BigInt(v).toString());
const ref = (code: string | null, th: string | null, en: string | null) => (code ? { code, name_th: th ?? '', name_en: en ?? th ?? '' } : null);
const fyLabels = (fy: number | null) => ({
  fiscal_year_label_th: fy === null ? null : fiscalYearLabel(fy, 'th'),
  fiscal_year_label_en: fy === null ? null : fiscalYearLabel(fy, 'en'),
});

export interface StoryParts {
  proposal: StoryProposalRow;
  needs: NeedRow[];
  reports: CitedReportRow[];
  needAttachments: Map<string, AttachmentView[]>;
  events: { from_state: string | null; to_state: string; actor_label: string; note: string; created_at: Date }[];
  lines: { position: number; description: string; quantity: string; unit: string; unit_cost_satang: string | number | bigint; amount_satang: string | number | bigint }[];
  placement: PlacementRow | null;
  milestones: { position: number; title: string; weight: number; due_quarter: number | null; percent: string }[];
  progress: { id: string; quarter: number; percent: string; item_percent: string; disbursed_satang: string | null; note: string; created_at: Date; milestone_title: string | null }[];
  progressPhotos: Map<string, AttachmentView[]>;
}

function presentIndicators(raw: unknown) {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((x): x is Record<string, unknown> => !!x && typeof x === 'object')
    .map((x) => ({
      name: String(x.name ?? ''),
      target: typeof x.target === 'number' ? x.target : null,
      unit: String(x.unit ?? ''),
      actual: typeof x.actual === 'number' ? x.actual : null,
    }));
}

function presentPlacement(s: StoryParts) {
  const p = s.placement;
  if (!p) return null;
  return {
    plan: {
      id: p.plan_public_id,
      fiscal_year: p.fiscal_year,
      fiscal_year_label_th: fiscalYearLabel(p.fiscal_year, 'th'),
      fiscal_year_label_en: fiscalYearLabel(p.fiscal_year, 'en'),
      status: p.plan_status,
      agency: ref(p.agency_code, p.agency_name_th, p.agency_name_en)!,
    },
    item: {
      id: p.public_id,
      title: p.title,
      responsible_unit: p.responsible_unit,
      budget_requested_satang: satang(p.budget_requested_satang)!,
      budget_approved_satang: satang(p.budget_approved_satang),
      budget_disbursed_satang: satang(p.budget_disbursed_satang)!,
      status: p.status,
      cancel_reason: p.cancel_reason,
      progress_percent: Number(p.progress_percent),
      indicators: presentIndicators(p.indicators),
      starts_on: p.starts_on,
      ends_on: p.ends_on,
      placed_at: p.created_at.toISOString(),
      completed_at: iso(p.completed_at),
      milestones: s.milestones.map((m) => ({
        position: m.position, title: m.title, weight: m.weight, due_quarter: m.due_quarter, percent: Number(m.percent),
      })),
      progress_reports: s.progress.map((r) => ({
        quarter: r.quarter,
        percent: Number(r.percent),
        item_percent: Number(r.item_percent),
        milestone: r.milestone_title,
        disbursed_satang: satang(r.disbursed_satang),
        note: r.note,
        reported_at: r.created_at.toISOString(),
        photos: s.progressPhotos.get(r.id) ?? [],
      })),
    },
  };
}

const DECIDED = ['accepted', 'not_accepted', 'merged'];

export function presentStory(s: StoryParts) {
  const p = s.proposal;
  const reached = stepsReached({
    state: p.state,
    item: s.placement ? { status: s.placement.status, budgetApprovedSatang: s.placement.budget_approved_satang === null ? null : BigInt(s.placement.budget_approved_satang) } : null,
  });
  const total = BigInt(p.total_satang);
  const linesTotal = s.lines.reduce((sum, l) => sum + BigInt(l.amount_satang), 0n);
  return {
    proposal: {
      id: p.public_id,
      title: p.title,
      problem: p.problem,
      objectives: p.objectives,
      beneficiaries: p.beneficiaries,
      beneficiaries_count: p.beneficiaries_count,
      starts_on: p.starts_on,
      ends_on: p.ends_on,
      strategy_code: p.strategy_code,
      fiscal_year: p.fiscal_year,
      ...fyLabels(p.fiscal_year),
      state: p.state,
      submitted_at: iso(p.submitted_at),
      decided_at: iso(p.decided_at),
      is_demo: p.is_demo,
    },
    community: {
      code: p.community_code,
      name_th: p.community_name_th,
      name_en: p.community_name_en ?? p.community_name_th,
      is_demo: p.community_is_demo,
      district: { code: p.district_code, name_th: p.district_name_th, name_en: p.district_name_en },
    },
    needs: s.needs.map((n) => ({
      id: n.public_id,
      rank: n.rank,
      title: n.title,
      description: n.description,
      place_text: n.place_text,
      households_affected: n.households_affected,
      since_on: n.since_on,
      status: n.status,
      category: ref(n.category_code, n.category_name_th, n.category_name_en),
      attachments: s.needAttachments.get(n.id) ?? [],
      reports: s.reports
        .filter((r) => r.need_id === n.id)
        .map((r) => ({
          code: r.code,
          category: ref(r.category_code, r.category_name_th, r.category_name_en)!,
          state: r.state,
          created_at: r.created_at.toISOString(),
          fixed_at: iso(r.fixed_at),
          is_demo: r.is_demo,
        })),
    })),
    timeline: s.events.map((e) => ({ from_state: e.from_state, to_state: e.to_state, by: e.actor_label, note: e.note, at: e.created_at.toISOString() })),
    budget: {
      lines: s.lines.map((l) => ({
        position: l.position,
        description: l.description,
        quantity: Number(l.quantity),
        unit: l.unit,
        unit_cost_satang: satang(l.unit_cost_satang)!,
        amount_satang: satang(l.amount_satang)!,
      })),
      lines_total_satang: linesTotal.toString(),
      total_satang: total.toString(),
      total_words_th: satangToThaiWords(total),
    },
    decision: DECIDED.includes(p.state)
      ? {
          state: p.state,
          decided_at: iso(p.decided_at),
          feasibility: p.review_feasibility,
          cost_check: p.review_cost_check,
          carrying_agency: ref(p.agency_code, p.agency_name_th, p.agency_name_en),
          reason: p.decision_reason,
          merged_into: p.merged_into_public_id ? { id: p.merged_into_public_id, title: p.merged_into_title ?? '' } : null,
        }
      : null,
    placement: presentPlacement(s),
    reached,
    delivered: reached.includes('delivered'),
    includes_demo: p.is_demo || p.community_is_demo || (s.placement?.plan_is_demo ?? false) || s.reports.some((r) => r.is_demo),
    definitions: FUNNEL_DEFINITIONS,
  };
}
export type Story = ReturnType<typeof presentStory>;
