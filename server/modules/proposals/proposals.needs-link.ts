/**
 * A need's status follows the proposals that address it: 'in_proposal' while a live
 * proposal carries it, back to 'open' when the last one is withdrawn or not accepted.
 * The communities module owns community_needs and its ranking; the status changes go
 * through its functions (communities.needs.status.ts), in the caller's transaction,
 * with the actor so each need's change is audited. This file decides *which* needs
 * move: a need addressed by another live proposal stays in_proposal.
 */
import type { Actor } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { markNeedsInProposal as toInProposal, returnNeedsToOpen } from '../communities/communities.needs.status.ts';
import { NEED_LINK } from './proposals.repository.ts';
import { LIVE_STATES } from './proposals.states.ts';

/** Open needs become 'in_proposal'; needs already in a proposal stay as they are. */
export async function markNeedsInProposal(trx: Tx, needIds: readonly string[], actor: Actor): Promise<void> {
  if (needIds.length === 0) return;
  await toInProposal(trx, needIds, actor);
}

/** Hands needs back to 'open' when no live proposal addresses them any more. */
export async function releaseNeeds(trx: Tx, needIds: readonly string[], actor: Actor): Promise<void> {
  if (needIds.length === 0) return;
  const stillCarried = await trx
    .selectFrom('resource_links as l')
    .innerJoin('proposals as p', 'p.id', 'l.to_id')
    .select('l.from_id')
    .where('l.from_type', '=', NEED_LINK.fromType)
    .where('l.to_type', '=', NEED_LINK.toType)
    .where('l.relation', '=', NEED_LINK.relation)
    .where('l.from_id', 'in', needIds)
    .where('p.state', 'in', LIVE_STATES)
    .execute();
  const carried = new Set(stillCarried.map((r) => r.from_id));
  const candidates = needIds.filter((id) => !carried.has(id));
  if (candidates.length === 0) return;
  const free = await trx
    .selectFrom('community_needs')
    .select('id')
    .where('id', 'in', candidates)
    .where('status', '=', 'in_proposal')
    .execute();
  await returnNeedsToOpen(trx, free.map((n) => n.id), actor);
}
