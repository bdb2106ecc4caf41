import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, PLACES } from '../../../test/helpers/factories.ts';
import { jpegWithExif } from '../../../test/helpers/images.ts';
import { signFacebook, startFakePlatforms, type FakePlatforms } from '../../../test/fakes/fake-platforms.ts';
import { lastReply, messengerBody, numericId, postRaw, repliesTo, reportByChannelUser, tableCounts } from './channels.test-helpers.ts';

let t: TestContext;
let fake: FakePlatforms;
beforeAll(async () => {
  fake = await startFakePlatforms();
  t = await createTestApp({ channels: fake.channelConfig() });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const send = (raw: string, signature: string | null = signFacebook(raw)) =>
  postRaw(t.app, '/channels/facebook/webhook', raw, signature === null ? {} : { 'x-hub-signature-256': signature });

async function say(psid: string, message: Record<string, unknown>) {
  const response = await send(messengerBody(psid, message));
  expect(response.statusCode, response.body).toBe(200);
  return lastReply(t.db, psid);
}

describe('Messenger: verification handshake', () => {
  it('echoes hub.challenge for the right verify token, 403 otherwise', async () => {
    const q = (token: string, mode = 'subscribe') => `/channels/facebook/webhook?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const ok = await t.app.inject({ method: 'GET', url: q(fake.credentials.facebookVerifyToken) });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    expect((await t.app.inject({ method: 'GET', url: q('wrong-token') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: q(fake.credentials.facebookVerifyToken, 'unsubscribe') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/channels/facebook/webhook' })).statusCode).toBe(403);
  });
});

describe('Messenger: a whole conversation', () => {
  it('text → location → photo → confirm files the report; the reply and the state-change message go to the PSID', async () => {
    const psid = numericId();
    expect((await say(psid, { text: 'มีขยะกองใหญ่ส่งกลิ่นเหม็นริมถนน' })).text).toContain('กรุณาส่งตำแหน่ง');
    const located = await say(psid, { attachments: [{ type: 'location', title: 'Pinned location', payload: { coordinates: { lat: PLACES.bangRak.lat, long: PLACES.bangRak.lng } } }] });
    expect(located.text).toContain('เขตบางรัก');
    const url = fake.addFacebookAttachment(await jpegWithExif(), 'image/jpeg');
    const summary = await say(psid, { attachments: [{ type: 'image', payload: { url } }] });
    expect(summary.text).toContain('สรุปเรื่องที่จะแจ้ง');
    expect(fake.callsTo('/fb-cdn/')).toHaveLength(1);
    const filed = await say(psid, { text: 'ยืนยัน', quick_reply: { payload: 'ยืนยัน' } });
    const report = await reportByChannelUser(t.db, 'facebook', psid);
    expect(report!.channel).toBe('facebook');
    expect(report!.agency_code).toBe('district-1004');
    expect(filed.channel).toBe('facebook');
    expect(filed.text).toContain(report!.code);
    expect(filed.link).toBe(`${t.config.publicUrl}/r/${report!.code}`);
    expect(await t.db.selectFrom('report_photos').where('report_id', '=', report!.id).selectAll().execute()).toHaveLength(1);

    const officer = await createStaff(t.app, t.db, 'district-1004');
    expect((await client(t.app, officer).post(`/api/v1/reports/${report!.code}/accept`)).statusCode).toBe(200);
    const push = await lastReply(t.db, psid);
    expect(push.channel).toBe('facebook');
    expect(push.text).toContain('กำลังดำเนินการ');
  });

  it('ignores the page\'s own echoes and delivery receipts', async () => {
    const psid = numericId();
    const before = await tableCounts(t.db);
    const echo = await send(messengerBody(psid, { is_echo: true, app_id: 1517776481860111, text: 'ข้อความจากเพจ' }));
    expect(echo.json()).toEqual({ received: 0, duplicates: 0 });
    const delivery = JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ sender: { id: psid }, recipient: { id: '1' }, timestamp: 1, delivery: { mids: ['m_1'], watermark: 1 } }] }] });
    expect((await send(delivery)).json()).toEqual({ received: 0, duplicates: 0 });
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('answers a photo that is not an image politely and keeps nothing', async () => {
    const psid = numericId();
    const url = fake.addFacebookAttachment(Buffer.from('<html>not a photo</html>'), 'image/jpeg');
    const before = await tableCounts(t.db);
    const reply = await say(psid, { attachments: [{ type: 'image', payload: { url } }] });
    expect(reply.text).toContain('ไม่ใช่รูปภาพ');
    expect(await tableCounts(t.db)).toEqual({ ...before, channel_webhook_events: before.channel_webhook_events! + 1, outbox: before.outbox! + 1, audit_log: before.audit_log! + 1 });
  });
});

describe('Messenger: webhook safety', () => {
  it('refuses a wrong or missing X-Hub-Signature-256 with 401 and stores nothing', async () => {
    const raw = messengerBody(numericId(), { text: 'ถนนพัง' });
    const before = await tableCounts(t.db);
    for (const signature of [null, signFacebook(raw, 'wrong-secret'), signFacebook(raw).replace('sha256=', 'sha1='), signFacebook(raw).slice(0, -2)]) {
      expect((await send(raw, signature)).statusCode).toBe(401);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('processes a redelivered message (same mid) once', async () => {
    const psid = numericId();
    const raw = messengerBody(psid, { text: 'ไฟถนนดับทั้งซอย' });
    expect((await send(raw)).json()).toEqual({ received: 1, duplicates: 0 });
    const before = await tableCounts(t.db);
    expect((await send(raw)).json()).toEqual({ received: 1, duplicates: 1 });
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await repliesTo(t.db, psid)).toHaveLength(1);
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await tableCounts(t.db);
    for (const raw of ['{"object":"page","entry":[{', '{"object":"page"}', '"page"']) {
      expect((await send(raw)).statusCode, raw).toBe(400);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });
});
