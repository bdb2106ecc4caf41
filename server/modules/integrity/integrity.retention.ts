import type { Db } from '../../platform/db/database.ts';
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { integrityRepository as repo } from './integrity.repository.ts';
import { integrityQueries } from './integrity.query.repository.ts';

export interface RetentionPolicy {
  /** Days after closing before the complainant's identity is destroyed. */
  identityDays: number;
  /** Days after closing before evidence bytes are destroyed (the list of files stays). */
  evidenceDays: number;
}

export interface PurgeSummary {
  identities: number;
  evidenceCases: number;
  evidenceFiles: number;
}

/**
 * Destroys identities and evidence of closed cases once the retention policy says so,
 * one case per transaction, each audited. A reopened case is not closed, so it is safe.
 */
export async function purgeExpired(db: Db, policy: RetentionPolicy, now = new Date()): Promise<PurgeSummary> {
  const summary: PurgeSummary = { identities: 0, evidenceCases: 0, evidenceFiles: 0 };
  const identityBefore = new Date(now.getTime() - policy.identityDays * 86_400_000);
  const evidenceBefore = new Date(now.getTime() - policy.evidenceDays * 86_400_000);
  const actor = SYSTEM_ACTOR('integrity-retention');
  for (;;) {
    const due = await integrityQueries.purgeCandidates(db, identityBefore, evidenceBefore);
    if (due.length === 0) break;
    for (const c of due) {
      await db.transaction().execute(async (trx) => {
        const row = await repo.findCase(trx, { id: c.id }, true);
        if (!row || row.stage !== 'closed' || !row.closed_at) return;
        const purged: Record<string, unknown> = {};
        if (row.identity_state === 'held' && row.closed_at < identityBefore) {
          await repo.deleteIdentity(trx, row.id);
          await repo.updateCase(trx, row.id, { identity_state: 'purged' });
          purged.identity = true;
          summary.identities += 1;
        }
        if (!row.evidence_purged_at && row.closed_at < evidenceBefore) {
          const result = await repo.purgeEvidence(trx, row.id);
          await repo.updateCase(trx, row.id, { evidence_purged_at: now });
          purged.evidence_files = Number(result.numUpdatedRows);
          summary.evidenceCases += 1;
          summary.evidenceFiles += Number(result.numUpdatedRows);
        }
        if (Object.keys(purged).length > 0) {
          await recordAudit(trx, actor, { action: 'integrity_case.retention_purge', entityType: 'integrity_case', entityId: row.case_number, after: { ...purged, policy_identity_days: policy.identityDays, policy_evidence_days: policy.evidenceDays } });
        }
      });
    }
    if (due.length < 500) break;
  }
  return summary;
}
