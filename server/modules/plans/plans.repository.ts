/** All SQL of the plans module, and nothing but SQL. */
import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';

export type PlanScope = 'all' | { agencyId: string } | 'none';

const PLAN_COLUMNS = [
  'p.id', 'p.public_id', 'p.agency_id', 'p.fiscal_year', 'p.ceiling_satang', 'p.ceiling_policy', 'p.status', 'p.is_demo',
  'p.created_at', 'p.updated_at', 'p.published_at',
  'a.code as agency_code', 'a.kind as agency_kind', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en', 'a.district_code as agency_district_code',
] as const;

const ITEM_COLUMNS = [
  'i.id', 'i.public_id', 'i.plan_id', 'i.position', 'i.title', 'i.description', 'i.responsible_unit', 'i.source', 'i.source_proposal_id',
  'i.community_id', 'i.strategy_code', 'i.budget_requested_satang', 'i.budget_approved_satang', 'i.budget_disbursed_satang', 'i.indicators',
  'i.status', 'i.cancel_reason', 'i.progress_percent', 'i.starts_on', 'i.ends_on', 'i.created_at', 'i.updated_at', 'i.completed_at',
  'pr.public_id as proposal_public_id', 'c.code as community_code', 'c.name_th as community_name_th', 'c.name_en as community_name_en',
] as const;

/**
 * Published plans for everyone; drafts only inside the reader's scope. Typed loosely
 * because it is used on several joins that all name the plan `p`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBuilder = ExpressionBuilder<any, any>;
function visible(scope: PlanScope) {
  return (eb: AnyBuilder) => {
    if (scope === 'all') return eb.val(true);
    if (scope === 'none') return eb('p.status', '=', 'published');
    return eb.or([eb('p.status', '=', 'published'), eb('p.agency_id', '=', scope.agencyId)]);
  };
}

function plans(db: Executor) {
  return db.selectFrom('action_plans as p').innerJoin('agencies as a', 'a.id', 'p.agency_id').select(PLAN_COLUMNS);
}

function items(db: Executor) {
  return db
    .selectFrom('plan_items as i')
    .leftJoin('proposals as pr', 'pr.id', 'i.source_proposal_id')
    .leftJoin('communities as c', 'c.id', 'i.community_id')
    .select(ITEM_COLUMNS);
}

export type PlanRow = Awaited<ReturnType<ReturnType<typeof plans>['executeTakeFirstOrThrow']>>;
export type ItemRow = Awaited<ReturnType<ReturnType<typeof items>['executeTakeFirstOrThrow']>>;

export interface NewItem {
  public_id: string;
  plan_id: string;
  position: number;
  title: string;
  description: string;
  responsible_unit: string;
  source: 'proposal' | 'agency';
  source_proposal_id: string | null;
  community_id: string | null;
  strategy_code: string | null;
  budget_requested_satang: string;
  indicators: string;
  starts_on: string | null;
  ends_on: string | null;
}

export interface PlanFilters {
  fiscalYear?: number;
  agencyId?: string;
  districtCode?: number;
}

export const plansRepository = {
  async findPlan(db: Executor, publicId: string): Promise<PlanRow | undefined> {
    return plans(db).where('p.public_id', '=', publicId).executeTakeFirst();
  },

  /** The plan, locked until the end of the transaction: item positions and ceiling checks are serialised per plan. */
  async lockPlan(trx: Tx, publicId: string): Promise<PlanRow | undefined> {
    return plans(trx).where('p.public_id', '=', publicId).forUpdate('p').executeTakeFirst();
  },

  async planOf(db: Executor, agencyId: string, fiscalYear: number) {
    return db.selectFrom('action_plans').select(['id', 'public_id', 'is_demo']).where('agency_id', '=', agencyId).where('fiscal_year', '=', fiscalYear).executeTakeFirst();
  },

  async listPlans(db: Executor, filters: PlanFilters, scope: PlanScope, page: number, pageSize: number) {
    let q = db.selectFrom('action_plans as p').innerJoin('agencies as a', 'a.id', 'p.agency_id').where(visible(scope));
    if (filters.fiscalYear !== undefined) q = q.where('p.fiscal_year', '=', filters.fiscalYear);
    if (filters.agencyId !== undefined) q = q.where('p.agency_id', '=', filters.agencyId);
    if (filters.districtCode !== undefined) {
      const code = filters.districtCode;
      // The district office's plans, and department plans with items in the district's communities.
      q = q.where((eb) => eb.or([
        eb.and([eb('a.kind', '=', 'district_office'), eb('a.district_code', '=', code)]),
        eb.exists(eb.selectFrom('plan_items as di').innerJoin('communities as dc', 'dc.id', 'di.community_id')
          .select(sql`1`.as('one')).whereRef('di.plan_id', '=', 'p.id').where('dc.district_code', '=', code)),
      ]));
    }
    const total = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.select(PLAN_COLUMNS).orderBy('p.fiscal_year', 'desc').orderBy('a.kind', 'desc').orderBy('a.code').limit(pageSize).offset((page - 1) * pageSize).execute();
    return { rows: rows as PlanRow[], total: Number(total.n) };
  },

  async insertPlan(trx: Tx, values: { public_id: string; agency_id: string; fiscal_year: number; created_by: string | null; is_demo?: boolean }) {
    return trx.insertInto('action_plans').values(values).returning(['id']).executeTakeFirstOrThrow();
  },

  async updatePlan(trx: Tx, id: string, patch: { ceiling_satang?: string | null; ceiling_policy?: 'warn' | 'refuse'; status?: 'published'; published_at?: Date }) {
    await trx.updateTable('action_plans').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
  },

  async touchPlan(trx: Tx, id: string) {
    await trx.updateTable('action_plans').set({ updated_at: new Date() }).where('id', '=', id).execute();
  },

  async itemsOfPlans(db: Executor, planIds: string[]): Promise<ItemRow[]> {
    if (planIds.length === 0) return [];
    return items(db).where('i.plan_id', 'in', planIds).orderBy('i.plan_id').orderBy('i.position').execute();
  },

  async findItem(db: Executor, planId: string, itemPublicId: string): Promise<ItemRow | undefined> {
    return items(db).where('i.plan_id', '=', planId).where('i.public_id', '=', itemPublicId).executeTakeFirst();
  },

  async lockItem(trx: Tx, planId: string, itemPublicId: string): Promise<ItemRow | undefined> {
    return items(trx).where('i.plan_id', '=', planId).where('i.public_id', '=', itemPublicId).forUpdate('i').executeTakeFirst();
  },

  async nextItemPosition(trx: Tx, planId: string): Promise<number> {
    const row = await trx.selectFrom('plan_items').select((eb) => eb.fn.max('position').as('max')).where('plan_id', '=', planId).executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  },

  async insertItem(trx: Tx, values: NewItem) {
    return trx.insertInto('plan_items').values(values).returning(['id']).executeTakeFirstOrThrow();
  },

  async updateItem(trx: Tx, id: string, patch: Record<string, unknown>) {
    await trx.updateTable('plan_items').set({ ...patch, updated_at: new Date() } as never).where('id', '=', id).execute();
  },

  /** Approved money of the plan's live items, leaving one item out (the one being changed). */
  async approvedTotal(trx: Tx, planId: string, exceptItemId: string | null): Promise<bigint> {
    let q = trx.selectFrom('plan_items').select(sql<string>`coalesce(sum(budget_approved_satang), 0)::text`.as('total')).where('plan_id', '=', planId).where('status', '<>', 'cancelled');
    if (exceptItemId) q = q.where('id', '<>', exceptItemId);
    return BigInt((await q.executeTakeFirstOrThrow()).total);
  },

  async milestonesOf(db: Executor, itemIds: string[]) {
    if (itemIds.length === 0) return [];
    return db.selectFrom('plan_milestones').selectAll().where('item_id', 'in', itemIds).orderBy('item_id').orderBy('position').execute();
  },

  async lockMilestones(trx: Tx, itemId: string) {
    return trx.selectFrom('plan_milestones').selectAll().where('item_id', '=', itemId).orderBy('position').forUpdate().execute();
  },

  async insertMilestone(trx: Tx, values: { item_id: string; position: number; title: string; weight: number; due_quarter: number | null }) {
    return trx.insertInto('plan_milestones').values({ ...values, percent: 0 }).returning(['id']).executeTakeFirstOrThrow();
  },

  async updateMilestone(trx: Tx, id: string, patch: { title?: string; weight?: number; due_quarter?: number | null; percent?: number }) {
    await trx.updateTable('plan_milestones').set(patch).where('id', '=', id).execute();
  },

  async progressOf(db: Executor, itemIds: string[]) {
    if (itemIds.length === 0) return [];
    return db.selectFrom('plan_progress_reports').selectAll().where('item_id', 'in', itemIds).orderBy('item_id').orderBy('id', 'desc').execute();
  },

  /** The latest fiscal quarter reported on the item, or null before its first report. */
  async latestReportedQuarter(db: Executor, itemId: string): Promise<number | null> {
    const row = await db.selectFrom('plan_progress_reports').select((eb) => eb.fn.max('quarter').as('q')).where('item_id', '=', itemId).executeTakeFirst();
    return row?.q ?? null;
  },

  async insertProgress(trx: Tx, values: {
    item_id: string; milestone_id: string | null; quarter: number; percent: number; previous_percent: number; item_percent: number;
    disbursed_satang: string | null; note: string; reported_by: string | null;
    /** Demo data dates its reports inside their quarter; live reports take now(). */
    created_at?: Date;
  }) {
    return trx.insertInto('plan_progress_reports').values(values).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  },

  async linkProposal(trx: Tx, proposalId: string, itemId: string) {
    await trx.insertInto('resource_links')
      .values({ from_type: 'proposal', from_id: proposalId, to_type: 'plan_item', to_id: itemId, relation: 'planned_as' })
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  /** Items of the district office's plans for the year, and department items in the district's communities. */
  async districtItems(db: Executor, districtCode: number, fiscalYear: number, scope: PlanScope) {
    const base = () => db.selectFrom('plan_items as i').innerJoin('action_plans as p', 'p.id', 'i.plan_id').innerJoin('agencies as a', 'a.id', 'p.agency_id')
      .select(['i.status', 'i.budget_requested_satang', 'i.budget_approved_satang', 'i.budget_disbursed_satang', 'i.progress_percent', 'p.public_id as plan_public_id', 'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en', 'a.kind as agency_kind'])
      .where('p.fiscal_year', '=', fiscalYear).where(visible(scope));
    const office = await base().where('a.kind', '=', 'district_office').where('a.district_code', '=', districtCode).execute();
    const departments = await base().innerJoin('communities as c', 'c.id', 'i.community_id').where('a.kind', '<>', 'district_office').where('c.district_code', '=', districtCode).execute();
    return { office, departments };
  },

  async district(db: Executor, code: number) {
    return db.selectFrom('districts').select(['code', 'name_th', 'name_en']).where('code', '=', code).executeTakeFirst();
  },
};

