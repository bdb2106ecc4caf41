import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export const OUTBOX_STATUSES = {
  pending: 'pending',
  delivered: 'delivered',
  failed: 'failed',
  skipped: 'skipped',
} as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[keyof typeof OUTBOX_STATUSES];

export interface ClaimedRow {
  id: string;
  channel: string;
  recipient: string;
  payload: unknown;
  /** Counting this attempt: claiming is what counts, so a message that crashes the worker still runs out of tries. */
  attempts: number;
  created_at: Date;
}

export interface OutboxRow {
  id: string;
  channel: string;
  recipient: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

export interface ListFilter {
  statuses: OutboxStatus[];
  channel: string | null;
}

/** All SQL of the outbox worker and its staff view. */
export const outboxRepository = {
  /** Channels with at least one message due now, among `channels` (one index probe each). */
  async dueChannels(db: Executor, channels: readonly string[]): Promise<string[]> {
    const result = await sql<{ channel: string }>`
      select c as channel from unnest(${sql.val(channels)}::text[]) as c
      where exists (select 1 from outbox o where o.status = 'pending' and o.channel = c and o.next_attempt_at <= now())`.execute(db);
    return result.rows.map((r) => r.channel);
  },

  /**
   * Takes up to `limit` due messages of one channel for this worker. Rows locked by
   * another worker's claim are skipped, not waited for; the lease (next_attempt_at
   * pushed ahead) keeps them away from other workers while they are being sent, and
   * hands them back if this process dies mid-delivery.
   */
  async claimDue(db: Executor, channel: string, limit: number, leaseMs: number): Promise<ClaimedRow[]> {
    const result = await sql<ClaimedRow>`
      update outbox set attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      where id in (
        select id from outbox
        where status = 'pending' and channel = ${channel} and next_attempt_at <= now()
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
      returning id, channel, recipient, payload, attempts, created_at`.execute(db);
    return result.rows;
  },

  /** Marks up to `limit` due messages of a switched-off channel skipped, with the reason. */
  async skipDue(db: Executor, channel: string, reason: string, limit: number): Promise<number> {
    const result = await sql`
      update outbox set status = 'skipped', last_error = ${reason}
      where id in (
        select id from outbox
        where status = 'pending' and channel = ${channel} and next_attempt_at <= now()
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)`.execute(db);
    return Number(result.numAffectedRows ?? 0n);
  },

  /** Due messages for a channel nobody can deliver (a typo in a caller): failed, not left pending forever. */
  async failUnknownChannels(db: Executor, known: readonly string[], limit: number): Promise<number> {
    const result = await sql`
      update outbox set status = 'failed', last_error = 'no delivery adapter for channel "' || channel || '"'
      where id in (
        select id from outbox
        where status = 'pending' and next_attempt_at <= now() and channel <> all(${sql.val(known)}::text[])
        limit ${limit}
        for update skip locked)`.execute(db);
    return Number(result.numAffectedRows ?? 0n);
  },

  // The three outcomes only apply if the row is still this attempt's: a worker that
  // outlived its lease must not overwrite what a later attempt recorded.
  async markDelivered(db: Executor, id: string, attempts: number): Promise<boolean> {
    const r = await db.updateTable('outbox').set({ status: 'delivered', delivered_at: sql<Date>`now()`, last_error: null })
      .where('id', '=', id).where('status', '=', 'pending').where('attempts', '=', attempts).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  async scheduleRetry(db: Executor, id: string, attempts: number, delayMs: number, error: string): Promise<boolean> {
    const r = await db.updateTable('outbox')
      .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${Math.round(delayMs) / 1000})`, last_error: error })
      .where('id', '=', id).where('status', '=', 'pending').where('attempts', '=', attempts).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  async markFailed(db: Executor, id: string, attempts: number, error: string): Promise<boolean> {
    const r = await db.updateTable('outbox').set({ status: 'failed', last_error: error })
      .where('id', '=', id).where('status', '=', 'pending').where('attempts', '=', attempts).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  },

  async list(db: Executor, filter: ListFilter, page: number, pageSize: number): Promise<{ rows: OutboxRow[]; total: number }> {
    let q = db.selectFrom('outbox');
    if (filter.statuses.length > 0) q = q.where('status', 'in', filter.statuses);
    if (filter.channel) q = q.where('channel', '=', filter.channel);
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as OutboxRow[], total: Number(count.n) };
  },

  /** Counts per channel and status of messages created in the last `days` days. */
  async summary(db: Executor, days: number): Promise<Array<{ channel: string; status: OutboxStatus; n: number }>> {
    const result = await sql<{ channel: string; status: OutboxStatus; n: number }>`
      select channel, status, count(*)::int as n from outbox
      where created_at >= now() - make_interval(days => ${days})
      group by channel, status`.execute(db);
    return result.rows;
  },

  async oldestPending(db: Executor): Promise<Date | null> {
    const row = await db.selectFrom('outbox').select((eb) => eb.fn.min('created_at').as('oldest')).where('status', '=', 'pending').executeTakeFirst();
    return (row?.oldest as Date | null | undefined) ?? null;
  },

  async findForUpdate(db: Executor, id: string): Promise<OutboxRow | undefined> {
    return (await db.selectFrom('outbox').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as OutboxRow | undefined;
  },

  /** Puts a failed or skipped message back in the queue with a fresh set of attempts. */
  async requeue(db: Executor, id: string): Promise<OutboxRow> {
    return (await db.updateTable('outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()`, last_error: null, delivered_at: null })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow()) as OutboxRow;
  },

  /**
   * Deletes finished messages (sent, failed, skipped) created — and, if sent, sent —
   * before `before`, at most `limit` of them, the oldest first (migration 0023's index
   * reads only the old ones), so a first purge of a large table goes in short statements.
   * The conditions are repeated on the row itself: a message requeued or sent again
   * meanwhile is rechecked as it is now, and stays.
   */
  async purgeFinished(db: Executor, before: Date, limit: number): Promise<Record<Exclude<OutboxStatus, 'pending'>, number>> {
    const old = sql`status <> 'pending' and created_at < ${before} and (delivered_at is null or delivered_at < ${before})`;
    const result = await sql<{ status: Exclude<OutboxStatus, 'pending'>; n: number }>`
      with gone as (
        delete from outbox where ${old} and id in (select id from outbox where ${old} order by created_at limit ${limit})
        returning status)
      select status, count(*)::int as n from gone group by status`.execute(db);
    const purged = { delivered: 0, failed: 0, skipped: 0 };
    for (const row of result.rows) purged[row.status] = row.n;
    return purged;
  },
};
