import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, PLACES } from '../../../test/helpers/factories.ts';
import { jpegWithExif, pngImage } from '../../../test/helpers/images.ts';
import { signX, startFakePlatforms, xCrcResponse, type FakePlatforms } from '../../../test/fakes/fake-platforms.ts';
import { lastReply, numericId, postRaw, repliesTo, reportByChannelUser, tableCounts, xDirectMessage } from './channels.test-helpers.ts';

let t: TestContext;
let fake: FakePlatforms;
const OWN_ID = '2244994945';
beforeAll(async () => {
  fake = await startFakePlatforms();
  t = await createTestApp({ channels: fake.channelConfig() });
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const send = (raw: string, signature: string | null = signX(raw)) =>
  postRaw(t.app, '/channels/x/webhook', raw, signature === null ? {} : { 'x-twitter-webhooks-signature': signature });

async function dm(userId: string, text: string, attachment?: Record<string, unknown>) {
  const response = await send(xDirectMessage(OWN_ID, userId, text, attachment));
  expect(response.statusCode, response.body).toBe(200);
  return lastReply(t.db, userId);
}

function photoAttachment(url: string) {
  return { type: 'media', media: { id: 9.5e17, id_str: numericId(), media_url_https: url, url: 'https://t.co/AbCdEf1234', type: 'photo', sizes: {} } };
}

function mentionBody(userId: string, tweet: Record<string, unknown>) {
  const id = numericId();
  return JSON.stringify({
    for_user_id: OWN_ID,
    user_has_blocked: false,
    tweet_create_events: [{
      created_at: 'Wed Jan 14 03:00:00 +0000 2026',
      id: Number(id), id_str: id, truncated: false,
      user: { id: Number(userId), id_str: userId, name: 'Somchai', screen_name: 'somchai_bkk' },
      entities: { hashtags: [], urls: [], user_mentions: [{ screen_name: 'BangkokCity', name: 'Bangkok City', id: Number(OWN_ID), id_str: OWN_ID, indices: [0, 12] }] },
      ...tweet,
    }],
  });
}

describe('X: CRC check', () => {
  it('answers crc_token with the base64 HMAC response token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/channels/x/webhook?crc_token=Y2hhbGxlbmdlLTEyMw' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ response_token: xCrcResponse('Y2hhbGxlbmdlLTEyMw') });
    expect((await t.app.inject({ method: 'GET', url: '/channels/x/webhook' })).statusCode).toBe(400);
  });
});

describe('X: direct messages', () => {
  it('text with a photo → typed coordinates → confirm files the report; the reply carries the tracking link', async () => {
    const user = numericId();
    const url = fake.addXMedia(await jpegWithExif(), 'image/jpeg');
    const first = await dm(user, 'Big pothole in front of the market, motorbikes keep falling https://t.co/AbCdEf1234', photoAttachment(url));
    expect(first.channel).toBe('x');
    expect(first.text).toContain('Got the photo');
    expect(first.text).toContain('Please send the location');
    expect(fake.callsTo('/x-media/').at(-1)!.headers.authorization).toBe(`Bearer ${fake.credentials.xAccessToken}`);
    const summary = await dm(user, `${PLACES.bangRak.lat}, ${PLACES.bangRak.lng}`);
    expect(summary.text).toContain('Your report');
    expect(summary.text).toContain('Big pothole in front of the market, motorbikes keep falling');
    expect(summary.text).not.toContain('t.co');
    const filed = await dm(user, 'confirm');
    const report = await reportByChannelUser(t.db, 'x', user);
    expect(report!.channel).toBe('x');
    expect(report!.district_code).toBe(1004);
    expect(filed.text).toContain(`Tracking number: ${report!.code}`);
    expect(filed.link).toBe(`${t.config.publicUrl}/r/${report!.code}`);

    const officer = await createStaff(t.app, t.db, report!.agency_code);
    expect((await client(t.app, officer).post(`/api/v1/reports/${report!.code}/accept`)).statusCode).toBe(200);
    const push = await lastReply(t.db, user);
    expect(push.channel).toBe('x');
    expect(push.text).toBe(`Your report ${report!.code} is now: In progress. Bang Rak District Office.`);
  });

  it('ignores the account\'s own outgoing messages', async () => {
    const before = await tableCounts(t.db);
    const response = await send(xDirectMessage(OWN_ID, OWN_ID, 'ขอบคุณที่แจ้งเรื่อง'));
    expect(response.json()).toEqual({ received: 0, duplicates: 0 });
    expect(await tableCounts(t.db)).toEqual(before);
  });
});

describe('X: mentions', () => {
  it('a mention with coordinates and a photo is filed at once, and the reply carries the link', async () => {
    const user = numericId();
    const url = fake.addXMedia(await pngImage(), 'image/png');
    const raw = mentionBody(user, {
      text: '@BangkokCity ทางเท้าแตกเป็นหลุม คนเดินสะดุดล้ม https://t.co/XyZ987',
      coordinates: { type: 'Point', coordinates: [PLACES.bangRak.lng, PLACES.bangRak.lat] },
      extended_entities: { media: [{ id_str: numericId(), media_url_https: url, url: 'https://t.co/XyZ987', type: 'photo' }] },
    });
    expect((await send(raw)).statusCode).toBe(200);
    const report = await reportByChannelUser(t.db, 'x', user);
    expect(report!.description).toBe('ทางเท้าแตกเป็นหลุม คนเดินสะดุดล้ม');
    expect(report!.district_code).toBe(1004);
    const replies = await repliesTo(t.db, user);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain(report!.code);
    expect(replies[0]!.link).toBe(`${t.config.publicUrl}/r/${report!.code}`);
    expect(await t.db.selectFrom('report_photos').where('report_id', '=', report!.id).selectAll().execute()).toHaveLength(1);
  });

  it('a mention with a place (no exact point) and a photo uses the middle of the place', async () => {
    const user = numericId();
    const url = fake.addXMedia(await jpegWithExif(), 'image/jpeg');
    const { lat, lng } = PLACES.bangRak;
    await send(mentionBody(user, {
      text: '@BangkokCity ไฟถนนดับทั้งซอย',
      place: { id: '7d1f8c', place_type: 'poi', full_name: 'Silom', bounding_box: { type: 'Polygon', coordinates: [[[lng - 0.002, lat - 0.002], [lng - 0.002, lat + 0.002], [lng + 0.002, lat + 0.002], [lng + 0.002, lat - 0.002]]] } },
      extended_entities: { media: [{ id_str: numericId(), media_url_https: url, type: 'photo' }] },
    }));
    const report = await reportByChannelUser(t.db, 'x', user);
    expect(report!.district_code).toBe(1004);
  });

  it('a mention with a photo but no place asks for the location by direct message', async () => {
    const user = numericId();
    const url = fake.addXMedia(await jpegWithExif(), 'image/jpeg');
    await send(mentionBody(user, { text: '@BangkokCity ต้นไม้ล้มขวางถนน', extended_entities: { media: [{ id_str: numericId(), media_url_https: url, type: 'photo' }] } }));
    expect(await reportByChannelUser(t.db, 'x', user)).toBeUndefined();
    expect((await lastReply(t.db, user)).text).toContain('กรุณาส่งตำแหน่ง');
  });
});

describe('X: webhook safety', () => {
  it('refuses a wrong or missing signature with 401 and stores nothing', async () => {
    const raw = xDirectMessage(OWN_ID, numericId(), 'ถนนพัง');
    const before = await tableCounts(t.db);
    for (const signature of [null, signX(raw, 'wrong-secret'), signX(raw).replace('sha256=', ''), 'sha256=AAAA']) {
      expect((await send(raw, signature)).statusCode).toBe(401);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('processes a redelivered event once', async () => {
    const user = numericId();
    const raw = xDirectMessage(OWN_ID, user, 'น้ำท่วมขังหน้าโรงเรียน');
    expect((await send(raw)).json()).toEqual({ received: 1, duplicates: 0 });
    const before = await tableCounts(t.db);
    expect((await send(raw)).json()).toEqual({ received: 1, duplicates: 1 });
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = await tableCounts(t.db);
    for (const raw of ['{"for_user_id":', '{"direct_message_events":[]}', 'null']) {
      expect((await send(raw)).statusCode, raw).toBe(400);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });
});
