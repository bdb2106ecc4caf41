import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { createAuthService } from '../../platform/auth/auth.service.ts';
import {
  addMember, counts, districtOffice, expectProblem, login, registerCommunity, seatedMember, staff, termNow, unique,
} from './communities.test-helpers.ts';

let t: TestContext;
let officer: Session;
let agencyAdmin: Session;
let admin: Session;
let otherOfficer: Session;

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
  agencyAdmin = await staff(t.app, t.db, 'agency_admin', districtOffice(1004));
  admin = await staff(t.app, t.db, 'admin', null);
  otherOfficer = await staff(t.app, t.db, 'officer', districtOffice(1001));
});
afterAll(async () => { await t.close(); });

const memberBody = (overrides: Record<string, unknown> = {}) => ({ full_name: `สมชาย ${unique()}`, position: 'member', ...termNow(), ...overrides });

describe('committee seats', () => {
  it('adds members (audited) and shows them on the community page without contact data', async () => {
    const code = await registerCommunity(t.app, officer);
    const response = await client(t.app, agencyAdmin).post(`/api/v1/communities/${code}/committee`, memberBody({ full_name: 'นางสมศรี  ใจดี', position: 'chair' }));
    expect(response.statusCode, response.body).toBe(201);
    const seat = response.json();
    expect(seat).toMatchObject({ full_name: 'นางสมศรี ใจดี', position: { code: 'chair' }, current: true, has_account: false });
    const audit = await auditRows(t.db, seat.id);
    expect(audit.map((a) => a.action)).toEqual(['community.committee_add']);
    const publicView = (await client(t.app, null).get(`/api/v1/communities/${code}`)).json();
    expect(publicView.committee).toHaveLength(1);
    expect(publicView.committee[0]).toEqual({
      id: seat.id, full_name: 'นางสมศรี ใจดี', position: { code: 'chair', name_th: 'ประธานกรรมการชุมชน', name_en: 'Chair' },
      term_start: seat.term_start, term_end: seat.term_end, current: true, ended_at: null, has_account: null, is_demo: false,
    });
  });

  it('allows only one current chair (409, nothing stored), and a new chair once the seat is ended', async () => {
    const code = await registerCommunity(t.app, officer);
    const chairId = await addMember(t.app, officer, code, { position: 'chair' });
    const before = await counts(t.db);
    expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee`, memberBody({ position: 'chair' })), 409, 'chair_taken');
    expect((await counts(t.db)).community_committee_members).toBe(before.community_committee_members);
    const ended = await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${chairId}/end`, { reason: 'ลาออก' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ current: false });
    expect((await auditRows(t.db, chairId)).map((a) => a.action)).toEqual(['community.committee_add', 'community.committee_end']);
    expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${chairId}/end`, {}), 409, 'seat_already_ended');
    await addMember(t.app, officer, code, { position: 'chair' });
    const all = (await client(t.app, officer).get(`/api/v1/communities/${code}/committee`)).json();
    expect(all.items).toHaveLength(2);
  });

  it.each([
    ['an unknown position', { position: 'king' }, 400],
    ['a term that ends before it starts', { term_start: '2025-06-01', term_end: '2025-01-01' }, 422],
    ['a term longer than four years', { term_start: '2024-01-01', term_end: '2029-01-02' }, 422],
    ['a date that is not a date', { term_start: '2025-13-01' }, 400],
    ['a missing name', { full_name: '' }, 400],
  ])('refuses %s and stores nothing', async (_label, overrides, status) => {
    const code = await registerCommunity(t.app, officer);
    const before = await counts(t.db);
    expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee`, memberBody(overrides)), status);
    const after = await counts(t.db);
    expect(after.community_committee_members).toBe(before.community_committee_members);
    expect(after.audit_log).toBe(before.audit_log);
  });

  it('is managed only by staff of the district or an administrator', async () => {
    const code = await registerCommunity(t.app, officer);
    const member = await seatedMember(t.app, officer, code);
    const seat = await addMember(t.app, officer, code);
    const citizen = await signUpCitizen(t.app);
    const before = await counts(t.db);
    expectProblem(await client(t.app, null).post(`/api/v1/communities/${code}/committee`, memberBody()), 401);
    expectProblem(await client(t.app, null).get(`/api/v1/communities/${code}/committee`), 401);
    for (const who of [otherOfficer, member, citizen]) {
      expectProblem(await client(t.app, who).post(`/api/v1/communities/${code}/committee`, memberBody()), 403);
      expectProblem(await client(t.app, who).post(`/api/v1/communities/${code}/committee/${seat}/end`, {}), 403);
      expectProblem(await client(t.app, who).post(`/api/v1/communities/${code}/committee/${seat}/account`, { email: `x.${unique()}@example.org` }), 403);
      expectProblem(await client(t.app, who).get(`/api/v1/communities/${code}/committee`), 403);
    }
    expect(await counts(t.db)).toEqual(before);
    const byAdmin = await client(t.app, admin).post(`/api/v1/communities/${code}/committee`, memberBody());
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
  });

  it('answers 404 for a seat of another community', async () => {
    const a = await registerCommunity(t.app, officer);
    const b = await registerCommunity(t.app, officer);
    const seatOfB = await addMember(t.app, officer, b);
    expectProblem(await client(t.app, officer).post(`/api/v1/communities/${a}/committee/${seatOfB}/end`, {}), 404);
  });
});

describe('committee accounts', () => {
  it('creates a citizen account with a one-time password that signs in and acts for the community', async () => {
    const code = await registerCommunity(t.app, officer);
    const seat = await addMember(t.app, officer, code, { full_name: 'นายประสิทธิ์ มีสุข', position: 'secretary' });
    const email = `prasit.${unique()}@example.org`;
    const before = await counts(t.db);
    const response = await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${seat}/account`, { email });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json();
    expect(body.account).toMatchObject({ email, created: true });
    expect(body.account.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(body.member).toMatchObject({ id: seat, has_account: true });
    expect((await counts(t.db)).users).toBe(before.users + 1);
    const audit = await auditRows(t.db, seat);
    expect(audit.map((a) => a.action)).toEqual(['community.committee_add', 'community.committee_account']);
    expect(JSON.stringify(audit)).not.toContain(body.account.password);

    const member = await login(t.app, email, body.account.password);
    const session = (await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `dp_session=${member.cookie}` } })).json();
    expect(session.user).toMatchObject({ role: 'citizen', display_name: 'นายประสิทธิ์ มีสุข' });
    const detail = (await client(t.app, member).get(`/api/v1/communities/${code}`)).json();
    expect(detail.abilities).toMatchObject({ record_need: true, write_proposal: true, edit: false, manage_committee: false });
  });

  it('links an existing citizen account without a password', async () => {
    const code = await registerCommunity(t.app, officer);
    const seat = await addMember(t.app, officer, code);
    const email = `existing.${unique()}@example.org`;
    const citizen = await signUpCitizen(t.app, { email });
    const before = await counts(t.db);
    const response = await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${seat}/account`, { email: email.toUpperCase() });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().account).toMatchObject({ created: false, password: null });
    expect((await counts(t.db)).users).toBe(before.users);
    expect((await client(t.app, citizen).get('/api/v1/communities/mine')).json().seat.community.code).toBe(code);
  });

  it('keeps one current seat per account (409), and refuses a seat that already has one', async () => {
    const a = await registerCommunity(t.app, officer);
    const b = await registerCommunity(t.app, officer);
    const member = await seatedMember(t.app, officer, a);
    const seatB = await addMember(t.app, officer, b);
    const before = await counts(t.db);
    const refused = expectProblem(await client(t.app, officer).post(`/api/v1/communities/${b}/committee/${seatB}/account`, { email: member.email }), 409, 'account_has_seat');
    expect(refused.detail_th).toContain(a);
    expectProblem(await client(t.app, officer).post(`/api/v1/communities/${a}/committee/${member.memberId}/account`, { email: `new.${unique()}@example.org` }), 409, 'seat_has_account');
    expect(await counts(t.db)).toEqual(before);
    // Once the first seat ends, the same account may take the other one.
    await client(t.app, officer).post(`/api/v1/communities/${a}/committee/${member.memberId}/end`, {});
    const moved = await client(t.app, officer).post(`/api/v1/communities/${b}/committee/${seatB}/account`, { email: member.email });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await client(t.app, member).get('/api/v1/communities/mine')).json().seat.community.code).toBe(b);
  });

  it('refuses staff accounts, bad e-mails, ended seats and an Idempotency-Key, storing nothing', async () => {
    const code = await registerCommunity(t.app, officer);
    const seat = await addMember(t.app, officer, code);
    const ended = await addMember(t.app, officer, code);
    await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${ended}/end`, {});
    const staffEmail = `officer.${unique()}@bangkok.go.th`;
    const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', districtOffice(1004)).executeTakeFirstOrThrow();
    await createAuthService(t.db).createUser({ email: staffEmail, password: 'staff password 1', display_name: 'เจ้าหน้าที่', role: 'officer', agency_id: agency.id }, SYSTEM_ACTOR('test'));
    const before = await counts(t.db);
    const url = `/api/v1/communities/${code}/committee/${seat}/account`;
    expectProblem(await client(t.app, officer).post(url, { email: staffEmail }), 422, 'account_not_citizen');
    expectProblem(await client(t.app, officer).post(url, { email: 'not an e-mail' }), 400, 'invalid_email');
    expectProblem(await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${ended}/account`, { email: `x.${unique()}@example.org` }), 409, 'seat_not_current');
    expectProblem(await client(t.app, officer).post(url, { email: `y.${unique()}@example.org` }, { 'idempotency-key': `k-${unique()}` }), 400, 'idempotency_not_supported');
    const after = await counts(t.db);
    expect(after.users).toBe(before.users);
    expect(after.audit_log).toBe(before.audit_log);
    expect((await client(t.app, officer).get(`/api/v1/communities/${code}/committee`)).json().items.find((m: { id: string }) => m.id === seat).has_account).toBe(false);
  });

  it('takes the power to act away when the seat ends', async () => {
    const code = await registerCommunity(t.app, officer);
    const member = await seatedMember(t.app, officer, code);
    expect((await client(t.app, member).get(`/api/v1/communities/${code}`)).json().abilities.record_need).toBe(true);
    await client(t.app, officer).post(`/api/v1/communities/${code}/committee/${member.memberId}/end`, { reason: 'ย้ายออกจากชุมชน' });
    expect((await client(t.app, member).get(`/api/v1/communities/${code}`)).json().abilities.record_need).toBe(false);
    expect((await client(t.app, member).get('/api/v1/communities/mine')).json()).toEqual({ seat: null });
  });
});
