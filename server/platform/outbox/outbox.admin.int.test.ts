import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, createStaff, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { startFakePlatforms, type FakePlatforms } from '../../../test/fakes/fake-platforms.ts';
import { createOutboxModule } from './outbox.module.ts';
import { outboxRow, queue } from './outbox.testing.ts';

let fake: FakePlatforms;
let t: TestContext;
let admin: Session;
let agencyAdmin: Session;
let officer: Session;
let citizen: Session;

const lineTo = 'U4af4980629a0b1c2d3e4f5a6b7c8d92e';
const phone = '+66812345678';
const ids: Record<string, string> = {};

beforeAll(async () => {
  fake = await startFakePlatforms();
  // SMS is switched off in this app: its messages are skipped and cannot be retried.
  t = await createTestApp({ channels: fake.channelConfig({ smsApiUrl: null }) });
  admin = await createStaff(t.app, t.db, null, 'admin');
  agencyAdmin = await createStaff(t.app, t.db, 'district-1004', 'agency_admin');
  officer = await createStaff(t.app, t.db, 'district-1004', 'officer');
  citizen = await signUpCitizen(t.app);

  fake.failNext('/v2/bot/message/push', 1, { status: 400, body: { message: 'The property, \'to\', in the request body is invalid' } });
  ids.lineFailed = await queue(t.db, { channel: 'line', recipient: lineTo });
  ids.smsSkipped = await queue(t.db, { channel: 'sms', recipient: phone });
  ids.xDelivered = await queue(t.db, { channel: 'x', recipient: '1234567890' });
  ids.emailSkipped = await queue(t.db, { channel: 'email', recipient: 'somchai@example.org' });
  await createOutboxModule({ db: t.db, config: t.config }).worker.runOnce();
  ids.appPending = await queue(t.db, { channel: 'app_push', recipient: 'device-token-xyz' });
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

describe('GET /api/v1/admin/outbox', () => {
  it('is for system administrators only: 401, 403 for each other role, 200', async () => {
    expect((await client(t.app, null).get('/api/v1/admin/outbox')).statusCode).toBe(401);
    for (const s of [citizen, officer, agencyAdmin]) expect((await client(t.app, s).get('/api/v1/admin/outbox')).statusCode).toBe(403);
    expect((await client(t.app, admin).get('/api/v1/admin/outbox')).statusCode).toBe(200);
  });

  it('lists newest first with masked recipients, no message text, and what may be retried', async () => {
    const res = await client(t.app, admin).get('/api/v1/admin/outbox');
    const body = res.json();
    expect(body).toMatchObject({ total: 5, page: 1, page_size: 50 });
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([ids.appPending, ids.emailSkipped, ids.xDelivered, ids.smsSkipped, ids.lineFailed]);
    const byId = Object.fromEntries(body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId[ids.lineFailed]).toMatchObject({
      channel: 'line', recipient: 'U4a…2e', status: 'failed', attempts: 1, next_attempt_at: null,
      last_error: expect.stringMatching(/^LINE answered HTTP 400/), subject: { type: 'report', id: 'BKK-26-TEST01' }, abilities: { retry: true },
    });
    expect(byId[ids.smsSkipped]).toMatchObject({ recipient: '+668•••••678', status: 'skipped', last_error: 'SMS is switched off: set SMS_API_URL', abilities: { retry: false } });
    expect(byId[ids.emailSkipped]).toMatchObject({ recipient: 's•••@example.org', abilities: { retry: false } });
    expect(byId[ids.xDelivered]).toMatchObject({ recipient: '123…90', status: 'delivered', delivered_at: expect.any(String), abilities: { retry: false } });
    expect(byId[ids.appPending]).toMatchObject({ status: 'pending', next_attempt_at: expect.any(String) });
    for (const secret of [lineTo, phone, 'somchai@example.org', '1234567890', 'device-token-xyz', 'กำลังดำเนินการ']) expect(res.body).not.toContain(secret);
  });

  it('filters by one or several statuses and by channel, and pages', async () => {
    const problems = (await client(t.app, admin).get('/api/v1/admin/outbox?status=failed&status=skipped')).json();
    expect(problems.items.map((i: { status: string }) => i.status).sort()).toEqual(['failed', 'skipped', 'skipped']);
    const sms = (await client(t.app, admin).get('/api/v1/admin/outbox?channel=sms')).json();
    expect(sms.items.map((i: { id: string }) => i.id)).toEqual([ids.smsSkipped]);
    const page2 = (await client(t.app, admin).get('/api/v1/admin/outbox?page=2&page_size=2')).json();
    expect(page2).toMatchObject({ total: 5, page: 2, page_size: 2 });
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual([ids.xDelivered, ids.smsSkipped]);
  });

  it('refuses bad filters with a clear 400', async () => {
    for (const q of ['status=lost', 'channel=pigeon', 'page=0', 'page_size=500', 'colour=red']) {
      const res = await client(t.app, admin).get(`/api/v1/admin/outbox?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json()).toMatchObject({ status: 400, detail_th: expect.any(String), detail_en: expect.any(String) });
    }
  });
});

describe('GET /api/v1/admin/outbox/summary', () => {
  it('is for system administrators only', async () => {
    expect((await client(t.app, null).get('/api/v1/admin/outbox/summary')).statusCode).toBe(401);
    for (const s of [citizen, officer, agencyAdmin]) expect((await client(t.app, s).get('/api/v1/admin/outbox/summary')).statusCode).toBe(403);
  });

  it('counts per channel and status, and says which channels are on and what to set for the others', async () => {
    const res = await client(t.app, admin).get('/api/v1/admin/outbox/summary');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.days).toBe(7);
    expect(body.oldest_pending_at).toEqual(expect.any(String));
    const by = Object.fromEntries(body.channels.map((c: { channel: string }) => [c.channel, c]));
    expect(Object.keys(by)).toEqual(['line', 'facebook', 'x', 'sms', 'email', 'app_push']);
    expect(by.line).toMatchObject({ label: 'LINE', enabled: true, missing_settings: [], counts: { pending: 0, delivered: 0, failed: 1, skipped: 0 } });
    expect(by.x.counts).toEqual({ pending: 0, delivered: 1, failed: 0, skipped: 0 });
    expect(by.sms).toMatchObject({ enabled: false, supported: true, missing_settings: ['SMS_API_URL'], counts: { skipped: 1 } });
    expect(by.email).toMatchObject({ enabled: false, supported: false, counts: { skipped: 1 } });
    expect(by.app_push.counts.pending).toBe(1);
    expect((await client(t.app, admin).get('/api/v1/admin/outbox/summary?days=0')).statusCode).toBe(400);
  });
});

describe('POST /api/v1/admin/outbox/:id/retry', () => {
  it('is for system administrators only, and needs the CSRF token', async () => {
    const url = `/api/v1/admin/outbox/${ids.lineFailed}/retry`;
    expect((await client(t.app, null).post(url)).statusCode).toBe(401);
    for (const s of [citizen, officer, agencyAdmin]) expect((await client(t.app, s).post(url)).statusCode).toBe(403);
    expect((await client(t.app, { ...admin, csrf: 'wrong' }).post(url)).statusCode).toBe(403);
    expect((await outboxRow(t.db, ids.lineFailed)).status).toBe('failed');
    expect(await auditRows(t.db, ids.lineFailed)).toHaveLength(0);
  });

  it('puts a failed message back with fresh attempts, audited without personal data; the worker then delivers it', async () => {
    const res = await client(t.app, admin).post(`/api/v1/admin/outbox/${ids.lineFailed}/retry`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: ids.lineFailed, status: 'pending', attempts: 0, last_error: null, recipient: 'U4a…2e', abilities: { retry: false } });
    const audit = await auditRows(t.db, ids.lineFailed);
    expect(audit.map((a) => [a.action, a.entity_type, a.actor_label])).toEqual([['outbox.retry', 'outbox_message', `user:${admin.publicId}`]]);
    expect(audit[0]!.before).toEqual({ status: 'failed', attempts: 1, channel: 'line' });
    expect(audit[0]!.after).toEqual({ status: 'pending', attempts: 0, channel: 'line' });
    expect(JSON.stringify(audit)).not.toContain(lineTo);

    await createOutboxModule({ db: t.db, config: t.config }).worker.runOnce();
    expect(await outboxRow(t.db, ids.lineFailed)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('refuses what cannot be retried: delivered or pending (409), channel still off (409), unknown (404), bad id (400)', async () => {
    const cases: Array<[string, number, string?]> = [
      [ids.xDelivered!, 409, 'outbox_not_retryable'],
      [ids.appPending!, 409, 'outbox_not_retryable'],
      [ids.smsSkipped!, 409, 'outbox_channel_off'],
      [ids.emailSkipped!, 409, 'outbox_channel_off'],
      ['999999', 404],
      ['abc', 400],
      ['0', 400],
    ];
    for (const [id, status, code] of cases) {
      const res = await client(t.app, admin).post(`/api/v1/admin/outbox/${id}/retry`);
      expect(res.statusCode, `${id}: ${res.body}`).toBe(status);
      if (code) expect(res.json().code).toBe(code);
    }
    const off = (await client(t.app, admin, { 'accept-language': 'en' }).post(`/api/v1/admin/outbox/${ids.smsSkipped}/retry`)).json();
    expect(off.detail).toBe('This channel is switched off: set SMS_API_URL');
    expect((await outboxRow(t.db, ids.smsSkipped!)).status).toBe('skipped');
    expect(await auditRows(t.db, ids.smsSkipped!)).toHaveLength(0);
  });
});
