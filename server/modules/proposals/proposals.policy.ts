import type { Actor } from '../../platform/audit/audit.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { fail } from '../../platform/http/problem.ts';
import type { CommitteeSeat } from '../communities/communities.membership.ts';
import { canTransition, PROPOSAL_ACTIONS, type ProposalAction } from './proposals.states.ts';
import type { ProposalState } from './proposals.tables.ts';

/** Who is asking, with what lets them act: a committee seat, or staff work in a district. */
export interface ProposalCaller {
  user: AuthUser | null;
  actor: Actor;
  /** The committee seat the account holds today (what lets a citizen act for a community). */
  seat: CommitteeSeat | null;
  /** For officer, agency_admin and planner accounts of a district office: that district. */
  staffDistrict: number | null;
  /**
   * The community whose committee the account sits on, whatever its role now (a member
   * later made staff keeps the seat row). Its proposals are not theirs to judge.
   */
  ownCommittee?: string | null;
}

/** What the rules need to know about one proposal. */
export interface ProposalFacts {
  communityId: string;
  districtCode: number;
  state: ProposalState;
  evaluatorUserId: string | null;
  /** Ever submitted: drafts (and drafts withdrawn unsent) are the committee's own. */
  submitted: boolean;
}

const DISTRICT_STAFF_ROLES = ['officer', 'agency_admin', 'planner'] as const;
const DISTRICT_PLANNER_ROLES = ['agency_admin', 'planner'] as const;
/** Evaluators are officers or planners of the proposal's district office. */
export const EVALUATOR_ROLES = ['officer', 'planner'] as const;

const isAdmin = (c: ProposalCaller) => c.user?.role === 'admin';
const hasRole = (c: ProposalCaller, roles: readonly string[]) => !!c.user && roles.includes(c.user.role);

export function isCommittee(c: ProposalCaller, communityId: string): boolean {
  return !!c.seat && c.seat.communityId === communityId;
}

export function isDistrictStaff(c: ProposalCaller, districtCode: number): boolean {
  return isAdmin(c) || (hasRole(c, DISTRICT_STAFF_ROLES) && c.staffDistrict === districtCode);
}

/** Planners and agency administrators of the district office (and system administrators). */
export function isDistrictPlanner(c: ProposalCaller, districtCode: number): boolean {
  return isAdmin(c) || (hasRole(c, DISTRICT_PLANNER_ROLES) && c.staffDistrict === districtCode);
}

/** The assigned evaluator, while they still work for that district office. */
export function isEvaluator(c: ProposalCaller, f: ProposalFacts): boolean {
  return !!c.user && f.evaluatorUserId === c.user.id && hasRole(c, EVALUATOR_ROLES) && c.staffDistrict === f.districtCode;
}

/** Sits on the proposing community's committee: a conflict of interest for any review step. */
export function isConflicted(c: ProposalCaller, f: ProposalFacts): boolean {
  return !!c.ownCommittee && c.ownCommittee === f.communityId;
}

export function mayView(c: ProposalCaller, f: ProposalFacts): boolean {
  return f.submitted || isCommittee(c, f.communityId) || isDistrictStaff(c, f.districtCode);
}

/** Whether the caller's standing allows the action at all, whatever the proposal's state. */
export function permits(action: ProposalAction, c: ProposalCaller, f: ProposalFacts): boolean {
  switch (action) {
    case 'edit':
    case 'attach':
    case 'submit':
    case 'withdraw':
      return isCommittee(c, f.communityId);
    case 'assign':
      return isDistrictPlanner(c, f.districtCode) && !isConflicted(c, f);
    case 'request_revision':
    case 'accept':
    case 'not_accept':
    case 'merge':
      return (isEvaluator(c, f) || isDistrictPlanner(c, f.districtCode)) && !isConflicted(c, f);
    default:
      return false;
  }
}

export type ProposalAbilities = Record<ProposalAction, boolean>;

/** What the caller may do now: allowed by standing and by the proposal's state. */
export function abilitiesOf(c: ProposalCaller, f: ProposalFacts): ProposalAbilities {
  const out = {} as ProposalAbilities;
  for (const action of Object.values(PROPOSAL_ACTIONS)) out[action] = permits(action, c, f) && canTransition(action, f.state);
  return out;
}

const FORBIDDEN_TEXT: Record<'committee' | 'planner' | 'reviewer' | 'conflict', { th: string; en: string }> = {
  conflict: {
    th: 'คุณเป็นกรรมการของชุมชนที่เสนอโครงการนี้ จึงมีส่วนได้เสียและพิจารณาโครงการนี้ไม่ได้',
    en: "You sit on the proposing community's committee, so you may not take part in reviewing its proposal (conflict of interest)",
  },
  committee: {
    th: 'เฉพาะคณะกรรมการของชุมชนเจ้าของโครงการเท่านั้นที่ทำรายการนี้ได้',
    en: "Only members of the proposing community's committee may do this",
  },
  planner: {
    th: 'เฉพาะนักวิเคราะห์นโยบายและแผนหรือผู้ดูแลของสำนักงานเขตที่ชุมชนตั้งอยู่เท่านั้นที่ทำรายการนี้ได้',
    en: "Only planners or administrators of the community's district office may do this",
  },
  reviewer: {
    th: 'เฉพาะผู้ประเมินที่ได้รับมอบหมาย หรือนักวิเคราะห์นโยบายและแผนของสำนักงานเขตที่ชุมชนตั้งอยู่เท่านั้นที่ทำรายการนี้ได้',
    en: "Only the assigned evaluator or a planner of the community's district office may do this",
  },
};

export function authorize(action: ProposalAction, c: ProposalCaller, f: ProposalFacts): void {
  if (!c.user) throw fail.unauthorized();
  if (permits(action, c, f)) return;
  const writing = ['edit', 'attach', 'submit', 'withdraw'].includes(action);
  const group = writing ? 'committee' : isConflicted(c, f) ? 'conflict' : action === 'assign' ? 'planner' : 'reviewer';
  throw fail.forbidden(FORBIDDEN_TEXT[group].th, FORBIDDEN_TEXT[group].en);
}

/** Writing a new proposal takes a seat on a community's committee. */
export function authorizeCreate(c: ProposalCaller): CommitteeSeat {
  if (!c.user) throw fail.unauthorized();
  if (!c.seat) {
    throw fail.forbidden('เฉพาะกรรมการชุมชนที่อยู่ในวาระเท่านั้นที่เขียนโครงการได้', 'Only a serving member of a community committee may write a proposal');
  }
  return c.seat;
}
