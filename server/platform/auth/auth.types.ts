export const ROLES = {
  citizen: 'citizen',
  officer: 'officer',
  agencyAdmin: 'agency_admin',
  /** 1555 call-centre agent: files and looks up reports for callers; no agency, not agency staff. */
  agent: 'agent',
  admin: 'admin',
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

export function isStaff(user: AuthUser | null | undefined): boolean {
  return !!user && STAFF_ROLES.includes(user.role);
}
