import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, fileReport, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { reportCountsNear, reportsByCodes, reportsNear } from '../reports/reports.nearby.ts';
import { districtOffice, expectProblem, POINTS, registerCommunity, staff } from './communities.test-helpers.ts';

let t: TestContext;
let officer: Session;
let code: string;
const filed: Record<string, string> = {};

/** ~600 m north of the community point. */
const SIX_HUNDRED_M_NORTH = { lat: POINTS.bangRak.lat + 0.0054, lng: POINTS.bangRak.lng };

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
  code = await registerCommunity(t.app, officer);
  filed.roadOpen = (await fileReport(t.app, null, { ...POINTS.bangRak })).report.code;
  filed.roadFixed = (await fileReport(t.app, null, { ...POINTS.bangRakNear })).report.code;
  filed.drainOpen = (await fileReport(t.app, null, { ...POINTS.bangRakNear, category: 'drain' })).report.code;
  filed.drainClosed = (await fileReport(t.app, null, { ...POINTS.bangRakNear, category: 'drain' })).report.code;
  filed.lightFar = (await fileReport(t.app, null, { ...SIX_HUNDRED_M_NORTH, category: 'lighting' })).report.code;
  filed.elsewhere = (await fileReport(t.app, null, { ...POINTS.phraNakhon })).report.code;
  // The workflow that fixes and closes reports is the reports module's; here only the outcome matters.
  await t.db.updateTable('reports').set({ state: 'fixed', fixed_at: new Date() }).where('code', '=', filed.roadFixed).execute();
  await t.db.updateTable('reports').set({ state: 'closed', close_reason: 'duplicate', closed_at: new Date() }).where('code', '=', filed.drainClosed).execute();
});
afterAll(async () => { await t.close(); });

describe('GET /api/v1/communities/:code/nearby-reports', () => {
  it('counts open and fixed reports per category within 500 m and lists them newest first', async () => {
    const response = await client(t.app, null).get(`/api/v1/communities/${code}/nearby-reports`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.radius_m).toBe(500);
    expect(body.center).toEqual(POINTS.bangRak);
    const counts = Object.fromEntries(body.by_category.map((c: { code: string; open: number; fixed: number }) => [c.code, [c.open, c.fixed]]));
    expect(counts).toEqual({ road: [1, 1], drain: [1, 0] });
    expect(body.by_category[0]).toMatchObject({ name_th: expect.any(String), name_en: expect.any(String) });
    const codes = body.reports.map((r: { code: string }) => r.code);
    expect(codes).toEqual([filed.drainClosed, filed.drainOpen, filed.roadFixed, filed.roadOpen]);
    const nearest = body.reports.find((r: { code: string }) => r.code === filed.roadOpen);
    expect(nearest).toMatchObject({ state: 'received', distance_m: 0, category: { code: 'road' }, is_demo: false });
    expect(nearest.description.length).toBeLessThanOrEqual(140);
  });

  it('widens with radius_m and refuses radii outside 100–2,000 m', async () => {
    const wide = (await client(t.app, null).get(`/api/v1/communities/${code}/nearby-reports?radius_m=1000`)).json();
    expect(wide.reports.map((r: { code: string }) => r.code)).toContain(filed.lightFar);
    const light = wide.reports.find((r: { code: string }) => r.code === filed.lightFar);
    expect(light.distance_m).toBeGreaterThan(550);
    expect(light.distance_m).toBeLessThan(650);
    expect(wide.reports.map((r: { code: string }) => r.code)).not.toContain(filed.elsewhere);
    expectProblem(await client(t.app, null).get(`/api/v1/communities/${code}/nearby-reports?radius_m=50`), 400);
    expectProblem(await client(t.app, null).get(`/api/v1/communities/${code}/nearby-reports?radius_m=5000`), 400);
    expectProblem(await client(t.app, null).get(`/api/v1/communities/${code}/nearby-reports?radius_m=far`), 400);
    expectProblem(await client(t.app, null).get('/api/v1/communities/1004-998/nearby-reports'), 404);
  });
});

describe('reports.nearby.ts', () => {
  it('keeps to the exact circle, not the box around it', async () => {
    // A point ~430 m east and ~430 m north lies in the 500 m box but ~610 m away.
    const corner = { lat: POINTS.bangRak.lat + 0.0039, lng: POINTS.bangRak.lng + 0.0040 };
    const code = (await fileReport(t.app, null, { ...corner, category: 'trees' })).report.code;
    const inCircle = await reportsNear(t.db, POINTS.bangRak.lat, POINTS.bangRak.lng, 500);
    expect(inCircle.map((r) => r.code)).not.toContain(code);
    expect((await reportCountsNear(t.db, POINTS.bangRak.lat, POINTS.bangRak.lng, 500)).map((c) => c.category.code)).not.toContain('trees');
    expect((await reportsNear(t.db, POINTS.bangRak.lat, POINTS.bangRak.lng, 700)).map((r) => r.code)).toContain(code);
  });

  it('looks reports up by code, leaving unknown codes out', async () => {
    const found = await reportsByCodes(t.db, [filed.roadOpen, 'BKK-00-NOPE00']);
    expect(found).toEqual([expect.objectContaining({ code: filed.roadOpen, state: 'received', category: expect.objectContaining({ code: 'road' }) })]);
  });
});
