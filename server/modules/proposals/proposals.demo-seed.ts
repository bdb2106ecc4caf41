/**
 * Demo proposals for demo communities (communities.is_demo, made by the communities
 * demo seed, which runs first): in every district, the first two demo communities get
 * two proposals each, in states that together cover the whole workflow — drafts,
 * submitted, in review, sent back, accepted (some after a revision, for this fiscal year
 * and last), not accepted with a reason, merged, withdrawn — each with budget lines that
 * add up, the steps with plausible dates, and is_demo = true.
 *
 * Idempotent: communities that already have demo proposals get none, so a second run adds
 * nothing. One transaction per district, one audit entry per proposal.
 */
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { fiscalYearOf } from '../../platform/time/fiscal-year.ts';
import { seededRng } from '../communities/communities.demo-names.ts';
import { lineAmount, quantityText, type BudgetLine } from './proposals.budget.ts';
import { COMMITTEE_LABEL, SYSTEM_LABEL } from './proposals.caller.ts';
import { COST_CHECKS, DEMO_PROJECTS, FEASIBILITY, NOT_ACCEPTED_REASONS, REVISION_NOTES, type DemoProject } from './proposals.demo-templates.ts';
import { demoSeedRepository as seedRepo } from './proposals.demo-seed.repository.ts';
import { between, planStory, type Rng, type Story } from './proposals.demo-story.ts';
import { markNeedsInProposal } from './proposals.needs-link.ts';
import { proposalsRepository as repo } from './proposals.repository.ts';
import { MERGE_TARGET_STATES } from './proposals.states.ts';
import type { ProposalState } from './proposals.tables.ts';
import { publicId as randomId } from '../../platform/auth/tokens.ts';

const ACTOR = SYSTEM_ACTOR('demo-seed');
const COMMUNITIES_PER_DISTRICT = 2;
const PROPOSALS_PER_COMMUNITY = 2;

/** The order states are handed out in; each district starts further along, so every state appears. */
const SCENARIOS: readonly ProposalState[] = [
  'accepted', 'under_review', 'submitted', 'revision_requested', 'accepted', 'not_accepted', 'merged', 'draft', 'withdrawn', 'accepted',
];

export interface DemoProposalsOptions {
  now?: Date;
  /** Only these districts (tests); every district with demo communities when left out. */
  districts?: number[];
}

type Office = NonNullable<Awaited<ReturnType<typeof seedRepo.office>>>;
interface Made { id: string; publicId: string; title: string; state: ProposalState; submittedAt: Date | null }

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

function budgetOf(project: DemoProject, rng: Rng): { lines: BudgetLine[]; total: bigint } {
  const lines = project.lines.map((l, i) => {
    const quantity = BigInt(between(rng, l.quantity[0], l.quantity[1])) * 100n;
    // Whole baht, now and then with fifty satang, as price lists have them.
    const unitCost = BigInt(between(rng, l.unitCost[0], l.unitCost[1])) * 100n + (rng() < 0.2 ? 50n : 0n);
    return { position: i + 1, description: l.description, quantity: quantityText(quantity), unit: l.unit, unitCostSatang: unitCost, amountSatang: lineAmount(quantity, unitCost) };
  });
  return { lines, total: lines.reduce((s, l) => s + l.amountSatang, 0n) };
}

function fiscalYearFor(state: ProposalState, current: number, n: number): number {
  if (state === 'accepted') return n % 2 === 0 ? current : current - 1;
  if (state === 'not_accepted') return current;
  return current + 1;
}

async function makeProposal(trx: Tx, args: {
  community: { id: string; code: string; district_code: number; households: number };
  state: ProposalState; n: number; rng: Rng; now: Date; office: Office; target: Made | null;
}): Promise<Made> {
  const { community, state, rng, office, target } = args;
  const needs = await seedRepo.openNeeds(trx, community.id);
  const need = ['not_accepted', 'withdrawn'].includes(state) ? undefined : needs[0];
  const project = (need && DEMO_PROJECTS.find((p) => p.match.test(need.title))) ?? DEMO_PROJECTS[(args.n + community.district_code) % DEMO_PROJECTS.length]!;
  const fiscalYear = fiscalYearFor(state, fiscalYearOf(args.now), args.n);
  const story: Story = planStory(state, rng, { now: args.now, fiscalYear, withRevision: state === 'accepted' && args.n % 3 === 0, lastNotBefore: target?.submittedAt ?? undefined });
  const budget = budgetOf(project, rng);
  const planner = office.planner?.display_name ?? office.nameTh;
  const evaluator = office.evaluator?.display_name ?? office.nameTh;
  const reason = pick(rng, NOT_ACCEPTED_REASONS);
  const fyStartYear = fiscalYear - 543 - 1;
  const publicId = `PRJ-${String((story.createdAt.getUTCFullYear() + 543) % 100).padStart(2, '0')}-${randomId(6)}`;

  const id = await repo.insert(trx, {
    public_id: publicId,
    community_id: community.id,
    district_code: community.district_code,
    title: project.title,
    problem: need?.description ?? project.problem,
    objectives: project.objectives,
    activities: JSON.stringify(project.activities.map((title, i) => ({ title, starts_on: `${fyStartYear}-${String(11 + i).padStart(2, '0')}-01`, ends_on: `${fyStartYear}-${String(11 + i).padStart(2, '0')}-28` }))),
    beneficiaries: project.beneficiaries,
    beneficiaries_count: Math.round(community.households * (1.5 + rng() * 1.5)),
    starts_on: `${fyStartYear}-11-01`,
    ends_on: `${fyStartYear + 1}-06-30`,
    strategy_code: project.strategy,
    district_policy: '',
    fiscal_year: fiscalYear,
    total_satang: budget.total.toString(),
    state,
    evaluator_user_id: story.steps.some((s) => s.to === 'under_review') ? office.evaluator?.id ?? null : null,
    review_feasibility: state === 'accepted' ? pick(rng, FEASIBILITY) : null,
    review_cost_check: state === 'accepted' ? pick(rng, COST_CHECKS) : null,
    carrying_agency_id: state === 'accepted' ? office.id : null,
    decision_reason: state === 'not_accepted' ? reason : null,
    merged_into_id: state === 'merged' ? target!.id : null,
    revision: story.revision,
    is_demo: true,
    created_by: null,
    created_at: story.createdAt,
    updated_at: story.steps.at(-1)!.at,
    submitted_at: story.submittedAt,
    decided_at: story.decidedAt,
  });
  await repo.replaceBudgetLines(trx, id, budget.lines);
  for (const s of story.steps) {
    const note = {
      none: '', evaluator: `ผู้ประเมิน: ${evaluator}`, revision: pick(rng, REVISION_NOTES), resubmitted: 'ฉบับแก้ไขครั้งที่ 1',
      returned: `ส่งกลับให้ ${evaluator} พิจารณาฉบับแก้ไข`, accepted: `หน่วยงานที่จะดำเนินการ: ${office.nameTh}`, reason,
      merged: target ? `รวมเข้ากับโครงการ ${target.publicId} "${target.title}"` : '', withdrawn: 'ชุมชนได้รับการสนับสนุนจากแหล่งอื่นแล้ว',
    }[s.note];
    const label = { committee: COMMITTEE_LABEL, planner, evaluator, system: SYSTEM_LABEL }[s.who];
    const actorUserId = s.who === 'planner' ? office.planner?.id ?? null : s.who === 'evaluator' ? office.evaluator?.id ?? null : null;
    await repo.insertEvent(trx, { proposalId: id, from: s.from, to: s.to, actorUserId, actorLabel: label, note, at: s.at });
  }
  if (need) {
    await repo.linkNeeds(trx, [need.id], id);
    if (target) await repo.linkNeeds(trx, [need.id], target.id);
    await markNeedsInProposal(trx, [need.id], ACTOR);
  }
  if (target) {
    await repo.insertEvent(trx, {
      proposalId: target.id, from: target.state, to: target.state, actorUserId: office.planner?.id ?? null, actorLabel: planner,
      note: `รวมโครงการ ${publicId} "${project.title}" เข้ามาในโครงการนี้`, at: story.steps.at(-1)!.at,
    });
  }
  await recordAudit(trx, ACTOR, {
    action: 'proposal.demo_seed', entityType: 'proposal', entityId: publicId,
    after: { community: community.code, state, fiscal_year: fiscalYear, total_satang: budget.total.toString(), is_demo: true },
  });
  return { id, publicId, title: project.title, state, submittedAt: story.submittedAt };
}

export async function seedDemoProposals(db: Db, opts: DemoProposalsOptions = {}): Promise<{ proposals: number; byState: Record<string, number> }> {
  const now = opts.now ?? new Date();
  const waiting = await seedRepo.communitiesWithoutProposals(db, opts.districts);
  const seeded = await seedRepo.seededPerDistrict(db);
  const byDistrict = new Map<number, typeof waiting>();
  for (const c of waiting) {
    const list = byDistrict.get(c.district_code) ?? [];
    if (list.length + (seeded.get(c.district_code) ?? 0) < COMMUNITIES_PER_DISTRICT) list.push(c);
    byDistrict.set(c.district_code, list);
  }
  for (const [districtCode, communities] of byDistrict) {
    if (communities.length === 0) continue;
    const office = await seedRepo.office(db, districtCode);
    if (!office) continue;
    await db.transaction().execute(async (trx) => {
      const rng = seededRng(districtCode * 104_729);
      const made: Made[] = [];
      let n = (districtCode % SCENARIOS.length) + (seeded.get(districtCode) ?? 0) * PROPOSALS_PER_COMMUNITY;
      let mergeNext = false;
      for (const community of communities) {
        for (let i = 0; i < PROPOSALS_PER_COMMUNITY; i++, n++) {
          let state: ProposalState = mergeNext ? 'merged' : SCENARIOS[n % SCENARIOS.length]!;
          const target: Made | null = state === 'merged' ? made.find((m) => MERGE_TARGET_STATES.includes(m.state)) ?? null : null;
          // A merge needs a proposal to merge into: make one first, merge the next.
          mergeNext = state === 'merged' && !target;
          if (mergeNext) state = 'under_review';
          made.push(await makeProposal(trx, { community, state, n, rng, now, office, target }));
        }
      }
    });
  }
  const byState = await seedRepo.demoByState(db);
  return { proposals: Object.values(byState).reduce((a, b) => a + b, 0), byState };
}
