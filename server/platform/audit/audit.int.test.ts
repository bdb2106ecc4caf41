import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../../test/helpers/test-app.ts';
import { createDb, type Db } from '../db/database.ts';
import { createAuditSealer, recordAudit, sealAuditChain, SYSTEM_ACTOR, verifyAuditChain } from './audit.ts';

let db: Db;
const actor = SYSTEM_ACTOR('audit-test');

beforeAll(async () => { db = createDb(await createTestDatabase(), 6); });
afterAll(async () => { await db.destroy(); });

const unsealed = async () => Number((await sql<{ n: string }>`select count(*) as n from audit_log where seq is null`.execute(db)).rows[0]!.n);

describe('the audit chain under concurrent writers', () => {
  it('chains past nine entries in numeric order (seq is a number, not text)', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.order', entityType: 'test', entityId: String(i) }))));
    await sealAuditChain(db);
    await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.order', entityType: 'test', entityId: 'last' }));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('writers do not wait for each other: a later transaction commits while an earlier one is still open', async () => {
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => { releaseFirst = resolve; });
    let firstWrote!: () => void;
    const wrote = new Promise<void>((resolve) => { firstWrote = resolve; });
    const first = db.transaction().execute(async (trx) => {
      await recordAudit(trx, actor, { action: 'test.first', entityType: 'test', entityId: 'a' });
      firstWrote();
      await firstHolds;
    });
    await wrote;
    // With one chain lock per write this would wait for `first`, which waits for it: a deadlock.
    await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.second', entityType: 'test', entityId: 'b' }));
    releaseFirst();
    await first;
    await Promise.all(Array.from({ length: 20 }, (_, i) => db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.many', entityType: 'test', entityId: String(i), after: { i } }))));
    expect(await unsealed()).toBeGreaterThanOrEqual(22);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true });
    expect(await unsealed()).toBe(0);
    // The chain holds entries in the order they were sealed; ids committed out of order still appear once each.
    const rows = (await sql<{ seq: string }>`select seq::text from audit_log order by seq`.execute(db)).rows.map((r) => Number(r.seq));
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('the database allows sealing once and nothing else', async () => {
    await db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.seal', entityType: 'test', entityId: 'c' }));
    const row = (await sql<{ id: string }>`select id from audit_log where seq is null order by id desc limit 1`.execute(db)).rows[0]!;
    // Changing content while "sealing" is refused.
    await expect(sql`update audit_log set seq = 999999, prev_hash = 'x', hash = 'y', action = 'forged' where id = ${row.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect(await sealAuditChain(db)).toBeGreaterThanOrEqual(1);
    // Re-sealing a sealed entry is refused.
    await expect(sql`update audit_log set hash = 'z' where id = ${row.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('the background sealer chains new entries within its interval, one sealer at a time', async () => {
    const sealers = [createAuditSealer(db, undefined, 50), createAuditSealer(db, undefined, 50)];
    for (const s of sealers) s.start();
    await Promise.all(Array.from({ length: 10 }, (_, i) => db.transaction().execute((trx) => recordAudit(trx, actor, { action: 'test.bg', entityType: 'test', entityId: String(i) }))));
    const deadline = Date.now() + 5000;
    while ((await unsealed()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    for (const s of sealers) await s.stop();
    expect(await unsealed()).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
