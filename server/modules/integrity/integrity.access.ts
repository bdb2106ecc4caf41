import type { Db } from '../../platform/db/database.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { AppError, fail } from '../../platform/http/problem.ts';
import { can, type IntegrityAction } from './integrity.policy.ts';
import { integrityRepository as repo } from './integrity.repository.ts';
import { normaliseCaseNumber } from './integrity.receipt.ts';
import { STAGES } from './integrity.stages.ts';
import type { CaseRow } from './integrity.intake.service.ts';

export const conflictError = () => new AppError(403, 'conflict_of_interest', {
  th: 'คุณสังกัดหน่วยงานที่ถูกร้องเรียนในเรื่องนี้ จึงเข้าถึงหรือรับผิดชอบเรื่องนี้ไม่ได้ (บันทึกไว้แล้ว)',
  en: 'You belong to the agency this complaint names, so you may not see or work on it (this attempt is recorded)',
});

/**
 * Refuses and records a conflict of interest in its own transaction: the refusal must
 * stay in the audit trail even though the request fails.
 */
export async function refuseConflict(db: Db, actor: Actor, caseNumber: string, attempted: string, extra: Record<string, unknown> = {}): Promise<never> {
  await db.transaction().execute((trx) => recordAudit(trx, actor, {
    action: 'integrity_case.conflict_refused', entityType: 'integrity_case', entityId: caseNumber, after: { attempted, ...extra },
  }));
  throw conflictError();
}

/**
 * Loads a case for a member of staff: 404 when there is none, 403 (audited) when the
 * caller's home agency is the one the case names, 403 when the role or assignment does
 * not allow the action, 409 when the role could but the stage does not.
 */
export async function loadForStaff(db: Db, user: AuthUser, actor: Actor, rawNumber: string, action: IntegrityAction) {
  const number = normaliseCaseNumber(rawNumber);
  const row: CaseRow | undefined = number ? await repo.findCase(db, { number }) : undefined;
  if (!row) throw fail.notFound('ไม่พบเรื่องร้องเรียนนี้', 'No such complaint');
  if (user.agencyId !== null && user.agencyId === row.agency_id) await refuseConflict(db, actor, row.case_number, action);
  const assigned = user.role === 'investigator' ? await repo.isAssigned(db, row.id, user.id) : false;
  if (!can(user, action, { stage: row.stage, assigned })) {
    if (STAGES.some((stage) => can(user, action, { stage, assigned }))) {
      throw fail.conflict('wrong_stage', 'ทำรายการนี้ในขั้นตอนปัจจุบันของเรื่องไม่ได้', 'This cannot be done at the case\'s current stage');
    }
    throw fail.forbidden();
  }
  return { row, assigned };
}
