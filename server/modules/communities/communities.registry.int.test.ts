import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { sql } from 'kysely';
import {
  communityBody, counts, districtOffice, expectProblem, POINTS, registerCommunity, seatedMember, staff, unique, untilSomeoneWaits,
} from './communities.test-helpers.ts';

let t: TestContext;
let officer: Session;
let planner: Session;
let admin: Session;
let otherOfficer: Session;

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
  planner = await staff(t.app, t.db, 'planner', districtOffice(1004));
  admin = await staff(t.app, t.db, 'admin', null);
  otherOfficer = await staff(t.app, t.db, 'officer', districtOffice(1001));
});
afterAll(async () => { await t.close(); });

describe('POST /api/v1/communities', () => {
  it('lets district staff register a community with the next running code, and audits it', async () => {
    const first = await registerCommunity(t.app, officer);
    const second = await registerCommunity(t.app, planner);
    expect(first).toMatch(/^1004-\d{3}$/);
    expect(Number(second.slice(5))).toBe(Number(first.slice(5)) + 1);
    const audit = await auditRows(t.db, first);
    expect(audit.map((a) => a.action)).toEqual(['community.register']);
    expect(audit[0]!.after).toMatchObject({ code: first, district_code: 1004, households: 120 });
  });

  it('answers the detail with kind, district and abilities', async () => {
    const response = await client(t.app, officer).post('/api/v1/communities', communityBody({ kind: 'crowded', name_en: 'Test Community' }));
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.kind).toEqual({ code: 'crowded', name_th: 'ชุมชนแออัด', name_en: 'Crowded community' });
    expect(body.district).toMatchObject({ code: 1004, name_th: 'บางรัก' });
    expect(body.is_demo).toBe(false);
    expect(body.abilities).toMatchObject({ edit: true, manage_committee: true, record_need: true, write_proposal: false });
  });

  it('keeps null as null (no population, no English name), not 0 or an empty string', async () => {
    const response = await client(t.app, officer).post('/api/v1/communities', communityBody({ population: null, name_en: null }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ population: null, name_en: null });
  });

  it('lets an administrator register anywhere', async () => {
    const code = await registerCommunity(t.app, admin, { district_code: 1001, ...POINTS.phraNakhon });
    expect(code).toMatch(/^1001-/);
  });

  it('refuses anonymous (401), citizens, committee members, agents and staff of another district (403)', async () => {
    const code = await registerCommunity(t.app, officer);
    const member = await seatedMember(t.app, officer, code);
    const citizen = await signUpCitizen(t.app);
    const agent = await staff(t.app, t.db, 'agent', null);
    const before = await counts(t.db);
    expectProblem(await client(t.app, null).post('/api/v1/communities', communityBody()), 401);
    for (const who of [citizen, member, agent, otherOfficer]) {
      expectProblem(await client(t.app, who).post('/api/v1/communities', communityBody()), 403);
    }
    expect((await counts(t.db)).communities).toBe(before.communities);
  });

  it.each([
    ['non-numeric households', { households: 'many' }, 400],
    ['negative households', { households: -3 }, 400],
    ['an unknown kind', { kind: 'village' }, 400],
    ['an unknown field', { mayor: 'x' }, 400],
    ['a date that is not a date', { registered_on: '2019-02-31' }, 400],
    ['a registration date in the future', { registered_on: '2999-01-01' }, 422],
    ['a point in another district', { ...POINTS.phraNakhon }, 422],
    ['a point outside Bangkok', { ...POINTS.outsideBangkok }, 422],
    ['coordinates that are not a place', { lat: 200, lng: 100.5 }, 400],
  ])('refuses %s with a clear error and stores nothing', async (_label, overrides, status) => {
    const before = await counts(t.db);
    const body = expectProblem(await client(t.app, officer).post('/api/v1/communities', communityBody(overrides)), status);
    expect(body.errors?.length ?? 0).toBeGreaterThan(0);
    const after = await counts(t.db);
    expect(after.communities).toBe(before.communities);
    expect(after.audit_log).toBe(before.audit_log);
  });

  it('names the district a misplaced point is in', async () => {
    const body = expectProblem(await client(t.app, officer).post('/api/v1/communities', communityBody({ ...POINTS.phraNakhon })), 422, 'location_outside_district');
    expect(body.detail_th).toContain('พระนคร');
  });

  it('refuses a second community of the same name in the district (409)', async () => {
    const name = `ชุมชนซ้ำ ${unique()}`;
    await registerCommunity(t.app, officer, { name_th: name });
    const before = await counts(t.db);
    expectProblem(await client(t.app, officer).post('/api/v1/communities', communityBody({ name_th: name })), 409, 'community_name_taken');
    expect((await counts(t.db)).communities).toBe(before.communities);
  });
});

describe('PATCH /api/v1/communities/:code', () => {
  it("refuses a rename to another community's name in the district (409), even when both happen at once", async () => {
    const taken = `ชุมชนเดิม ${unique()}`;
    await registerCommunity(t.app, officer, { name_th: taken });
    const code = await registerCommunity(t.app, officer);
    const stored = async () => t.db.selectFrom('communities').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const before = { row: await stored(), counts: await counts(t.db) };
    expectProblem(await client(t.app, officer).patch(`/api/v1/communities/${code}`, { name_th: taken }), 409, 'community_name_taken');
    expect({ row: await stored(), counts: await counts(t.db) }).toEqual(before);

    // A registration not yet committed is invisible to the check; the unique index catches it.
    const racing = `ชุมชนใหม่ ${unique()}`;
    let pending: ReturnType<ReturnType<typeof client>['patch']> | undefined;
    const racer = `1004-R${unique()}`;
    await t.db.transaction().execute(async (trx) => {
      await trx.insertInto('communities').values({
        code: racer, district_code: 1004, name_th: racing, kind: 'urban', ...POINTS.bangRak,
        location: sql`point(${POINTS.bangRak.lng}, ${POINTS.bangRak.lat})`, households: 10, registered_on: '2020-01-01',
      }).execute();
      pending = client(t.app, officer).patch(`/api/v1/communities/${code}`, { name_th: racing }).then((r) => r);
      await untilSomeoneWaits(t.db);
    });
    const raced = expectProblem(await pending!, 409, 'community_name_taken');
    expect(raced.detail_th).toContain(racing);
    expect(await stored()).toEqual(before.row);
    expect((await auditRows(t.db, code)).filter((a) => a.action === 'community.update')).toEqual([]);
    // Its code is not a running number: out of the way of the registrations that follow.
    await t.db.deleteFrom('communities').where('code', '=', racer).execute();
  });

  it('lets staff of the district update it, with before and after in the audit trail', async () => {
    const code = await registerCommunity(t.app, officer);
    const response = await client(t.app, planner).patch(`/api/v1/communities/${code}`, { households: 150, kind: 'high_rise', ...POINTS.bangRakNear });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ households: 150, kind: { code: 'high_rise' }, location: POINTS.bangRakNear });
    const audit = (await auditRows(t.db, code)).filter((a) => a.action === 'community.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before).toMatchObject({ households: 120, kind: 'urban' });
    expect(audit[0]!.after).toMatchObject({ households: 150, kind: 'high_rise' });
  });

  it('refuses anonymous (401), other districts, citizens and committee members (403)', async () => {
    const code = await registerCommunity(t.app, officer);
    const member = await seatedMember(t.app, officer, code);
    expectProblem(await client(t.app, null).patch(`/api/v1/communities/${code}`, { households: 1 }), 401);
    for (const who of [otherOfficer, member, await signUpCitizen(t.app)]) {
      expectProblem(await client(t.app, who).patch(`/api/v1/communities/${code}`, { households: 1 }), 403);
    }
    const detail = (await client(t.app, null).get(`/api/v1/communities/${code}`)).json();
    expect(detail.households).toBe(120);
  });

  it('refuses a move out of the district, half a location and an empty patch', async () => {
    const code = await registerCommunity(t.app, officer);
    const before = await counts(t.db);
    expectProblem(await client(t.app, officer).patch(`/api/v1/communities/${code}`, { ...POINTS.phraNakhon }), 422, 'location_outside_district');
    expectProblem(await client(t.app, officer).patch(`/api/v1/communities/${code}`, { lat: 13.73 }), 400, 'incomplete_location');
    expectProblem(await client(t.app, officer).patch(`/api/v1/communities/${code}`, {}), 400);
    expect((await counts(t.db)).audit_log).toBe(before.audit_log);
  });

  it('answers 404 for a community that does not exist and 400 for a malformed code', async () => {
    expectProblem(await client(t.app, officer).patch('/api/v1/communities/1004-999', { households: 3 }), 404);
    expectProblem(await client(t.app, null).get('/api/v1/communities/not-a-code'), 400);
  });
});

describe('GET /api/v1/communities', () => {
  it('filters by district, kind and a Thai name fragment, with paging', async () => {
    const tag = unique();
    await registerCommunity(t.app, officer, { name_th: `ชุมชนริมคลอง${tag}`, kind: 'crowded' });
    await registerCommunity(t.app, officer, { name_th: `ชุมชนหลังวัด${tag}`, kind: 'urban' });
    const byName = (await client(t.app, null).get(`/api/v1/communities?q=${encodeURIComponent(`ริมคลอง${tag}`)}`)).json();
    expect(byName.items.map((c: { name_th: string }) => c.name_th)).toEqual([`ชุมชนริมคลอง${tag}`]);
    const byKind = (await client(t.app, null).get(`/api/v1/communities?district_code=1004&kind=urban&q=${tag}`)).json();
    expect(byKind.total).toBe(1);
    expect(byKind.items[0]).toMatchObject({ kind: { code: 'urban' }, households: 120, open_needs: 0, is_demo: false });
    const paged = (await client(t.app, null).get('/api/v1/communities?district_code=1004&page_size=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);
    const none = (await client(t.app, null).get('/api/v1/communities?district_code=1050')).json();
    expect(none.total).toBe(0);
  });

  it('tells district staff and administrators, and only them, that they may register', async () => {
    const ability = async (who: Session | null) => (await client(t.app, who).get('/api/v1/communities')).json().abilities.register;
    expect(await ability(officer)).toBe(true);
    expect(await ability(planner)).toBe(true);
    expect(await ability(admin)).toBe(true);
    expect(await ability(null)).toBe(false);
    expect(await ability(await signUpCitizen(t.app))).toBe(false);
    expect(await ability(await staff(t.app, t.db, 'officer', 'bma-public-works'))).toBe(false);
  });

  it('treats LIKE wildcards in the search as plain text', async () => {
    const body = (await client(t.app, null).get(`/api/v1/communities?q=${encodeURIComponent('%')}`)).json();
    expect(body.total).toBe(0);
  });

  it('refuses bad filters with 400', async () => {
    expectProblem(await client(t.app, null).get('/api/v1/communities?district_code=abc'), 400);
    expectProblem(await client(t.app, null).get('/api/v1/communities?kind=village'), 400);
    expectProblem(await client(t.app, null).get('/api/v1/communities?page_size=1000'), 400);
  });
});

describe('GET /api/v1/communities/mine', () => {
  it('answers the seat of a committee member, null for others, 401 for anonymous', async () => {
    const code = await registerCommunity(t.app, officer);
    const chair = await seatedMember(t.app, officer, code, 'chair');
    const mine = (await client(t.app, chair).get('/api/v1/communities/mine')).json();
    expect(mine.seat).toMatchObject({ community: { code, district: { code: 1004 } }, position: { code: 'chair', name_th: 'ประธานกรรมการชุมชน' } });
    expect((await client(t.app, officer).get('/api/v1/communities/mine')).json()).toEqual({ seat: null });
    expect((await client(t.app, await signUpCitizen(t.app)).get('/api/v1/communities/mine')).json()).toEqual({ seat: null });
    expectProblem(await client(t.app, null).get('/api/v1/communities/mine'), 401);
  });
});
