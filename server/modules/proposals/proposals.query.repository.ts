/**
 * Read-only SQL for listing proposals and telling one proposal's story: its community
 * and district, the needs it addresses and the city problem reports those needs cite
 * (resource_links 'evidence', report -> need), its budget, its steps. Reading those
 * other tables is read-only and here only; nothing outside the proposals tables is written.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { NEED_LINK } from './proposals.repository.ts';
import { EVALUATOR_ROLES } from './proposals.policy.ts';
import type { ProposalState } from './proposals.tables.ts';

export interface ListFilter {
  communityCode?: string;
  districtCode?: number;
  state?: ProposalState;
  assignedTo?: string;
  fiscalYear?: number;
  page: number;
  pageSize: number;
}

/** Drafts are seen by their committee and their district's staff only; the rest is public. */
export interface ListVisibility {
  everything: boolean;
  communityId: string | null;
  districtCode: number | null;
}

function listBase(db: Executor, f: ListFilter, v: ListVisibility) {
  let q = db
    .selectFrom('proposals as p')
    .innerJoin('communities as c', 'c.id', 'p.community_id')
    .innerJoin('districts as d', 'd.code', 'p.district_code');
  if (f.communityCode) q = q.where('c.code', '=', f.communityCode);
  if (f.districtCode) q = q.where('p.district_code', '=', f.districtCode);
  if (f.state) q = q.where('p.state', '=', f.state);
  if (f.assignedTo) q = q.where('p.evaluator_user_id', '=', f.assignedTo);
  if (f.fiscalYear) q = q.where('p.fiscal_year', '=', f.fiscalYear);
  if (!v.everything) {
    q = q.where((eb) => eb.or([
      eb('p.submitted_at', 'is not', null),
      ...(v.communityId ? [eb('p.community_id', '=', v.communityId)] : []),
      ...(v.districtCode ? [eb('p.district_code', '=', v.districtCode)] : []),
    ]));
  }
  return q;
}

export const proposalsQueryRepository = {
  async list(db: Executor, f: ListFilter, v: ListVisibility) {
    const { n } = await listBase(db, f, v).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await listBase(db, f, v)
      .leftJoin('users as e', 'e.id', 'p.evaluator_user_id')
      .select([
        'p.public_id', 'p.title', 'p.state', 'p.fiscal_year', 'p.total_satang', 'p.strategy_code', 'p.revision', 'p.is_demo',
        'p.submitted_at', 'p.updated_at', 'p.created_at', 'p.evaluator_user_id',
        'c.code as community_code', 'c.name_th as community_name_th', 'c.name_en as community_name_en',
        'd.code as district_code', 'd.name_th as district_name_th', 'd.name_en as district_name_en',
        'e.display_name as evaluator_name',
      ])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { total: Number(n), rows };
  },

  place(db: Executor, communityId: string) {
    return db
      .selectFrom('communities as c')
      .innerJoin('districts as d', 'd.code', 'c.district_code')
      .select(['c.code', 'c.name_th', 'c.name_en', 'c.is_demo', 'd.code as district_code', 'd.name_th as district_name_th', 'd.name_en as district_name_en'])
      .where('c.id', '=', communityId)
      .executeTakeFirstOrThrow();
  },

  needs(db: Executor, proposalId: string) {
    return db
      .selectFrom('resource_links as l')
      .innerJoin('community_needs as n', 'n.id', 'l.from_id')
      .select(['n.id', 'n.public_id', 'n.title', 'n.status', 'n.rank', 'n.households_affected'])
      .where('l.from_type', '=', NEED_LINK.fromType)
      .where('l.to_type', '=', NEED_LINK.toType)
      .where('l.relation', '=', NEED_LINK.relation)
      .where('l.to_id', '=', proposalId)
      .orderBy('n.rank')
      .orderBy('n.id')
      .execute();
  },

  /** The city problem reports each need cites as evidence (report -> need, 'evidence'). */
  reportsCitedBy(db: Executor, needIds: readonly string[]) {
    if (needIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('resource_links as l')
      .innerJoin('reports as r', 'r.id', 'l.from_id')
      .innerJoin('categories as k', 'k.id', 'r.category_id')
      .select(['l.to_id as need_id', 'r.code', 'r.state', 'k.code as category_code', 'k.name_th as category_name_th', 'k.name_en as category_name_en'])
      .where('l.from_type', '=', 'report')
      .where('l.to_type', '=', 'need')
      .where('l.relation', '=', 'evidence')
      .where('l.to_id', 'in', needIds)
      .orderBy('r.created_at')
      .execute();
  },

  events(db: Executor, proposalId: string) {
    return db
      .selectFrom('proposal_events')
      .select(['id', 'from_state', 'to_state', 'actor_label', 'note', 'created_at'])
      .where('proposal_id', '=', proposalId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },

  userName(db: Executor, userId: string) {
    return db.selectFrom('users').select(['display_name']).where('id', '=', userId).executeTakeFirst();
  },

  agency(db: Executor, agencyId: string) {
    return db.selectFrom('agencies').select(['code', 'kind', 'name_th', 'name_en']).where('id', '=', agencyId).executeTakeFirst();
  },

  proposalRef(db: Executor, proposalId: string) {
    return db.selectFrom('proposals').select(['public_id', 'title', 'state']).where('id', '=', proposalId).executeTakeFirst();
  },

  mergedFrom(db: Executor, proposalId: string) {
    return db.selectFrom('proposals').select(['public_id', 'title', 'state']).where('merged_into_id', '=', proposalId).orderBy('id').execute();
  },

  /** A community's needs a proposal could address: the open ones and those already in a proposal. */
  draftableNeeds(db: Executor, communityId: string) {
    return db
      .selectFrom('community_needs')
      .select(['id', 'public_id', 'title', 'status', 'rank', 'households_affected'])
      .where('community_id', '=', communityId)
      .where('status', 'in', ['open', 'in_proposal'])
      .orderBy('rank')
      .orderBy('id')
      .execute();
  },

  /** Officers and planners of an agency who can evaluate (enabled accounts). */
  evaluators(db: Executor, agencyId: string) {
    return db
      .selectFrom('users')
      .select(['id', 'public_id', 'display_name', 'role', sql<number>`(select count(*) from proposals p where p.evaluator_user_id = users.id and p.state = 'under_review')::int`.as('open_reviews')])
      .where('agency_id', '=', agencyId)
      .where('role', 'in', EVALUATOR_ROLES)
      .where('disabled_at', 'is', null)
      .orderBy('display_name')
      .execute();
  },
};

export type ProposalListRow = Awaited<ReturnType<typeof proposalsQueryRepository.list>>['rows'][number];
