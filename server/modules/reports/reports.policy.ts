import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { isStaff } from '../../platform/auth/auth.types.ts';
import { fail } from '../../platform/http/problem.ts';
import type { ReportRow } from './reports.repository.ts';
import { canTransition, REOPEN_WINDOW_DAYS, type ReportAction } from './reports.states.ts';

export interface Viewer {
  user: AuthUser | null;
  /** The anonymous reporter proved themselves with the secret from filing. */
  reporterTokenValid: boolean;
}

export interface ReportRelations {
  coownerAgencyIds: string[];
  following: boolean;
}

type Role = 'owner_staff' | 'coowner_staff' | 'reporter' | 'signed_in' | 'anyone';

/** Who may attempt each action; the state machine separately says when. Unknown = deny. */
const ACTION_ROLES: Record<ReportAction, readonly Role[]> = {
  accept: ['owner_staff'],
  forward: ['owner_staff'],
  invite_coowner: ['owner_staff'],
  coowner_status: ['coowner_staff'],
  note: ['owner_staff', 'coowner_staff'],
  fix: ['owner_staff'],
  close: ['owner_staff'],
  assign: ['owner_staff'],
  recategorize: ['owner_staff'],
  reopen: ['reporter'],
  rate: ['reporter'],
  withdraw: ['reporter'],
  follow: ['signed_in'],
  support: ['anyone'],
};

export function rolesOf(report: Pick<ReportRow, 'agency_id' | 'reporter_id'>, viewer: Viewer, relations: ReportRelations): Set<Role> {
  const roles = new Set<Role>(['anyone']);
  const user = viewer.user;
  if (user) roles.add('signed_in');
  if (user && isStaff(user)) {
    if (user.role === 'admin' || user.agencyId === report.agency_id) roles.add('owner_staff');
    if (user.agencyId && relations.coownerAgencyIds.includes(user.agencyId)) roles.add('coowner_staff');
  }
  if ((user && report.reporter_id === user.id) || viewer.reporterTokenValid) roles.add('reporter');
  return roles;
}

export function withinReopenWindow(fixedAt: Date | null, now = new Date()): boolean {
  return !!fixedAt && now.getTime() - new Date(fixedAt).getTime() <= REOPEN_WINDOW_DAYS * 24 * 3600 * 1000;
}

export function mayAct(action: ReportAction, roles: Set<Role>): boolean {
  const allowed = ACTION_ROLES[action];
  return !!allowed && allowed.some((role) => roles.has(role));
}

/** The buttons the UI may show: exactly what the server would allow now. */
export function abilitiesFor(report: ReportRow, viewer: Viewer, relations: ReportRelations) {
  const roles = rolesOf(report, viewer, relations);
  const can = (action: ReportAction) => mayAct(action, roles) && canTransition(action, report.state);
  return {
    accept: can('accept'),
    forward: can('forward'),
    invite_coowner: can('invite_coowner'),
    coowner_status: can('coowner_status'),
    note: can('note'),
    fix: can('fix'),
    close: can('close'),
    assign: can('assign'),
    recategorize: can('recategorize'),
    reopen: can('reopen') && withinReopenWindow(report.fixed_at),
    rate: can('rate'),
    withdraw: can('withdraw'),
    follow: can('follow') && !relations.following,
    unfollow: mayAct('follow', roles) && relations.following,
    support: can('support') && !roles.has('reporter') && !roles.has('owner_staff'),
  };
}

/** Throws the right refusal: 401 nobody signed in, 403 wrong person, 409 wrong state. */
export function authorize(action: ReportAction, report: ReportRow, viewer: Viewer, relations: ReportRelations): void {
  const roles = rolesOf(report, viewer, relations);
  if (!mayAct(action, roles)) {
    if (!viewer.user && !viewer.reporterTokenValid) throw fail.unauthorized();
    if (ACTION_ROLES[action].includes('reporter')) {
      throw fail.forbidden('เฉพาะผู้แจ้งเรื่องนี้เท่านั้นที่ทำรายการนี้ได้', 'Only the person who filed this report can do this');
    }
    throw fail.forbidden('เรื่องนี้ไม่ได้อยู่ในความรับผิดชอบของหน่วยงานของคุณ', "This report is not your agency's to act on");
  }
  if (!canTransition(action, report.state)) {
    throw fail.conflict(
      'invalid_transition',
      `ทำรายการนี้ไม่ได้ เพราะเรื่องอยู่ในสถานะ "${STATE_TH[report.state]}"`,
      `This cannot be done while the report is "${report.state.replace('_', ' ')}"`,
    );
  }
}

const STATE_TH = { received: 'รับเรื่องแล้ว', in_progress: 'กำลังดำเนินการ', fixed: 'แก้ไขแล้ว', closed: 'ปิดเรื่องแล้ว' } as const;
