/**
 * Annual action plans: starting one, setting its ceiling, publishing, reading, the
 * district roll-up and the proposals a planner may place. Items, milestones and progress
 * live in plans.items.service.ts.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { fiscalYearLabel } from '../../platform/time/fiscal-year.ts';
import { placeableProposals } from '../proposals/proposals.planning.ts';
import type { ModuleDeps } from '../civic-deps.ts';
import { notFoundPlan } from './plans.access.ts';
import { authorize, can, draftScope } from './plans.policy.ts';
import { ceilingWarnings, presentCandidate } from './plans.presenter.ts';
import { plansRepository as repo, type PlanRow } from './plans.repository.ts';
import { districtRollup, rollUp, type Rollup } from './plans.rollup.ts';
import { requireBaht, requireFiscalYear } from './plans.rules.ts';
import { exportTable } from './plans.export.ts';
import { forRollup, loadContents, planDetail, summarise } from './plans.view.ts';

export interface PlanPatch {
  ceiling_baht?: unknown;
  ceiling_policy?: 'warn' | 'refuse';
  status?: 'published';
}

/** 'PLN-70-7Q4XKM': the two last digits of the BE fiscal year, then six random characters. */
export function newPlanId(fiscalYear: number): string {
  return `PLN-${String(fiscalYear).slice(-2)}-${publicId(6)}`;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

export function createPlansService(deps: ModuleDeps) {
  const { db, organization } = deps;

  /** A plan the caller may see (drafts: the agency's staff and admins only); 404 otherwise. */
  async function visiblePlan(publicIdValue: string, user: AuthUser | null): Promise<PlanRow> {
    const plan = await repo.findPlan(db, publicIdValue);
    if (!plan) throw notFoundPlan();
    if (plan.status !== 'published' && !can(user, 'view_draft', { agencyId: plan.agency_id })) throw notFoundPlan();
    return plan;
  }

  async function create(user: AuthUser | null, actor: Actor, input: { agency_code: string; fiscal_year: unknown }) {
    if (!user) throw fail.unauthorized();
    const agency = await organization.agencyByCode(input.agency_code);
    authorize(user, 'create', { agencyId: agency.id });
    const fiscalYear = requireFiscalYear(input.fiscal_year);
    if (agency.kind === 'external') {
      throw fail.unprocessable('agency_without_plan', 'หน่วยงานภายนอกไม่มีแผนปฏิบัติราชการของกรุงเทพมหานคร', 'External agencies have no BMA action plan', [
        { field: 'agency_code', text: { th: 'ต้องเป็นสำนักงานเขตหรือสำนัก', en: 'must be a district office or a department' } },
      ]);
    }
    const existing = await repo.planOf(db, agency.id, fiscalYear);
    if (existing) throw duplicatePlan(existing.public_id, fiscalYear);
    const id = newPlanId(fiscalYear);
    try {
      await db.transaction().execute(async (trx) => {
        await repo.insertPlan(trx, { public_id: id, agency_id: agency.id, fiscal_year: fiscalYear, created_by: user.id });
        await recordAudit(trx, actor, { action: 'plan.create', entityType: 'action_plan', entityId: id, after: { agency: agency.code, fiscal_year: fiscalYear, status: 'draft' } });
      });
    } catch (error) {
      // Two planners starting the same plan at once: the second learns of the first.
      if (isUniqueViolation(error)) {
        const winner = await repo.planOf(db, agency.id, fiscalYear);
        throw duplicatePlan(winner?.public_id ?? '', fiscalYear);
      }
      throw error;
    }
    return planDetail(db, (await repo.findPlan(db, id))!, user);
  }

  function duplicatePlan(existingId: string, fiscalYear: number) {
    return fail.conflict('plan_exists', `หน่วยงานนี้มีแผนปฏิบัติราชการปีงบประมาณ ${fiscalYear} อยู่แล้ว (${existingId})`, `This agency already has its FY ${fiscalYear} plan (${existingId})`);
  }

  async function update(user: AuthUser | null, actor: Actor, planId: string, patch: PlanPatch) {
    if (!user) throw fail.unauthorized();
    const warnings = await db.transaction().execute(async (trx) => {
      const plan = await repo.lockPlan(trx, planId);
      if (!plan) throw notFoundPlan();
      const facts = { agencyId: plan.agency_id };
      const touchesCeiling = patch.ceiling_baht !== undefined || patch.ceiling_policy !== undefined;
      authorize(user, touchesCeiling ? 'set_ceiling' : 'build', facts);
      if (patch.status) authorize(user, 'build', facts);
      const set: Parameters<typeof repo.updatePlan>[2] = {};
      if (patch.ceiling_baht !== undefined) set.ceiling_satang = patch.ceiling_baht === null ? null : requireBaht(patch.ceiling_baht, 'ceiling_baht').toString();
      if (patch.ceiling_policy !== undefined) set.ceiling_policy = patch.ceiling_policy;
      if (patch.status === 'published' && plan.status !== 'published') {
        set.status = 'published';
        set.published_at = new Date();
      }
      const before = { ceiling_satang: plan.ceiling_satang, ceiling_policy: plan.ceiling_policy, status: plan.status };
      const changed = Object.entries(set).some(([k, v]) => k !== 'published_at' && (before as Record<string, unknown>)[k] !== v);
      if (!changed) return [];
      await repo.updatePlan(trx, plan.id, set);
      const after = { ...before, ...set, published_at: undefined };
      await recordAudit(trx, actor, { action: 'plan.update', entityType: 'action_plan', entityId: plan.public_id, before, after });
      // A ceiling set below what is already approved is the budget office's call: saved, and said.
      const ceiling = after.ceiling_satang === null || after.ceiling_satang === undefined ? null : BigInt(after.ceiling_satang);
      const approved = await repo.approvedTotal(trx, plan.id, null);
      return ceilingWarnings(ceiling, 0n, approved);
    });
    const plan = (await repo.findPlan(db, planId))!;
    return { plan: await planDetail(db, plan, user), warnings };
  }

  async function list(user: AuthUser | null, query: { fiscal_year?: number; agency_code?: string; district_code?: number; page?: number; page_size?: number }) {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const agencyId = query.agency_code ? (await organization.agencyByCode(query.agency_code)).id : undefined;
    const { rows, total } = await repo.listPlans(db, { fiscalYear: query.fiscal_year, agencyId, districtCode: query.district_code }, draftScope(user), page, pageSize);
    return { items: await summarise(db, rows), total, page, page_size: pageSize };
  }

  async function detail(user: AuthUser | null, planId: string) {
    return planDetail(db, await visiblePlan(planId, user), user);
  }

  /** Accepted proposals the caller may place in this plan (the planner's picker). */
  async function candidates(user: AuthUser | null, planId: string) {
    const plan = await repo.findPlan(db, planId);
    if (!plan) throw notFoundPlan();
    authorize(user, 'build', { agencyId: plan.agency_id });
    const found = await placeableProposals(db, plan.agency_id, plan.fiscal_year);
    return { items: found.map(presentCandidate) };
  }

  async function districtProgress(user: AuthUser | null, districtCode: number, fiscalYear: number) {
    const district = await repo.district(db, districtCode);
    if (!district) throw fail.notFound('ไม่พบเขตนี้', 'No such district');
    const { office, departments } = await repo.districtItems(db, districtCode, fiscalYear, draftScope(user));
    const rolled = districtRollup(office.map(forRollup), departments.map(forRollup));
    const byPlan = new Map<string, { id: string; agency: { code: string; name_th: string; name_en: string }; rows: typeof office }>();
    for (const row of [...office, ...departments]) {
      const entry = byPlan.get(row.plan_public_id) ?? { id: row.plan_public_id, agency: { code: row.agency_code, name_th: row.agency_name_th, name_en: row.agency_name_en }, rows: [] };
      entry.rows.push(row);
      byPlan.set(row.plan_public_id, entry);
    }
    const part = (r: Rollup) => ({
      progress_percent: r.percent, items: r.items, requested_satang: r.requestedSatang.toString(), approved_satang: r.approvedSatang.toString(),
      disbursed_satang: r.disbursedSatang.toString(), by_status: r.byStatus,
    });
    return {
      district: { code: district.code, name_th: district.name_th, name_en: district.name_en },
      fiscal_year: fiscalYear,
      fy_label_th: fiscalYearLabel(fiscalYear, 'th'),
      fy_label_en: fiscalYearLabel(fiscalYear, 'en'),
      ...part(rolled),
      district_office: part(rolled.districtOffice),
      departments: part(rolled.departments),
      plans: [...byPlan.values()].map((p) => {
        const r = rollUp(p.rows.map(forRollup));
        return { id: p.id, agency: p.agency, progress_percent: r.percent, items: r.items };
      }),
    };
  }

  /** The plan as the official table, for the XLSX and CSV exports (same visibility as the plan). */
  async function exportTableOf(user: AuthUser | null, planId: string) {
    return exportTable(await loadContents(db, await visiblePlan(planId, user)));
  }

  return { visiblePlan, create, update, list, detail, candidates, districtProgress, exportTableOf };
}

export type PlansService = ReturnType<typeof createPlansService>;
