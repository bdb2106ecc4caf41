import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { IntegrityStage } from './integrity.tables.ts';

export const INTEGRITY_ACTIONS = {
  fileForComplainant: 'file_for_complainant',
  view: 'view',
  screen: 'screen',
  assign: 'assign',
  ask: 'ask',
  note: 'note',
  addEvidence: 'add_evidence',
  downloadEvidence: 'download_evidence',
  finding: 'finding',
  sanctions: 'sanctions',
  close: 'close',
  reopen: 'reopen',
  merge: 'merge',
  link: 'link',
  requestIdentity: 'request_identity',
  viewIdentity: 'view_identity',
  decideIdentity: 'decide_identity',
} as const;
export type IntegrityAction = (typeof INTEGRITY_ACTIONS)[keyof typeof INTEGRITY_ACTIONS];

export interface CaseFacts {
  stage: IntegrityStage;
  /** The caller is among the case's assigned investigators. */
  assigned: boolean;
}

const SCREENERS = ['screening_officer', 'integrity_head'];

/**
 * Who may do what to a case. Unknown action = deny. Conflict of interest (the caller's
 * home agency is the agency the case names) is checked before this, in the service,
 * because it must be audited.
 */
export function can(user: AuthUser, action: IntegrityAction, facts: CaseFacts | null): boolean {
  const role = user.role;
  const assignedInvestigator = role === 'investigator' && !!facts?.assigned;
  const open = facts ? facts.stage !== 'closed' : false;
  switch (action) {
    case 'file_for_complainant':
      return [...SCREENERS, 'agent'].includes(role);
    case 'view':
    case 'note':
    case 'link':
      return SCREENERS.includes(role) || assignedInvestigator;
    case 'screen':
      return SCREENERS.includes(role) && !!facts && ['received', 'screening'].includes(facts.stage);
    case 'assign':
    case 'merge':
      return SCREENERS.includes(role) && open;
    case 'ask':
    case 'add_evidence':
    case 'finding':
    case 'request_identity':
      return assignedInvestigator && open;
    case 'download_evidence':
    case 'view_identity':
      return assignedInvestigator;
    case 'sanctions':
      return (assignedInvestigator || role === 'integrity_head') && open;
    case 'close':
      if (!facts || !open) return false;
      return role === 'integrity_head' || (role === 'screening_officer' && ['not_accepted', 'referred'].includes(facts.stage));
    case 'reopen':
      return role === 'integrity_head' && !!facts && ['closed', 'not_accepted', 'referred'].includes(facts.stage);
    case 'decide_identity':
      return role === 'custodian';
    default:
      return false;
  }
}

/** Whether the caller belongs to the integrity unit at all (or files for callers). */
export const INTEGRITY_STAFF = ['screening_officer', 'investigator', 'custodian', 'integrity_head'] as const;
