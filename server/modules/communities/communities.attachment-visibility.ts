import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { Executor } from '../../platform/db/database.ts';

/**
 * A need's photos and PDFs are as public as the need itself: every need, whatever its
 * status, is shown on its community's page. Files of a need that does not exist are not.
 */
export async function needAttachmentVisible(db: Executor, _user: AuthUser | null, needId: string): Promise<boolean> {
  return !!(await db.selectFrom('community_needs').select('id').where('id', '=', needId).executeTakeFirst());
}
