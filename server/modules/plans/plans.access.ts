/**
 * The first steps of every change to a plan: lock the plan (so item positions and the
 * ceiling check see one order of events), check the caller may build it, and find the
 * item. A plan or item that does not exist is 404; someone who may not build it, 403.
 */
import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Tx } from '../../platform/db/database.ts';
import { fail } from '../../platform/http/problem.ts';
import { authorize } from './plans.policy.ts';
import { plansRepository as repo, type ItemRow, type PlanRow } from './plans.repository.ts';
import { isOpen, STATUS_LABELS } from './plans.rules.ts';

export const notFoundPlan = () => fail.notFound('ไม่พบแผนปฏิบัติราชการนี้ หรือแผนยังไม่เผยแพร่', 'No such action plan, or it is not published yet');
export const notFoundItem = () => fail.notFound('ไม่พบรายการนี้ในแผน', 'No such item in this plan');

export async function lockPlanForBuild(trx: Tx, user: AuthUser | null, planId: string): Promise<PlanRow> {
  if (!user) throw fail.unauthorized();
  const plan = await repo.lockPlan(trx, planId);
  if (!plan) throw notFoundPlan();
  authorize(user, 'build', { agencyId: plan.agency_id });
  return plan;
}

export async function lockItemForBuild(trx: Tx, user: AuthUser | null, planId: string, itemId: string): Promise<{ plan: PlanRow; item: ItemRow }> {
  const plan = await lockPlanForBuild(trx, user, planId);
  const item = await repo.lockItem(trx, plan.id, itemId);
  if (!item) throw notFoundItem();
  return { plan, item };
}

/** Completed and cancelled items are history: nothing about them changes any more. */
export function requireOpen(item: ItemRow): void {
  if (isOpen(item.status)) return;
  const label = STATUS_LABELS[item.status];
  throw fail.conflict('item_closed', `รายการนี้อยู่ในสถานะ "${label.th}" แล้ว จึงแก้ไขหรือรายงานความก้าวหน้าไม่ได้`, `This item is ${label.en.toLowerCase()}; it can no longer be changed or reported on`);
}
