import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Executor } from '../../platform/db/database.ts';
import { can } from './plans.policy.ts';

/**
 * Photos of a progress report follow its plan: public once the plan is published; while
 * it is a draft, only the staff of the plan's agency (and administrators) see them.
 */
export async function planProgressAttachmentVisible(db: Executor, user: AuthUser | null, progressReportId: string): Promise<boolean> {
  const plan = await db
    .selectFrom('plan_progress_reports as r')
    .innerJoin('plan_items as i', 'i.id', 'r.item_id')
    .innerJoin('action_plans as p', 'p.id', 'i.plan_id')
    .select(['p.status', 'p.agency_id'])
    .where('r.id', '=', progressReportId)
    .executeTakeFirst();
  if (!plan) return false;
  return plan.status === 'published' || can(user, 'view_draft', { agencyId: plan.agency_id });
}
