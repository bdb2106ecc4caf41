/**
 * When a plan item that came from a community proposal is completed, the needs that
 * proposal addresses are met: they become 'resolved' through the communities module's
 * own function, in the caller's transaction, each with its audit entry.
 */
import type { Actor } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { markNeedsResolved } from '../communities/communities.needs.status.ts';
import { needsSettledBy } from '../proposals/proposals.planning.ts';
import type { ItemRow } from './plans.repository.ts';

/** Resolves the delivered proposal's open needs; returns how many were resolved. */
export async function resolveNeedsOfDelivered(trx: Tx, item: Pick<ItemRow, 'source_proposal_id'>, actor: Actor): Promise<number> {
  if (!item.source_proposal_id) return 0;
  const needIds = await needsSettledBy(trx, item.source_proposal_id);
  await markNeedsResolved(trx, needIds, actor);
  return needIds.length;
}
