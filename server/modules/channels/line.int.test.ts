import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, createStaff, fileReport, PLACES } from '../../../test/helpers/factories.ts';
import { jpegWithExif } from '../../../test/helpers/images.ts';
import { signLine, startFakePlatforms, type FakePlatforms } from '../../../test/fakes/fake-platforms.ts';
import { conversationOf, lastReply, lineBody, lineEvent, lineUserId, postRaw, repliesTo, reportByChannelUser, tableCounts } from './channels.test-helpers.ts';

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

const send = (raw: string, signature: string | null = signLine(raw)) =>
  postRaw(t.app, '/channels/line/webhook', raw, signature === null ? {} : { 'x-line-signature': signature });

async function say(userId: string, message: Record<string, unknown>) {
  const response = await send(lineBody(lineEvent(userId, message)));
  expect(response.statusCode, response.body).toBe(200);
  return lastReply(t.db, userId);
}

async function sendPhoto(userId: string, data: Buffer) {
  const event = lineEvent(userId, { type: 'image', contentProvider: { type: 'line' } });
  fake.addLineContent((event.message as { id: string }).id, data, 'image/jpeg');
  const response = await send(lineBody(event));
  expect(response.statusCode, response.body).toBe(200);
  return lastReply(t.db, userId);
}

const mediaFiles = () => {
  const root = path.join(t.config.dataDir, 'media');
  return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.jpg')).length : 0;
};

describe('LINE: a whole conversation', () => {
  it('text → location → photo → confirm files a routed report with its photo, and a state change is pushed', async () => {
    const user = lineUserId();
    const first = await say(user, { type: 'text', text: 'ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย' });
    expect(first.channel).toBe('line');
    expect(first.text).toContain('กรุณาส่งตำแหน่ง');

    const second = await say(user, { type: 'location', title: 'ตำแหน่งของฉัน', address: 'ถนนสีลม แขวงสุริยวงศ์ เขตบางรัก', ...{ latitude: PLACES.bangRak.lat, longitude: PLACES.bangRak.lng } });
    expect(second.text).toContain('เขตบางรัก');
    expect(second.text).toContain('กรุณาส่งรูปถ่าย');

    const summary = await sendPhoto(user, await jpegWithExif());
    expect(summary.text).toContain('สรุปเรื่องที่จะแจ้ง');
    expect(summary.text).toContain('หมวด: ถนน');
    expect(summary.text).toContain('ยืนยัน');
    // The photo was fetched from LINE's content API with the channel token.
    const download = fake.callsTo(/^\/v2\/bot\/message\/\d+\/content$/).at(-1)!;
    expect(download.headers.authorization).toBe(`Bearer ${fake.credentials.lineChannelAccessToken}`);
    const pending = await t.db.selectFrom('channel_pending_photos').select('bytes').execute();
    expect(pending).toHaveLength(1);
    expect(pending[0]!.bytes.includes(Buffer.from('Somchai Secret'))).toBe(false);

    const mediaBefore = mediaFiles();
    const filed = await say(user, { type: 'text', text: 'ยืนยัน' });
    const report = await reportByChannelUser(t.db, 'line', user);
    expect(report).toBeDefined();
    expect(report!.channel).toBe('line');
    expect(report!.district_code).toBe(1004);
    expect(report!.agency_code).toBe('district-1004');
    expect(report!.description).toBe('ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย');
    const photos = await t.db.selectFrom('report_photos').selectAll().where('report_id', '=', report!.id).execute();
    expect(photos).toHaveLength(1);
    expect(mediaFiles()).toBe(mediaBefore + 2); // the photo and its thumbnail
    expect(filed.text).toContain(report!.code);
    expect(filed.text).toContain('สำนักงานเขตบางรัก');
    expect(filed.link).toBe(`${t.config.publicUrl}/r/${report!.code}`);
    expect(filed.subject).toEqual({ type: 'report', id: report!.code });

    // The draft is gone; its photos with it.
    expect(await t.db.selectFrom('channel_pending_photos').selectAll().execute()).toHaveLength(0);
    const conversation = await conversationOf(t.db, 'line', user);
    expect((conversation!.state as { step: string; description: string | null }).description).toBeNull();

    // Audited: the filing (by the pseudonymous LINE actor) and every conversation change.
    const reportAudit = await auditRows(t.db, report!.code);
    expect(reportAudit.map((a) => a.action)).toEqual(['report.create']);
    expect(reportAudit[0]!.channel).toBe('line');
    expect(reportAudit[0]!.actor_label).toMatch(/^line:[0-9a-f]{12}$/);
    expect(reportAudit[0]!.actor_label).not.toContain(user);
    const conversationAudit = await auditRows(t.db, conversation!.id);
    expect(conversationAudit.map((a) => a.action)).toEqual([
      'channel.conversation.update', 'channel.conversation.update', 'channel.conversation.update', 'channel.conversation.confirm', 'channel.conversation.file',
    ]);
    expect(JSON.stringify(conversationAudit)).not.toContain('หลุม');

    // An officer of Bang Rak accepts: a LINE push is queued for the person.
    const officer = await createStaff(t.app, t.db, 'district-1004');
    const accepted = await client(t.app, officer).post(`/api/v1/reports/${report!.code}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const push = await lastReply(t.db, user);
    expect(push.channel).toBe('line');
    expect(push.text).toContain(report!.code);
    expect(push.text).toContain('กำลังดำเนินการ');
    expect(push.link).toBe(`${t.config.publicUrl}/r/${report!.code}`);
  });

  it('lets the person pick another suggested category, in English', async () => {
    const user = lineUserId();
    await say(user, { type: 'text', text: 'The street light is broken, the whole soi is dark' });
    await say(user, { type: 'location', title: 'pin', latitude: PLACES.phraNakhon.lat, longitude: PLACES.phraNakhon.lng });
    const summary = await say(user, { type: 'text', text: 'no photo' });
    expect(summary.text).toContain('Your report');
    expect(summary.text).toContain('Wrong category? Pick a number: 1)');
    const chosen = await say(user, { type: 'text', text: '2' });
    const choice = (await conversationOf(t.db, 'line', user))!.state as { category: { code: string; name_en: string }; choices: Array<{ code: string }> };
    expect(choice.category.code).toBe(choice.choices[1]!.code);
    expect(chosen.text).toContain(`Category: ${choice.category.name_en}`);
    const filed = await say(user, { type: 'text', text: 'confirm' });
    const report = await reportByChannelUser(t.db, 'line', user);
    expect(filed.text).toContain(`Tracking number: ${report!.code}`);
    expect(report!.district_code).toBe(1001);
    const category = await t.db.selectFrom('categories').select('code').where('id', '=', report!.category_id).executeTakeFirstOrThrow();
    expect(category.code).toBe(choice.category.code);
    const subscription = await t.db.selectFrom('report_subscriptions').select('locale').where('address', '=', user).executeTakeFirstOrThrow();
    expect(subscription.locale).toBe('en');
  });

  it('cancel resets the draft and deletes its photos', async () => {
    const user = lineUserId();
    await sendPhoto(user, await jpegWithExif(320, 240));
    const conversation = await conversationOf(t.db, 'line', user);
    expect(await t.db.selectFrom('channel_pending_photos').where('conversation_id', '=', conversation!.id).selectAll().execute()).toHaveLength(1);
    const reply = await say(user, { type: 'text', text: 'ยกเลิก' });
    expect(reply.text).toContain('ยกเลิกเรื่องที่กำลังแจ้งแล้ว');
    expect(await t.db.selectFrom('channel_pending_photos').where('conversation_id', '=', conversation!.id).selectAll().execute()).toHaveLength(0);
    expect((await auditRows(t.db, conversation!.id)).map((a) => a.action).at(-1)).toBe('channel.conversation.cancel');
  });

  it('follow greets the person; unfollow forgets their draft', async () => {
    const user = lineUserId();
    const follow = lineEvent(user, null, { type: 'follow', follow: { isUnblocked: false } });
    expect((await send(lineBody(follow))).statusCode).toBe(200);
    expect((await lastReply(t.db, user)).text).toContain('สวัสดี');
    await say(user, { type: 'text', text: 'ขยะล้นถังหน้าตลาด' });
    expect(await conversationOf(t.db, 'line', user)).toBeDefined();
    const unfollow = lineEvent(user, null, { type: 'unfollow' });
    delete (unfollow as Record<string, unknown>).replyToken;
    expect((await send(lineBody(unfollow))).statusCode).toBe(200);
    expect(await conversationOf(t.db, 'line', user)).toBeUndefined();
  });
});

describe('LINE: status', () => {
  it('"สถานะ <number>" and "status <number>" answer with the state in a sentence', async () => {
    const { report } = await fileReport(t.app, null);
    const user = lineUserId();
    const th = await say(user, { type: 'text', text: `สถานะ ${report.code}` });
    expect(th.text).toContain(`เรื่อง ${report.code} (ถนน เขตบางรัก)`);
    expect(th.text).toContain('รับเรื่องแล้ว รอสำนักงานเขตบางรักดำเนินการ');
    const en = await say(user, { type: 'text', text: `status ${report.code.toLowerCase()}` });
    expect(en.text).toMatch(new RegExp(`^Report ${report.code} \\(Road, Bang Rak\\), filed .+: received, waiting for Bang Rak District Office to take it up\\.$`));
    const unknown = await say(user, { type: 'text', text: 'สถานะ BKK-26-ZZZZZZ' });
    expect(unknown.text).toContain('ไม่พบเรื่องเลข BKK-26-ZZZZZZ');
    // Asking changes no conversation.
    expect(await conversationOf(t.db, 'line', user)).toBeUndefined();
  });
});

describe('LINE: webhook safety', () => {
  it('processes a redelivered event (same webhookEventId) once', async () => {
    const user = lineUserId();
    const raw = lineBody(lineEvent(user, { type: 'text', text: 'ท่อระบายน้ำอุดตัน น้ำเน่า' }));
    const first = await send(raw);
    expect(first.json()).toEqual({ received: 1, duplicates: 0 });
    expect(first.headers['x-ratelimit-limit']).toBe('600');
    const before = await tableCounts(t.db);
    const redelivery = raw.replace('"isRedelivery":false', '"isRedelivery":true');
    const again = await send(redelivery);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ received: 1, duplicates: 1 });
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await repliesTo(t.db, user)).toHaveLength(1);
  });

  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const user = lineUserId();
    const raw = lineBody(lineEvent(user, { type: 'text', text: 'ถนนพัง' }));
    const before = await tableCounts(t.db);
    for (const signature of [null, '', signLine(raw, 'not-the-secret'), signLine(`${raw} `), 'a'.repeat(44)]) {
      const response = await send(raw, signature);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ status: 401, code: 'bad_signature' });
    }
    // No content type at all: still the signature that decides.
    const bare = await t.app.inject({ method: 'POST', url: '/channels/line/webhook', payload: raw, headers: { 'content-type': 'text/plain' } });
    expect(bare.statusCode).toBe(401);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('answers malformed JSON (correctly signed) with 400 and stores nothing', async () => {
    const before = await tableCounts(t.db);
    for (const raw of ['{"events": [', '', '{"destination":"U0","events":"nope"}', '[1,2]', '{"events":[42]}']) {
      const response = await send(raw);
      expect(response.statusCode, raw).toBe(400);
      expect(response.json().detail_th).toMatch(/[\u0E00-\u0E7F]/);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('accepts LINE\'s empty verification call', async () => {
    const response = await send(lineBody());
    expect(response.statusCode).toBe(200);
  });

  it('says politely that a location outside Bangkok cannot be taken, and files nothing', async () => {
    const user = lineUserId();
    await say(user, { type: 'text', text: 'ถนนเป็นหลุม' });
    const before = await tableCounts(t.db);
    const reply = await say(user, { type: 'location', title: 'นนทบุรี', latitude: PLACES.outside.lat, longitude: PLACES.outside.lng });
    expect(reply.text).toContain('ขออภัย ตำแหน่งนี้อยู่นอกกรุงเทพมหานคร');
    const after = await tableCounts(t.db);
    // Only the event id, the polite reply and its audit entry are written; no report, no conversation change.
    expect(after).toEqual({ ...before, channel_webhook_events: before.channel_webhook_events! + 1, outbox: before.outbox! + 1, audit_log: before.audit_log! + 1 });
    expect(((await conversationOf(t.db, 'line', user))!.state as { location: unknown }).location).toBeNull();
  });

  it('says politely that a file is not an image, and keeps nothing', async () => {
    const user = lineUserId();
    const before = await tableCounts(t.db);
    const reply = await sendPhoto(user, Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'));
    expect(reply.text).toContain('ไม่ใช่รูปภาพ');
    const after = await tableCounts(t.db);
    expect(after).toEqual({ ...before, channel_webhook_events: before.channel_webhook_events! + 1, outbox: before.outbox! + 1, audit_log: before.audit_log! + 1 });
    expect(await conversationOf(t.db, 'line', user)).toBeUndefined();
  });

  it('says so when LINE cannot hand over the photo, and keeps nothing', async () => {
    const user = lineUserId();
    const before = await tableCounts(t.db);
    const response = await send(lineBody(lineEvent(user, { type: 'image', contentProvider: { type: 'line' } })));
    expect(response.statusCode).toBe(200);
    expect((await lastReply(t.db, user)).text).toContain('ดึงรูปภาพไม่สำเร็จ');
    expect(await tableCounts(t.db)).toEqual({ ...before, channel_webhook_events: before.channel_webhook_events! + 1, outbox: before.outbox! + 1, audit_log: before.audit_log! + 1 });
  });

  it('keeps the conversation when the app is rebuilt on the same database', async () => {
    const user = lineUserId();
    await say(user, { type: 'text', text: 'ต้นไม้ล้มขวางทางเท้า' });
    await say(user, { type: 'location', title: 'pin', latitude: PLACES.bangRak.lat, longitude: PLACES.bangRak.lng });
    await t.app.close();
    t.app = await buildApp({ config: t.config, db: t.db, logger: false, background: false, loadShedding: false });
    await t.app.ready();
    const summary = await sendPhoto(user, await jpegWithExif(400, 300));
    expect(summary.text).toContain('ต้นไม้ล้มขวางทางเท้า');
    expect(summary.text).toContain('เขตบางรัก');
    await say(user, { type: 'text', text: 'ยืนยัน' });
    const report = await reportByChannelUser(t.db, 'line', user);
    expect(report?.description).toBe('ต้นไม้ล้มขวางทางเท้า');
  });
});
