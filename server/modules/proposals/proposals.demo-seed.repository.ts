/** SQL the proposals demo seed reads with (its writes go through proposals.repository.ts). */
import type { Executor } from '../../platform/db/database.ts';
import { EVALUATOR_ROLES } from './proposals.policy.ts';

export const demoSeedRepository = {
  /** Demo communities, district by district, that have no demo proposal yet. */
  communitiesWithoutProposals(db: Executor, districts?: readonly number[]) {
    let q = db
      .selectFrom('communities as c')
      .select(['c.id', 'c.code', 'c.district_code', 'c.households'])
      .where('c.is_demo', '=', true)
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('proposals as p').select('p.id').whereRef('p.community_id', '=', 'c.id').where('p.is_demo', '=', true))))
      .orderBy('c.district_code')
      .orderBy('c.code');
    if (districts && districts.length > 0) q = q.where('c.district_code', 'in', [...districts]);
    return q.execute();
  },

  /** How many demo communities of each district already have demo proposals. */
  async seededPerDistrict(db: Executor): Promise<Map<number, number>> {
    const rows = await db
      .selectFrom('proposals')
      .select(['district_code', (eb) => eb.fn.count<string>('community_id').distinct().as('n')])
      .where('is_demo', '=', true)
      .groupBy('district_code')
      .execute();
    return new Map(rows.map((r) => [r.district_code, Number(r.n)]));
  },

  /** The district office with its staff: planners (who assign) and evaluators. */
  async office(db: Executor, districtCode: number) {
    const office = await db.selectFrom('agencies').select(['id', 'name_th']).where('kind', '=', 'district_office').where('district_code', '=', districtCode).executeTakeFirst();
    if (!office) return null;
    const people = await db
      .selectFrom('users')
      .select(['id', 'display_name', 'role'])
      .where('agency_id', '=', office.id)
      .where('disabled_at', 'is', null)
      .where('role', 'in', ['planner', 'agency_admin', 'officer'])
      .orderBy('id')
      .execute();
    const planner = people.find((p) => p.role === 'planner') ?? people.find((p) => p.role === 'agency_admin') ?? null;
    const evaluator = people.find((p) => p.role === 'officer') ?? people.find((p) => (EVALUATOR_ROLES as readonly string[]).includes(p.role)) ?? null;
    return { id: office.id, nameTh: office.name_th, planner, evaluator };
  },

  openNeeds(db: Executor, communityId: string) {
    return db.selectFrom('community_needs').select(['id', 'title', 'description']).where('community_id', '=', communityId).where('status', '=', 'open').orderBy('rank').execute();
  },

  async demoByState(db: Executor): Promise<Record<string, number>> {
    const rows = await db.selectFrom('proposals').select(['state', (eb) => eb.fn.countAll<string>().as('n')]).where('is_demo', '=', true).groupBy('state').execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  },
};
