import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Executor } from '../../platform/db/database.ts';
import { factsOf, resolveCaller } from './proposals.caller.ts';
import { mayView } from './proposals.policy.ts';

/**
 * A proposal's documents follow the proposal: once submitted, anyone; a draft, only its
 * community's committee and the staff of its district (as on the proposal's own page).
 */
export async function proposalAttachmentVisible(db: Executor, user: AuthUser | null, proposalId: string): Promise<boolean> {
  const row = await db
    .selectFrom('proposals')
    .select(['community_id', 'district_code', 'state', 'evaluator_user_id', 'submitted_at'])
    .where('id', '=', proposalId)
    .executeTakeFirst();
  if (!row) return false;
  // Reading changes nothing, so the caller's actor is never recorded.
  const caller = await resolveCaller(db, user, { userId: user?.id ?? null, label: user ? `user:${user.publicId}` : 'anonymous', channel: 'web' });
  return mayView(caller, factsOf(row));
}
