/**
 * The SQL the proposal services write with (and the reads they decide on), and nothing
 * but SQL. Listing and the detail page read through proposals.query.repository.ts.
 */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { BudgetLine } from './proposals.budget.ts';
import type { ProposalsTable, ProposalState } from './proposals.tables.ts';

export const NEED_LINK = { fromType: 'need', toType: 'proposal', relation: 'addresses' } as const;

export const proposalsRepository = {
  async publicIdTaken(db: Executor, publicId: string): Promise<boolean> {
    return !!(await db.selectFrom('proposals').select('id').where('public_id', '=', publicId).executeTakeFirst());
  },

  async insert(db: Executor, values: Insertable<ProposalsTable>): Promise<string> {
    const row = await db.insertInto('proposals').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  /** The proposal row, locked for the rest of the transaction so two steps cannot interleave. */
  lockByPublicId(db: Executor, publicId: string) {
    return db.selectFrom('proposals').selectAll().where('public_id', '=', publicId).forUpdate().executeTakeFirst();
  },

  /**
   * Several proposals locked in one statement, always in id order: two steps that each
   * need the same pair (opposite merges) queue instead of deadlocking.
   */
  lockManyByPublicId(db: Executor, publicIds: readonly string[]) {
    return db.selectFrom('proposals').selectAll().where('public_id', 'in', [...publicIds]).orderBy('id').forUpdate().execute();
  },

  findByPublicId(db: Executor, publicId: string) {
    return db.selectFrom('proposals').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  },

  async update(db: Executor, id: string, values: Updateable<ProposalsTable>): Promise<void> {
    await db.updateTable('proposals').set({ ...values, updated_at: sql<Date>`now()` }).where('id', '=', id).execute();
  },

  budgetLines(db: Executor, proposalId: string) {
    return db.selectFrom('proposal_budget_lines').selectAll().where('proposal_id', '=', proposalId).orderBy('position').execute();
  },

  async replaceBudgetLines(db: Executor, proposalId: string, lines: readonly BudgetLine[]): Promise<void> {
    await db.deleteFrom('proposal_budget_lines').where('proposal_id', '=', proposalId).execute();
    if (lines.length === 0) return;
    await db
      .insertInto('proposal_budget_lines')
      .values(lines.map((l) => ({
        proposal_id: proposalId,
        position: l.position,
        description: l.description,
        quantity: l.quantity,
        unit: l.unit,
        unit_cost_satang: l.unitCostSatang.toString(),
        amount_satang: l.amountSatang.toString(),
      })))
      .execute();
  },

  async insertEvent(db: Executor, event: { proposalId: string; from: ProposalState | null; to: ProposalState; actorUserId: string | null; actorLabel: string; note: string; at?: Date }): Promise<void> {
    await db
      .insertInto('proposal_events')
      .values({
        proposal_id: event.proposalId,
        from_state: event.from,
        to_state: event.to,
        actor_user_id: event.actorUserId,
        actor_label: event.actorLabel,
        note: event.note,
        ...(event.at ? { created_at: event.at } : {}),
      })
      .execute();
  },

  /** Needs this proposal addresses (need -> proposal, 'addresses'). */
  async linkedNeedIds(db: Executor, proposalId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('resource_links')
      .select('from_id')
      .where('from_type', '=', NEED_LINK.fromType)
      .where('to_type', '=', NEED_LINK.toType)
      .where('relation', '=', NEED_LINK.relation)
      .where('to_id', '=', proposalId)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.from_id);
  },

  async linkNeeds(db: Executor, needIds: readonly string[], proposalId: string): Promise<void> {
    if (needIds.length === 0) return;
    await db
      .insertInto('resource_links')
      .values(needIds.map((id) => ({ from_type: NEED_LINK.fromType, from_id: id, to_type: NEED_LINK.toType, to_id: proposalId, relation: NEED_LINK.relation })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async unlinkNeeds(db: Executor, needIds: readonly string[], proposalId: string): Promise<void> {
    if (needIds.length === 0) return;
    await db
      .deleteFrom('resource_links')
      .where('from_type', '=', NEED_LINK.fromType)
      .where('to_type', '=', NEED_LINK.toType)
      .where('relation', '=', NEED_LINK.relation)
      .where('to_id', '=', proposalId)
      .where('from_id', 'in', needIds)
      .execute();
  },

  userById(db: Executor, id: string) {
    return db.selectFrom('users').select(['id', 'public_id', 'display_name', 'role', 'agency_id', 'disabled_at']).where('id', '=', id).executeTakeFirst();
  },

  userByPublicId(db: Executor, publicId: string) {
    return db.selectFrom('users').select(['id', 'public_id', 'display_name', 'role', 'agency_id', 'disabled_at']).where('public_id', '=', publicId).executeTakeFirst();
  },

  agencyByCode(db: Executor, code: string) {
    return db.selectFrom('agencies').select(['id', 'code', 'kind', 'district_code', 'name_th', 'name_en', 'active']).where('code', '=', code).executeTakeFirst();
  },
};
