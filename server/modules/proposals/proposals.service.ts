/**
 * Writing proposals: a committee member drafts one for their community, edits it while
 * it is a draft or sent back for revision, and attaches documents. Every check runs
 * before anything is written; each change is one transaction with its audit entry.
 */
import type { Updateable } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { publicId as randomId } from '../../platform/auth/tokens.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { prepareAttachments, saveAttachments } from '../../platform/media/attachments.ts';
import type { MediaStore } from '../../platform/media/media-store.ts';
import { communityByCode, needsOfCommunity } from '../communities/communities.membership.ts';
import { checkBudget, type BudgetLine, type BudgetLineInput, type FieldProblem } from './proposals.budget.ts';
import { COMMITTEE_LABEL, factsOf } from './proposals.caller.ts';
import { fieldLabel } from './proposals.fields.ts';
import { checkActivities, checkDates, checkFiscalYear, type ActivityInput } from './proposals.input.ts';
import { markNeedsInProposal, releaseNeeds } from './proposals.needs-link.ts';
import { authorize, authorizeCreate, type ProposalCaller } from './proposals.policy.ts';
import { proposalsRepository as repo } from './proposals.repository.ts';
import { canTransition, outOfOrderText, type ProposalAction } from './proposals.states.ts';
import type { StrategyCode } from './proposals.strategies.ts';
import type { ProposalsTable } from './proposals.tables.ts';

export interface ProposalInput {
  community_code?: string;
  title?: string;
  problem?: string;
  need_ids?: string[];
  objectives?: string;
  activities?: ActivityInput[];
  beneficiaries?: string;
  beneficiaries_count?: number;
  starts_on?: string | null;
  ends_on?: string | null;
  strategy_code?: StrategyCode | null;
  district_policy?: string;
  fiscal_year?: number | string | null;
  total_baht?: string | number | null;
  budget_lines?: BudgetLineInput[];
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findByPublicId>>>;

export function notFound() {
  return fail.notFound('ไม่พบโครงการนี้', 'No such proposal');
}

/** One 422 naming every wrong field; its sentence names the first the way people call it. */
export function unprocessable(problems: FieldProblem[]) {
  const first = problems[0]!;
  const label = fieldLabel(first.field);
  const more = problems.length - 1;
  return fail.unprocessable(
    'invalid_proposal',
    `${label.th}: ${first.text.th}${more > 0 ? ` (และอีก ${more} ช่องที่ต้องแก้ไข)` : ''}`,
    `${label.en} ${first.text.en}${more > 0 ? ` (and ${more} more to correct)` : ''}`,
    problems,
  );
}

/** 409 with what was tried and when it is possible, unless the state allows the action. */
export function requireState(action: ProposalAction, state: Row['state']): void {
  if (canTransition(action, state)) return;
  const text = outOfOrderText(action, state);
  throw fail.conflict('proposal_state', text.th, text.en);
}

/** "PRJ-69-7Q4XKM": the two last digits of the Buddhist Era year it was written in. */
async function newPublicId(db: Executor, now: Date): Promise<string> {
  const be = new Date(now.getTime() + 7 * 3600_000).getUTCFullYear() + 543;
  for (;;) {
    const id = `PRJ-${String(be % 100).padStart(2, '0')}-${randomId(6)}`;
    if (!(await repo.publicIdTaken(db, id))) return id;
  }
}

interface Checked {
  values: Updateable<ProposalsTable>;
  lines: BudgetLine[] | null;
  needs: { id: string; publicId: string }[] | null;
}

/**
 * Every field a person sent, checked against the rules (and against what is stored for
 * a PATCH), all problems collected into one answer.
 */
async function checkInput(db: Executor, communityId: string, input: ProposalInput, stored: Row | null, now: Date): Promise<Checked> {
  const problems: FieldProblem[] = [];
  const values: Updateable<ProposalsTable> = {};
  const text = (name: 'title' | 'problem' | 'objectives' | 'beneficiaries' | 'district_policy', required = false) => {
    const v = input[name];
    if (v === undefined) return;
    const trimmed = v.trim();
    if (required && !trimmed) problems.push({ field: name, text: { th: 'ต้องไม่เว้นว่าง', en: 'must not be empty' } });
    values[name] = trimmed;
  };
  text('title', true);
  text('problem');
  text('objectives');
  text('beneficiaries');
  text('district_policy');
  if (input.beneficiaries_count !== undefined) values.beneficiaries_count = input.beneficiaries_count;
  if (input.strategy_code !== undefined) values.strategy_code = input.strategy_code;

  if (input.starts_on !== undefined || input.ends_on !== undefined) {
    const starts = input.starts_on !== undefined ? input.starts_on || null : stored?.starts_on ?? null;
    const ends = input.ends_on !== undefined ? input.ends_on || null : stored?.ends_on ?? null;
    problems.push(...checkDates(starts, ends, now));
    values.starts_on = starts;
    values.ends_on = ends;
  }
  if (input.activities !== undefined) {
    const checked = checkActivities(input.activities, now);
    problems.push(...checked.problems);
    values.activities = JSON.stringify(checked.activities);
  }
  if (input.fiscal_year !== undefined) {
    const fy = checkFiscalYear(input.fiscal_year, now);
    if (fy.ok) values.fiscal_year = fy.year;
    else problems.push(fy.problem);
  }

  let lines: BudgetLine[] | null = null;
  if (input.budget_lines !== undefined || input.total_baht !== undefined) {
    // A total sent alone is checked against the lines already stored.
    const lineInputs = input.budget_lines ?? (stored ? (await repo.budgetLines(db, stored.id)).map((l) => ({
      description: l.description, quantity: l.quantity, unit: l.unit, unit_cost_baht: satangText(l.unit_cost_satang),
    })) : []);
    const budget = checkBudget(lineInputs, input.total_baht);
    if (budget.ok) {
      values.total_satang = budget.totalSatang.toString();
      if (input.budget_lines !== undefined) lines = budget.lines;
    } else problems.push(...budget.problems);
  }

  let needs: Checked['needs'] = null;
  if (input.need_ids !== undefined) {
    const wanted = [...new Set(input.need_ids)];
    const found = await needsOfCommunity(db, communityId, wanted);
    const byId = new Map(found.map((n) => [n.publicId, n]));
    const missing = wanted.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      problems.push({ field: 'need_ids', text: { th: `ไม่พบความต้องการ ${missing.join(', ')} ในชุมชนนี้`, en: `${missing.join(', ')} are not needs of this community` } });
    }
    const closed = found.filter((n) => n.status === 'resolved' || n.status === 'withdrawn');
    if (closed.length > 0) {
      problems.push({ field: 'need_ids', text: { th: `ความต้องการ ${closed.map((n) => n.publicId).join(', ')} ได้รับการแก้ไขหรือถอนไปแล้ว`, en: `${closed.map((n) => n.publicId).join(', ')} are resolved or withdrawn` } });
    }
    needs = wanted.map((id) => byId.get(id)).filter((n) => !!n).map((n) => ({ id: n.id, publicId: n.publicId }));
  }

  if (problems.length > 0) throw unprocessable(problems);
  return { values, lines, needs };
}

function satangText(satang: string | bigint | number): string {
  const s = BigInt(satang);
  return `${s / 100n}.${(s % 100n).toString().padStart(2, '0')}`;
}

export function createProposalsService(deps: { db: Db; media: MediaStore }) {
  const { db, media } = deps;

  async function create(caller: ProposalCaller, input: ProposalInput & { title: string }): Promise<string> {
    const seat = authorizeCreate(caller);
    if (input.community_code !== undefined && input.community_code !== seat.communityCode) {
      const named = await communityByCode(db, input.community_code);
      throw fail.forbidden(
        named ? 'คุณเป็นกรรมการของชุมชนอื่น จึงเขียนโครงการในนามชุมชนนี้ไม่ได้' : 'ไม่พบชุมชนนี้ และคุณเขียนโครงการได้เฉพาะในนามชุมชนของคุณ',
        named ? 'You sit on another community\'s committee and cannot write for this one' : 'No such community; you may write only for your own community',
      );
    }
    const now = new Date();
    const checked = await checkInput(db, seat.communityId, input, null, now);
    return db.transaction().execute(async (trx) => {
      // Needs first: that locks the community row before the insert below takes its key-share
      // lock, so two members writing at once queue instead of deadlocking.
      const needIds = checked.needs?.map((n) => n.id) ?? [];
      await markNeedsInProposal(trx, needIds, caller.actor);
      const publicId = await newPublicId(trx, now);
      const id = await repo.insert(trx, {
        public_id: publicId,
        community_id: seat.communityId,
        district_code: seat.districtCode,
        title: checked.values.title as string,
        problem: (checked.values.problem as string | undefined) ?? '',
        objectives: checked.values.objectives,
        activities: checked.values.activities as string | undefined,
        beneficiaries: checked.values.beneficiaries,
        beneficiaries_count: checked.values.beneficiaries_count,
        starts_on: checked.values.starts_on ?? null,
        ends_on: checked.values.ends_on ?? null,
        strategy_code: checked.values.strategy_code ?? null,
        district_policy: checked.values.district_policy,
        fiscal_year: checked.values.fiscal_year ?? null,
        total_satang: checked.values.total_satang ?? '0',
        created_by: caller.user!.id,
      });
      if (checked.lines) await repo.replaceBudgetLines(trx, id, checked.lines);
      await repo.linkNeeds(trx, needIds, id);
      await repo.insertEvent(trx, { proposalId: id, from: null, to: 'draft', actorUserId: caller.user!.id, actorLabel: COMMITTEE_LABEL, note: '' });
      await recordAudit(trx, caller.actor, {
        action: 'proposal.created',
        entityType: 'proposal',
        entityId: publicId,
        after: {
          community: seat.communityCode, title: checked.values.title, total_satang: checked.values.total_satang ?? '0',
          budget_lines: checked.lines?.length ?? 0, needs: checked.needs?.map((n) => n.publicId) ?? [], fiscal_year: checked.values.fiscal_year ?? null,
        },
      });
      return publicId;
    });
  }

  async function update(caller: ProposalCaller, publicId: string, input: Omit<ProposalInput, 'community_code'>): Promise<void> {
    if (!caller.user) throw fail.unauthorized();
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      const row = await repo.lockByPublicId(trx, publicId);
      if (!row) throw notFound();
      authorize('edit', caller, factsOf(row));
      requireState('edit', row.state);
      const checked = await checkInput(trx, row.community_id, input, row, now);
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(checked.values)) {
        const old = (row as unknown as Record<string, unknown>)[key];
        const oldJson = key === 'activities' ? JSON.stringify(old) : old;
        if (String(oldJson ?? '') !== String(value ?? '')) {
          before[key] = old;
          after[key] = key === 'activities' ? JSON.parse(value as string) : value;
        }
      }
      await repo.update(trx, row.id, checked.values);
      if (checked.lines) {
        await repo.replaceBudgetLines(trx, row.id, checked.lines);
        after.budget_lines = checked.lines.length;
      }
      if (checked.needs) {
        const current = await repo.linkedNeedIds(trx, row.id);
        const wanted = checked.needs.map((n) => n.id);
        const removed = current.filter((id) => !wanted.includes(id));
        const added = wanted.filter((id) => !current.includes(id));
        await repo.unlinkNeeds(trx, removed, row.id);
        await repo.linkNeeds(trx, added, row.id);
        await markNeedsInProposal(trx, added, caller.actor);
        await releaseNeeds(trx, removed, caller.actor);
        if (removed.length + added.length > 0) after.needs = checked.needs.map((n) => n.publicId);
      }
      await recordAudit(trx, caller.actor, { action: 'proposal.updated', entityType: 'proposal', entityId: publicId, before, after });
    });
  }

  /** Documents and photos for the proposal (budget quotes, maps, meeting minutes). */
  async function attach(caller: ProposalCaller, publicId: string, files: { filename: string; data: Buffer }[]): Promise<string[]> {
    if (!caller.user) throw fail.unauthorized();
    const seen = await repo.findByPublicId(db, publicId);
    if (!seen) throw notFound();
    authorize('attach', caller, factsOf(seen));
    requireState('attach', seen.state);
    if (files.length === 0) {
      throw unprocessable([{ field: 'files', text: { th: 'กรุณาเลือกไฟล์อย่างน้อยหนึ่งไฟล์', en: 'choose at least one file' } }]);
    }
    const prepared = await prepareAttachments(files, 'files');
    return db.transaction().execute(async (trx) => {
      const row = await repo.lockByPublicId(trx, publicId);
      if (!row) throw notFound();
      requireState('attach', row.state);
      const ids = await saveAttachments(trx, media, { type: 'proposal', id: row.id }, prepared, caller.user!.id);
      await recordAudit(trx, caller.actor, {
        action: 'proposal.attachments_added', entityType: 'proposal', entityId: publicId,
        after: { attachments: ids, files: prepared.map((f) => ({ name: f.fileName, kind: f.kind, bytes: f.full.length })) },
      });
      return ids;
    });
  }

  return { create, update, attach };
}

export type ProposalsService = ReturnType<typeof createProposalsService>;
