import crypto from 'node:crypto';
import type { Db, Executor } from '../../platform/db/database.ts';
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { AppError, fail } from '../../platform/http/problem.ts';
import { newToken, publicId, sha256Hex } from '../../platform/auth/tokens.ts';
import { deriveKey } from './integrity.crypto.ts';
import { accessWaitMs, checkReceipt, hashReceipt, newCaseNumber, newReceipt, normaliseCaseNumber } from './integrity.receipt.ts';
import { dueAt, STAGE_LABELS } from './integrity.stages.ts';
import { integrityRepository as repo } from './integrity.repository.ts';
import type { IntegrityCasesTable, IntegrityChannel, AllegationKind } from './integrity.tables.ts';
import type { Vault } from './integrity.vault.ts';
import type { Selectable } from 'kysely';

export type CaseRow = Selectable<IntegrityCasesTable>;

export interface ComplaintInput {
  agency_code: string;
  allegation_kind?: AllegationKind;
  unit?: string;
  position?: string;
  what: string;
  when_text?: string;
  where_text?: string;
  amount_baht?: number;
  contract_ref?: string;
  identity?: { name?: string; phone?: string; email?: string; may_disclose: boolean };
}

export interface EvidenceFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export const CASE_TOKEN_TTL_MS = 30 * 60_000;
export const MAX_EVIDENCE_PER_CASE = 50;
/** The audit trail names no whistleblower: no address, no agent, no account. */
export const WHISTLEBLOWER_ACTOR: Actor = { userId: null, label: 'whistleblower', channel: 'web' };

const wrongReceipt = () => new AppError(401, 'receipt_rejected', {
  th: 'เลขเรื่องหรือรหัสรับเรื่องไม่ถูกต้อง',
  en: 'The case number or receipt is not right',
});

export function cleanFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return cleaned || 'evidence';
}

export function createIntakeService(db: Db, vault: Vault) {
  const attemptKey = (raw: string) =>
    crypto.createHmac('sha256', deriveKey(vault.unitKey(), 'receipt-attempts')).update(normaliseCaseNumber(raw) ?? raw.trim().toUpperCase()).digest('hex');

  async function sealEvidence(trx: Executor, row: CaseRow | { id: string; case_number: string }, key: Buffer, files: EvidenceFile[], by: 'complainant' | 'investigator', userId: string | null) {
    for (const f of files) {
      const pid = publicId(12);
      await repo.insertEvidence(trx, {
        public_id: pid, case_id: row.id, content_type: f.contentType.slice(0, 100) || 'application/octet-stream', bytes: f.data.length,
        sealed_filename: vault.sealText(key, row.case_number, `evidence-name:${pid}`, cleanFilename(f.filename)),
        sealed_data: vault.sealBytes(key, row.case_number, `evidence:${pid}`, f.data),
        added_by: by, added_by_user_id: userId,
      });
    }
  }

  async function file(input: ComplaintInput, channel: IntegrityChannel, actor: Actor, files: EvidenceFile[], forceReset: boolean) {
    const agency = await repo.agencyByCode(db, input.agency_code);
    if (!agency || !agency.active) {
      throw fail.badRequest('unknown_agency', `ไม่รู้จักหน่วยงาน "${input.agency_code}"`, `Unknown agency "${input.agency_code}"`, [
        { field: 'agency_code', text: { th: 'ไม่รู้จักหน่วยงานนี้', en: 'is not a known agency' } },
      ]);
    }
    const receipt = newReceipt();
    const receiptHash = await hashReceipt(receipt.secret);
    const now = new Date();
    const details = {
      unit: input.unit ?? null, position: input.position ?? null, what: input.what, when_text: input.when_text ?? null,
      where_text: input.where_text ?? null, amount_baht: input.amount_baht ?? null, contract_ref: input.contract_ref ?? null,
    };
    const identity = input.identity && (input.identity.name || input.identity.phone || input.identity.email) ? input.identity : null;
    for (let attempt = 0; ; attempt++) {
      const caseNumber = newCaseNumber(now);
      try {
        await db.transaction().execute(async (trx) => {
          const k = vault.newCase(caseNumber);
          const { id } = await repo.insertCase(trx, {
            case_number: caseNumber, agency_id: agency.id, allegation_kind: input.allegation_kind ?? 'other', channel,
            stage: 'received', stage_entered_at: now, stage_due_at: dueAt('received', now), received_at: now,
            key_id: k.keyId, wrapped_key: k.wrapped, sealed_details: vault.sealText(k.key, caseNumber, 'details', JSON.stringify(details)),
            receipt_hash: receiptHash, receipt_must_reset: forceReset, identity_state: identity ? 'held' : 'none', refer_to: null, finding: null,
            sealed_report: null, merged_into_id: null,
          });
          await repo.enterStage(trx, id, 'received', now, dueAt('received', now));
          if (identity) {
            const ik = vault.newIdentityKey(caseNumber);
            const plain = JSON.stringify({ name: identity.name ?? null, phone: identity.phone ?? null, email: identity.email ?? null });
            await repo.insertIdentity(trx, { case_id: id, key_id: ik.keyId, wrapped_key: ik.wrapped, sealed: vault.sealText(ik.key, caseNumber, 'identity', plain), may_disclose: identity.may_disclose });
          }
          await sealEvidence(trx, { id, case_number: caseNumber }, k.key, files, 'complainant', null);
          await recordAudit(trx, actor, {
            action: 'integrity_case.file', entityType: 'integrity_case', entityId: caseNumber,
            after: { stage: 'received', channel, agency: agency.code, evidence_files: files.length },
          });
        });
        return { caseNumber, receipt, mustReset: forceReset };
      } catch (error) {
        if ((error as { code?: string }).code === '23505' && attempt < 3) continue;
        throw error;
      }
    }
  }

  /** Receipt check: constant work, one answer for unknown case and wrong secret. */
  async function access(caseNumberRaw: string, receiptRaw: string) {
    const key = attemptKey(caseNumberRaw);
    const tries = await repo.attempts(db, key);
    const wait = accessWaitMs(tries?.failures ?? 0, tries?.last_failure_at ?? null);
    if (wait > 0) {
      throw new AppError(429, 'receipt_slowed', {
        th: `ลองรหัสผิดหลายครั้ง กรุณารอ ${Math.ceil(wait / 1000)} วินาทีแล้วลองใหม่`,
        en: `Too many wrong tries; wait ${Math.ceil(wait / 1000)} seconds and try again`,
      });
    }
    const number = normaliseCaseNumber(caseNumberRaw);
    const row = number ? await repo.findCase(db, { number }) : undefined;
    const ok = await checkReceipt(row?.receipt_hash ?? null, receiptRaw);
    if (!ok || !row) {
      await repo.recordFailure(db, key);
      throw wrongReceipt();
    }
    await repo.clearAttempts(db, key);
    const token = newToken();
    await repo.insertToken(db, sha256Hex(token), row.id, new Date(Date.now() + CASE_TOKEN_TTL_MS));
    return { token, mustReset: row.receipt_must_reset };
  }

  async function caseFromToken(token: string | undefined, allowPendingReset = false): Promise<CaseRow> {
    if (!token || token.length > 200) throw new AppError(401, 'case_token_required', { th: 'กรุณาเข้าดูเรื่องด้วยเลขเรื่องและรหัสรับเรื่องอีกครั้ง', en: 'Open the case again with its number and receipt' });
    const found = await repo.findTokenCase(db, sha256Hex(token));
    const row = found ? await repo.findCase(db, { id: found.case_id }) : undefined;
    if (!row) throw new AppError(401, 'case_token_expired', { th: 'หมดเวลาการเข้าดูเรื่อง กรุณาใส่เลขเรื่องและรหัสรับเรื่องอีกครั้ง', en: 'The case session has ended; open the case again with its receipt' });
    if (row.receipt_must_reset && !allowPendingReset) {
      throw new AppError(403, 'receipt_reset_required', { th: 'กรุณาตั้งรหัสรับเรื่องใหม่ก่อน (รหัสเดิมมีเจ้าหน้าที่ทราบ)', en: 'Set a new receipt first: the one you were given is known to staff' });
    }
    return row;
  }

  async function resetReceipt(row: CaseRow) {
    const receipt = newReceipt();
    const receiptHash = await hashReceipt(receipt.secret);
    await db.transaction().execute(async (trx) => {
      await repo.updateCase(trx, row.id, { receipt_hash: receiptHash, receipt_must_reset: false });
      await recordAudit(trx, WHISTLEBLOWER_ACTOR, { action: 'integrity_case.receipt_reset', entityType: 'integrity_case', entityId: row.case_number });
    });
    return receipt;
  }

  /** What the complainant may see: stages, questions, evidence; no staff names. */
  async function mine(row: CaseRow) {
    const key = vault.caseKey(row);
    const [stages, questions, evidence] = await Promise.all([repo.stageHistory(db, row.id), repo.questions(db, row.id), repo.evidenceList(db, row.id)]);
    return {
      case_number: row.case_number,
      stage: row.stage,
      stage_label_th: STAGE_LABELS[row.stage].th,
      stage_label_en: STAGE_LABELS[row.stage].en,
      received_at: row.received_at.toISOString(),
      stages: stages.map((s) => ({ stage: s.stage, at: s.entered_at.toISOString() })),
      questions: questions.map((q) => ({
        id: q.public_id,
        text: vault.openText(key, row.case_number, `question:${q.public_id}`, q.sealed_text),
        asked_at: q.asked_at.toISOString(),
        answer: q.sealed_answer ? vault.openText(key, row.case_number, `answer:${q.public_id}`, q.sealed_answer) : null,
        answered_at: q.answered_at ? q.answered_at.toISOString() : null,
      })),
      evidence: evidence.filter((e) => !e.purged_at).map((e) => ({
        id: e.public_id, filename: vault.openText(key, row.case_number, `evidence-name:${e.public_id}`, e.sealed_filename), bytes: e.bytes, added_at: e.added_at.toISOString(), by: e.added_by,
      })),
    };
  }

  async function answer(row: CaseRow, questionId: string, text: string) {
    const key = vault.caseKey(row);
    await db.transaction().execute(async (trx) => {
      const q = await repo.findQuestion(trx, row.id, questionId);
      if (!q) throw fail.notFound('ไม่พบคำถามนี้', 'No such question');
      if (q.sealed_answer) throw fail.conflict('already_answered', 'ตอบคำถามนี้ไปแล้ว', 'This question has already been answered');
      await repo.answerQuestion(trx, q.id, vault.sealText(key, row.case_number, `answer:${questionId}`, text));
      await recordAudit(trx, WHISTLEBLOWER_ACTOR, { action: 'integrity_case.answer', entityType: 'integrity_case', entityId: row.case_number, after: { question: questionId } });
    });
  }

  async function addEvidence(row: CaseRow, files: EvidenceFile[], by: 'complainant' | 'investigator', actor: Actor, userId: string | null) {
    if (files.length === 0) throw fail.badRequest('evidence_required', 'กรุณาแนบไฟล์หลักฐาน', 'Attach at least one evidence file', [{ field: 'evidence', text: { th: 'จำเป็นต้องแนบ', en: 'is required' } }]);
    if (row.stage === 'closed') throw fail.conflict('case_closed', 'เรื่องนี้ปิดแล้ว', 'This case is closed');
    const key = vault.caseKey(row);
    await db.transaction().execute(async (trx) => {
      if ((await repo.evidenceCount(trx, row.id)) + files.length > MAX_EVIDENCE_PER_CASE) {
        throw fail.unprocessable('too_much_evidence', `แนบหลักฐานได้ไม่เกิน ${MAX_EVIDENCE_PER_CASE} ไฟล์ต่อเรื่อง`, `At most ${MAX_EVIDENCE_PER_CASE} evidence files per case`);
      }
      await sealEvidence(trx, row, key, files, by, userId);
      await recordAudit(trx, actor, { action: 'integrity_case.evidence_add', entityType: 'integrity_case', entityId: row.case_number, after: { files: files.length, by } });
    });
  }

  return { file, access, caseFromToken, resetReceipt, mine, answer, addEvidence };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
