/**
 * The review workflow: submit, assign an evaluator, request a revision, accept (with the
 * review), not accept (with a reason), merge into another proposal, withdraw. Each step
 * is one transaction: the proposal is locked (a merge locks its target with it, both in
 * id order, so opposite merges queue), the caller's standing checked (403), then
 * the state (409), then the input (422); only then is anything written — the change, a
 * proposal_events row the community sees, and the audit entry.
 */
import type { Selectable, Updateable } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { committeeSeatHolders, districtOfficeOf } from '../communities/communities.membership.ts';
import type { FieldProblem } from './proposals.budget.ts';
import { COMMITTEE_LABEL, factsOf, staffLabel, SYSTEM_LABEL } from './proposals.caller.ts';
import { markNeedsInProposal, releaseNeeds } from './proposals.needs-link.ts';
import { authorize, EVALUATOR_ROLES, type ProposalCaller } from './proposals.policy.ts';
import { proposalsRepository as repo } from './proposals.repository.ts';
import { notFound, requireState, unprocessable } from './proposals.service.ts';
import { MERGE_TARGET_STATES, nextState, STATE_LABELS, type ProposalAction } from './proposals.states.ts';
import type { ProposalsTable } from './proposals.tables.ts';

type Row = Selectable<ProposalsTable>;

const required = (value: string | undefined, field: string, th: string, en: string): FieldProblem | null =>
  value && value.trim() ? null : { field, text: { th, en } };

function refuseIf(problems: (FieldProblem | null)[]): void {
  const real = problems.filter((p): p is FieldProblem => p !== null);
  if (real.length > 0) throw unprocessable(real);
}

const joinNote = (...parts: (string | undefined | null)[]) => parts.map((p) => p?.trim()).filter(Boolean).join('\n');

export function createWorkflowService(deps: { db: Db }) {
  const { db } = deps;

  /**
   * Runs one step: lock, 401/404/403/409 checks, then `run` (which checks its own input
   * and returns the change), then writes the change, the event and the audit entry.
   */
  async function step(
    publicId: string,
    caller: ProposalCaller,
    action: ProposalAction,
    run: (trx: Tx, row: Row, alsoLocked: Row | null) => Promise<{
      values?: Updateable<ProposalsTable>;
      note: string;
      label: string;
      audit?: Record<string, unknown>;
      /** A follow-on step in the same transaction, after this one is recorded. */
      followUp?: () => Promise<void>;
    }>,
    /** Another proposal the step changes too (a merge's target), locked with this one. */
    alsoLock?: string,
  ): Promise<void> {
    if (!caller.user) throw fail.unauthorized();
    await db.transaction().execute(async (trx) => {
      const locked = alsoLock && alsoLock !== publicId
        ? await repo.lockManyByPublicId(trx, [publicId, alsoLock])
        : [await repo.lockByPublicId(trx, publicId)].filter((r): r is Row => !!r);
      const row = locked.find((r) => r.public_id === publicId);
      if (!row) throw notFound();
      authorize(action, caller, factsOf(row));
      requireState(action, row.state);
      const to = nextState(action, row.state);
      const change = await run(trx, row, locked.find((r) => r.public_id !== publicId) ?? null);
      await repo.update(trx, row.id, { ...change.values, state: to });
      await repo.insertEvent(trx, { proposalId: row.id, from: row.state, to, actorUserId: caller.user!.id, actorLabel: change.label, note: change.note });
      await recordAudit(trx, caller.actor, {
        action: `proposal.${action}`,
        entityType: 'proposal',
        entityId: publicId,
        before: { state: row.state },
        after: { state: to, note: change.note, ...change.audit },
      });
      await change.followUp?.();
    });
  }

  /** Committee: send the proposal (again) to the district. It must say what the problem is and what it costs. */
  async function submit(publicId: string, caller: ProposalCaller, note?: string): Promise<void> {
    await step(publicId, caller, 'submit', async (trx, row) => {
      const lines = await repo.budgetLines(trx, row.id);
      refuseIf([
        required(row.problem, 'problem', 'กรุณาอธิบายปัญหาก่อนส่งโครงการ', 'describe the problem before submitting'),
        lines.length > 0 ? null : { field: 'budget_lines', text: { th: 'ต้องมีรายการงบประมาณอย่างน้อย 1 รายการก่อนส่งโครงการ', en: 'add at least one budget line before submitting' } },
      ]);
      const resubmitted = row.state === 'revision_requested';
      const revision = resubmitted ? row.revision + 1 : row.revision;
      return {
        values: { revision, ...(row.submitted_at ? {} : { submitted_at: new Date() }) },
        note: joinNote(resubmitted ? `ฉบับแก้ไขครั้งที่ ${revision - 1}` : null, note),
        label: COMMITTEE_LABEL,
        audit: { revision },
        followUp: resubmitted ? () => returnToEvaluator(trx, row.id) : undefined,
      };
    });
  }

  /**
   * A revised proposal goes straight back to the evaluator who asked for the revision,
   * as its own visible step; a planner need not assign it again. If that evaluator has
   * left the district office it waits, submitted, for a new assignment.
   */
  async function returnToEvaluator(trx: Tx, proposalId: string): Promise<void> {
    const row = await trx.selectFrom('proposals').selectAll().where('id', '=', proposalId).executeTakeFirstOrThrow();
    if (row.state !== 'submitted' || !row.evaluator_user_id) return;
    const evaluator = await repo.userById(trx, row.evaluator_user_id);
    const office = await districtOfficeOf(trx, row.district_code);
    if (!evaluator || evaluator.disabled_at || evaluator.agency_id !== office || !(EVALUATOR_ROLES as readonly string[]).includes(evaluator.role)) return;
    if ((await committeeSeatHolders(trx, row.community_id, [evaluator.id])).size > 0) return;
    await repo.update(trx, row.id, { state: 'under_review' });
    const note = `ส่งกลับให้ ${evaluator.display_name} พิจารณาฉบับแก้ไข`;
    await repo.insertEvent(trx, { proposalId: row.id, from: 'submitted', to: 'under_review', actorUserId: null, actorLabel: SYSTEM_LABEL, note });
    await recordAudit(trx, { userId: null, label: 'system:proposals', channel: 'system' }, {
      action: 'proposal.returned_to_evaluator', entityType: 'proposal', entityId: row.public_id,
      before: { state: 'submitted' }, after: { state: 'under_review', evaluator: evaluator.public_id, revision: row.revision },
    });
  }

  /** District planner: hand the proposal to an officer or planner of the same district office. */
  async function assign(publicId: string, caller: ProposalCaller, evaluatorPublicId: string, note?: string): Promise<void> {
    await step(publicId, caller, 'assign', async (trx, row) => {
      const evaluator = await repo.userByPublicId(trx, evaluatorPublicId);
      const office = await districtOfficeOf(trx, row.district_code);
      const eligible = !!evaluator && !evaluator.disabled_at && evaluator.agency_id === office && (EVALUATOR_ROLES as readonly string[]).includes(evaluator.role);
      refuseIf([eligible ? null : {
        field: 'evaluator_id',
        text: { th: 'ผู้ประเมินต้องเป็นเจ้าหน้าที่หรือนักวิเคราะห์นโยบายและแผนของสำนักงานเขตที่ชุมชนตั้งอยู่', en: "must be an officer or planner of the community's district office" },
      }]);
      // Nobody judges their own community's proposal, whatever their role has become since.
      const conflicted = (await committeeSeatHolders(trx, row.community_id, [evaluator!.id])).size > 0;
      refuseIf([conflicted ? {
        field: 'evaluator_id',
        text: {
          th: 'ผู้ประเมินเป็นกรรมการของชุมชนที่เสนอโครงการนี้ จึงมีส่วนได้เสียและประเมินโครงการนี้ไม่ได้',
          en: "sits on the proposing community's committee (a conflict of interest) and may not evaluate it",
        },
      } : null]);
      return {
        values: { evaluator_user_id: evaluator!.id },
        note: joinNote(`ผู้ประเมิน: ${evaluator!.display_name}`, note),
        label: staffLabel(caller),
        audit: { evaluator: evaluator!.public_id },
      };
    });
  }

  async function requestRevision(publicId: string, caller: ProposalCaller, note: string): Promise<void> {
    await step(publicId, caller, 'request_revision', async () => {
      refuseIf([required(note, 'note', 'กรุณาบอกชุมชนว่าต้องแก้ไขอะไร', 'say what the community should revise')]);
      return { note: note.trim(), label: staffLabel(caller) };
    });
  }

  async function accept(publicId: string, caller: ProposalCaller, review: { feasibility: string; cost_check: string; carrying_agency_code: string; note?: string }): Promise<void> {
    await step(publicId, caller, 'accept', async (trx, row) => {
      const agency = await repo.agencyByCode(trx, review.carrying_agency_code);
      const carries = !!agency && agency.active && (agency.kind === 'department' || (agency.kind === 'district_office' && agency.district_code === row.district_code));
      refuseIf([
        required(review.feasibility, 'feasibility', 'กรุณาสรุปความเป็นไปได้ของโครงการ', 'give the feasibility assessment'),
        required(review.cost_check, 'cost_check', 'กรุณาสรุปผลการตรวจสอบราคา', 'give the cost check'),
        carries ? null : {
          field: 'carrying_agency_code',
          text: { th: 'หน่วยงานที่ดำเนินการต้องเป็นสำนักงานเขตนี้หรือสำนักของกรุงเทพมหานคร', en: 'must be this district office or a BMA department' },
        },
      ]);
      return {
        values: {
          review_feasibility: review.feasibility.trim(),
          review_cost_check: review.cost_check.trim(),
          carrying_agency_id: agency!.id,
          decision_reason: null,
          decided_at: new Date(),
        },
        note: joinNote(`หน่วยงานที่จะดำเนินการ: ${agency!.name_th}`, review.note),
        label: staffLabel(caller),
        audit: { feasibility: review.feasibility.trim(), cost_check: review.cost_check.trim(), carrying_agency: agency!.code },
      };
    });
  }

  async function notAccept(publicId: string, caller: ProposalCaller, reason: string): Promise<void> {
    await step(publicId, caller, 'not_accept', async (trx, row) => {
      refuseIf([required(reason, 'reason', 'กรุณาระบุเหตุผลที่ไม่รับโครงการ เพื่อให้ชุมชนทราบ', 'give the reason, for the community to read')]);
      await repo.update(trx, row.id, { state: 'not_accepted', decision_reason: reason.trim() });
      await releaseNeeds(trx, await repo.linkedNeedIds(trx, row.id), caller.actor);
      return { values: { decision_reason: reason.trim(), decided_at: new Date() }, note: reason.trim(), label: staffLabel(caller) };
    });
  }

  /** Two communities asked for the same thing: one proposal carries on, with both communities' needs. */
  async function merge(publicId: string, caller: ProposalCaller, mergedInto: string, note?: string): Promise<void> {
    await step(publicId, caller, 'merge', async (trx, row, target) => {
      const problem = (th: string, en: string): FieldProblem => ({ field: 'merged_into', text: { th, en } });
      if (mergedInto === publicId) refuseIf([problem('รวมโครงการเข้ากับตัวเองไม่ได้', 'cannot be the proposal itself')]);
      if (!target || target.submitted_at === null) refuseIf([problem('ไม่พบโครงการที่จะรวมเข้าไป', 'is not a known proposal')]);
      if (target!.district_code !== row.district_code) refuseIf([problem('รวมได้เฉพาะกับโครงการในเขตเดียวกัน', 'must be a proposal of the same district')]);
      if (!MERGE_TARGET_STATES.includes(target!.state)) {
        refuseIf([problem(`รวมเข้ากับโครงการที่ "${STATE_LABELS[target!.state].th}" ไม่ได้`, `cannot be a proposal that is "${STATE_LABELS[target!.state].en}"`)]);
      }
      const needs = await repo.linkedNeedIds(trx, row.id);
      await repo.linkNeeds(trx, needs, target!.id);
      await markNeedsInProposal(trx, needs, caller.actor);
      await repo.insertEvent(trx, {
        proposalId: target!.id, from: target!.state, to: target!.state, actorUserId: caller.user!.id, actorLabel: staffLabel(caller),
        note: joinNote(`รวมโครงการ ${row.public_id} "${row.title}" เข้ามาในโครงการนี้`, note),
      });
      await repo.update(trx, target!.id, {});
      return {
        values: { merged_into_id: target!.id, decided_at: new Date() },
        note: joinNote(`รวมเข้ากับโครงการ ${target!.public_id} "${target!.title}"`, note),
        label: staffLabel(caller),
        audit: { merged_into: target!.public_id, needs_carried: needs.length },
      };
    }, mergedInto);
  }

  async function withdraw(publicId: string, caller: ProposalCaller, note?: string): Promise<void> {
    await step(publicId, caller, 'withdraw', async (trx, row) => {
      await repo.update(trx, row.id, { state: 'withdrawn' });
      await releaseNeeds(trx, await repo.linkedNeedIds(trx, row.id), caller.actor);
      return { values: { decided_at: new Date() }, note: note?.trim() ?? '', label: COMMITTEE_LABEL };
    });
  }

  return { submit, assign, requestRevision, accept, notAccept, merge, withdraw };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;
