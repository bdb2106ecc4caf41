// The 1555 call centre through the API: who may use it, a caller's history, places,
// and filing a report by place names with SMS or LINE follow-up.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, createStaff, fileReport, signUpCitizen, PLACES, type Session } from '../../../test/helpers/factories.ts';
import { representativePoint } from './callcentre.places.ts';
import { counts, createAgent, filingBody, newPhone } from './callcentre.test-helpers.ts';

let ctx: TestContext;
let agent: Session;
let admin: Session;
let citizen: Session;
let officer: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  agent = await createAgent(ctx.app, ctx.db);
  admin = await createStaff(ctx.app, ctx.db, null, 'admin');
  citizen = await signUpCitizen(ctx.app);
  officer = await createStaff(ctx.app, ctx.db, 'district-1004');
});

afterAll(async () => {
  await ctx?.close();
});

describe('who may use the call centre', () => {
  const routes = [
    { method: 'get' as const, url: () => '/api/v1/callcentre/callers/0812345678' },
    { method: 'get' as const, url: () => '/api/v1/callcentre/places?district=1004' },
    { method: 'post' as const, url: () => '/api/v1/callcentre/reports' },
  ];

  it('refuses anonymous callers (401), citizens, officers and agency admins (403), with Thai and English', async () => {
    const agencyAdmin = await createStaff(ctx.app, ctx.db, 'district-1004', 'agency_admin');
    const before = await counts(ctx.db);
    for (const route of routes) {
      const body = route.method === 'post' ? filingBody(newPhone()) : undefined;
      const anonymous = route.method === 'post' ? await client(ctx.app, null).post(route.url(), body) : await client(ctx.app, null).get(route.url());
      expect(anonymous.statusCode, route.url()).toBe(401);
      for (const session of [citizen, officer, agencyAdmin]) {
        const c = client(ctx.app, session);
        const response = route.method === 'post' ? await c.post(route.url(), body) : await c.get(route.url());
        expect(response.statusCode, `${route.url()} ${response.body}`).toBe(403);
        expect(response.json()).toMatchObject({ status: 403, detail_th: expect.stringContaining('1555'), detail_en: expect.stringContaining('call-centre') });
      }
    }
    const after = await counts(ctx.db);
    expect(after.reports).toBe(before.reports);
    expect(after.outbox).toBe(before.outbox);
  });

  it('lets agents and system administrators in', async () => {
    for (const session of [agent, admin]) {
      expect((await client(ctx.app, session).get('/api/v1/callcentre/places?district=1004')).statusCode).toBe(200);
      expect((await client(ctx.app, session).get(`/api/v1/callcentre/callers/${newPhone()}`)).statusCode).toBe(200);
    }
  });

  it('does not make agents agency staff: no queue, no acting on reports', async () => {
    const { report } = await fileReport(ctx.app, citizen);
    expect((await client(ctx.app, agent).get('/api/v1/staff/queue')).statusCode).toBe(403);
    const accept = await client(ctx.app, agent).post(`/api/v1/reports/${report.code}/accept`, {});
    expect(accept.statusCode).toBe(403);
    const detail = await client(ctx.app, agent).get(`/api/v1/reports/${report.code}`);
    expect(detail.json().abilities.accept).toBe(false);
    expect(detail.json().staff).toBeUndefined();
  });
});

describe("GET /api/v1/callcentre/callers/:phone — a caller's history", () => {
  it('finds reports by contact phone, SMS follow-up and account phone, newest first, with a sentence to read back', async () => {
    const phone = newPhone();
    // 1. Filed on the web with the number as the contact phone (typed with dashes).
    const web = await fileReport(ctx.app, null, { contact_phone: `${phone.slice(0, 3)}-${phone.slice(3, 6)}-${phone.slice(6)}` });
    // 2. Filed by the call centre with SMS follow-up.
    const filed = await client(ctx.app, agent).post('/api/v1/callcentre/reports', filingBody(phone, { category: 'lighting', description: 'ไฟฟ้าส่องสว่างดับทั้งซอย' }));
    expect(filed.statusCode, filed.body).toBe(201);
    const phoned = filed.json().report.code as string;
    // 3. A signed-up citizen whose account is the phone number.
    const signup = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: { phone, password: 'correct horse battery', display_name: 'สมศรี' } });
    expect(signup.statusCode, signup.body).toBe(201);
    const session: Session = { cookie: signup.cookies.find((c) => c.name === 'dp_session')!.value, csrf: signup.json().csrf_token, userId: '', publicId: '' };
    const own = await fileReport(ctx.app, session, { category: 'sidewalk', description: 'ทางเท้าแตกเป็นหลุม' });
    // Someone else's report never shows.
    await fileReport(ctx.app, null, { contact_phone: newPhone() });
    await ctx.db.updateTable('reports').set({ state: 'in_progress' }).where('code', '=', own.report.code).execute();

    const response = await client(ctx.app, agent).get(`/api/v1/callcentre/callers/${encodeURIComponent(`+66 ${phone.slice(1)}`)}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.phone).toBe(`+66${phone.slice(1)}`);
    expect(body.total).toBe(3);
    expect(body.open).toBe(3);
    expect(body.items.map((i: { code: string }) => i.code)).toEqual([own.report.code, phoned, web.report.code]);
    expect(body.items[0]).toMatchObject({ state: 'in_progress', category: { code: 'sidewalk' }, district: { code: 1004, name_th: 'บางรัก' }, matched_by: ['account_phone'] });
    expect(body.items[1]).toMatchObject({ channel: 'call_centre', matched_by: ['contact_phone', 'sms_subscription'] });
    expect(body.items[2]).toMatchObject({ channel: 'web', matched_by: ['contact_phone'] });
    expect(body.items[0].created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Nothing personal beyond what the agent already has.
    expect(JSON.stringify(body)).not.toContain('contact_name');
    expect(JSON.stringify(body)).not.toContain('ทางเท้าแตกเป็นหลุม');

    const beYear = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(new Date());
    expect(body.readback_th).toContain('คุณมีเรื่องที่แจ้งไว้ 3 เรื่อง เรื่องล่าสุด');
    expect(body.readback_th).toContain(`${own.report.code} เรื่องทางเท้า เขตบางรัก แจ้งเมื่อ`);
    expect(body.readback_th).toContain(beYear.replace(/\D/g, ''));
    expect(body.readback_th).toContain('ตอนนี้กำลังดำเนินการ');
    expect(body.readback_en).toContain('You have 3 reports with us');
    expect(body.readback_en).toContain('is now in progress');
  });

  it('records every lookup in the audit trail without spelling out the number', async () => {
    const phone = newPhone();
    await fileReport(ctx.app, null, { contact_phone: phone });
    const response = await client(ctx.app, agent).get(`/api/v1/callcentre/callers/${phone}`);
    expect(response.statusCode).toBe(200);
    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'callcentre.lookup').orderBy('id', 'desc').limit(1).execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row.actor_label).toBe(`user:${agent.publicId}`);
    expect(row.channel).toBe('call_centre');
    expect(row.entity_type).toBe('caller');
    expect(row.entity_id).toMatch(/^phone-sha256:[0-9a-f]{32}$/);
    const hash = crypto.createHash('sha256').update(`+66${phone.slice(1)}`).digest('hex').slice(0, 32);
    expect(row.entity_id).toBe(`phone-sha256:${hash}`);
    const after = row.after as { phone: string; total: number; shown: string[] };
    expect(after.total).toBe(1);
    expect(after.shown).toHaveLength(1);
    expect(JSON.stringify(row)).not.toContain(phone.slice(1));
  });

  it('says so when the number has no reports', async () => {
    const body = (await client(ctx.app, agent).get(`/api/v1/callcentre/callers/${newPhone()}`)).json();
    expect(body).toMatchObject({ total: 0, open: 0, items: [] });
    expect(body.readback_th).toContain('ยังไม่พบเรื่องที่แจ้งไว้');
  });

  it('refuses a number that is not a phone number (400, Thai and English), and audits nothing', async () => {
    const before = await counts(ctx.db);
    for (const raw of ['12345', 'hello', '0812345678901']) {
      const response = await client(ctx.app, agent).get(`/api/v1/callcentre/callers/${raw}`);
      expect(response.statusCode, raw).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_phone', detail_th: expect.stringContaining('หมายเลขโทรศัพท์'), detail_en: expect.stringContaining('phone number') });
    }
    expect((await counts(ctx.db)).audit).toBe(before.audit);
  });
});

describe('GET /api/v1/callcentre/places — a location from place names', () => {
  it('resolves a district named in Thai to a point inside it, at district precision, and says so', async () => {
    const response = await client(ctx.app, agent).get(`/api/v1/callcentre/places?district=${encodeURIComponent('เขตบางรัก')}&q=${encodeURIComponent('ซอยสีลม 5 ใกล้ร้านสะดวกซื้อ')}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.place).toMatchObject({ precision: 'district', district: { code: 1004 }, district_mismatch: false, ...representativePoint(1004) });
    expect(body.place.note_th).toContain('ตำแหน่งโดยประมาณ: กลางเขตบางรัก');
    expect(body.address).toBe('ซอยสีลม 5 ใกล้ร้านสะดวกซื้อ เขตบางรัก');
    const locate = (await ctx.app.inject({ url: `/api/v1/locate?lat=${body.place.lat}&lng=${body.place.lng}` })).json();
    expect(locate).toMatchObject({ inside: true, district: { code: 1004 } });
  });

  it('uses a pin when there is one, and flags a pin in another district', async () => {
    const same = (await client(ctx.app, agent).get(`/api/v1/callcentre/places?district=Bang%20Rak&lat=${PLACES.bangRak.lat}&lng=${PLACES.bangRak.lng}`)).json();
    expect(same.place).toMatchObject({ precision: 'pin', lat: PLACES.bangRak.lat, district_mismatch: false });
    const other = (await client(ctx.app, agent).get(`/api/v1/callcentre/places?district=1004&lat=${PLACES.phraNakhon.lat}&lng=${PLACES.phraNakhon.lng}`)).json();
    expect(other.place).toMatchObject({ precision: 'pin', district: { code: 1001 }, named_district: { code: 1004 }, district_mismatch: true });
    expect(other.place.note_en).toContain('not Bang Rak');
  });

  it('refuses an unknown district (400) and a pin outside Bangkok (422)', async () => {
    const unknown = await client(ctx.app, agent).get('/api/v1/callcentre/places?district=Atlantis');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_district', detail_th: expect.any(String), detail_en: expect.any(String) });
    const outside = await client(ctx.app, agent).get(`/api/v1/callcentre/places?district=1004&lat=${PLACES.outside.lat}&lng=${PLACES.outside.lng}`);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('outside_bangkok');
  });
});
