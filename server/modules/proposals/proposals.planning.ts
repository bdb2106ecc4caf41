/**
 * What the plans module may know about proposals, and nothing more: the facts a planner
 * needs to place an accepted proposal in an annual action plan. The plans service calls
 * these instead of reading the proposals tables itself (DESIGN §5: no module reads
 * another's tables behind its back).
 */
import { sql } from 'kysely';
import type { Executor, Tx } from '../../platform/db/database.ts';
import type { ProposalState } from './proposals.tables.ts';

export interface ProposalForPlanning {
  id: string;
  publicId: string;
  title: string;
  problem: string;
  objectives: string;
  state: ProposalState;
  communityId: string;
  communityCode: string;
  communityNameTh: string;
  communityNameEn: string | null;
  districtCode: number;
  carryingAgencyId: string | null;
  totalSatang: bigint;
  strategyCode: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** The fiscal year (BE) the community hoped to be funded in; null when not said. */
  fiscalYear: number | null;
  isDemo: boolean;
}

type Row = {
  id: string; public_id: string; title: string; problem: string; objectives: string; state: ProposalState;
  community_id: string; community_code: string; community_name_th: string; community_name_en: string | null;
  district_code: number; carrying_agency_id: string | null; total_satang: string; strategy_code: string | null;
  starts_on: string | null; ends_on: string | null; fiscal_year: number | null; is_demo: boolean;
};

function toPlanning(r: Row): ProposalForPlanning {
  return {
    id: r.id, publicId: r.public_id, title: r.title, problem: r.problem, objectives: r.objectives, state: r.state,
    communityId: r.community_id, communityCode: r.community_code, communityNameTh: r.community_name_th, communityNameEn: r.community_name_en,
    districtCode: r.district_code, carryingAgencyId: r.carrying_agency_id, totalSatang: BigInt(r.total_satang),
    strategyCode: r.strategy_code, startsOn: r.starts_on, endsOn: r.ends_on, fiscalYear: r.fiscal_year, isDemo: r.is_demo,
  };
}

function base(db: Executor) {
  return db
    .selectFrom('proposals as p')
    .innerJoin('communities as c', 'c.id', 'p.community_id')
    .select([
      'p.id', 'p.public_id', 'p.title', 'p.problem', 'p.objectives', 'p.state', 'p.community_id', 'c.code as community_code',
      'c.name_th as community_name_th', 'c.name_en as community_name_en', 'p.district_code', 'p.carrying_agency_id',
      'p.total_satang', 'p.strategy_code', 'p.starts_on', 'p.ends_on', 'p.fiscal_year', 'p.is_demo',
    ]);
}

/**
 * One proposal by its public id, locked (FOR UPDATE of the proposal row) for the rest of
 * the caller's transaction, so its state cannot change while it is being placed.
 */
export async function proposalForPlanning(trx: Tx, publicId: string): Promise<ProposalForPlanning | null> {
  const row = await base(trx).where('p.public_id', '=', publicId).forUpdate('p').executeTakeFirst();
  return row ? toPlanning(row as Row) : null;
}

/**
 * Whether an accepted proposal belongs in this agency's plans: the agency named to carry
 * it out, or — when none was named — the district office of the proposal's district.
 */
export function carriedBy(proposal: Pick<ProposalForPlanning, 'carryingAgencyId' | 'districtCode'>, agency: { id: string; kind: string; districtCode: number | null }): boolean {
  if (proposal.carryingAgencyId !== null) return proposal.carryingAgencyId === agency.id;
  return agency.kind === 'district_office' && agency.districtCode === proposal.districtCode;
}

/**
 * Accepted proposals this agency may place in its plan for the fiscal year: carried by
 * the agency (a district office also takes its district's accepted proposals that name
 * no carrying agency), hoped for this year or an earlier one (a proposal not funded in
 * time carries over; one meant for a later year waits for that year's plan), and not
 * already in a plan item that is still alive (a cancelled item frees its proposal).
 */
export async function placeableProposals(db: Executor, agencyId: string, fiscalYear: number): Promise<ProposalForPlanning[]> {
  const agency = await db.selectFrom('agencies').select(['kind', 'district_code']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) return [];
  const districtCode = agency.kind === 'district_office' ? agency.district_code : null;
  const rows = await base(db)
    .where('p.state', '=', 'accepted')
    .where((eb) => {
      const carried = eb('p.carrying_agency_id', '=', agencyId);
      return districtCode === null
        ? carried
        : eb.or([carried, eb.and([eb('p.carrying_agency_id', 'is', null), eb('p.district_code', '=', districtCode)])]);
    })
    .where((eb) => eb.or([eb('p.fiscal_year', 'is', null), eb('p.fiscal_year', '<=', fiscalYear)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('plan_items as i').select(sql`1`.as('one')).whereRef('i.source_proposal_id', '=', 'p.id').where('i.status', '<>', 'cancelled'))),
    )
    .orderBy('p.decided_at', 'asc')
    .orderBy('p.id', 'asc')
    .limit(500)
    .execute();
  return rows.map((r) => toPlanning(r as Row));
}

/**
 * Needs a delivered proposal settles: those it addresses (need -> proposal, 'addresses')
 * that are still open or in a proposal. Withdrawn and already resolved needs are left as
 * they are. Internal ids, as markNeedsResolved (communities.needs.status.ts) takes them.
 */
export async function needsSettledBy(trx: Tx, proposalId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('resource_links as l')
    .innerJoin('community_needs as n', 'n.id', 'l.from_id')
    .select('n.id')
    .where('l.from_type', '=', 'need')
    .where('l.to_type', '=', 'proposal')
    .where('l.relation', '=', 'addresses')
    .where('l.to_id', '=', proposalId)
    .where('n.status', 'in', ['open', 'in_proposal'])
    .orderBy('n.id')
    .execute();
  return rows.map((r) => r.id);
}
