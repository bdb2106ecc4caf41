import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { loadConfig } from '../config/config.ts';
import { createOutboxWorker } from './outbox.worker.ts';
import { lineUserId, queue } from './outbox.testing.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const DAY_MS = 24 * 3600_000;

/** A message as it stands `ageDays` after it was queued, in `status` (sent when delivered). */
async function aged(status: 'pending' | 'delivered' | 'failed' | 'skipped', ageDays: number, sentDaysAgo = ageDays): Promise<string> {
  const id = await queue(t.db, { channel: 'line', recipient: lineUserId() });
  await t.db.updateTable('outbox').set({
    status,
    created_at: sql<Date>`now() - make_interval(days => ${ageDays})`,
    delivered_at: status === 'delivered' ? sql<Date>`now() - make_interval(days => ${sentDaysAgo})` : null,
  }).where('id', '=', id).execute();
  return id;
}

const exists = async (id: string) => (await t.db.selectFrom('outbox').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;

const purgeAudits = () => t.db.selectFrom('audit_log').select(['actor_label', 'channel', 'entity_type', 'entity_id', 'after'])
  .where('action', '=', 'outbox.purge').orderBy('id').execute();

describe('outbox retention', () => {
  it('deletes finished messages past OUTBOX_RETENTION_DAYS, keeps the rest, and audits the counts', async () => {
    expect(t.config.outboxRetentionDays).toBe(90);
    const old = { delivered: await aged('delivered', 120), failed: await aged('failed', 91), skipped: await aged('skipped', 200) };
    const kept = {
      // Still to be sent, however old: never deleted.
      pending: await aged('pending', 400),
      recent: await aged('delivered', 10),
      failedRecently: await aged('failed', 89),
      // Queued long ago, sent again after staff requeued it: counted from the sending.
      resent: await aged('delivered', 150, 3),
    };
    const auditsBefore = (await purgeAudits()).length;

    const purged = await createOutboxWorker({ db: t.db, config: t.config }).purgeOnce();
    expect(purged).toEqual({ delivered: 1, failed: 1, skipped: 1, more: false });
    for (const id of Object.values(old)) expect(await exists(id)).toBe(false);
    for (const id of Object.values(kept)) expect(await exists(id)).toBe(true);

    const audits = await purgeAudits();
    expect(audits).toHaveLength(auditsBefore + 1);
    const entry = audits.at(-1)!;
    expect(entry).toMatchObject({ actor_label: 'system:outbox', channel: 'system', entity_type: 'outbox', entity_id: '*' });
    expect(entry.after).toMatchObject({ delivered: 1, failed: 1, skipped: 1, retention_days: 90 });
    const cutoff = Date.parse((entry.after as { created_before: string }).created_before);
    expect(Math.abs(cutoff - (Date.now() - 90 * DAY_MS))).toBeLessThan(60_000);

    // Nothing left to delete: nothing deleted, nothing audited.
    expect(await createOutboxWorker({ db: t.db, config: t.config }).purgeOnce()).toEqual({ delivered: 0, failed: 0, skipped: 0, more: false });
    expect(await purgeAudits()).toHaveLength(auditsBefore + 1);
  });

  it('follows the configured retention', async () => {
    const id = await aged('delivered', 8);
    const fresh = await aged('delivered', 6);
    await createOutboxWorker({ db: t.db, config: { ...t.config, outboxRetentionDays: 7 } }).purgeOnce();
    expect(await exists(id)).toBe(false);
    expect(await exists(fresh)).toBe(true);
  });

  it('a backlog goes in batches, oldest first, and says when more is left', async () => {
    const ids = [await aged('failed', 300), await aged('delivered', 250), await aged('skipped', 200), await aged('delivered', 150, 120)];
    // Old enough by its queueing, not by its sending: never part of a batch.
    const resent = await aged('delivered', 400, 1);
    const w = createOutboxWorker({ db: t.db, config: t.config }, { purgeBatch: 2 });
    expect(await w.purgeOnce()).toEqual({ delivered: 1, failed: 1, skipped: 0, more: true });
    expect([await exists(ids[0]!), await exists(ids[1]!), await exists(ids[2]!)]).toEqual([false, false, true]);
    expect(await w.purgeOnce()).toEqual({ delivered: 1, failed: 0, skipped: 1, more: true });
    expect(await w.purgeOnce()).toEqual({ delivered: 0, failed: 0, skipped: 0, more: false });
    for (const id of ids) expect(await exists(id)).toBe(false);
    expect(await exists(resent)).toBe(true);
  });

  it('the setting is read from OUTBOX_RETENTION_DAYS and a bad value is refused at start', () => {
    expect(loadConfig({ OUTBOX_RETENTION_DAYS: '30' }).outboxRetentionDays).toBe(30);
    expect(loadConfig({}).outboxRetentionDays).toBe(90);
    for (const bad of ['0', '-5', '1.5', 'forever']) {
      expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: bad })).toThrow(`OUTBOX_RETENTION_DAYS must be a whole number of days from 1 to 36500, got "${bad}"`);
    }
  });
});
