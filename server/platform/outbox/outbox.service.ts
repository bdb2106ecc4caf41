import type { AppConfig } from '../config/config.ts';
import type { Db } from '../db/database.ts';
import { recordAudit, type Actor } from '../audit/audit.ts';
import { fail } from '../http/problem.ts';
import { outboxRepository as repo, type ListFilter, type OutboxRow, type OutboxStatus } from './outbox.repository.ts';
import { channelStates } from './outbox.worker.ts';
import type { OutboxChannel } from './outbox.ts';

const RETRYABLE: readonly OutboxStatus[] = ['failed', 'skipped'];

/** What staff may see and do with the outbox: read deliveries, put a message back. */
export function createOutboxAdminService(deps: { db: Db; config: AppConfig }) {
  const { db } = deps;
  const states = channelStates(deps.config);
  const offOf = (channel: string) => states.find((s) => s.channel === channel)?.off;

  /** Failed or skipped, and its channel is on now (else a retry would only be skipped again). */
  const canRetry = (row: Pick<OutboxRow, 'status' | 'channel'>) => RETRYABLE.includes(row.status) && offOf(row.channel) === null;

  return {
    canRetry,

    list: (filter: ListFilter, page: number, pageSize: number) => repo.list(db, filter, page, pageSize),

    async summary(days: number) {
      const [rows, oldest] = await Promise.all([repo.summary(db, days), repo.oldestPending(db)]);
      return {
        days,
        oldest_pending_at: oldest ? new Date(oldest).toISOString() : null,
        channels: states.map((s) => {
          const counts = { pending: 0, delivered: 0, failed: 0, skipped: 0 };
          for (const r of rows) if (r.channel === s.channel) counts[r.status] = Number(r.n);
          return {
            channel: s.channel as OutboxChannel,
            label: s.adapter.label,
            enabled: s.off === null,
            supported: s.adapter.supported,
            missing_settings: s.adapter.missingSettings(deps.config.channels),
            counts,
          };
        }),
      };
    },

    /** Puts a failed or skipped message back in the queue with fresh attempts; audited in the same transaction. */
    async retry(id: string, actor: Actor): Promise<OutboxRow> {
      return db.transaction().execute(async (trx) => {
        const row = await repo.findForUpdate(trx, id);
        if (!row) throw fail.notFound('ไม่พบข้อความนี้ในคิวส่ง', 'No such outbox message');
        if (!RETRYABLE.includes(row.status)) {
          throw fail.conflict('outbox_not_retryable', 'ส่งซ้ำได้เฉพาะข้อความที่ส่งไม่สำเร็จหรือถูกข้าม', 'Only a failed or skipped message can be sent again');
        }
        const off = offOf(row.channel);
        if (off === undefined) throw fail.conflict('outbox_unknown_channel', 'ระบบไม่รู้จักช่องทางของข้อความนี้', 'This message has a channel the system cannot deliver to');
        if (off !== null) {
          throw fail.conflict('outbox_channel_off', `ช่องทางนี้ปิดอยู่ ต้องตั้งค่าก่อน (${off.replace(/^set /, '')})`, `This channel is switched off: ${off}`);
        }
        const updated = await repo.requeue(trx, id);
        await recordAudit(trx, actor, {
          action: 'outbox.retry',
          entityType: 'outbox_message',
          entityId: id,
          // No recipient and no text: the audit trail is readable far more widely than the outbox.
          before: { status: row.status, attempts: row.attempts, channel: row.channel },
          after: { status: updated.status, attempts: updated.attempts, channel: updated.channel },
        });
        return updated;
      });
    },
  };
}

export type OutboxAdminService = ReturnType<typeof createOutboxAdminService>;
