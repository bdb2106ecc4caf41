// The proposal form's state, and how it turns into the API body and back.
import type { ApiError } from '../../app/api';
import { bangkokToday } from '../../ui/date';
import { quantityToInput, satangToInput } from './budget';
import type { Proposal } from './types';

export interface LineInput {
  description: string;
  quantity: string;
  unit: string;
  unitCost: string;
}

export interface ActivityInput {
  title: string;
  startsOn: string;
  endsOn: string;
}

export interface FormState {
  title: string;
  problem: string;
  objectives: string;
  beneficiaries: string;
  beneficiariesCount: string;
  startsOn: string;
  endsOn: string;
  strategyCode: string;
  districtPolicy: string;
  fiscalYear: string;
  needIds: string[];
  activities: ActivityInput[];
  lines: LineInput[];
}

export const emptyLine = (): LineInput => ({ description: '', quantity: '', unit: '', unitCost: '' });
export const emptyActivity = (): ActivityInput => ({ title: '', startsOn: '', endsOn: '' });

export function emptyForm(): FormState {
  return {
    title: '', problem: '', objectives: '', beneficiaries: '', beneficiariesCount: '', startsOn: '', endsOn: '',
    strategyCode: '', districtPolicy: '', fiscalYear: '', needIds: [], activities: [], lines: [emptyLine()],
  };
}

export function formFrom(p: Proposal): FormState {
  return {
    title: p.title,
    problem: p.problem,
    objectives: p.objectives,
    beneficiaries: p.beneficiaries,
    beneficiariesCount: p.beneficiaries_count ? String(p.beneficiaries_count) : '',
    startsOn: p.starts_on ?? '',
    endsOn: p.ends_on ?? '',
    strategyCode: p.strategy?.code ?? '',
    districtPolicy: p.district_policy,
    fiscalYear: p.fiscal_year ? String(p.fiscal_year) : '',
    needIds: p.needs.map((n) => n.id),
    activities: p.activities.map((a) => ({ title: a.title, startsOn: a.starts_on ?? '', endsOn: a.ends_on ?? '' })),
    lines: p.budget_lines.length > 0
      ? p.budget_lines.map((l) => ({ description: l.description, quantity: quantityToInput(l.quantity), unit: l.unit, unitCost: satangToInput(l.unit_cost_satang) }))
      : [emptyLine()],
  };
}

const blankLine = (l: LineInput) => !l.description.trim() && !l.quantity.trim() && !l.unit.trim() && !l.unitCost.trim();
const blankActivity = (a: ActivityInput) => !a.title.trim() && !a.startsOn && !a.endsOn;

/**
 * The API body. Rows left completely empty are not sent (the form keeps one empty row
 * ready); the server computes each amount and the total, and checks them.
 */
export function bodyOf(f: FormState): Record<string, unknown> {
  const count = f.beneficiariesCount.trim();
  return {
    title: f.title,
    problem: f.problem,
    objectives: f.objectives,
    beneficiaries: f.beneficiaries,
    beneficiaries_count: count === '' ? 0 : Number(count),
    starts_on: f.startsOn || null,
    ends_on: f.endsOn || null,
    strategy_code: f.strategyCode || null,
    district_policy: f.districtPolicy,
    fiscal_year: f.fiscalYear || null,
    need_ids: f.needIds,
    activities: f.activities.filter((a) => !blankActivity(a)).map((a) => ({ title: a.title, starts_on: a.startsOn || null, ends_on: a.endsOn || null })),
    budget_lines: f.lines.filter((l) => !blankLine(l)).map((l) => ({ description: l.description, quantity: l.quantity, unit: l.unit, unit_cost_baht: l.unitCost })),
  };
}

/**
 * Field problems keyed by the path the server names ("title", "budget_lines.0.quantity").
 * Row numbers refer to the rows sent, so they are mapped back to the rows on screen.
 */
export function problemsOf(error: ApiError | null, f: FormState): Record<string, string> {
  const out: Record<string, string> = {};
  const sentLines = f.lines.map((l, i) => (blankLine(l) ? -1 : i)).filter((i) => i >= 0);
  const sentActivities = f.activities.map((a, i) => (blankActivity(a) ? -1 : i)).filter((i) => i >= 0);
  for (const fe of error?.problem?.errors ?? []) {
    let key = fe.field.replace(/^\/?body[./]/, '').replace(/^\//, '').replace(/\//g, '.');
    key = key.replace(/^budget_lines\.(\d+)/, (_, n: string) => `budget_lines.${sentLines[Number(n)] ?? n}`);
    key = key.replace(/^activities\.(\d+)/, (_, n: string) => `activities.${sentActivities[Number(n)] ?? n}`);
    if (!out[key]) out[key] = fe.message;
  }
  return out;
}

/**
 * The years the server takes for a proposal's dates (ten either side of this one), as
 * min/max of the date inputs: the picker then stops at them, so a Buddhist Era year
 * typed as is (2570) is flagged before it is sent.
 */
export function dateBounds(): { min: string; max: string } {
  const year = Number(bangkokToday().slice(0, 4));
  return { min: `${year - 10}-01-01`, max: `${year + 10}-12-31` };
}
