/**
 * What leaves the proposals routes. Whitelisted fields only: no account ids or personal
 * data of committee members (their steps read "คณะกรรมการชุมชน"); staff appear by the
 * name they act under as public officials.
 */
import { formatSatang, satangToThaiWords } from '../../platform/money/money.ts';
import { fiscalYearLabel } from '../../platform/time/fiscal-year.ts';
import type { ProposalListRow } from './proposals.query.repository.ts';
import type { ProposalStory } from './proposals.query.service.ts';
import { STATE_LABELS } from './proposals.states.ts';
import { strategyOf } from './proposals.strategies.ts';
import type { ProposalState } from './proposals.tables.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const money = (satang: string | number | bigint) => formatSatang(BigInt(satang));

export function presentSummary(r: ProposalListRow) {
  return {
    id: r.public_id,
    title: r.title,
    state: r.state,
    community: { code: r.community_code, name_th: r.community_name_th, name_en: r.community_name_en },
    district: { code: r.district_code, name_th: r.district_name_th, name_en: r.district_name_en },
    fiscal_year: r.fiscal_year,
    strategy: strategyOf(r.strategy_code),
    total_satang: String(r.total_satang),
    total_formatted: money(r.total_satang),
    revision: r.revision,
    evaluator_name: r.evaluator_name,
    submitted_at: iso(r.submitted_at),
    updated_at: iso(r.updated_at)!,
    is_demo: r.is_demo,
  };
}

function activitiesOf(value: unknown) {
  if (!Array.isArray(value)) return [];
  return value.map((a: { title?: unknown; starts_on?: unknown; ends_on?: unknown }) => ({
    title: String(a.title ?? ''),
    starts_on: typeof a.starts_on === 'string' ? a.starts_on : null,
    ends_on: typeof a.ends_on === 'string' ? a.ends_on : null,
  }));
}

export function presentDetail(s: ProposalStory) {
  const r = s.row;
  const total = BigInt(r.total_satang);
  return {
    id: r.public_id,
    title: r.title,
    state: r.state,
    state_label: STATE_LABELS[r.state],
    revision: r.revision,
    community: { code: s.place.code, name_th: s.place.name_th, name_en: s.place.name_en },
    district: { code: s.place.district_code, name_th: s.place.district_name_th, name_en: s.place.district_name_en },
    problem: r.problem,
    objectives: r.objectives,
    activities: activitiesOf(r.activities),
    beneficiaries: r.beneficiaries,
    beneficiaries_count: r.beneficiaries_count,
    starts_on: r.starts_on,
    ends_on: r.ends_on,
    strategy: strategyOf(r.strategy_code),
    district_policy: r.district_policy,
    fiscal_year: r.fiscal_year,
    fiscal_year_label: r.fiscal_year ? { th: fiscalYearLabel(r.fiscal_year, 'th'), en: fiscalYearLabel(r.fiscal_year, 'en') } : null,
    needs: s.needs.map((n) => ({
      id: n.public_id,
      title: n.title,
      status: n.status,
      rank: n.rank,
      households_affected: n.households_affected,
      reports: s.reports.filter((x) => x.need_id === n.id).map((x) => ({
        code: x.code,
        category: { code: x.category_code, name_th: x.category_name_th, name_en: x.category_name_en },
        state: x.state,
      })),
    })),
    budget_lines: s.lines.map((l) => ({
      position: l.position,
      description: l.description,
      quantity: String(l.quantity),
      unit: l.unit,
      unit_cost_satang: String(l.unit_cost_satang),
      amount_satang: String(l.amount_satang),
      unit_cost_formatted: money(l.unit_cost_satang),
      amount_formatted: money(l.amount_satang),
    })),
    total_satang: total.toString(),
    total_formatted: money(total),
    total_words_th: satangToThaiWords(total),
    events: s.events.map((e) => ({
      from_state: (e.from_state as ProposalState | null) ?? null,
      to_state: e.to_state as ProposalState,
      note: e.note,
      actor_label: e.actor_label,
      at: iso(e.created_at)!,
    })),
    evaluator: s.evaluatorName ? { display_name: s.evaluatorName, is_me: s.assignedToMe } : null,
    review: r.review_feasibility !== null || r.review_cost_check !== null
      ? {
        feasibility: r.review_feasibility ?? '',
        cost_check: r.review_cost_check ?? '',
        carrying_agency: s.carryingAgency ? { code: s.carryingAgency.code, name_th: s.carryingAgency.name_th, name_en: s.carryingAgency.name_en, kind: s.carryingAgency.kind } : null,
      }
      : null,
    decision_reason: r.decision_reason,
    merged_into: s.mergedInto ? { id: s.mergedInto.public_id, title: s.mergedInto.title, state: s.mergedInto.state } : null,
    merged_from: s.mergedFrom.map((m) => ({ id: m.public_id, title: m.title, state: m.state })),
    attachments: s.attachments,
    is_demo: r.is_demo,
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
    submitted_at: iso(r.submitted_at),
    decided_at: iso(r.decided_at),
    abilities: s.abilities,
  };
}
