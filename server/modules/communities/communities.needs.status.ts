/**
 * Ranks and statuses of needs. Open needs of a community are ranked 1..n with no gaps;
 * a need leaving the ranking (into a proposal, resolved, withdrawn) closes its gap, a
 * need coming back goes last. Every change runs inside the caller's transaction with
 * the community row locked, so two people re-ranking at once queue rather than clash.
 *
 * Other modules change statuses only through the functions exported here:
 *   markNeedsInProposal(trx, needIds, actor?)  open → in_proposal (a proposal addresses them)
 *   returnNeedsToOpen(trx, needIds, actor?)    in_proposal → open, ranked last (the proposal
 *                                               was withdrawn or not accepted)
 *   markNeedsResolved(trx, needIds, actor?)    open or in_proposal → resolved (delivered)
 * needIds are internal ids (community_needs.id, as resource_links hold them). With an
 * actor, each change gets its audit row in the same transaction.
 */
import { recordAudit, type Actor } from '../../platform/audit/audit.ts';
import type { Executor, Tx } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { needsRepository as repo } from './communities.needs.repository.ts';
import { communitiesRepository } from './communities.repository.ts';
import { reorder } from './communities.rules.ts';
import type { NeedStatus } from './communities.tables.ts';

/** Writes ranks 1..n in the given order, touching only rows whose rank changes. */
export async function applyOrder(db: Executor, order: readonly string[]): Promise<void> {
  const current = await repo.currentRanks(db, order);
  for (let i = 0; i < order.length; i++) {
    if (current.get(order[i]!) !== i + 1) await repo.setRank(db, order[i]!, i + 1);
  }
}

/** Moves one need to `rank` among the open ones (undefined: takes it out of the ranking). */
export async function placeInRanking(db: Executor, communityId: string, needId: string, rank: number | undefined): Promise<void> {
  const order = await repo.openOrder(db, communityId);
  await applyOrder(db, reorder(order, needId, rank));
}

interface Transition {
  from: readonly NeedStatus[];
  to: NeedStatus;
  action: string;
  /** Statuses that are already where they should be: left alone without complaint. */
  done: readonly NeedStatus[];
}

const TO_PROPOSAL: Transition = { from: ['open'], to: 'in_proposal', action: 'need.in_proposal', done: ['in_proposal'] };
const BACK_TO_OPEN: Transition = { from: ['in_proposal'], to: 'open', action: 'need.reopened', done: ['open'] };
const RESOLVED: Transition = { from: ['open', 'in_proposal'], to: 'resolved', action: 'need.resolved', done: ['resolved'] };

const STATUS_TH: Record<NeedStatus, string> = { open: 'เปิดอยู่', in_proposal: 'อยู่ในโครงการที่เสนอ', resolved: 'แก้ไขแล้ว', withdrawn: 'ถอนแล้ว' };

async function transition(trx: Tx, needIds: readonly string[], t: Transition, actor?: Actor): Promise<void> {
  const ids = [...new Set(needIds)];
  if (ids.length === 0) return;
  const communityIds = [...new Set((await repo.findByIds(trx, ids)).map((n) => n.community_id))].sort();
  // Lock communities first (in id order, so two callers never deadlock), then read the needs.
  for (const id of communityIds) await communitiesRepository.lock(trx, id);
  const needs = await repo.findByIds(trx, ids);
  if (needs.length !== ids.length) {
    throw fail.unprocessable('unknown_need', 'ไม่พบปัญหาและความต้องการบางรายการ', 'Some of the needs do not exist', [
      { field: 'need_ids', text: { th: 'มีรายการที่ไม่พบ', en: 'names a need that does not exist' } },
    ]);
  }
  const refused = needs.find((n) => !t.from.includes(n.status) && !t.done.includes(n.status));
  if (refused) {
    throw fail.conflict(
      'need_status_conflict',
      `ปัญหาและความต้องการบางรายการอยู่ในสถานะ "${STATUS_TH[refused.status]}" จึงเปลี่ยนเป็น "${STATUS_TH[t.to]}" ไม่ได้`,
      `A need is "${refused.status.replace('_', ' ')}" and cannot become "${t.to.replace('_', ' ')}"`,
    );
  }
  const moving = needs.filter((n) => t.from.includes(n.status));
  if (moving.length === 0) return;
  await repo.setStatus(trx, moving.map((n) => n.id), t.to);
  for (const communityId of communityIds) {
    // Leaving the ranking closes the gaps; coming back lines up at the end, in the order given.
    let order = await repo.openOrder(trx, communityId);
    const back = ids.filter((id) => moving.some((n) => n.id === id && n.community_id === communityId && t.to === 'open'));
    order = [...order.filter((id) => !back.includes(id)), ...back];
    await applyOrder(trx, order);
  }
  if (actor) {
    for (const n of moving) {
      await recordAudit(trx, actor, {
        action: t.action,
        entityType: 'need',
        entityId: n.public_id,
        before: { status: n.status, rank: n.status === 'open' ? n.rank : null },
        after: { status: t.to },
      });
    }
  }
}

/** open → in_proposal. Needs already in a proposal are left as they are; resolved or withdrawn ones are refused (409). */
export function markNeedsInProposal(trx: Tx, needIds: readonly string[], actor?: Actor): Promise<void> {
  return transition(trx, needIds, TO_PROPOSAL, actor);
}

/** in_proposal → open, ranked last; needs already open are left alone; others refused (409). */
export function returnNeedsToOpen(trx: Tx, needIds: readonly string[], actor?: Actor): Promise<void> {
  return transition(trx, needIds, BACK_TO_OPEN, actor);
}

/** open or in_proposal → resolved; withdrawn ones are refused (409). */
export function markNeedsResolved(trx: Tx, needIds: readonly string[], actor?: Actor): Promise<void> {
  return transition(trx, needIds, RESOLVED, actor);
}
