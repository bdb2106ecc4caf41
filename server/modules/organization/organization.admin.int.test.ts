import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, createStaff, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';

let t: TestContext;
let admin: Session;
let agencyAdmin: Session;
let officer: Session;
let citizen: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await createStaff(t.app, t.db, null, 'admin');
  agencyAdmin = await createStaff(t.app, t.db, 'district-1004', 'agency_admin');
  officer = await createStaff(t.app, t.db, 'district-1004', 'officer');
  citizen = await signUpCitizen(t.app);
});
afterAll(async () => { await t.close(); });

const countAgencies = async () => Number((await t.db.selectFrom('agencies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('administrators manage agencies', () => {
  const body = { code: 'bma-new-office', kind: 'department', name_th: 'สำนักงานทดลอง', name_en: 'Trial Office' };

  it('only a system administrator may add one: 401, 403 per wrong role, 201', async () => {
    expect((await client(t.app, null).post('/api/v1/admin/agencies', body)).statusCode).toBe(401);
    for (const s of [citizen, officer, agencyAdmin]) expect((await client(t.app, s).post('/api/v1/admin/agencies', body)).statusCode).toBe(403);
    const created = await client(t.app, admin).post('/api/v1/admin/agencies', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'bma-new-office', active: true });
    expect((await auditRows(t.db, 'bma-new-office')).map((a) => a.action)).toEqual(['agency.create']);
    const listed = (await client(t.app, null).get('/api/v1/agencies')).json().items.map((a: { code: string }) => a.code);
    expect(listed).toContain('bma-new-office');
  });

  it('refuses a duplicate code, a bad code and unknown fields, storing nothing', async () => {
    const before = await countAgencies();
    expect((await client(t.app, admin).post('/api/v1/admin/agencies', { ...body, code: 'mea' })).statusCode).toBe(409);
    const bad = await client(t.app, admin).post('/api/v1/admin/agencies', { ...body, code: 'Bad Code!' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail_th).toMatch(/รหัสหน่วยงาน/);
    expect((await client(t.app, admin).post('/api/v1/admin/agencies', { ...body, code: 'x-y', district_code: 1001 })).statusCode).toBe(400);
    expect((await client(t.app, admin).post('/api/v1/admin/agencies', { ...body, code: 'x-z', kind: 'district_office' })).statusCode).toBe(400);
    expect(await countAgencies()).toBe(before);
  });

  it('renames and deactivates; an inactive agency is no longer offered or routable', async () => {
    const renamed = await client(t.app, admin).patch('/api/v1/admin/agencies/bma-new-office', { name_en: 'Pilot Office', active: false });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name_en: 'Pilot Office', active: false });
    const listed = (await client(t.app, null).get('/api/v1/agencies')).json().items.map((a: { code: string }) => a.code);
    expect(listed).not.toContain('bma-new-office');
    const all = (await client(t.app, admin).get('/api/v1/admin/agencies')).json().items;
    expect(all.find((a: { code: string }) => a.code === 'bma-new-office').active).toBe(false);
    const route = await client(t.app, admin).patch('/api/v1/admin/categories/road', { routing_kind: 'agency', routing_agency_code: 'bma-new-office' });
    expect(route.statusCode).toBe(422);
    expect((await auditRows(t.db, 'bma-new-office')).map((a) => a.action)).toEqual(['agency.create', 'agency.update']);
  });

  it('a district office cannot be deactivated', async () => {
    const r = await client(t.app, admin).patch('/api/v1/admin/agencies/district-1004', { active: false });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('district_office_required');
  });

  it('404 for an unknown agency', async () => {
    expect((await client(t.app, admin).patch('/api/v1/admin/agencies/nope', { name_en: 'x' })).statusCode).toBe(404);
  });
});

describe('administrators manage staff', () => {
  it('disabling an officer ends their sessions at once; re-enabling lets them sign in again', async () => {
    const victim = await createStaff(t.app, t.db, 'district-1004', 'officer');
    expect((await client(t.app, victim).get('/api/v1/staff/queue')).statusCode).toBe(200);
    expect((await client(t.app, officer).patch(`/api/v1/admin/staff/${victim.publicId}`, { disabled: true })).statusCode).toBe(403);
    const other = await createStaff(t.app, t.db, 'district-1001', 'agency_admin');
    expect((await client(t.app, other).patch(`/api/v1/admin/staff/${victim.publicId}`, { disabled: true })).statusCode).toBe(403);
    const off = await client(t.app, agencyAdmin).patch(`/api/v1/admin/staff/${victim.publicId}`, { disabled: true });
    expect(off.statusCode, off.body).toBe(204);
    expect((await client(t.app, victim).get('/api/v1/staff/queue')).statusCode).toBe(401);
    const listed = (await client(t.app, agencyAdmin).get('/api/v1/admin/staff')).json().items.find((s: { id: string }) => s.id === victim.publicId);
    expect(listed.disabled).toBe(true);
    const officers = (await client(t.app, agencyAdmin).get('/api/v1/staff/officers')).json().items.map((s: { id: string }) => s.id);
    expect(officers).not.toContain(victim.publicId);
    expect((await client(t.app, admin).patch(`/api/v1/admin/staff/${victim.publicId}`, { disabled: false })).statusCode).toBe(204);
    expect((await auditRows(t.db, victim.publicId)).map((a) => a.action)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('nobody can disable their own account', async () => {
    const r = await client(t.app, admin).patch(`/api/v1/admin/staff/${admin.publicId}`, { disabled: true });
    expect(r.statusCode).toBe(422);
  });
});
