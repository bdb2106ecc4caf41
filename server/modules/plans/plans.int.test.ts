import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { fiscalYearOf } from '../../platform/time/fiscal-year.ts';
import { addItem, agencyItemBody, counts, createPlan, expectProblem, staff, type PlanView } from './plans.test-helpers.ts';

let t: TestContext;
let planner: Session;
let agencyAdmin: Session;
let officer: Session;
let otherPlanner: Session;
let otherOfficer: Session;
let admin: Session;
let citizen: Session;

beforeAll(async () => {
  t = await createTestApp();
  planner = await staff(t.app, t.db, 'planner', 'district-1004');
  agencyAdmin = await staff(t.app, t.db, 'agency_admin', 'district-1004');
  officer = await staff(t.app, t.db, 'officer', 'district-1004');
  otherPlanner = await staff(t.app, t.db, 'planner', 'district-1005');
  otherOfficer = await staff(t.app, t.db, 'officer', 'bma-drainage');
  admin = await staff(t.app, t.db, 'admin', null);
  citizen = await signUpCitizen(t.app);
});
afterAll(async () => { await t.close(); });

describe('POST /api/v1/plans', () => {
  it('a planner starts their agency plan, named by the BE year, as a draft, with an audit entry', async () => {
    const plan = await createPlan(t.app, planner, 'district-1004', 2570);
    expect(plan).toMatchObject({
      id: expect.stringMatching(/^PLN-70-/), fiscal_year: 2570, status: 'draft',
      name_th: 'แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570', starts_on: '2026-10-01', ends_on: '2027-09-30',
      agency: { code: 'district-1004', kind: 'district_office', district_code: 1004 },
      totals: { requested_satang: '0', approved_satang: '0', ceiling_satang: null, progress_percent: null, items: 0 },
      abilities: { build: true, set_ceiling: false, publish: true },
    });
    const audit = await auditRows(t.db, plan.id);
    expect(audit.map((a) => a.action)).toEqual(['plan.create']);
    expect(audit[0]!.after).toMatchObject({ agency: 'district-1004', fiscal_year: 2570 });
  });

  it('one plan per agency and year: a second is 409 and nothing is stored', async () => {
    const before = await counts(t.db);
    expectProblem(await client(t.app, agencyAdmin).post('/api/v1/plans', { agency_code: 'district-1004', fiscal_year: 2570 }), 409, 'plan_exists');
    expect(await counts(t.db)).toEqual(before);
  });

  it.each([
    ['a string', '2570'],
    ['a decimal', 2570.5],
    ['before FY 2560', 2559],
    ['more than two years ahead', fiscalYearOf(new Date()) + 3],
    ['a Gregorian year', 2026],
    ['null', null],
    ['an object', { year: 2570 }],
  ])('a fiscal year that does not exist (%s) is 422, bilingual, nothing stored', async (_label, fiscalYear) => {
    const before = await counts(t.db);
    const body = expectProblem(await client(t.app, planner).post('/api/v1/plans', { agency_code: 'district-1004', fiscal_year: fiscalYear }), 422, 'invalid_fiscal_year');
    expect(JSON.stringify(body)).toContain('fiscal_year');
    expect(await counts(t.db)).toEqual(before);
  });

  it('a missing fiscal year is 400 (required), nothing stored', async () => {
    const before = await counts(t.db);
    expectProblem(await client(t.app, planner).post('/api/v1/plans', { agency_code: 'district-1004' }), 400, 'validation_failed');
    expect(await counts(t.db)).toEqual(before);
  });

  it('permissions: 401 anonymous; 403 citizen, officer, planner of another district; admin may start any', async () => {
    const before = await counts(t.db);
    const body = { agency_code: 'district-1004', fiscal_year: 2569 };
    expectProblem(await client(t.app, null).post('/api/v1/plans', body), 401);
    for (const who of [citizen, officer, otherPlanner, otherOfficer]) expectProblem(await client(t.app, who).post('/api/v1/plans', body), 403);
    expect(await counts(t.db)).toEqual(before);
    const made = await createPlan(t.app, admin, 'district-1004', 2569);
    expect(made.fiscal_year).toBe(2569);
    expect((await createPlan(t.app, agencyAdmin, 'district-1004', 2571)).fiscal_year).toBe(2571);
  });

  it('an unknown agency is 422; an external agency has no BMA plan', async () => {
    expectProblem(await client(t.app, admin).post('/api/v1/plans', { agency_code: 'nowhere', fiscal_year: 2570 }), 422, 'unknown_agency');
    expectProblem(await client(t.app, admin).post('/api/v1/plans', { agency_code: 'mea', fiscal_year: 2570 }), 422, 'agency_without_plan');
  });
});

describe('PATCH /api/v1/plans/:id — ceiling and publishing', () => {
  let plan: PlanView;
  beforeAll(async () => { plan = await createPlan(t.app, planner, 'district-1004', 2572); });

  it('a planner may not set the ceiling (403, nothing stored); the agency administrator may, audited', async () => {
    const before = await counts(t.db);
    expectProblem(await client(t.app, planner).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: '5,000,000' }), 403);
    expectProblem(await client(t.app, planner).patch(`/api/v1/plans/${plan.id}`, { ceiling_policy: 'refuse' }), 403);
    expectProblem(await client(t.app, otherPlanner).patch(`/api/v1/plans/${plan.id}`, { status: 'published' }), 403);
    expectProblem(await client(t.app, officer).patch(`/api/v1/plans/${plan.id}`, { status: 'published' }), 403);
    expectProblem(await client(t.app, citizen).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: '1' }), 403);
    expectProblem(await client(t.app, null).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: '1' }), 401);
    expect(await counts(t.db)).toEqual(before);

    const ok = await client(t.app, agencyAdmin).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: '5,000,000.50', ceiling_policy: 'refuse' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().plan).toMatchObject({ ceiling_policy: 'refuse', totals: { ceiling_satang: '500000050', remaining_satang: '500000050' }, abilities: { set_ceiling: true } });
    const audit = await auditRows(t.db, plan.id);
    expect(audit.at(-1)).toMatchObject({ action: 'plan.update', before: { ceiling_satang: null, ceiling_policy: 'warn' }, after: { ceiling_satang: '500000050', ceiling_policy: 'refuse' } });
    const byAdmin = await client(t.app, admin).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: 6000000 });
    expect(byAdmin.json().plan.totals.ceiling_satang).toBe('600000000');
  });

  it.each([['negative', '-100'], ['not a number', 'ห้าล้าน'], ['three decimals', '1.005'], ['a boolean', true]])('a ceiling that is %s is 422, nothing stored', async (_l, value) => {
    const before = await counts(t.db);
    expectProblem(await client(t.app, agencyAdmin).patch(`/api/v1/plans/${plan.id}`, { ceiling_baht: value }), 422, 'invalid_amount');
    expect(await counts(t.db)).toEqual(before);
  });

  it('unknown fields and an empty patch are 400', async () => {
    expectProblem(await client(t.app, agencyAdmin).patch(`/api/v1/plans/${plan.id}`, { status: 'draft' }), 400);
    expectProblem(await client(t.app, agencyAdmin).patch(`/api/v1/plans/${plan.id}`, {}), 400);
    expectProblem(await client(t.app, agencyAdmin).patch(`/api/v1/plans/${plan.id}`, { name: 'x' }), 400);
  });

  it('drafts are seen only by the agency staff and admins; publishing makes the plan public', async () => {
    for (const who of [null, citizen, otherPlanner, otherOfficer]) {
      expectProblem(await client(t.app, who).get(`/api/v1/plans/${plan.id}`), 404);
      expectProblem(await client(t.app, who).get(`/api/v1/plans/${plan.id}/export.csv`), 404);
    }
    for (const who of [planner, officer, agencyAdmin, admin]) expect((await client(t.app, who).get(`/api/v1/plans/${plan.id}`)).statusCode).toBe(200);
    const listed = (await client(t.app, null).get('/api/v1/plans?agency_code=district-1004')).json() as { items: Array<{ id: string }> };
    expect(listed.items.map((p) => p.id)).not.toContain(plan.id);
    expect(((await client(t.app, officer).get('/api/v1/plans?agency_code=district-1004')).json() as { items: Array<{ id: string }> }).items.map((p) => p.id)).toContain(plan.id);

    const published = await client(t.app, planner).patch(`/api/v1/plans/${plan.id}`, { status: 'published' });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().plan).toMatchObject({ status: 'published', published_at: expect.any(String), abilities: { publish: false } });
    expect((await auditRows(t.db, plan.id)).at(-1)).toMatchObject({ action: 'plan.update', after: { status: 'published' } });
    const anon = await client(t.app, null).get(`/api/v1/plans/${plan.id}`);
    expect(anon.statusCode).toBe(200);
    expect(anon.json().abilities).toEqual({ build: false, set_ceiling: false, publish: false, export: true });
    const listedAfter = (await client(t.app, null).get('/api/v1/plans?fiscal_year=2572&district_code=1004')).json() as { items: Array<{ id: string }> };
    expect(listedAfter.items.map((p) => p.id)).toEqual([plan.id]);
  });

  it('an unknown plan is 404 and a malformed id 400', async () => {
    expectProblem(await client(t.app, admin).get('/api/v1/plans/PLN-70-ZZZZZZ'), 404);
    expectProblem(await client(t.app, admin).patch('/api/v1/plans/PLN-70-ZZZZZZ', { status: 'published' }), 404);
    expectProblem(await client(t.app, admin).get('/api/v1/plans/nonsense'), 400);
  });
});

describe('GET /api/v1/plans and the district roll-up', () => {
  it('lists plans with totals and budget-weighted progress; the district roll-up adds department items in its communities', async () => {
    const plan = await createPlan(t.app, planner, 'district-1004', 2568);
    const big = await addItem(t.app, planner, plan.id, agencyItemBody({ budget_requested_baht: '3,000,000' }));
    const small = await addItem(t.app, planner, plan.id, agencyItemBody({ budget_requested_baht: '1,000,000' }));
    // Work starts once a budget is approved (here: what was asked).
    for (const [item, baht] of [[big, '3,000,000'], [small, '1,000,000']] as const) {
      expect((await client(t.app, planner).patch(`/api/v1/plans/${plan.id}/items/${item.id}`, { budget_approved_baht: baht })).statusCode).toBe(200);
    }
    const report = (itemId: string, percent: number) => client(t.app, planner).post(`/api/v1/plans/${plan.id}/items/${itemId}/progress`, { quarter: 1, percent, note: 'ตามแผน' });
    expect((await report(big.id, 40)).statusCode).toBe(201);
    expect((await report(small.id, 100)).statusCode).toBe(201);
    // (3M × 40 + 1M × 100) / 4M = 55
    const listed = (await client(t.app, officer).get('/api/v1/plans?fiscal_year=2568&agency_code=district-1004')).json() as { items: PlanView[]; total: number };
    expect(listed.total).toBe(1);
    expect(listed.items[0]!.totals).toMatchObject({ requested_satang: '400000000', progress_percent: 55, items: 2, by_status: { in_progress: 1, completed: 1 } });

    const progress = await client(t.app, officer).get('/api/v1/plans/districts/1004/progress?fiscal_year=2568');
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({ district: { code: 1004 }, fiscal_year: 2568, progress_percent: 55, items: 2, district_office: { progress_percent: 55 }, departments: { items: 0, progress_percent: null } });
    // The public sees only published plans.
    expect((await client(t.app, null).get('/api/v1/plans/districts/1004/progress?fiscal_year=2568')).json()).toMatchObject({ items: 0, progress_percent: null });
    expectProblem(await client(t.app, null).get('/api/v1/plans/districts/1099/progress?fiscal_year=2568'), 400);
    expectProblem(await client(t.app, null).get('/api/v1/plans/districts/1004/progress'), 400);
  });
});
