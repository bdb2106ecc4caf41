/**
 * Who may do what with a community. District staff (officer, agency_admin or planner of
 * the district's office) look after the registry and committees of their district;
 * system administrators anywhere. A committee seat — not a role — lets a citizen record
 * the community's needs. Unknown action = deny.
 */
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Executor } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { activeSeatOf, districtOfAgency, type CommitteeSeat } from './communities.membership.ts';

export const COMMUNITY_ACTIONS = {
  register: 'register',
  edit: 'edit',
  manageCommittee: 'manage_committee',
  recordNeed: 'record_need',
  editNeed: 'edit_need',
  rankNeeds: 'rank_needs',
  writeProposal: 'write_proposal',
} as const;
export type CommunityAction = (typeof COMMUNITY_ACTIONS)[keyof typeof COMMUNITY_ACTIONS];

/** Staff roles bound to an agency that look after a district's communities. */
const DISTRICT_STAFF_ROLES = ['officer', 'agency_admin', 'planner'] as const;

/** What we know about the caller that bears on communities; fetched once per request. */
export interface CallerFacts {
  user: AuthUser | null;
  /** The district whose office the caller works for, when they are district staff. */
  staffDistrict: number | null;
  seat: CommitteeSeat | null;
}

export const NOBODY: CallerFacts = { user: null, staffDistrict: null, seat: null };

export async function callerFacts(db: Executor, user: AuthUser | null): Promise<CallerFacts> {
  if (!user) return NOBODY;
  const isDistrictRole = (DISTRICT_STAFF_ROLES as readonly string[]).includes(user.role);
  const staffDistrict = isDistrictRole && user.agencyId ? await districtOfAgency(db, user.agencyId) : null;
  // Staff accounts never sit on a committee in their own right; only citizens' seats count.
  const seat = user.role === 'citizen' ? await activeSeatOf(db, user.id) : null;
  return { user, staffDistrict, seat };
}

export function isDistrictStaffOf(caller: CallerFacts, districtCode: number): boolean {
  if (!caller.user) return false;
  return caller.user.role === 'admin' || caller.staffDistrict === districtCode;
}

export function sitsOn(caller: CallerFacts, communityId: string): boolean {
  return caller.seat?.communityId === communityId;
}

export function can(caller: CallerFacts, action: CommunityAction, community: { id: string; districtCode: number }): boolean {
  const staff = isDistrictStaffOf(caller, community.districtCode);
  switch (action) {
    case 'register':
    case 'edit':
    case 'manage_committee':
      return staff;
    case 'record_need':
    case 'edit_need':
    case 'rank_needs':
      return staff || sitsOn(caller, community.id);
    case 'write_proposal':
      return sitsOn(caller, community.id);
    default:
      return false;
  }
}

/** The buttons the UI may show on a community's page. */
export function abilitiesFor(caller: CallerFacts, community: { id: string; districtCode: number }) {
  return {
    edit: can(caller, 'edit', community),
    manage_committee: can(caller, 'manage_committee', community),
    record_need: can(caller, 'record_need', community),
    rank_needs: can(caller, 'rank_needs', community),
    write_proposal: can(caller, 'write_proposal', community),
  };
}
export type CommunityAbilities = ReturnType<typeof abilitiesFor>;

/** 401 when nobody is signed in, 403 with a reason that fits the action otherwise. */
export function authorize(caller: CallerFacts, action: CommunityAction, community: { id: string; districtCode: number }): void {
  if (!caller.user) throw fail.unauthorized();
  if (can(caller, action, community)) return;
  if (action === 'record_need' || action === 'edit_need' || action === 'rank_needs') {
    throw fail.forbidden(
      'เฉพาะกรรมการของชุมชนนี้หรือเจ้าหน้าที่สำนักงานเขตที่ดูแลชุมชนเท่านั้นที่บันทึกปัญหาและความต้องการได้',
      "Only this community's committee members or the staff of its district office may record its needs",
    );
  }
  throw fail.forbidden(
    'เฉพาะเจ้าหน้าที่สำนักงานเขตที่ชุมชนนี้ตั้งอยู่เท่านั้นที่ทำรายการนี้ได้',
    "Only staff of the community's own district office may do this",
  );
}
