export const ROLES = {
  citizen: 'citizen',
  officer: 'officer',
  agencyAdmin: 'agency_admin',
  /** 1555 call-centre agent: files and looks up reports for callers; no agency, not agency staff. */
  agent: 'agent',
  admin: 'admin',
  /** Agency-bound: reviews community proposals and builds the agency's annual action plan. */
  planner: 'planner',
  /** Integrity unit (corruption complaints). Not agency staff: an agency_id on these
   * accounts is their home agency, used only to keep them off cases naming it. */
  screeningOfficer: 'screening_officer',
  investigator: 'investigator',
  custodian: 'custodian',
  integrityHead: 'integrity_head',
} as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

/** Agency staff: they act on reports. Call-centre agents are deliberately not among them. */
export const STAFF_ROLES: readonly Role[] = [ROLES.officer, ROLES.agencyAdmin, ROLES.admin];

export interface AuthUser {
  id: string;
  publicId: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  role: Role;
  agencyId: string | null;
}

export interface AuthContext {
  user: AuthUser;
  sessionId: string;
  kind: 'cookie' | 'token';
  csrfToken: string;
}

/** The integrity unit's roles; deliberately not among STAFF_ROLES. */
export const INTEGRITY_ROLES: readonly Role[] = [ROLES.screeningOfficer, ROLES.investigator, ROLES.custodian, ROLES.integrityHead];

export function isStaff(user: AuthUser | null | undefined): boolean {
  return !!user && STAFF_ROLES.includes(user.role);
}
