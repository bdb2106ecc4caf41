// Test-only helpers for the outbox suites (imported by *.test.ts files only).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { enqueue, type OutboxMessage } from './outbox.ts';
import type { OutboxRow } from './outbox.repository.ts';

export const lineUserId = () => `U${crypto.randomBytes(16).toString('hex')}`;
export const xUserId = () => String(1_000_000_000 + crypto.randomInt(1_000_000_000));
export const thaiMobile = () => `+668${String(crypto.randomInt(10_000_000)).padStart(8, '0')}`;

/** Queues a message the way a module does (in a transaction) and returns its row id. */
export async function queue(db: Db, message: Partial<OutboxMessage> & Pick<OutboxMessage, 'channel' | 'recipient'>): Promise<string> {
  await db.transaction().execute((trx) => enqueue(trx, { text: 'เรื่อง BKK-26-TEST01 ของคุณ: กำลังดำเนินการ', link: 'http://localhost:3000/r/BKK-26-TEST01', subject: { type: 'report', id: 'BKK-26-TEST01' }, ...message }));
  const row = await db.selectFrom('outbox').select('id').where('recipient', '=', message.recipient).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

export async function outboxRow(db: Db, id: string): Promise<OutboxRow & { due_in_s: number }> {
  const row = await db.selectFrom('outbox').selectAll()
    .select(sql<number>`extract(epoch from next_attempt_at - now())::float8`.as('due_in_s'))
    .where('id', '=', id).executeTakeFirstOrThrow();
  return row as unknown as OutboxRow & { due_in_s: number };
}

/** Time passes: the message is due now. */
export async function makeDue(db: Db, id: string): Promise<void> {
  await db.updateTable('outbox').set({ next_attempt_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A logger that keeps its lines, to check what the worker says at start. */
export function recordingLogger(): { log: FastifyBaseLogger; lines: string[] } {
  const lines: string[] = [];
  const keep = (a: unknown, b?: unknown) => lines.push(typeof a === 'string' ? a : String(b ?? ''));
  const log = { info: keep, warn: keep, error: keep, debug: () => undefined, trace: () => undefined, fatal: keep, silent: () => undefined, level: 'info', child: () => log } as unknown as FastifyBaseLogger;
  return { log, lines };
}
