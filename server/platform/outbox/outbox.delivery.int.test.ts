import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { FAKE_CREDENTIALS, signAppPush, startFakePlatforms, type FakePlatforms } from '../../../test/fakes/fake-platforms.ts';
import { createOutboxModule } from './outbox.module.ts';
import { createOutboxWorker } from './outbox.worker.ts';
import { lineUserId, outboxRow, queue, recordingLogger, xUserId } from './outbox.testing.ts';

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

const link = 'http://localhost:3000/r/BKK-26-7Q4XKM';
const text = 'เรื่อง BKK-26-7Q4XKM ของคุณ: กำลังดำเนินการ — สำนักงานเขตบางรัก';
const subject = { type: 'report', id: 'BKK-26-7Q4XKM' };

describe('each channel delivers the exact payload its platform expects', () => {
  it('LINE, Messenger, X, SMS and the app push webhook in one pass; e-mail is skipped with its reason', async () => {
    const lineTo = lineUserId();
    const psid = '6543219876543210';
    const xTo = xUserId();
    const ids = {
      line: await queue(t.db, { channel: 'line', recipient: lineTo, text, link, subject }),
      facebook: await queue(t.db, { channel: 'facebook', recipient: psid, text, link, subject }),
      x: await queue(t.db, { channel: 'x', recipient: xTo, text, link, subject }),
      sms: await queue(t.db, { channel: 'sms', recipient: '081-234-5678', text, link, subject }),
      app: await queue(t.db, { channel: 'app_push', recipient: 'device-token-abc123', text, link, subject }),
      email: await queue(t.db, { channel: 'email', recipient: 'somchai@example.org', text, link, subject }),
    };
    const worker = createOutboxModule({ db: t.db, config: t.config }).worker;
    const run = await worker.runOnce();
    expect(run).toMatchObject({ claimed: 5, delivered: 5, retrying: 0, failed: 0, skipped: 1 });

    const [push] = fake.callsTo('/v2/bot/message/push');
    expect(push!.headers.authorization).toBe(`Bearer ${FAKE_CREDENTIALS.lineChannelAccessToken}`);
    expect(push!.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(push!.json).toEqual({ to: lineTo, messages: [{ type: 'text', text: `${text}\n${link}` }] });

    const [send] = fake.callsTo('/v21.0/me/messages');
    expect(send!.query.access_token).toBe(FAKE_CREDENTIALS.facebookPageAccessToken);
    expect(send!.query.appsecret_proof).toMatch(/^[0-9a-f]{64}$/);
    expect(send!.json).toEqual({ recipient: { id: psid }, messaging_type: 'UPDATE', message: { text: `${text}\n${link}` } });

    const [dm] = fake.callsTo(`/2/dm_conversations/with/${xTo}/messages`);
    expect(dm!.headers.authorization).toBe(`Bearer ${FAKE_CREDENTIALS.xAccessToken}`);
    expect(dm!.json).toEqual({ text: `${text}\n${link}` });

    const [sms] = fake.callsTo('/sms/send');
    expect(sms!.headers.authorization).toBe(`Bearer ${FAKE_CREDENTIALS.smsApiToken}`);
    expect(sms!.json).toEqual({ to: '+66812345678', text: `${text}\n${link}` });

    const [app] = fake.callsTo('/app-push');
    expect(app!.json).toEqual({ recipient: 'device-token-abc123', text, link, subject });
    expect(app!.headers['x-demopolis-signature']).toBe(signAppPush(app!.raw));
    expect(app!.headers['x-demopolis-delivery']).toBe(ids.app);

    expect(fake.calls.every((c) => c.status >= 200 && c.status < 300)).toBe(true);
    expect(fake.calls).toHaveLength(5);
    for (const id of [ids.line, ids.facebook, ids.x, ids.sms, ids.app]) {
      expect(await outboxRow(t.db, id)).toMatchObject({ status: 'delivered', attempts: 1, last_error: null, delivered_at: expect.any(Date) });
    }
    const email = await outboxRow(t.db, ids.email);
    expect(email).toMatchObject({ status: 'skipped', attempts: 0, delivered_at: null });
    expect(email.last_error).toMatch(/E-mail is switched off: .*no e-mail transport/);

    // Nothing is sent twice: a second pass finds nothing due.
    expect(await worker.runOnce()).toMatchObject({ claimed: 0, delivered: 0, skipped: 0 });
    expect(fake.calls).toHaveLength(5);
  });

  it('sends the message without a link line when there is no link, and no bearer when SMS_API_TOKEN is unset', async () => {
    const noToken = await startFakePlatforms({ credentials: { smsApiToken: null } });
    try {
      const worker = createOutboxWorker({ db: t.db, config: { ...t.config, channels: noToken.channelConfig() } });
      const id = await queue(t.db, { channel: 'sms', recipient: '+66898765432', text: 'ทดสอบ', link: undefined });
      await worker.runOnce();
      const [sms] = noToken.callsTo('/sms/send');
      expect(sms!.headers.authorization).toBeUndefined();
      expect(sms!.json).toEqual({ to: '+66898765432', text: 'ทดสอบ' });
      expect((await outboxRow(t.db, id)).status).toBe('delivered');
    } finally {
      await noToken.close();
    }
  });
});

describe('switched-off channels', () => {
  it('marks their messages skipped, naming the variable to set, and sends nothing', async () => {
    const config = { ...t.config, channels: fake.channelConfig({ lineChannelAccessToken: null, appPushWebhookUrl: null, appPushWebhookSecret: null }) };
    const worker = createOutboxWorker({ db: t.db, config });
    const line = await queue(t.db, { channel: 'line', recipient: lineUserId() });
    const app = await queue(t.db, { channel: 'app_push', recipient: 'device-1' });
    const sms = await queue(t.db, { channel: 'sms', recipient: '+66811111111' });
    expect(await worker.runOnce()).toMatchObject({ skipped: 2, delivered: 1 });
    expect(await outboxRow(t.db, line)).toMatchObject({ status: 'skipped', last_error: 'LINE is switched off: set LINE_CHANNEL_ACCESS_TOKEN' });
    expect(await outboxRow(t.db, app)).toMatchObject({ status: 'skipped', last_error: 'App push is switched off: set APP_PUSH_WEBHOOK_URL and APP_PUSH_WEBHOOK_SECRET' });
    expect((await outboxRow(t.db, sms)).status).toBe('delivered');
    expect(fake.calls.map((c) => c.path)).toEqual(['/sms/send']);
  });

  it('says at start which channels are on and which are off', async () => {
    const config = { ...t.config, databaseUrl: null, channels: fake.channelConfig({ lineChannelSecret: null, lineChannelAccessToken: null, smsApiUrl: null }) };
    const worker = createOutboxWorker({ db: t.db, config }, { pollIntervalMs: 60_000 });
    const { log, lines } = recordingLogger();
    worker.start(log);
    await worker.stop();
    expect(lines).toEqual(expect.arrayContaining([
      'LINE off: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN',
      'SMS off: set SMS_API_URL',
      'Messenger on', 'X on', 'App push on',
      expect.stringMatching(/^E-mail off: .*no e-mail transport/),
    ]));
  });
});

describe('messages that can never be delivered', () => {
  it('an SMS to something that is not a phone number fails without calling the gateway', async () => {
    const id = await queue(t.db, { channel: 'sms', recipient: 'not a number' });
    await createOutboxWorker({ db: t.db, config: t.config }).runOnce();
    expect(await outboxRow(t.db, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(fake.calls).toHaveLength(0);
  });

  it('a message for a channel nobody knows is failed, not left pending', async () => {
    await t.db.insertInto('outbox').values({ channel: 'pigeon', recipient: 'roof', payload: JSON.stringify({ text: 'coo' }) }).execute();
    const row = await t.db.selectFrom('outbox').select('id').where('channel', '=', 'pigeon').executeTakeFirstOrThrow();
    await createOutboxWorker({ db: t.db, config: t.config }).runOnce();
    expect(await outboxRow(t.db, row.id)).toMatchObject({ status: 'failed', last_error: 'no delivery adapter for channel "pigeon"' });
  });

  it('a payload without text fails with that reason', async () => {
    await t.db.insertInto('outbox').values({ channel: 'line', recipient: lineUserId(), payload: JSON.stringify({ link: 'x' }) }).execute();
    const row = await t.db.selectFrom('outbox').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await createOutboxWorker({ db: t.db, config: t.config }).runOnce();
    expect(await outboxRow(t.db, row.id)).toMatchObject({ status: 'failed', last_error: 'the message has no text (malformed payload)' });
    expect(fake.calls).toHaveLength(0);
  });
});
