import type { Db, Executor } from '../../platform/db/database.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import { fail } from '../../platform/http/problem.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import { loadForStaff, refuseConflict } from './integrity.access.ts';
import { integrityRepository as repo } from './integrity.repository.ts';
import { integrityQueries, PAGE_SIZE } from './integrity.query.repository.ts';
import { canMove, dueAt, isOverdue, PUBLISHABLE_SANCTIONS, reopenStage } from './integrity.stages.ts';
import { normaliseCaseNumber } from './integrity.receipt.ts';
import type { CaseRow, EvidenceFile, IntakeService } from './integrity.intake.service.ts';
import type { AllegationKind, IntegrityFinding, IntegrityStage, SanctionKind } from './integrity.tables.ts';
import type { Vault } from './integrity.vault.ts';
import { buildStaffDetail } from './integrity.detail.ts';

const audit = (trx: Executor, actor: Actor, row: CaseRow, action: string, after?: Record<string, unknown>, before?: Record<string, unknown>) =>
  recordAudit(trx as never, actor, { action: `integrity_case.${action}`, entityType: 'integrity_case', entityId: row.case_number, before, after });

export function createWorkflowService(db: Db, vault: Vault, intake: IntakeService) {
  /** One stage move: the case row, its history and the deadline of the new stage. */
  async function moveStage(trx: Executor, row: CaseRow, to: IntegrityStage, extra: Partial<CaseRow> = {}) {
    if (!canMove(row.stage, to)) throw fail.conflict('wrong_stage', 'ทำรายการนี้ในขั้นตอนปัจจุบันของเรื่องไม่ได้', "This cannot be done at the case's current stage");
    const now = new Date();
    const due = dueAt(to, now);
    await repo.updateCase(trx, row.id, { ...extra, stage: to, stage_entered_at: now, stage_due_at: due, ...(to === 'closed' ? { closed_at: now } : {}) });
    await repo.enterStage(trx, row.id, to, now, due);
  }

  async function event(trx: Executor, row: CaseRow, kind: string, user: AuthUser, text: string | null, data: Record<string, unknown> = {}) {
    const sealed = text === null ? null : vault.sealText(vault.caseKey(row), row.case_number, 'event', text);
    await repo.insertEvent(trx, { case_id: row.id, kind, actor_user_id: user.id, sealed_text: sealed, data });
  }

  async function list(user: AuthUser, q: { stage?: IntegrityStage; overdue?: boolean; page?: number }) {
    if (!['screening_officer', 'integrity_head', 'investigator'].includes(user.role)) throw fail.forbidden();
    const page = q.page ?? 1;
    const { total, items } = await integrityQueries.staffCases(db, {
      userId: user.id, onlyAssigned: user.role === 'investigator', excludeAgencyId: user.agencyId, stage: q.stage, overdue: q.overdue, page,
    });
    return {
      items: items.map((c) => ({
        case_number: c.case_number,
        agency: { code: c.agency_code, name_th: c.agency_name_th, name_en: c.agency_name_en },
        allegation_kind: c.allegation_kind,
        stage: c.stage,
        received_at: c.received_at.toISOString(),
        due_at: c.stage_due_at ? c.stage_due_at.toISOString() : null,
        overdue: isOverdue(c.stage_due_at),
        assigned: Boolean(c.assigned),
      })),
      total, page, page_size: PAGE_SIZE,
    };
  }

  async function detail(user: AuthUser, actor: Actor, number: string) {
    let { row, assigned } = await loadForStaff(db, user, actor, number, 'view');
    // Screening starts when a screening officer (or the head) first opens the case.
    if (row.stage === 'received' && ['screening_officer', 'integrity_head'].includes(user.role)) {
      await db.transaction().execute(async (trx) => {
        await moveStage(trx, row, 'screening');
        await audit(trx, actor, row, 'screening_start', { stage: 'screening' }, { stage: 'received' });
      });
      row = (await repo.findCase(db, { id: row.id }))!;
    }
    return buildStaffDetail(db, vault, user, row, assigned);
  }

  async function screen(user: AuthUser, actor: Actor, number: string, body: { decision: 'accept' | 'not_accepted' | 'refer'; reason: string; refer_to?: 'nacc' | 'oag' | 'police' | 'other'; allegation_kind?: AllegationKind }) {
    const { row } = await loadForStaff(db, user, actor, number, 'screen');
    if (body.decision === 'refer' && !body.refer_to) {
      throw fail.badRequest('refer_to_required', 'กรุณาระบุหน่วยงานที่ส่งต่อ', 'Say which outside body the case is referred to', [{ field: 'refer_to', text: { th: 'จำเป็นต้องระบุ', en: 'is required' } }]);
    }
    const to: IntegrityStage = body.decision === 'accept' ? 'investigation' : body.decision === 'refer' ? 'referred' : 'not_accepted';
    await db.transaction().execute(async (trx) => {
      if (row.stage === 'received') {
        await moveStage(trx, row, 'screening');
        row.stage = 'screening';
      }
      await moveStage(trx, row, to, { refer_to: body.decision === 'refer' ? body.refer_to! : null, ...(body.allegation_kind ? { allegation_kind: body.allegation_kind } : {}) });
      await event(trx, row, 'screened', user, body.reason, { decision: body.decision, refer_to: body.refer_to ?? null });
      await audit(trx, actor, row, 'screen', { stage: to, decision: body.decision, refer_to: body.refer_to ?? null, allegation_kind: body.allegation_kind ?? row.allegation_kind }, { stage: row.stage });
    });
  }

  async function assign(user: AuthUser, actor: Actor, number: string, body: { user_id: string; declaration: { no_conflict: true; statement: string } }) {
    const { row } = await loadForStaff(db, user, actor, number, 'assign');
    const assignee = await repo.user(db, { publicId: body.user_id });
    if (!assignee || assignee.disabled_at || assignee.role !== 'investigator') {
      throw fail.unprocessable('not_an_investigator', 'มอบหมายได้เฉพาะพนักงานสอบสวนของหน่วยตรวจสอบ', 'Cases can only be assigned to integrity investigators', [{ field: 'user_id', text: { th: 'ไม่ใช่พนักงานสอบสวน', en: 'is not an investigator' } }]);
    }
    if (assignee.agency_id !== null && assignee.agency_id === row.agency_id) {
      await refuseConflict(db, actor, row.case_number, 'assign', { assignee: assignee.public_id });
    }
    await db.transaction().execute(async (trx) => {
      const inserted = await repo.insertAssignment(trx, { case_id: row.id, user_id: assignee.id, assigned_by: user.id, declaration: body.declaration.statement });
      if (!inserted) throw fail.conflict('already_assigned', 'มอบหมายคนนี้ไปแล้ว', 'This investigator is already assigned');
      await audit(trx, actor, row, 'assign', { assignee: assignee.public_id, declared_no_conflict: true });
    });
  }

  async function ask(user: AuthUser, actor: Actor, number: string, text: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'ask');
    const pid = publicId(10);
    await db.transaction().execute(async (trx) => {
      await repo.insertQuestion(trx, { public_id: pid, case_id: row.id, asked_by: user.id, sealed_text: vault.sealText(vault.caseKey(row), row.case_number, `question:${pid}`, text) });
      await audit(trx, actor, row, 'question', { question: pid });
    });
    return pid;
  }

  async function note(user: AuthUser, actor: Actor, number: string, text: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'note');
    await db.transaction().execute(async (trx) => {
      await repo.insertNote(trx, { case_id: row.id, author_id: user.id, sealed_text: vault.sealText(vault.caseKey(row), row.case_number, 'note', text) });
      await audit(trx, actor, row, 'note');
    });
  }

  async function addEvidence(user: AuthUser, actor: Actor, number: string, files: EvidenceFile[]) {
    const { row } = await loadForStaff(db, user, actor, number, 'add_evidence');
    await intake.addEvidence(row, files, 'investigator', actor, user.id);
  }

  async function downloadEvidence(user: AuthUser, actor: Actor, number: string, evidenceId: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'download_evidence');
    const e = await repo.findEvidence(db, row.id, evidenceId);
    if (!e) throw fail.notFound('ไม่พบไฟล์หลักฐานนี้', 'No such evidence file');
    if (!e.sealed_data) throw fail.notFound('ไฟล์หลักฐานนี้ถูกลบตามนโยบายการเก็บรักษาแล้ว', 'This evidence file was purged under the retention policy');
    const key = vault.caseKey(row);
    const data = vault.openBytes(key, row.case_number, `evidence:${e.public_id}`, e.sealed_data);
    await db.transaction().execute((trx) => audit(trx, actor, row, 'evidence_download', { evidence: e.public_id }));
    return { data, filename: vault.openText(key, row.case_number, `evidence-name:${e.public_id}`, e.sealed_filename) };
  }

  async function finding(user: AuthUser, actor: Actor, number: string, body: { finding: IntegrityFinding; report_text: string }) {
    const { row } = await loadForStaff(db, user, actor, number, 'finding');
    await db.transaction().execute(async (trx) => {
      await moveStage(trx, row, 'finding', { finding: body.finding, finding_at: new Date(), sealed_report: vault.sealText(vault.caseKey(row), row.case_number, 'report', body.report_text) });
      await audit(trx, actor, row, 'finding', { stage: 'finding', finding: body.finding }, { stage: row.stage });
    });
  }

  async function sanctions(user: AuthUser, actor: Actor, number: string, list: Array<{ kind: SanctionKind; official_name?: string; final: boolean; publish_name: boolean }>) {
    const { row } = await loadForStaff(db, user, actor, number, 'sanctions');
    if (!['finding', 'sanction'].includes(row.stage)) throw fail.conflict('wrong_stage', 'บันทึกการลงโทษได้หลังสรุปผลการสอบสวนแล้ว', 'Sanctions come after the finding');
    if (row.finding === 'not_substantiated') throw fail.conflict('finding_not_substantiated', 'ผลการสอบสวนไม่มีมูล จึงลงโทษไม่ได้', 'The finding is "not substantiated": no sanction can follow');
    const key = vault.caseKey(row);
    await db.transaction().execute(async (trx) => {
      await repo.replaceSanctions(trx, row.id, list.map((s) => {
        const name = s.official_name?.trim() || null;
        const publishable = s.final && s.publish_name && (PUBLISHABLE_SANCTIONS as readonly string[]).includes(s.kind);
        return {
          kind: s.kind, final: s.final, publish_name: s.publish_name,
          sealed_official_name: name ? vault.sealText(key, row.case_number, 'official', name) : null,
          public_official_name: publishable ? name : null,
        };
      }));
      if (row.stage === 'finding') await moveStage(trx, row, 'sanction');
      await audit(trx, actor, row, 'sanctions', { stage: 'sanction', sanctions: list.map((s) => ({ kind: s.kind, final: s.final, publish_name: s.publish_name })) }, { stage: row.stage });
    });
  }

  async function close(user: AuthUser, actor: Actor, number: string, reason: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'close');
    await db.transaction().execute(async (trx) => {
      await moveStage(trx, row, 'closed');
      await event(trx, row, 'closed', user, reason);
      await audit(trx, actor, row, 'close', { stage: 'closed' }, { stage: row.stage });
    });
  }

  async function reopen(user: AuthUser, actor: Actor, number: string, reason: string) {
    const { row } = await loadForStaff(db, user, actor, number, 'reopen');
    if (row.merged_into_id) throw fail.conflict('merged', 'เรื่องนี้ถูกรวมกับเรื่องอื่นแล้ว', 'This case was merged into another');
    const history = (await repo.stageHistory(db, row.id)).map((h) => h.stage);
    const to = reopenStage(history);
    await db.transaction().execute(async (trx) => {
      await moveStage(trx, row, to, { closed_at: null, reopen_count: row.reopen_count + 1 });
      await event(trx, row, 'reopened', user, reason);
      await audit(trx, actor, row, 'reopen', { stage: to }, { stage: row.stage });
    });
  }

  async function merge(user: AuthUser, actor: Actor, number: string, body: { into_case_number: string; reason: string }) {
    const { row } = await loadForStaff(db, user, actor, number, 'merge');
    const { row: into } = await loadForStaff(db, user, actor, body.into_case_number, 'view');
    if (into.id === row.id || into.merged_into_id || into.stage === 'closed') {
      throw fail.unprocessable('bad_merge_target', 'รวมเข้ากับเรื่องนี้ไม่ได้ (เป็นเรื่องเดียวกัน ปิดแล้ว หรือถูกรวมไปแล้ว)', 'Cannot merge into that case (same case, closed, or itself merged)', [{ field: 'into_case_number', text: { th: 'ใช้ไม่ได้', en: 'cannot be used' } }]);
    }
    await db.transaction().execute(async (trx) => {
      await moveStage(trx, row, 'closed', { merged_into_id: into.id });
      await event(trx, row, 'merged', user, body.reason, { into: into.case_number });
      await audit(trx, actor, row, 'merge', { stage: 'closed', into: into.case_number }, { stage: row.stage });
      await audit(trx, actor, into, 'merged_from', { from: row.case_number });
    });
  }

  async function link(user: AuthUser, actor: Actor, number: string, body: { type: 'report' | 'plan_item' | 'contract'; ref: string }) {
    const { row } = await loadForStaff(db, user, actor, number, 'link');
    await db.transaction().execute(async (trx) => {
      await repo.insertLink(trx, { case_id: row.id, type: body.type, ref: body.ref.trim(), created_by: user.id });
      await audit(trx, actor, row, 'link', { type: body.type, ref: body.ref.trim() });
    });
  }

  /**
   * Who may be assigned: investigators and the head. With a case number, those from the
   * agency the case names are left out (they could never be assigned anyway).
   */
  async function investigators(user: AuthUser, actor: Actor, number?: string) {
    let excludeAgency: string | null = null;
    if (number) excludeAgency = (await loadForStaff(db, user, actor, number, 'view')).row.agency_id;
    const people = await repo.listInvestigators(db);
    return { items: people.filter((p) => !excludeAgency || p.agency_id !== excludeAgency).map((p) => ({ id: p.public_id, display_name: p.display_name })) };
  }

  return { investigators, list, detail, screen, assign, ask, note, addEvidence, downloadEvidence, finding, sanctions, close, reopen, merge, link, normaliseCaseNumber };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
