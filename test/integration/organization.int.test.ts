import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
import { auditRows, client, fileReport, PLACES, signUpCitizen, type Session } from '../helpers/factories.ts';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

// Login is rate-limited per address: each sign-in here comes from its own, so the number of
// accounts a test makes never matters.
let ipSeq = 0;
const nextIp = () => { ipSeq += 1; return `10.2.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`; };
const unique = () => crypto.randomBytes(4).toString('hex');
const HOUR = 3600 * 1000;

async function loginAs(email: string, password: string) {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: nextIp(), payload: { identifier: email, password } });
  return response;
}
function sessionOf(response: LightMyRequestResponse): Session {
  const cookie = response.cookies.find((c) => c.name === 'dp_session');
  if (!cookie) throw new Error(`no session in ${response.statusCode} ${response.body}`);
  const body = response.json() as { user: { id: string }; csrf_token: string };
  return { cookie: cookie.value, csrf: body.csrf_token, userId: '', publicId: body.user.id };
}

/** A staff account made the way the seed command makes one, then signed in through the API. */
async function staff(agencyCode: string | null, role: 'officer' | 'agency_admin' | 'admin' = 'officer', name = `เจ้าหน้าที่ ${unique()}`): Promise<Session> {
  const email = `${role}.${unique()}@bangkok.go.th`;
  const agency = agencyCode ? await t.db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirstOrThrow() : null;
  await createAuthService(t.db).createUser({ email, password: 'staff password 1', display_name: name, role, agency_id: agency?.id ?? null }, SYSTEM_ACTOR('test'));
  const response = await loginAs(email, 'staff password 1');
  expect(response.statusCode, response.body).toBe(200);
  return sessionOf(response);
}

const count = async (table: 'users' | 'audit_log' | 'categories') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const categoryRow = (code: string) => t.db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
const agencyId = async (code: string) => (await t.db.selectFrom('agencies').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

function expectProblem(response: LightMyRequestResponse, status: number, code?: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const problem = response.json() as { status: number; code: string; detail_th: string; detail_en: string };
  expect(problem.status).toBe(status);
  expect(problem.detail_th).toMatch(/[\u0E00-\u0E7F]/);
  expect(problem.detail_en).toMatch(/[a-z]/i);
  if (code) expect(problem.code).toBe(code);
  return problem;
}

const TRAFFY_TYPES = [
  'ถนน', 'ทางเท้า', 'น้ำท่วม', 'ท่อระบายน้ำ', 'ความสะอาด', 'แสงสว่าง', 'ต้นไม้', 'กีดขวาง', 'ความปลอดภัย', 'จราจร', 'ป้ายจราจร', 'สะพาน',
  'คลอง', 'เสียงรบกวน', 'สัตว์จรจัด', 'คนจรจัด', 'ป้าย', 'สายไฟ', 'PM2.5', 'ห้องน้ำ', 'การเดินทาง', 'ร้องเรียน', 'สอบถาม', 'เสนอแนะ',
];

describe('reference data', () => {
  const anon = () => client(t.app, null);

  it("lists Bangkok's 50 districts, codes 1001–1050, with 2018 figures", async () => {
    const response = await anon().get('/api/v1/districts');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ code: number; name_th: string; name_en: string; area_km2: number | null; population_2018: number | null; communities_2018: number | null }>;
    expect(items).toHaveLength(50);
    expect(items.map((d) => d.code)).toEqual(Array.from({ length: 50 }, (_, i) => 1001 + i));
    for (const d of items) {
      expect(d.name_th).toMatch(/[\u0E00-\u0E7F]/);
      expect(d.name_en).toMatch(/^[A-Z]/);
    }
    expect(items.find((d) => d.code === 1004)).toMatchObject({ name_th: 'บางรัก', name_en: 'Bang Rak' });
    expect(items.find((d) => d.code === 1001)).toMatchObject({ name_th: 'พระนคร', name_en: 'Phra Nakhon' });
    expect(items.reduce((sum, d) => sum + (d.communities_2018 ?? 0), 0)).toBe(2007);
    expect(items.every((d) => (d.population_2018 ?? 0) > 0 && (d.area_km2 ?? 0) > 0)).toBe(true);
  });

  it('serves the outlines as a GeoJSON FeatureCollection of 50 districts', async () => {
    const response = await anon().get('/api/v1/districts/geojson');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const collection = response.json() as { type: string; features: Array<{ type: string; geometry: { type: string; coordinates: unknown[] }; properties: { code: number; name_th: string } }> };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(50);
    expect(collection.features.map((f) => f.properties.code).sort()).toEqual(Array.from({ length: 50 }, (_, i) => 1001 + i));
    for (const f of collection.features) {
      expect(f.type).toBe('Feature');
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
    }
  });

  it('locates a pin inside Bangkok', async () => {
    const bangRak = await anon().get(`/api/v1/locate?lat=${PLACES.bangRak.lat}&lng=${PLACES.bangRak.lng}`);
    expect(bangRak.statusCode).toBe(200);
    expect(bangRak.json()).toEqual({ inside: true, district: { code: 1004, name_th: 'บางรัก', name_en: 'Bang Rak' } });
    const phraNakhon = await anon().get(`/api/v1/locate?lat=${PLACES.phraNakhon.lat}&lng=${PLACES.phraNakhon.lng}`);
    expect(phraNakhon.json().district.code).toBe(1001);
  });

  it('says in Thai and English when a pin is outside Bangkok', async () => {
    const response = await anon().get(`/api/v1/locate?lat=${PLACES.outside.lat}&lng=${PLACES.outside.lng}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.inside).toBe(false);
    expect(body.district).toBeUndefined();
    expect(body.message_th).toMatch(/นอกกรุงเทพ/);
    expect(body.message_en).toMatch(/outside Bangkok/);
  });

  it.each([
    ['lat=abc&lng=100.5', 'lat'],
    ['lat=13.7&lng=', 'lng'],
    ['lat=13.7', 'lng'],
    ['lat=95&lng=100.5', 'lat'],
    ['lat=13.7&lng=200', 'lng'],
    ['lat=13.7&lng=100.5&radius=5', 'radius'],
  ])('refuses a bad locate query (%s) with 400', async (query, field) => {
    const problem = expectProblem(await anon().get(`/api/v1/locate?${query}`), 400);
    expect(JSON.stringify(problem)).toContain(field);
  });

  it('lists the 50 district offices, the BMA departments and the outside bodies', async () => {
    const response = await anon().get('/api/v1/agencies');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ code: string; kind: string; name_th: string; name_en: string; district_code: number | null }>;
    expect(items).toHaveLength(80);
    const offices = items.filter((a) => a.kind === 'district_office');
    expect(offices).toHaveLength(50);
    expect(offices.map((a) => a.district_code).sort()).toEqual(Array.from({ length: 50 }, (_, i) => 1001 + i));
    for (const o of offices) expect(o.code).toBe(`district-${o.district_code}`);
    expect(offices.find((o) => o.code === 'district-1004')!.name_th).toContain('บางรัก');
    const departments = items.filter((a) => a.code.startsWith('bma-'));
    expect(departments.length).toBeGreaterThanOrEqual(16);
    expect(departments.every((a) => a.kind === 'department' && a.district_code === null)).toBe(true);
    const codes = new Set(items.map((a) => a.code));
    for (const code of ['bma-public-works', 'bma-drainage', 'bma-traffic', 'bma-environment', 'mea', 'mwa', 'mpb', 'exat', 'bmta', 'mrta', 'srt']) {
      expect(codes.has(code), code).toBe(true);
    }
    for (const a of items) {
      expect(a.name_th).toMatch(/[\u0E00-\u0E7F]/);
      expect(a.name_en.length).toBeGreaterThan(2);
    }
  });

  it('lists the 24 Traffy Fondue categories, each with a routing rule and target times', async () => {
    const response = await anon().get('/api/v1/categories');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ code: string; name_th: string; name_en: string; routing: { kind: string; agency?: { code: string } }; first_response_hours: number; fix_hours: number; after_photo_required: boolean }>;
    expect(items).toHaveLength(24);
    expect(items.map((c) => c.name_th).sort()).toEqual([...TRAFFY_TYPES].sort());
    const agencies = new Set(((await anon().get('/api/v1/agencies')).json().items as Array<{ code: string }>).map((a) => a.code));
    for (const c of items) {
      expect(c.code).toMatch(/^[a-z0-9_]+$/);
      expect(c.name_en.length).toBeGreaterThan(1);
      expect(['district_office', 'agency']).toContain(c.routing.kind);
      if (c.routing.kind === 'agency') expect(agencies.has(c.routing.agency!.code), c.code).toBe(true);
      expect(c.first_response_hours).toBeGreaterThan(0);
      expect(c.fix_hours).toBeGreaterThanOrEqual(c.first_response_hours);
      expect(typeof c.after_photo_required).toBe('boolean');
    }
    expect(items.find((c) => c.code === 'road')!.routing).toEqual({ kind: 'district_office' });
    expect(items.find((c) => c.code === 'overhead_wires')!.routing).toMatchObject({ kind: 'agency', agency: { code: 'mea' } });
  });
});

describe('changing a category (system administrator only)', () => {
  let admin: Session;
  let citizen: Session;
  let officer: Session;
  let agencyAdmin: Session;
  beforeAll(async () => {
    admin = await staff(null, 'admin');
    officer = await staff('district-1004', 'officer');
    agencyAdmin = await staff('district-1004', 'agency_admin');
    citizen = await signUpCitizen(t.app);
  });

  const toPublicWorks = { routing_kind: 'agency', routing_agency_code: 'bma-public-works', fix_hours: 48, first_response_hours: 6 };

  /** The row and the audit trail stay exactly as they were. */
  async function expectUnchanged(code: string, request: () => Promise<LightMyRequestResponse>, status: number, problemCode?: string) {
    const before = await categoryRow(code);
    const audit = await count('audit_log');
    const problem = expectProblem(await request(), status, problemCode);
    expect(await categoryRow(code)).toEqual(before);
    expect(await count('audit_log')).toBe(audit);
    return problem;
  }

  it('401 anonymous, 403 citizen, officer and agency administrator', async () => {
    await expectUnchanged('road', () => client(t.app, null).patch('/api/v1/admin/categories/road', toPublicWorks), 401);
    await expectUnchanged('road', () => client(t.app, citizen).patch('/api/v1/admin/categories/road', toPublicWorks), 403);
    await expectUnchanged('road', () => client(t.app, officer).patch('/api/v1/admin/categories/road', toPublicWorks), 403);
    await expectUnchanged('road', () => client(t.app, agencyAdmin).patch('/api/v1/admin/categories/road', toPublicWorks), 403);
  });

  it('200 for the administrator; new reports follow the new rule and targets, with an audit row', async () => {
    const before = await categoryRow('road');
    const response = await client(t.app, admin).patch('/api/v1/admin/categories/road', toPublicWorks);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      code: 'road',
      routing: { kind: 'agency', agency: { code: 'bma-public-works' } },
      fix_hours: 48,
      first_response_hours: 6,
    });
    const listed = (await client(t.app, null).get('/api/v1/categories')).json().items.find((c: { code: string }) => c.code === 'road');
    expect(listed.routing.agency.code).toBe('bma-public-works');

    const { report } = await fileReport(t.app, null);
    expect(report.agency.code).toBe('bma-public-works');
    const row = await t.db.selectFrom('reports').select(['created_at', 'due_fix_at', 'due_first_response_at', 'routing_reason_en']).where('code', '=', report.code).executeTakeFirstOrThrow();
    expect(new Date(row.due_fix_at).getTime() - new Date(row.created_at).getTime()).toBe(48 * HOUR);
    expect(new Date(row.due_first_response_at).getTime() - new Date(row.created_at).getTime()).toBe(6 * HOUR);
    expect(row.routing_reason_en).toMatch(/responsibility/);

    const audit = (await auditRows(t.db, 'road')).filter((a) => a.action === 'category.update');
    expect(audit).toHaveLength(1);
    const adminId = (await t.db.selectFrom('users').select('id').where('public_id', '=', admin.publicId).executeTakeFirstOrThrow()).id;
    expect(audit[0]).toMatchObject({ entity_type: 'category', actor_user_id: adminId, actor_label: `user:${admin.publicId}` });
    expect(audit[0]!.before).toEqual({
      routing_kind: 'district_office', routing_agency_id: null,
      first_response_hours: before.first_response_hours, fix_hours: before.fix_hours, after_photo_required: before.after_photo_required,
    });
    expect(audit[0]!.after).toEqual({
      routing_kind: 'agency', routing_agency_id: await agencyId('bma-public-works'),
      first_response_hours: 6, fix_hours: 48, after_photo_required: before.after_photo_required,
    });

    // And back: district offices again.
    const back = await client(t.app, admin).patch('/api/v1/admin/categories/road', { routing_kind: 'district_office', fix_hours: before.fix_hours, first_response_hours: before.first_response_hours });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().routing).toEqual({ kind: 'district_office' });
    expect((await fileReport(t.app, null)).report.agency.code).toBe('district-1004');
    expect((await auditRows(t.db, 'road')).filter((a) => a.action === 'category.update')).toHaveLength(2);
  });

  it('only the fields sent change', async () => {
    const before = await categoryRow('lighting');
    const response = await client(t.app, admin).patch('/api/v1/admin/categories/lighting', { after_photo_required: !before.after_photo_required });
    expect(response.statusCode, response.body).toBe(200);
    const after = await categoryRow('lighting');
    expect(after).toMatchObject({ routing_kind: before.routing_kind, routing_agency_id: before.routing_agency_id, fix_hours: before.fix_hours, after_photo_required: !before.after_photo_required });
  });

  it('an unknown agency → 422, nothing changed', async () => {
    const problem = await expectUnchanged('road', () => client(t.app, admin).patch('/api/v1/admin/categories/road', { routing_kind: 'agency', routing_agency_code: 'no-such-agency', fix_hours: 12 }), 422, 'unknown_agency');
    expect(problem.detail_en).toContain('no-such-agency');
  });

  // Server bug: routing_agency_code is read only when routing_kind is "agency" in the same
  // request; otherwise it is dropped and the admin gets 200 for a change that never happened.
  it('an unknown agency sent without routing_kind → 422, not a silent 200', () =>
    expectUnchanged('road', () => client(t.app, admin).patch('/api/v1/admin/categories/road', { routing_agency_code: 'no-such-agency' }), 422, 'unknown_agency'));

  it.each([
    ['agency routing without an agency', { routing_kind: 'agency' }, 'agency_required'],
    ['an empty change', {}, 'validation_failed'],
    ['zero hours', { fix_hours: 0 }, 'validation_failed'],
    ['more than a year', { first_response_hours: 9000 }, 'validation_failed'],
    ['fractional hours', { fix_hours: 1.5 }, 'validation_failed'],
    ['an unknown routing kind', { routing_kind: 'nearest_temple' }, 'validation_failed'],
    ['an unknown field', { name_th: 'ถนนใหม่' }, 'validation_failed'],
  ])('refuses %s with 400, nothing changed', async (_label, body, code) => {
    await expectUnchanged('road', () => client(t.app, admin).patch('/api/v1/admin/categories/road', body), 400, code);
  });

  it('an unknown category is refused, nothing changed', async () => {
    const categories = await count('categories');
    const audit = await count('audit_log');
    const response = await client(t.app, admin).patch('/api/v1/admin/categories/ufo', { fix_hours: 10 });
    expect([400, 404]).toContain(response.statusCode);
    expectProblem(response, response.statusCode);
    expect(await count('categories')).toBe(categories);
    expect(await count('audit_log')).toBe(audit);
  });
});

describe('staff accounts', () => {
  let admin: Session;
  let bangRakAdmin: Session;
  let bangRakOfficer: Session;
  let bangRakOfficerName: string;
  let otherOfficer: Session;
  let citizen: Session;
  beforeAll(async () => {
    admin = await staff(null, 'admin', 'ผู้ดูแลระบบ กลาง');
    bangRakAdmin = await staff('district-1004', 'agency_admin');
    bangRakOfficerName = `นายบางรัก ${unique()}`;
    bangRakOfficer = await staff('district-1004', 'officer', bangRakOfficerName);
    otherOfficer = await staff('district-1005', 'officer');
    citizen = await signUpCitizen(t.app);
  });

  const newStaff = (agency_code: string, role: 'officer' | 'agency_admin' = 'officer') => ({
    email: `new.${unique()}@bangkok.go.th`, display_name: `เจ้าหน้าที่ใหม่ ${unique()}`, password: 'a good long password', agency_code, role,
  });

  async function expectNotCreated(request: () => Promise<LightMyRequestResponse>, status: number, problemCode?: string) {
    const users = await count('users');
    const audit = await count('audit_log');
    const problem = expectProblem(await request(), status, problemCode);
    expect(await count('users')).toBe(users);
    expect(await count('audit_log')).toBe(audit);
    return problem;
  }

  it('the administrator creates staff in any agency; they can sign in; the creation is audited', async () => {
    const body = newStaff('mea', 'agency_admin');
    const response = await client(t.app, admin).post('/api/v1/admin/staff', body);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ email: body.email, display_name: body.display_name, role: 'agency_admin', agency: { code: 'mea' } });
    expect(JSON.stringify(response.json())).not.toContain(body.password);

    const signedIn = await loginAs(body.email, body.password);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().user).toMatchObject({ id: response.json().id, role: 'agency_admin', agency: { code: 'mea' } });

    const audit = await auditRows(t.db, response.json().id);
    expect(audit[0]).toMatchObject({ action: 'user.create', actor_label: `user:${admin.publicId}` });
    expect(audit[0]!.after).toEqual({ role: 'agency_admin', agency_id: await agencyId('mea'), has_email: true, has_phone: false });
  });

  it('an agency administrator creates staff in their own agency only', async () => {
    const own = await client(t.app, bangRakAdmin).post('/api/v1/admin/staff', newStaff('district-1004'));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().agency.code).toBe('district-1004');
    await expectNotCreated(() => client(t.app, bangRakAdmin).post('/api/v1/admin/staff', newStaff('district-1005')), 403);
    await expectNotCreated(() => client(t.app, bangRakAdmin).post('/api/v1/admin/staff', newStaff('bma-public-works', 'agency_admin')), 403);
  });

  it('401 anonymous, 403 citizen and officer', async () => {
    await expectNotCreated(() => client(t.app, null).post('/api/v1/admin/staff', newStaff('district-1004')), 401);
    await expectNotCreated(() => client(t.app, citizen).post('/api/v1/admin/staff', newStaff('district-1004')), 403);
    await expectNotCreated(() => client(t.app, bangRakOfficer).post('/api/v1/admin/staff', newStaff('district-1004')), 403);
  });

  it.each([
    ['an unknown agency', { agency_code: 'no-such-agency' }, 422, 'unknown_agency'],
    ['a system administrator role', { role: 'admin' }, 400, 'validation_failed'],
    ['a citizen role', { role: 'citizen' }, 400, 'validation_failed'],
    ['an invalid e-mail', { email: 'not an email' }, 400, 'invalid_email'],
    ['a short password', { password: 'short' }, 400, 'validation_failed'],
    ['an unknown field', { is_demo: true }, 400, 'validation_failed'],
    ['a missing agency', { agency_code: undefined }, 400, 'validation_failed'],
  ] as const)('refuses %s, nothing stored', async (_label, change, status, code) => {
    await expectNotCreated(() => client(t.app, admin).post('/api/v1/admin/staff', { ...newStaff('district-1004'), ...change }), status, code);
  });

  it('refuses an e-mail that already has an account with 409', async () => {
    const body = newStaff('district-1004');
    expect((await client(t.app, admin).post('/api/v1/admin/staff', body)).statusCode).toBe(201);
    await expectNotCreated(() => client(t.app, admin).post('/api/v1/admin/staff', { ...newStaff('district-1010'), email: body.email.toUpperCase() }), 409, 'account_exists');
  });

  it('the staff list: everything for the administrator, own agency for an agency administrator', async () => {
    const all = await client(t.app, admin).get('/api/v1/admin/staff');
    expect(all.statusCode).toBe(200);
    const allAgencies = new Set((all.json().items as Array<{ agency: { code: string } | null }>).map((s) => s.agency?.code ?? null));
    expect(allAgencies.has('district-1004') && allAgencies.has('district-1005') && allAgencies.has(null)).toBe(true);
    expect(all.body).not.toMatch(/argon2|password/i);

    const own = await client(t.app, bangRakAdmin).get('/api/v1/admin/staff');
    expect(own.statusCode).toBe(200);
    const ownItems = own.json().items as Array<{ id: string; agency: { code: string } | null }>;
    expect(ownItems.length).toBeGreaterThanOrEqual(2);
    expect(ownItems.every((s) => s.agency?.code === 'district-1004')).toBe(true);
    expect(ownItems.map((s) => s.id)).toContain(bangRakOfficer.publicId);

    expectProblem(await client(t.app, null).get('/api/v1/admin/staff'), 401);
    expectProblem(await client(t.app, bangRakOfficer).get('/api/v1/admin/staff'), 403);
    expectProblem(await client(t.app, citizen).get('/api/v1/admin/staff'), 403);
  });

  it("the officers list shows only the caller's own agency", async () => {
    const response = await client(t.app, bangRakOfficer).get('/api/v1/staff/officers');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Array<{ id: string; display_name: string }>;
    const ids = items.map((i) => i.id);
    expect(ids).toContain(bangRakOfficer.publicId);
    expect(ids).toContain(bangRakAdmin.publicId);
    expect(ids).not.toContain(otherOfficer.publicId);
    expect(ids).not.toContain(admin.publicId);
    expect(items.find((i) => i.id === bangRakOfficer.publicId)!.display_name).toBe(bangRakOfficerName);
    const rows = await t.db.selectFrom('users').innerJoin('agencies', 'agencies.id', 'users.agency_id').select(['users.public_id', 'agencies.code']).where('users.public_id', 'in', ids).execute();
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.code === 'district-1004')).toBe(true);
    // Only what assignment needs: no e-mail, no phone.
    expect(Object.keys(items[0]!).sort()).toEqual(['display_name', 'id']);

    const other = (await client(t.app, otherOfficer).get('/api/v1/staff/officers')).json().items.map((i: { id: string }) => i.id);
    expect(other).toContain(otherOfficer.publicId);
    expect(other).not.toContain(bangRakOfficer.publicId);

    expectProblem(await client(t.app, null).get('/api/v1/staff/officers'), 401);
    expectProblem(await client(t.app, citizen).get('/api/v1/staff/officers'), 403);
  });
});
