// Filing a report for a caller: by place names, through the reports service, routed
// like any other report, with a confirmation queued for SMS or LINE follow-up; every
// bad input refused with nothing stored. And how a system administrator makes agents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, createStaff, PLACES, type Session } from '../../../test/helpers/factories.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { representativePoint } from './callcentre.places.ts';
import { counts, createAgent, filingBody, login, newPhone, unique } from './callcentre.test-helpers.ts';

let ctx: TestContext;
let agent: Session;
let admin: Session;

const intl = (phone: string) => `+66${phone.slice(1)}`;
const LINE_USER = `U${'0123456789abcdef'.repeat(2)}`;

beforeAll(async () => {
  ctx = await createTestApp();
  agent = await createAgent(ctx.app, ctx.db);
  admin = await createStaff(ctx.app, ctx.db, null, 'admin');
});

afterAll(async () => {
  await ctx?.close();
});

describe('POST /api/v1/callcentre/reports', () => {
  it('files by place names with SMS follow-up: routed to the district, confirmation queued, audited', async () => {
    const phone = newPhone();
    const response = await client(ctx.app, agent).post('/api/v1/callcentre/reports', filingBody(phone));
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    const code = result.report.code as string;
    expect(code).toMatch(/^BKK-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
    expect(result.report).toMatchObject({
      state: 'received', channel: 'call_centre', category: { code: 'road' }, district: { code: 1004 }, agency: { code: 'district-1004' },
      address: 'แขวงสีลม ซอยสีลม 5 ใกล้ร้านสะดวกซื้อ เขตบางรัก',
    });
    expect(result.place).toMatchObject({ precision: 'district', district: { code: 1004 }, district_mismatch: false });
    expect(result.place.note_th).toContain('ตำแหน่งโดยประมาณ');
    expect(result.follow_up).toEqual({ channel: 'sms', confirmation_queued: true });
    // The tracking number spelled out, one spoken token per character.
    expect(result.readback_th.split(' ')).toHaveLength(code.length);
    expect(result.readback_th.startsWith('บี เค เค ขีด')).toBe(true);
    expect(result.readback_en.startsWith('B K K dash')).toBe(true);

    const stored = await ctx.db.selectFrom('reports').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      channel: 'call_centre', contact_phone: intl(phone), contact_name: 'คุณสมศรี', district_code: 1004, reporter_id: null, ...representativePoint(1004),
    });
    const subscriptions = await ctx.db.selectFrom('report_subscriptions').selectAll().where('report_id', '=', stored.id).execute();
    expect(subscriptions).toEqual([expect.objectContaining({ channel: 'sms', address: intl(phone), locale: 'th' })]);
    const outbox = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', intl(phone)).execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ channel: 'sms', status: 'pending' });
    const payload = outbox[0].payload as { text: string; link: string; subject: { type: string; id: string } };
    expect(payload.text).toContain(code);
    expect(payload.text).toContain('สำนักงานเขตบางรัก');
    expect(payload.link).toMatch(new RegExp(`/r/${code}$`));
    expect(payload.subject).toEqual({ type: 'report', id: code });

    const audit = await auditRows(ctx.db, code);
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'callcentre.report_filed']);
    for (const a of audit) expect(a).toMatchObject({ actor_label: `user:${agent.publicId}`, channel: 'call_centre' });
    expect(audit[1].after).toMatchObject({ location_precision: 'district', follow_up: 'sms', confirmation_queued: true, district_mismatch: false });
  });

  it('lands in the routed agency\'s queue', async () => {
    const filed = (await client(ctx.app, agent).post('/api/v1/callcentre/reports', filingBody(newPhone(), { follow_up: 'none' }))).json();
    const officer = await createStaff(ctx.app, ctx.db, 'district-1004');
    const queue = (await client(ctx.app, officer).get('/api/v1/staff/queue?page_size=100')).json() as { items: Array<{ code: string }> };
    expect(queue.items.map((i) => i.code)).toContain(filed.report.code);
    const detail = (await client(ctx.app, officer).get(`/api/v1/reports/${filed.report.code}`)).json();
    expect(detail.channel).toBe('call_centre');
    expect(detail.staff.contact).toMatchObject({ name: 'คุณสมศรี' });
  });

  it('follows up on LINE when asked, and not at all when not', async () => {
    const line = (await client(ctx.app, agent).post('/api/v1/callcentre/reports', filingBody(newPhone(), { follow_up: 'line', line_user_id: LINE_USER }))).json();
    expect(line.follow_up).toEqual({ channel: 'line', confirmation_queued: true });
    const lineOutbox = await ctx.db.selectFrom('outbox').selectAll().where('recipient', '=', LINE_USER).execute();
    expect(lineOutbox).toHaveLength(1);
    expect(lineOutbox[0].channel).toBe('line');
    expect((lineOutbox[0].payload as { text: string }).text).toContain(line.report.code);

    const phone = newPhone();
    const before = await counts(ctx.db);
    const none = (await client(ctx.app, agent).post('/api/v1/callcentre/reports', filingBody(phone, { follow_up: 'none' }))).json();
    expect(none.follow_up).toEqual({ channel: 'none', confirmation_queued: false });
    const after = await counts(ctx.db);
    expect(after.reports).toBe(before.reports + 1);
    expect(after.outbox).toBe(before.outbox);
    expect(after.subscriptions).toBe(before.subscriptions);
  });

  it('uses the pin when the agent has one; a pin in another district is used and flagged', async () => {
    const pinned = (await client(ctx.app, agent).post('/api/v1/callcentre/reports', filingBody(newPhone(), { ...PLACES.phraNakhon, follow_up: 'none' }))).json();
    expect(pinned.place).toMatchObject({ precision: 'pin', district: { code: 1001 }, named_district: { code: 1004 }, district_mismatch: true });
    expect(pinned.report.agency.code).toBe('district-1001');
    const stored = await ctx.db.selectFrom('reports').select(['lat', 'lng', 'district_code']).where('code', '=', pinned.report.code).executeTakeFirstOrThrow();
    expect(stored).toEqual({ ...PLACES.phraNakhon, district_code: 1001 });
    const audit = await auditRows(ctx.db, pinned.report.code);
    expect(audit[1].after).toMatchObject({ location_precision: 'pin', district_mismatch: true });
  });

  it('lets a system administrator file too', async () => {
    const response = await client(ctx.app, admin).post('/api/v1/callcentre/reports', filingBody(newPhone(), { follow_up: 'none' }));
    expect(response.statusCode, response.body).toBe(201);
  });

  describe('bad input: a clear 4xx in Thai and English, and nothing stored', () => {
    const cases: Array<{ name: string; change: Record<string, unknown>; status: number; code: string; field?: string }> = [
      { name: 'an invalid phone number', change: { caller_phone: '12345' }, status: 400, code: 'invalid_phone', field: 'caller_phone' },
      { name: 'an unknown district', change: { district: 9999 }, status: 400, code: 'unknown_district', field: 'district' },
      { name: 'a pin outside Bangkok', change: { ...PLACES.outside }, status: 422, code: 'outside_bangkok' },
      { name: 'half a pin', change: { lat: 13.73 }, status: 400, code: 'pin_incomplete' },
      { name: 'an unknown category', change: { category: 'dragons' }, status: 400, code: 'unknown_category', field: 'category' },
      { name: 'a missing description', change: { description: undefined }, status: 400, code: 'validation_failed', field: 'description' },
      { name: 'a blank description', change: { description: '   ' }, status: 400, code: 'description_required', field: 'description' },
      { name: 'follow-up on LINE without a LINE user id', change: { follow_up: 'line' }, status: 400, code: 'line_user_id_required', field: 'line_user_id' },
      { name: 'a malformed LINE user id', change: { follow_up: 'line', line_user_id: 'not-a-line-id' }, status: 400, code: 'validation_failed', field: 'line_user_id' },
      { name: 'a LINE user id without LINE follow-up', change: { follow_up: 'sms', line_user_id: LINE_USER }, status: 400, code: 'line_user_id_unused', field: 'line_user_id' },
      { name: 'an unknown follow-up channel', change: { follow_up: 'pigeon' }, status: 400, code: 'validation_failed', field: 'follow_up' },
      { name: 'an unknown field', change: { reporter_id: 1 }, status: 400, code: 'validation_failed', field: 'reporter_id' },
    ];

    for (const c of cases) {
      it(`refuses ${c.name}`, async () => {
        const phone = newPhone();
        const payload = { ...filingBody(phone), ...c.change };
        for (const [k, v] of Object.entries(payload)) if (v === undefined) delete (payload as Record<string, unknown>)[k];
        const before = await counts(ctx.db);
        const response = await client(ctx.app, agent).post('/api/v1/callcentre/reports', payload);
        expect(response.statusCode, response.body).toBe(c.status);
        const problem = response.json();
        expect(problem).toMatchObject({ status: c.status, code: c.code });
        expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
        expect(problem.detail_en).toMatch(/[A-Za-z]/);
        if (c.field) expect(problem.errors.map((e: { field: string }) => e.field)).toContain(c.field);
        expect(await counts(ctx.db)).toEqual(before);
      });
    }

    it('refuses a request without the anti-forgery token', async () => {
      const before = await counts(ctx.db);
      const response = await ctx.app.inject({ method: 'POST', url: '/api/v1/callcentre/reports', payload: filingBody(newPhone()), headers: { cookie: `dp_session=${agent.cookie}` } });
      expect(response.statusCode).toBe(403);
      expect(await counts(ctx.db)).toEqual(before);
    });
  });
});

describe('the agent role', () => {
  it('a system administrator creates an agent without an agency; the agent signs in as an agent', async () => {
    const email = `agent.${unique()}@1555.bangkok.go.th`;
    const response = await client(ctx.app, admin).post('/api/v1/admin/staff', { email, display_name: 'เจ้าหน้าที่ 1555', password: 'agent password 1', role: 'agent' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ role: 'agent', agency: null, disabled: false });
    const session = await login(ctx.app, email, 'agent password 1');
    const me = (await client(ctx.app, session).get('/api/v1/auth/session')).json();
    expect(me.user).toMatchObject({ role: 'agent', agency: null });
    const list = (await client(ctx.app, admin).get('/api/v1/admin/staff')).json() as { items: Array<{ email: string; role: string }> };
    expect(list.items.find((s) => s.email === email)?.role).toBe('agent');
    // Not someone to assign reports to.
    const officers = (await client(ctx.app, admin).get('/api/v1/staff/officers')).json() as { items: Array<{ display_name: string; id: string }> };
    expect(officers.items.map((o) => o.id)).not.toContain(response.json().id);
  });

  it('refuses an agent made by an agency administrator, or given an agency; officers still need one', async () => {
    const agencyAdmin = await createStaff(ctx.app, ctx.db, 'district-1004', 'agency_admin');
    const base = { display_name: 'ทดสอบ', password: 'agent password 1' };
    const byAgencyAdmin = await client(ctx.app, agencyAdmin).post('/api/v1/admin/staff', { ...base, email: `a.${unique()}@example.org`, role: 'agent' });
    expect(byAgencyAdmin.statusCode).toBe(403);
    const withAgency = await client(ctx.app, admin).post('/api/v1/admin/staff', { ...base, email: `b.${unique()}@example.org`, role: 'agent', agency_code: 'district-1004' });
    expect(withAgency.statusCode).toBe(400);
    expect(withAgency.json().code).toBe('agent_without_agency');
    const officerWithout = await client(ctx.app, admin).post('/api/v1/admin/staff', { ...base, email: `c.${unique()}@example.org`, role: 'officer' });
    expect(officerWithout.statusCode).toBe(400);
    expect(officerWithout.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field: 'agency_code' })] });
    const agencyAdminOwn = await client(ctx.app, agencyAdmin).post('/api/v1/admin/staff', { ...base, email: `d.${unique()}@example.org`, role: 'officer', agency_code: 'district-1004' });
    expect(agencyAdminOwn.statusCode, agencyAdminOwn.body).toBe(201);
  });

  it('the database itself keeps agents out of agencies', async () => {
    const agency = await ctx.db.selectFrom('agencies').select('id').where('code', '=', 'district-1004').executeTakeFirstOrThrow();
    await expect(
      createAuthService(ctx.db).createUser({ email: `e.${unique()}@example.org`, password: 'agent password 1', display_name: 'x', role: 'agent', agency_id: agency.id }, SYSTEM_ACTOR('test')),
    ).rejects.toThrow(/users_agent_without_agency_check/);
  });
});
