import type { Db } from '../../platform/db/database.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { AppError, fail } from '../../platform/http/problem.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import { loadForStaff, refuseConflict } from './integrity.access.ts';
import { integrityRepository as repo } from './integrity.repository.ts';
import type { Vault } from './integrity.vault.ts';

const caseAudit = (actor: Actor, caseNumber: string, action: string, after: Record<string, unknown>) =>
  ({ actor, entry: { action: `integrity_case.${action}`, entityType: 'integrity_case', entityId: caseNumber, after } });

/**
 * Whistleblower identity custody: an assigned investigator asks in writing, a custodian
 * decides, and only then may that investigator see it. Every request, decision, view and
 * refusal is audited. A disclosure cannot be undone.
 */
export function createCustodyService(db: Db, vault: Vault) {
  async function request(user: AuthUser, actor: Actor, number: string, justification: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'request_identity');
    if (row.identity_state !== 'held') {
      throw fail.conflict(row.identity_state === 'purged' ? 'identity_purged' : 'no_identity', 'ผู้ร้องเรียนไม่ได้ให้ข้อมูลตัวตนไว้ หรือข้อมูลถูกลบตามนโยบายแล้ว', 'The complainant gave no identity, or it has been purged under the retention policy');
    }
    const pid = publicId(10);
    await db.transaction().execute(async (trx) => {
      await repo.insertIdentityRequest(trx, { public_id: pid, case_id: row.id, requested_by: user.id, sealed_justification: vault.sealText(vault.caseKey(row), row.case_number, `identity-request:${pid}`, justification) });
      const a = caseAudit(actor, row.case_number, 'identity_request', { request: pid });
      await recordAudit(trx, a.actor, a.entry);
    });
    return { id: pid, status: 'pending' as const };
  }

  async function list(user: AuthUser) {
    if (user.role !== 'custodian') throw fail.forbidden();
    const rows = await repo.identityRequestsFor(db, user.agencyId);
    return {
      items: rows.map((r) => {
        const key = vault.caseKey({ case_number: r.case_number, key_id: r.key_id, wrapped_key: r.wrapped_key });
        return {
          id: r.public_id,
          case_number: r.case_number,
          agency: { code: r.agency_code, name_th: r.agency_name_th, name_en: r.agency_name_en },
          requested_by: { id: r.requester_public_id, display_name: r.requester_name },
          justification: vault.openText(key, r.case_number, `identity-request:${r.public_id}`, r.sealed_justification),
          may_disclose: r.may_disclose ?? false,
          status: r.status,
          decision_reason: r.sealed_decision ? vault.openText(key, r.case_number, `identity-decision:${r.public_id}`, r.sealed_decision) : null,
          created_at: r.created_at.toISOString(),
          decided_at: r.decided_at ? r.decided_at.toISOString() : null,
        };
      }),
    };
  }

  async function decide(user: AuthUser, actor: Actor, requestId: string, approve: boolean, reason: string) {
    if (user.role !== 'custodian') throw fail.forbidden();
    const req = await repo.findIdentityRequest(db, requestId);
    if (!req) throw fail.notFound('ไม่พบคำขอนี้', 'No such request');
    const row = (await repo.findCase(db, { id: req.case_id }))!;
    if (user.agencyId !== null && user.agencyId === row.agency_id) await refuseConflict(db, actor, row.case_number, 'decide_identity');
    const identity = await repo.findIdentity(db, row.id);
    if (approve && (!identity || !identity.may_disclose)) {
      await db.transaction().execute((trx) => recordAudit(trx, actor, caseAudit(actor, row.case_number, 'identity_disclosure_refused', { request: requestId, reason: 'complainant_did_not_allow' }).entry));
      throw new AppError(403, 'disclosure_not_allowed', {
        th: 'ผู้ร้องเรียนไม่อนุญาตให้เปิดเผยตัวตน จึงอนุมัติคำขอนี้ไม่ได้',
        en: 'The complainant did not allow their identity to be disclosed; this request cannot be approved',
      });
    }
    await db.transaction().execute(async (trx) => {
      const locked = await repo.findIdentityRequest(trx, requestId, true);
      if (!locked || locked.status !== 'pending') throw fail.conflict('already_decided', 'คำขอนี้ตัดสินไปแล้ว', 'This request has already been decided');
      await repo.decideIdentityRequest(trx, locked.id, { status: approve ? 'approved' : 'refused', decided_by: user.id, sealed_decision: vault.sealText(vault.caseKey(row), row.case_number, `identity-decision:${requestId}`, reason) });
      await recordAudit(trx, actor, caseAudit(actor, row.case_number, 'identity_decision', { request: requestId, approved: approve }).entry);
    });
    return { id: requestId, status: approve ? 'approved' as const : 'refused' as const };
  }

  /** Only the investigator whose request was approved; every viewing is audited. */
  async function view(user: AuthUser, actor: Actor, number: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'view_identity');
    const approved = await repo.approvedRequest(db, row.id, user.id);
    if (!approved) {
      await db.transaction().execute((trx) => recordAudit(trx, actor, caseAudit(actor, row.case_number, 'identity_view_refused', { reason: 'no_approved_request' }).entry));
      throw new AppError(403, 'identity_not_approved', {
        th: 'ต้องได้รับอนุมัติจากผู้ดูแลข้อมูลตัวตนก่อนจึงจะดูตัวตนผู้ร้องเรียนได้',
        en: "A custodian must approve your written request before you can see the complainant's identity",
      });
    }
    const identity = await repo.findIdentity(db, row.id);
    if (!identity) throw fail.notFound('ข้อมูลตัวตนถูกลบตามนโยบายการเก็บรักษาแล้ว', 'The identity was purged under the retention policy');
    const key = vault.identityKey(row.case_number, identity.wrapped_key);
    const plain = JSON.parse(vault.openText(key, row.case_number, 'identity', identity.sealed)) as { name: string | null; phone: string | null; email: string | null };
    await db.transaction().execute((trx) => recordAudit(trx, actor, caseAudit(actor, row.case_number, 'identity_view', { request: approved.public_id }).entry));
    return {
      case_number: row.case_number,
      identity: plain,
      request_id: approved.public_id,
      approved_at: approved.decided_at ? approved.decided_at.toISOString() : null,
      irreversible: true as const,
      notice_th: 'การเปิดเผยตัวตนนี้ย้อนคืนไม่ได้ และได้บันทึกไว้ในประวัติการตรวจสอบแล้ว',
      notice_en: 'This disclosure cannot be undone and has been recorded in the audit trail',
    };
  }

  return { request, list, decide, view };
}

export type CustodyService = ReturnType<typeof createCustodyService>;
