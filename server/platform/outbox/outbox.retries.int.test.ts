import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { startFakePlatforms, type FakePlatforms } from '../../../test/fakes/fake-platforms.ts';
import { createDb } from '../db/database.ts';
import { createOutboxWorker } from './outbox.worker.ts';
import { lineUserId, makeDue, outboxRow, queue, recordingLogger, thaiMobile, waitFor, xUserId } from './outbox.testing.ts';

let fake: FakePlatforms;
let t: TestContext;

beforeAll(async () => {
  fake = await startFakePlatforms();
  t = await createTestApp({ channels: fake.channelConfig() });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});
beforeEach(() => fake.reset());

const worker = (options: Parameters<typeof createOutboxWorker>[1] = {}, channels = fake.channelConfig()) =>
  createOutboxWorker({ db: t.db, config: { ...t.config, channels } }, options);

/** Connections in this database LISTENing for outbox wake-ups (a worker's listener). */
async function outboxListeners(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and query ilike 'listen demopolis_outbox%'`.execute(t.db);
  return r.rows[0]!.n;
}

describe('retries', () => {
  it('a 500 is retried with backoff, then delivered with the same LINE retry key', async () => {
    fake.failNext('/v2/bot/message/push', 1, { status: 500, body: { message: 'An error occurred in the backend' } });
    const id = await queue(t.db, { channel: 'line', recipient: lineUserId() });
    const w = worker();
    expect(await w.runOnce()).toMatchObject({ claimed: 1, retrying: 1 });
    const after1 = await outboxRow(t.db, id);
    expect(after1).toMatchObject({ status: 'pending', attempts: 1, last_error: 'LINE answered HTTP 500: An error occurred in the backend' });
    // First retry: one minute with equal jitter, so 30–60 s.
    expect(after1.due_in_s).toBeGreaterThan(29);
    expect(after1.due_in_s).toBeLessThanOrEqual(60);

    expect(await w.runOnce()).toMatchObject({ claimed: 0 }); // not due yet
    await makeDue(t.db, id);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    const calls = fake.callsTo('/v2/bot/message/push');
    expect(calls.map((c) => c.status)).toEqual([500, 200]);
    expect(calls[1]!.headers['x-line-retry-key']).toBe(calls[0]!.headers['x-line-retry-key']);
  });

  it("a 429 waits for the platform's Retry-After", async () => {
    fake.failNext('/2/dm_conversations/', 1, { status: 429, retryAfter: 120, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } });
    const id = await queue(t.db, { channel: 'x', recipient: xUserId() });
    await worker().runOnce();
    const row = await outboxRow(t.db, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'X answered HTTP 429: Too Many Requests' });
    expect(row.due_in_s).toBeGreaterThan(115);
    expect(row.due_in_s).toBeLessThanOrEqual(120);
  });

  it('a 400 is final: failed at once with the platform reason, and the address is not in the error', async () => {
    const id = await queue(t.db, { channel: 'line', recipient: 'not-a-line-user-id' });
    expect(await worker().runOnce()).toMatchObject({ failed: 1 });
    const row = await outboxRow(t.db, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.last_error).toMatch(/^LINE answered HTTP 400: The property, 'to', in the request body is invalid/);
    expect(fake.callsTo('/v2/bot/message/push')).toHaveLength(1);
    await makeDue(t.db, id);
    await worker().runOnce();
    expect(fake.callsTo('/v2/bot/message/push')).toHaveLength(1);
  });

  it('a wrong token is refused by the platform (401) and the message fails', async () => {
    const id = await queue(t.db, { channel: 'line', recipient: lineUserId() });
    await worker({}, fake.channelConfig({ lineChannelAccessToken: 'stale-token' })).runOnce();
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^LINE answered HTTP 401: Authentication failed/) });
  });

  it('gives up after the last attempt', async () => {
    fake.failNext('/sms/send', 1, { status: 503 });
    const id = await queue(t.db, { channel: 'sms', recipient: thaiMobile() });
    await t.db.updateTable('outbox').set({ attempts: 7 }).where('id', '=', id).execute();
    await worker().runOnce();
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'failed', attempts: 8, last_error: 'gave up after 8 attempts; last: SMS gateway answered HTTP 503: fake failure' });
  });

  it('an unreachable platform is retried', async () => {
    const id = await queue(t.db, { channel: 'sms', recipient: thaiMobile() });
    await worker({}, fake.channelConfig({ smsApiUrl: 'http://127.0.0.1:1/sms/send' })).runOnce();
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/^SMS gateway unreachable/) });
  });

  it('a platform that does not answer in time costs one timeout; if it did accept, LINE answers the retry 409 and it counts as delivered', async () => {
    fake.delayNext('/v2/bot/message/push', 1, 3_000);
    const id = await queue(t.db, { channel: 'line', recipient: lineUserId() });
    const w = worker({ requestTimeoutMs: 300 });
    const started = Date.now();
    await w.runOnce();
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'LINE did not answer within 0.3 s' });
    await makeDue(t.db, id);
    await w.runOnce();
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(fake.callsTo('/v2/bot/message/push').map((c) => c.status)).toEqual([200, 409]);
  });
});

describe('isolation', () => {
  it('a failing channel does not stop the others in the same pass', async () => {
    fake.failNext('/v2/bot/message/push', 3, { status: 500 });
    fake.failNext('/v21.0/me/messages', 1, { status: 400, body: { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10 } } });
    const lines = await Promise.all([1, 2, 3].map(() => queue(t.db, { channel: 'line', recipient: lineUserId() })));
    const messenger = await queue(t.db, { channel: 'facebook', recipient: '111222333444' });
    const sms = await Promise.all([1, 2].map(() => queue(t.db, { channel: 'sms', recipient: thaiMobile() })));
    const x = await queue(t.db, { channel: 'x', recipient: xUserId() });
    expect(await worker().runOnce()).toMatchObject({ claimed: 7, delivered: 3, retrying: 3, failed: 1 });
    for (const id of [...sms, x]) expect((await outboxRow(t.db, id)).status).toBe('delivered');
    for (const id of lines) expect((await outboxRow(t.db, id)).status).toBe('pending');
    expect(await outboxRow(t.db, messenger)).toMatchObject({ status: 'failed', last_error: 'Messenger answered HTTP 400: (#10) This message is sent outside of allowed window. (code 10)' });
  });

  it('in the background loop a slow platform holds back only its own lane, and stop() waits for the batch in flight', async () => {
    // LINE answers after 6 s; the SMS has 5 s to go through meanwhile (it needs
    // milliseconds: the margin is for a busy test machine).
    fake.delayNext('/v2/bot/message/push', 1, 6_000);
    const w = worker({ pollIntervalMs: 50, listen: false });
    const line = await queue(t.db, { channel: 'line', recipient: lineUserId() });
    w.start(recordingLogger().log);
    try {
      await waitFor('the LINE push to be in flight', () => fake.callsTo('/v2/bot/message/push').length === 1);
      const sms = await queue(t.db, { channel: 'sms', recipient: thaiMobile() });
      await waitFor('the SMS to be delivered', async () => (await outboxRow(t.db, sms)).status === 'delivered', 5_000);
      expect((await outboxRow(t.db, line)).status).toBe('pending');
    } finally {
      await w.stop();
    }
    expect(await outboxRow(t.db, line)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('LISTEN/NOTIFY wakes an idle worker as soon as a message is queued', async () => {
    const w = worker({ pollIntervalMs: 600_000, listen: true });
    w.start(recordingLogger().log);
    try {
      await waitFor('the worker to LISTEN', async () => (await outboxListeners()) > 0);
      await new Promise((r) => setTimeout(r, 100)); // the first poll has run; only a wake-up can deliver now
      const id = await queue(t.db, { channel: 'x', recipient: xUserId() });
      await waitFor('the NOTIFY-woken delivery', async () => (await outboxRow(t.db, id)).status === 'delivered', 5_000);
    } finally {
      await w.stop();
    }
  });

  it('with DATABASE_DIRECT_URL set (a pooler in front) the worker LISTENs over the direct connection', async () => {
    // A pooler in transaction mode would take LISTEN and never deliver: here DATABASE_URL
    // goes nowhere at all, so only the direct URL can carry the wake-up.
    const nowhere = new URL(t.databaseUrl);
    nowhere.port = '1';
    const config = { ...t.config, databaseUrl: nowhere.toString(), scale: { ...t.config.scale, directUrl: t.databaseUrl }, channels: fake.channelConfig() };
    // The previous test's listener may take a moment to leave: count only this worker's.
    await waitFor('no other listener', async () => (await outboxListeners()) === 0);
    const w = createOutboxWorker({ db: t.db, config }, { pollIntervalMs: 600_000, listen: true });
    w.start(recordingLogger().log);
    try {
      await waitFor('the worker to LISTEN', async () => (await outboxListeners()) > 0);
      await new Promise((r) => setTimeout(r, 100));
      const id = await queue(t.db, { channel: 'x', recipient: xUserId() });
      await waitFor('the NOTIFY-woken delivery', async () => (await outboxRow(t.db, id)).status === 'delivered', 5_000);
    } finally {
      await w.stop();
    }
  });
});

describe('several workers', () => {
  it('two workers running at once share the queue and never send the same message twice', async () => {
    const other = createDb(t.databaseUrl, 5);
    try {
      const config = { ...t.config, channels: fake.channelConfig() };
      const a = createOutboxWorker({ db: t.db, config }, { batchSize: 4 });
      const b = createOutboxWorker({ db: other, config }, { batchSize: 4 });
      const lineTo = Array.from({ length: 24 }, lineUserId);
      const smsTo = Array.from({ length: 12 }, thaiMobile);
      for (const to of lineTo) await queue(t.db, { channel: 'line', recipient: to });
      for (const to of smsTo) await queue(t.db, { channel: 'sms', recipient: to });
      fake.delayNext('/', 1_000, 5); // every answer a little late, so the claims overlap

      const claimed = { a: 0, b: 0 };
      for (let round = 0; round < 20; round++) {
        const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
        claimed.a += ra.claimed;
        claimed.b += rb.claimed;
        if (ra.claimed + rb.claimed === 0) break;
      }
      expect(claimed.a + claimed.b).toBe(36);
      expect(claimed.a).toBeGreaterThan(0);
      expect(claimed.b).toBeGreaterThan(0);
      const pushed = fake.callsTo('/v2/bot/message/push').map((c) => (c.json as { to: string }).to);
      expect(pushed.sort()).toEqual([...lineTo].sort());
      const texted = fake.callsTo('/sms/send').map((c) => (c.json as { to: string }).to);
      expect(texted.sort()).toEqual([...smsTo].sort());
      const rows = await t.db.selectFrom('outbox').select(['status', 'attempts']).where('recipient', 'in', [...lineTo, ...smsTo]).execute();
      expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    } finally {
      await other.destroy();
    }
  });
});
