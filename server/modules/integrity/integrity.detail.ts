import type { Db } from '../../platform/db/database.ts';
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import { can, INTEGRITY_ACTIONS } from './integrity.policy.ts';
import { integrityRepository as repo } from './integrity.repository.ts';
import { isOverdue, STAGE_LABELS } from './integrity.stages.ts';
import type { CaseRow } from './integrity.intake.service.ts';
import type { Vault } from './integrity.vault.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The whole case for permitted staff, decrypted; with the caller's abilities. */
export async function buildStaffDetail(db: Db, vault: Vault, user: AuthUser, row: CaseRow, assigned: boolean) {
  const key = vault.caseKey(row);
  const open = (purpose: string, sealed: Buffer) => vault.openText(key, row.case_number, purpose, sealed);
  const [agency, stages, questions, notes, evidence, assignees, sanctions, links, events, mergedFrom, identity, mergedInto] = await Promise.all([
    repo.agency(db, row.agency_id),
    repo.stageHistory(db, row.id),
    repo.questions(db, row.id),
    repo.notes(db, row.id),
    repo.evidenceList(db, row.id),
    repo.assignees(db, row.id),
    repo.sanctions(db, row.id),
    repo.links(db, row.id),
    repo.events(db, row.id),
    repo.mergedFrom(db, row.id),
    repo.findIdentity(db, row.id),
    row.merged_into_id ? repo.findCase(db, { id: row.merged_into_id }) : Promise.resolve(undefined),
  ]);
  const details = JSON.parse(open('details', row.sealed_details)) as {
    unit: string | null; position: string | null; what: string; when_text: string | null; where_text: string | null; amount_baht: number | null; contract_ref: string | null;
  };
  const facts = { stage: row.stage, assigned };
  const abilities = Object.fromEntries(Object.values(INTEGRITY_ACTIONS).filter((a) => a !== 'file_for_complainant' && a !== 'decide_identity').map((a) => [a, can(user, a, facts)]));
  return {
    case_number: row.case_number,
    agency: agency ? { code: agency.code, name_th: agency.name_th, name_en: agency.name_en } : null,
    allegation_kind: row.allegation_kind,
    channel: row.channel,
    stage: row.stage,
    stage_label_th: STAGE_LABELS[row.stage].th,
    stage_label_en: STAGE_LABELS[row.stage].en,
    received_at: row.received_at.toISOString(),
    due_at: iso(row.stage_due_at),
    overdue: isOverdue(row.stage_due_at),
    refer_to: row.refer_to,
    details: {
      unit: details.unit ?? null, position: details.position ?? null, what: details.what, when_text: details.when_text ?? null,
      where_text: details.where_text ?? null, amount_baht: details.amount_baht ?? null, contract_ref: details.contract_ref ?? null,
    },
    stages: stages.map((s) => ({ stage: s.stage, at: s.entered_at.toISOString(), due_at: iso(s.due_at), left_at: iso(s.left_at), overdue: s.left_at ? (s.due_at ? s.left_at > s.due_at : false) : isOverdue(s.due_at) })),
    questions: questions.map((q) => ({
      id: q.public_id, text: open(`question:${q.public_id}`, q.sealed_text), asked_at: q.asked_at.toISOString(),
      asked_by: { id: q.asked_by_public_id, display_name: q.asked_by_name },
      answer: q.sealed_answer ? open(`answer:${q.public_id}`, q.sealed_answer) : null, answered_at: iso(q.answered_at),
    })),
    notes: notes.map((n) => ({ text: open('note', n.sealed_text), at: n.created_at.toISOString(), by: { id: n.author_public_id, display_name: n.author_name } })),
    events: events.map((e) => ({
      kind: e.kind, at: e.created_at.toISOString(), by: e.actor_public_id ? { id: e.actor_public_id, display_name: e.actor_name ?? '' } : null,
      reason: e.sealed_text ? open('event', e.sealed_text) : null, data: (e.data ?? {}) as Record<string, unknown>,
    })),
    evidence: evidence.map((e) => ({
      id: e.public_id, filename: open(`evidence-name:${e.public_id}`, e.sealed_filename), content_type: e.content_type, bytes: e.bytes,
      added_at: e.added_at.toISOString(), by: e.added_by, purged: e.purged_at !== null,
    })),
    assignees: assignees.map((a) => ({ id: a.public_id, display_name: a.display_name, declaration: a.declaration, assigned_at: a.assigned_at.toISOString() })),
    finding: row.finding ? { finding: row.finding, report_text: row.sealed_report ? open('report', row.sealed_report) : '', at: iso(row.finding_at) } : null,
    sanctions: sanctions.map((s) => ({ kind: s.kind, official_name: s.sealed_official_name ? open('official', s.sealed_official_name) : null, final: s.final, publish_name: s.publish_name, published: s.public_official_name !== null })),
    links: links.map((l) => ({ type: l.type, ref: l.ref, at: l.created_at.toISOString() })),
    merged_into: mergedInto?.case_number ?? null,
    merged_from: mergedFrom.map((m) => m.case_number),
    identity: { given: row.identity_state === 'held', purged: row.identity_state === 'purged', may_disclose: identity ? identity.may_disclose : null },
    abilities,
  };
}
