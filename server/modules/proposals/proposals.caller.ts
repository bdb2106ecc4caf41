import type { Actor } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Executor } from '../../platform/db/database.ts';
import { activeSeatOf, districtOfAgency } from '../communities/communities.membership.ts';
import type { ProposalCaller, ProposalFacts } from './proposals.policy.ts';
import type { ProposalsTable } from './proposals.tables.ts';
import type { Selectable } from 'kysely';

/** How the community's own steps are shown: the committee acts together, no personal names. */
export const COMMITTEE_LABEL = 'คณะกรรมการชุมชน';
/** Steps the platform takes by itself (a resubmitted proposal going back to its evaluator). */
export const SYSTEM_LABEL = 'ระบบ';

const DISTRICT_STAFF = ['officer', 'agency_admin', 'planner'];

/**
 * Who is asking: their committee seat today, and the district they work for as staff.
 * Only a citizen's seat counts: a member later made staff keeps the seat row, but must
 * not write, submit and then judge their own community's proposal.
 */
export async function resolveCaller(db: Executor, user: AuthUser | null, actor: Actor): Promise<ProposalCaller> {
  if (!user) return { user: null, actor, seat: null, staffDistrict: null };
  const held = await activeSeatOf(db, user.id);
  const seat = user.role === 'citizen' ? held : null;
  const staffDistrict = DISTRICT_STAFF.includes(user.role) && user.agencyId ? await districtOfAgency(db, user.agencyId) : null;
  return { user, actor, seat, staffDistrict, ownCommittee: held?.communityId ?? null };
}

export function factsOf(row: Pick<Selectable<ProposalsTable>, 'community_id' | 'district_code' | 'state' | 'evaluator_user_id' | 'submitted_at'>): ProposalFacts {
  return {
    communityId: row.community_id,
    districtCode: row.district_code,
    state: row.state,
    evaluatorUserId: row.evaluator_user_id,
    submitted: row.submitted_at !== null,
  };
}

/** The name a staff step is shown with: the person, as public officials act in their own name. */
export function staffLabel(caller: ProposalCaller): string {
  return caller.user?.displayName ?? SYSTEM_LABEL;
}
