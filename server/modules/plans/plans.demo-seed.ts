/**
 * Demo annual action plans (is_demo on the plan; its items, milestones and reports are
 * demo with it): FY 2569 and FY 2570 plans for a few district offices and for every
 * district office that has accepted demo proposals, with the agency's own items, items
 * placed from those proposals (linked proposal → plan_item), approved budgets under a
 * ceiling, weighted milestones and quarterly progress as far as the calendar has got.
 *
 * Runs after the proposals demo seed. Idempotent: a demo plan that exists only takes
 * accepted demo proposals placed since; a real plan of the same agency and year is
 * never touched. One transaction and one audit entry per plan.
 */
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { placeableProposals, type ProposalForPlanning } from '../proposals/proposals.planning.ts';
import { AGENCY_ITEMS, demoBudget, MILESTONES, PROGRESS_NOTES, seededRng } from './plans.demo-templates.ts';
import { plansRepository as repo } from './plans.repository.ts';
import { itemProgressFromMilestones } from './plans.rollup.ts';
import { resolveNeedsOfDelivered } from './plans.delivery.ts';
import { fiscalYearDates, reportableQuarters } from './plans.rules.ts';
import { newItemId } from './plans.items.service.ts';
import { newPlanId } from './plans.service.ts';

const ACTOR = SYSTEM_ACTOR('demo-seed');
export const DEMO_PLAN_YEARS = [2569, 2570] as const;
/** District offices that always get demo plans (Phra Nakhon, Bang Rak, Pathum Wan). */
export const DEMO_PLAN_DISTRICTS = [1001, 1004, 1007] as const;

export interface DemoPlansOptions {
  /** Only these districts (tests); by default the three above and every district with accepted demo proposals. */
  districts?: number[];
  now?: Date;
}

type Rng = () => number;

/** How far the calendar has got into a fiscal year: 4 for a past year, 0 for a future one. */
export function quartersReached(fiscalYear: number, now: Date): number {
  return reportableQuarters(fiscalYear, now).length;
}

/** Noon on the last day of a fiscal quarter, Bangkok time; never later than now. */
function quarterEnd(fiscalYear: number, quarter: number, now: Date): Date {
  const endsIn = fiscalYear - 543;
  const [year, month, day] = [[endsIn - 1, 11, 31], [endsIn, 2, 31], [endsIn, 5, 30], [endsIn, 8, 30]][quarter - 1]!;
  const at = new Date(Date.UTC(year!, month!, day!, 5));
  return at > now ? now : at;
}

interface Scenario { approved: boolean; percents: number[] }

/** What became of an item: approved or not, and each milestone's percent, given the quarters reached. */
function scenario(rng: Rng, reached: number, index: number, placeholderLast: boolean): Scenario {
  if (placeholderLast) return { approved: false, percents: [0, 0, 0, 0] };
  const percents = MILESTONES.map((m) => {
    if (m.quarter < reached) return 100;
    if (m.quarter === reached) return reached === 4 && index % 3 !== 2 ? 100 : Math.round((30 + rng() * 60) / 5) * 5;
    return 0;
  });
  return { approved: true, percents };
}

async function fillItem(trx: Tx, itemId: string, fiscalYear: number, requested: bigint, s: Scenario, rng: Rng, now: Date): Promise<'completed' | 'in_progress' | 'funded' | 'planned'> {
  const approved = s.approved ? (requested * BigInt(85 + Math.floor(rng() * 16))) / 100n / 100_000n * 100_000n : null;
  const done: Array<{ weight: number; percent: number }> = [];
  let itemPercent = 0;
  let lastReport: Date | null = null;
  for (const [i, m] of MILESTONES.entries()) {
    const milestone = await repo.insertMilestone(trx, { item_id: itemId, position: i + 1, title: m.title, weight: m.weight, due_quarter: m.quarter });
    const percent = s.percents[i]!;
    done.push({ weight: m.weight, percent });
    if (percent === 0) continue;
    await repo.updateMilestone(trx, milestone.id, { percent });
    itemPercent = itemProgressFromMilestones([...done, ...MILESTONES.slice(i + 1).map((x) => ({ weight: x.weight, percent: 0 }))]) ?? 0;
    lastReport = quarterEnd(fiscalYear, m.quarter, now);
    const disbursed = approved === null ? null : (approved * BigInt(Math.round(itemPercent * 100))) / 10_000n;
    await repo.insertProgress(trx, {
      item_id: itemId, milestone_id: milestone.id, quarter: m.quarter, percent, previous_percent: 0, item_percent: itemPercent,
      disbursed_satang: disbursed?.toString() ?? null, note: PROGRESS_NOTES[Math.floor(rng() * PROGRESS_NOTES.length)]!, reported_by: null, created_at: lastReport,
    });
  }
  const status = itemPercent >= 100 ? 'completed' : itemPercent > 0 ? 'in_progress' : approved !== null ? 'funded' : 'planned';
  await repo.updateItem(trx, itemId, {
    budget_approved_satang: approved?.toString() ?? null,
    budget_disbursed_satang: approved === null ? '0' : ((approved * BigInt(Math.round(itemPercent * 100))) / 10_000n).toString(),
    progress_percent: itemPercent,
    status,
    completed_at: status === 'completed' ? lastReport : null,
  });
  return status;
}

async function addAgencyItems(trx: Tx, planId: string, fiscalYear: number, rng: Rng, reached: number, now: Date): Promise<{ count: number; requested: bigint }> {
  const count = 4 + Math.floor(rng() * 3);
  const start = Math.floor(rng() * AGENCY_ITEMS.length);
  const dates = fiscalYearDates(fiscalYear);
  let requested = 0n;
  for (let i = 0; i < count; i++) {
    const template = AGENCY_ITEMS[(start + i) % AGENCY_ITEMS.length]!;
    const budget = demoBudget(rng, template.budget);
    requested += budget;
    const inserted = await repo.insertItem(trx, {
      public_id: newItemId(), plan_id: planId, position: i + 1, title: template.title, description: `${template.title} ประจำปีงบประมาณ ${fiscalYear}`,
      responsible_unit: template.unit, source: 'agency', source_proposal_id: null, community_id: null, strategy_code: template.strategy,
      budget_requested_satang: budget.toString(), indicators: JSON.stringify([template.indicator]), starts_on: dates.startsOn, ends_on: dates.endsOn,
    });
    // In the current year one item still waits for its budget, as real plans do.
    await fillItem(trx, inserted.id, fiscalYear, budget, scenario(rng, reached, i, reached < 4 && i === count - 1), rng, now);
  }
  return { count, requested };
}

async function placeProposals(trx: Tx, planId: string, fiscalYear: number, proposals: ProposalForPlanning[], rng: Rng, reached: number, now: Date): Promise<number> {
  let position = await repo.nextItemPosition(trx, planId);
  for (const [i, p] of proposals.entries()) {
    const inserted = await repo.insertItem(trx, {
      public_id: newItemId(), plan_id: planId, position: position++, title: p.title, description: p.objectives || p.problem,
      responsible_unit: 'ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม', source: 'proposal', source_proposal_id: p.id, community_id: p.communityId,
      strategy_code: p.strategyCode, budget_requested_satang: p.totalSatang.toString(), indicators: '[]', starts_on: p.startsOn, ends_on: p.endsOn,
    });
    await repo.linkProposal(trx, p.id, inserted.id);
    const status = await fillItem(trx, inserted.id, fiscalYear, p.totalSatang, scenario(rng, reached, i, false), rng, now);
    // A delivered demo project has met its community's needs, as a real one does.
    if (status === 'completed') await resolveNeedsOfDelivered(trx, { source_proposal_id: p.id }, ACTOR);
  }
  return proposals.length;
}

async function demoDistricts(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('proposals').select('district_code').distinct().where('is_demo', '=', true).where('state', '=', 'accepted').execute();
  return [...new Set([...DEMO_PLAN_DISTRICTS, ...rows.map((r) => r.district_code)])].sort();
}

export async function seedDemoPlans(db: Db, opts: DemoPlansOptions = {}): Promise<{ plans: number; items: number }> {
  const now = opts.now ?? new Date();
  const districts = opts.districts ?? (await demoDistricts(db));
  const summary = { plans: 0, items: 0 };
  for (const districtCode of districts) {
    const office = await db.selectFrom('agencies').select(['id', 'code']).where('kind', '=', 'district_office').where('district_code', '=', districtCode).executeTakeFirst();
    if (!office) continue;
    for (const fiscalYear of DEMO_PLAN_YEARS) {
      const existing = await repo.planOf(db, office.id, fiscalYear);
      if (existing && !existing.is_demo) continue; // a real plan is never touched
      const rng = seededRng(districtCode * 10_000 + fiscalYear + (existing ? 7 : 0));
      const reached = quartersReached(fiscalYear, now);
      await db.transaction().execute(async (trx) => {
        const planPublicId = existing?.public_id ?? newPlanId(fiscalYear);
        const planId = existing?.id ?? (await repo.insertPlan(trx, { public_id: planPublicId, agency_id: office.id, fiscal_year: fiscalYear, created_by: null, is_demo: true })).id;
        await repo.lockPlan(trx, planPublicId);
        const agency = existing ? { count: 0, requested: 0n } : await addAgencyItems(trx, planId, fiscalYear, rng, reached, now);
        // An earlier year's plan takes only proposals meant for that year; the current one the rest.
        const proposals = (await placeableProposals(trx, office.id, fiscalYear)).filter((p) => p.isDemo && (fiscalYear === 2570 || p.fiscalYear === fiscalYear));
        const placed = await placeProposals(trx, planId, fiscalYear, proposals, rng, reached, now);
        if (!existing) {
          const requested = agency.requested + proposals.reduce((s, p) => s + p.totalSatang, 0n);
          // A ceiling a little above what was asked, rounded to a million baht.
          const ceiling = ((requested * 105n) / 100n / 100_000_000n + 1n) * 100_000_000n;
          await repo.updatePlan(trx, planId, { ceiling_satang: ceiling.toString(), status: 'published', published_at: now });
          summary.plans += 1;
        }
        summary.items += agency.count + placed;
        if (!existing || placed > 0) {
          await recordAudit(trx, ACTOR, {
            action: existing ? 'plan.demo_seed_more' : 'plan.demo_seed', entityType: 'action_plan', entityId: planPublicId,
            after: { agency: office.code, fiscal_year: fiscalYear, agency_items: agency.count, proposal_items: placed, is_demo: true },
          });
        }
      });
    }
  }
  return summary;
}
