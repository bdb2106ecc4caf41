/**
 * SQL of community needs and the evidence links that point at them, and nothing but SQL.
 * Cited reports are `resource_links` rows: from 'report' (the report's id) to 'need'
 * (the need's id), relation 'evidence'.
 */
import type { Executor } from '../../platform/db/database.ts';
import type { NeedStatus } from './communities.tables.ts';

export const EVIDENCE = { fromType: 'report', toType: 'need', relation: 'evidence' } as const;

export interface NeedValues {
  title: string;
  description: string;
  category_id: string | null;
  place_text: string;
  lat: number | null;
  lng: number | null;
  households_affected: number;
  since_on: string | null;
}

function needBase(db: Executor) {
  return db
    .selectFrom('community_needs as n')
    .leftJoin('categories as cat', 'cat.id', 'n.category_id')
    .select([
      'n.id', 'n.public_id', 'n.community_id', 'n.rank', 'n.title', 'n.description', 'n.category_id', 'n.place_text',
      'n.lat', 'n.lng', 'n.households_affected', 'n.since_on', 'n.status', 'n.created_at', 'n.updated_at',
      'cat.code as category_code', 'cat.name_th as category_name_th', 'cat.name_en as category_name_en',
    ]);
}

export type NeedRow = Awaited<ReturnType<ReturnType<typeof needBase>['executeTakeFirstOrThrow']>>;

export const needsRepository = {
  /** Open needs by rank, then the others (in a proposal, resolved, withdrawn), latest first. */
  listForCommunity(db: Executor, communityId: string) {
    return needBase(db)
      .where('n.community_id', '=', communityId)
      .orderBy((eb) => eb.case().when('n.status', '=', 'open').then(0).else(1).end())
      .orderBy((eb) => eb.case().when('n.status', '=', 'open').then(eb.ref('n.rank')).else(0).end())
      .orderBy('n.updated_at', 'desc')
      .orderBy('n.id', 'desc')
      .execute();
  },

  findByPublicId(db: Executor, communityId: string, publicId: string) {
    return needBase(db).where('n.community_id', '=', communityId).where('n.public_id', '=', publicId).executeTakeFirst();
  },

  /** Read after locking the communities: every rank or status change takes that lock first. */
  findByIds(db: Executor, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('community_needs').select(['id', 'public_id', 'community_id', 'status', 'rank']).where('id', 'in', [...ids]).execute();
  },

  findAttachment(db: Executor, needId: string, publicId: string) {
    return db
      .selectFrom('attachments')
      .select(['id', 'public_id', 'file_name', 'kind'])
      .where('owner_type', '=', 'need')
      .where('owner_id', '=', needId)
      .where('public_id', '=', publicId)
      .executeTakeFirst();
  },

  deleteAttachment(db: Executor, id: string) {
    return db.deleteFrom('attachments').where('id', '=', id).execute();
  },

  /** Ids of the community's open needs in rank order (ties by age, so a repair is stable). */
  async openOrder(db: Executor, communityId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('community_needs')
      .select('id')
      .where('community_id', '=', communityId)
      .where('status', '=', 'open')
      .orderBy('rank')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  },

  async currentRanks(db: Executor, ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('community_needs').select(['id', 'rank']).where('id', 'in', [...ids]).execute();
    return new Map(rows.map((r) => [r.id, r.rank]));
  },

  setRank(db: Executor, id: string, rank: number) {
    return db.updateTable('community_needs').set({ rank }).where('id', '=', id).execute();
  },

  insert(db: Executor, v: NeedValues & { public_id: string; community_id: string; rank: number; created_by: string | null }) {
    return db.insertInto('community_needs').values(v).returning('id').executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, patch: Partial<NeedValues> & { status?: NeedStatus }) {
    return db.updateTable('community_needs').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
  },

  setStatus(db: Executor, ids: readonly string[], status: NeedStatus) {
    return db.updateTable('community_needs').set({ status, updated_at: new Date() }).where('id', 'in', [...ids]).execute();
  },

  /** needId → ids of the reports it cites. */
  async citedReportIds(db: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (needIds.length === 0) return out;
    const rows = await db
      .selectFrom('resource_links')
      .select(['from_id', 'to_id'])
      .where('from_type', '=', EVIDENCE.fromType)
      .where('to_type', '=', EVIDENCE.toType)
      .where('relation', '=', EVIDENCE.relation)
      .where('to_id', 'in', [...needIds])
      .orderBy('id')
      .execute();
    for (const r of rows) out.set(r.to_id, [...(out.get(r.to_id) ?? []), r.from_id]);
    return out;
  },

  async addEvidence(db: Executor, needId: string, reportIds: readonly string[]) {
    if (reportIds.length === 0) return;
    await db
      .insertInto('resource_links')
      .values(reportIds.map((id) => ({ from_type: EVIDENCE.fromType, from_id: id, to_type: EVIDENCE.toType, to_id: needId, relation: EVIDENCE.relation })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async removeEvidence(db: Executor, needId: string, reportIds: readonly string[]) {
    if (reportIds.length === 0) return;
    await db
      .deleteFrom('resource_links')
      .where('from_type', '=', EVIDENCE.fromType)
      .where('to_type', '=', EVIDENCE.toType)
      .where('relation', '=', EVIDENCE.relation)
      .where('to_id', '=', needId)
      .where('from_id', 'in', [...reportIds])
      .execute();
  },

  attachmentCount(db: Executor, needId: string) {
    return db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('owner_type', '=', 'need')
      .where('owner_id', '=', needId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
};
