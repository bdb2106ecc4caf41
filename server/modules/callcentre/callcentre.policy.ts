import type { AuthUser, Role } from '../../platform/auth/auth.types.ts';
import { ROLES } from '../../platform/auth/auth.types.ts';
import { fail } from '../../platform/http/problem.ts';

/** What the call-centre routes let someone do. */
export const CALLCENTRE_ACTIONS = {
  lookupCaller: 'lookup_caller',
  resolvePlace: 'resolve_place',
  fileReport: 'file_report',
} as const;
export type CallCentreAction = (typeof CALLCENTRE_ACTIONS)[keyof typeof CALLCENTRE_ACTIONS];

/**
 * 1555 agents, and system administrators (who supervise them). Agency staff work their
 * queue, not the phones; a caller's history is personal data they have no need for.
 * Unknown action = deny.
 */
const ALLOWED: Record<CallCentreAction, readonly Role[]> = {
  lookup_caller: [ROLES.agent, ROLES.admin],
  resolve_place: [ROLES.agent, ROLES.admin],
  file_report: [ROLES.agent, ROLES.admin],
};

export function mayAct(action: CallCentreAction, user: AuthUser): boolean {
  return ALLOWED[action]?.includes(user.role) ?? false;
}

export function authorize(action: CallCentreAction, user: AuthUser): void {
  if (!mayAct(action, user)) {
    throw fail.forbidden('เฉพาะเจ้าหน้าที่ศูนย์รับแจ้ง 1555 เท่านั้น', 'Only 1555 call-centre agents may do this');
  }
}
