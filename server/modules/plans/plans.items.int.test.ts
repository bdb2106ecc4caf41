import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import {
  addItem, agencyItemBody, counts, createPlan, expectProblem, insertProposal, itemRow, staff, type ItemViewBody, type PlanView,
} from './plans.test-helpers.ts';

let t: TestContext;
let planner: Session;
let agencyAdmin: Session;
let officer: Session;
let otherPlanner: Session;
let deptPlanner: Session;
let admin: Session;
let citizen: Session;
let plan: PlanView;

beforeAll(async () => {
  t = await createTestApp();
  planner = await staff(t.app, t.db, 'planner', 'district-1004');
  agencyAdmin = await staff(t.app, t.db, 'agency_admin', 'district-1004');
  officer = await staff(t.app, t.db, 'officer', 'district-1004');
  otherPlanner = await staff(t.app, t.db, 'planner', 'district-1005');
  deptPlanner = await staff(t.app, t.db, 'planner', 'bma-drainage');
  admin = await staff(t.app, t.db, 'admin', null);
  citizen = await signUpCitizen(t.app);
  plan = await createPlan(t.app, planner, 'district-1004', 2570);
});
afterAll(async () => { await t.close(); });

const items = (who: Session | null, planId = plan.id) => ({
  add: (body: unknown) => client(t.app, who).post(`/api/v1/plans/${planId}/items`, body),
  patch: (itemId: string, body: unknown) => client(t.app, who).patch(`/api/v1/plans/${planId}/items/${itemId}`, body),
});

describe('placing accepted proposals', () => {
  it('the candidates are the accepted, unplaced proposals this agency carries, for this year or earlier', async () => {
    const mine = await insertProposal(t.db);
    const unnamed = await insertProposal(t.db, { carrying: null });
    const carriedOver = await insertProposal(t.db, { fiscalYear: 2569 });
    const later = await insertProposal(t.db, { fiscalYear: 2571 });
    const review = await insertProposal(t.db, { state: 'under_review' });
    const otherDistrict = await insertProposal(t.db, { districtCode: 1005 });
    const byDrainage = await insertProposal(t.db, { carrying: 'bma-drainage' });
    const response = await client(t.app, planner).get(`/api/v1/plans/${plan.id}/candidates`);
    expect(response.statusCode, response.body).toBe(200);
    const ids = (response.json() as { items: Array<{ id: string }> }).items.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([mine.publicId, unnamed.publicId, carriedOver.publicId]));
    for (const absent of [later, review, otherDistrict, byDrainage]) expect(ids).not.toContain(absent.publicId);

    const dept = await createPlan(t.app, deptPlanner, 'bma-drainage', 2570);
    const deptIds = ((await client(t.app, deptPlanner).get(`/api/v1/plans/${dept.id}/candidates`)).json() as { items: Array<{ id: string }> }).items.map((c) => c.id);
    expect(deptIds).toEqual([byDrainage.publicId]);
  });

  it('candidates: 401 anonymous, 403 for anyone who may not build the plan', async () => {
    expectProblem(await client(t.app, null).get(`/api/v1/plans/${plan.id}/candidates`), 401);
    for (const who of [citizen, officer, otherPlanner, deptPlanner]) expectProblem(await client(t.app, who).get(`/api/v1/plans/${plan.id}/candidates`), 403);
    for (const who of [agencyAdmin, admin]) expect((await client(t.app, who).get(`/api/v1/plans/${plan.id}/candidates`)).statusCode).toBe(200);
  });

  it('a planner places one: the item takes the proposal title, community and total; linked proposal → plan_item; audited', async () => {
    const proposal = await insertProposal(t.db, { totalSatang: 12_345_600n });
    const response = await items(planner).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' });
    expect(response.statusCode, response.body).toBe(201);
    const item = (response.json() as { item: ItemViewBody }).item;
    expect(item).toMatchObject({ source: 'proposal', proposal_id: proposal.publicId, budget_requested_satang: '12345600', status: 'planned', community: { code: expect.any(String) }, strategy_code: 'safe' });
    const row = await itemRow(t.db, item.id);
    expect(row).toMatchObject({ source_proposal_id: proposal.id, community_id: proposal.communityId });
    const link = await t.db.selectFrom('resource_links').selectAll().where('from_type', '=', 'proposal').where('from_id', '=', proposal.id).executeTakeFirst();
    expect(link).toMatchObject({ to_type: 'plan_item', to_id: row.id, relation: 'planned_as' });
    expect((await auditRows(t.db, item.id)).map((a) => a.action)).toEqual(['plan.item_add']);

    // Placed once: not a candidate any more, and a second placement (even in another year's plan) is 409.
    const ids = ((await client(t.app, planner).get(`/api/v1/plans/${plan.id}/candidates`)).json() as { items: Array<{ id: string }> }).items.map((c) => c.id);
    expect(ids).not.toContain(proposal.publicId);
    const nextYear = await createPlan(t.app, planner, 'district-1004', 2571);
    const before = await counts(t.db);
    expectProblem(await items(planner, nextYear.id).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' }), 409, 'proposal_already_placed');
    expectProblem(await items(planner).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' }), 409, 'proposal_already_placed');
    expect(await counts(t.db)).toEqual(before);
  });

  it('a planner of another district cannot place a proposal of this district — in either plan (403, nothing stored)', async () => {
    const proposal = await insertProposal(t.db);
    const theirPlan = await createPlan(t.app, otherPlanner, 'district-1005', 2570);
    const before = await counts(t.db);
    expectProblem(await items(otherPlanner, theirPlan.id).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' }), 403);
    expectProblem(await items(otherPlanner).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' }), 403);
    expectProblem(await items(deptPlanner).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' }), 403);
    expect(await counts(t.db)).toEqual(before);
  });

  it('proposals not accepted (409), unknown (422) or meant for a later year (422) are refused; nothing stored', async () => {
    const review = await insertProposal(t.db, { state: 'under_review' });
    const rejected = await insertProposal(t.db, { state: 'not_accepted' });
    const later = await insertProposal(t.db, { fiscalYear: 2571 });
    const before = await counts(t.db);
    expectProblem(await items(planner).add({ proposal_id: review.publicId, responsible_unit: 'ฝ่ายโยธา' }), 409, 'proposal_not_accepted');
    expectProblem(await items(planner).add({ proposal_id: rejected.publicId, responsible_unit: 'ฝ่ายโยธา' }), 409, 'proposal_not_accepted');
    expectProblem(await items(planner).add({ proposal_id: 'PRJ-69-NOPE99', responsible_unit: 'ฝ่ายโยธา' }), 422, 'unknown_proposal');
    expectProblem(await items(planner).add({ proposal_id: later.publicId, responsible_unit: 'ฝ่ายโยธา' }), 422, 'proposal_for_later_year');
    expect(await counts(t.db)).toEqual(before);
  });
});

describe('agency items', () => {
  it('a planner adds the agency\'s own item; positions count up', async () => {
    const first = await addItem(t.app, planner, plan.id);
    const second = await addItem(t.app, agencyAdmin, plan.id, agencyItemBody({ budget_requested_baht: 250000.5 }));
    expect(second.position).toBe((first.position as number) + 1);
    expect(second).toMatchObject({ source: 'agency', proposal_id: null, community: null, budget_requested_satang: '25000050', indicators: [{ name: 'ความยาวท่อที่ลอก', target: 1200, unit: 'เมตร', actual: null }] });
    expect(first.quarters).toEqual([1, 2, 3, 4].filter((q) => q <= 3)); // Nov–May: Q1..Q3
  });

  it.each([
    ['no title', { title: undefined }, 'title_required'],
    ['no budget', { budget_requested_baht: undefined }, 'budget_requested_baht_required'],
    ['a negative budget', { budget_requested_baht: '-5000' }, 'invalid_amount'],
    ['a non-numeric budget', { budget_requested_baht: 'หนึ่งล้าน' }, 'invalid_amount'],
    ['too many decimals', { budget_requested_baht: '10.123' }, 'invalid_amount'],
    ['dates out of order', { starts_on: '2027-05-01', ends_on: '2027-01-01' }, 'dates_out_of_order'],
    ['a blank responsible unit', { responsible_unit: '   ' }, 'responsible_unit_required'],
  ])('%s is 422 with both languages, nothing stored', async (_l, overrides, code) => {
    const before = await counts(t.db);
    const body = agencyItemBody(overrides);
    expectProblem(await items(planner).add(body), 422, code);
    expect(await counts(t.db)).toEqual(before);
  });

  it('permissions: 401 anonymous; 403 citizen, officer, planner of another district, department planner', async () => {
    const before = await counts(t.db);
    expectProblem(await items(null).add(agencyItemBody()), 401);
    for (const who of [citizen, officer, otherPlanner, deptPlanner]) expectProblem(await items(who).add(agencyItemBody()), 403);
    expect(await counts(t.db)).toEqual(before);
    expect((await items(admin).add(agencyItemBody())).statusCode).toBe(201);
  });
});

describe('budgets, the ceiling and status', () => {
  it('approving moves planned → funded, audited; disbursed may not pass approved', async () => {
    const item = await addItem(t.app, planner, plan.id);
    const approved = await items(planner).patch(item.id, { budget_approved_baht: '900,000' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ item: { status: 'funded', budget_approved_satang: '90000000' }, warnings: [] });
    expect((await auditRows(t.db, item.id)).at(-1)).toMatchObject({ action: 'plan.item_status', before: { status: 'planned', budget_approved_satang: null }, after: { status: 'funded', budget_approved_satang: '90000000' } });

    const before = await counts(t.db);
    expectProblem(await items(planner).patch(item.id, { budget_disbursed_baht: '900,000.01' }), 422, 'disbursed_over_approved');
    expectProblem(await items(planner).patch(item.id, { budget_approved_baht: '-1' }), 422, 'invalid_amount');
    expectProblem(await items(planner).patch(item.id, { budget_approved_baht: 'ไม่ทราบ' }), 422, 'invalid_amount');
    expect(await counts(t.db)).toEqual(before);
    expect((await itemRow(t.db, item.id)).budget_approved_satang).toBe('90000000');
    const ok = await items(planner).patch(item.id, { budget_disbursed_baht: '450000' });
    expect(ok.json().item.budget_disbursed_satang).toBe('45000000');
    expectProblem(await items(planner).patch(item.id, { budget_approved_baht: '100000' }), 422, 'disbursed_over_approved');
  });

  it('over the ceiling: policy "warn" saves with a bilingual warning; policy "refuse" is 422 and stores nothing', async () => {
    const p = await createPlan(t.app, planner, 'district-1004', 2569);
    expect((await client(t.app, agencyAdmin).patch(`/api/v1/plans/${p.id}`, { ceiling_baht: '1,000,000' })).statusCode).toBe(200);
    const a = await addItem(t.app, planner, p.id, agencyItemBody({ budget_requested_baht: '800,000' }));
    const b = await addItem(t.app, planner, p.id, agencyItemBody({ budget_requested_baht: '800,000' }));
    expect((await items(planner, p.id).patch(a.id, { budget_approved_baht: '700,000' })).json().warnings).toEqual([]);

    const warned = await items(planner, p.id).patch(b.id, { budget_approved_baht: '400,000' });
    expect(warned.statusCode, warned.body).toBe(200);
    const body = warned.json() as { warnings: Array<{ code: string; th: string; en: string }>; plan: PlanView };
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toMatchObject({ code: 'over_ceiling', th: expect.stringContaining('เกินวงเงิน'), en: expect.stringContaining('over the ceiling') });
    expect(body.plan.totals).toMatchObject({ approved_satang: '110000000', over_by_satang: '10000000', remaining_satang: '-10000000', approved_over_ceiling: true });

    expect((await client(t.app, agencyAdmin).patch(`/api/v1/plans/${p.id}`, { ceiling_policy: 'refuse' })).statusCode).toBe(200);
    const c = await addItem(t.app, planner, p.id, agencyItemBody({ budget_requested_baht: '50,000' }));
    const before = await counts(t.db);
    const refused = expectProblem(await items(planner, p.id).patch(c.id, { budget_approved_baht: '50,000' }), 422, 'over_ceiling');
    expect(refused.detail_en).toContain('over the ceiling');
    expect(await counts(t.db)).toEqual(before);
    expect(await itemRow(t.db, c.id)).toMatchObject({ budget_approved_satang: null, status: 'planned' });
    // Lowering an approval is always allowed, even while still over.
    expect((await items(planner, p.id).patch(b.id, { budget_approved_baht: '350,000' })).statusCode).toBe(200);
  });

  it('status moves in order; out of order is 409; cancelling needs a reason; nothing stored on refusal', async () => {
    const item = await addItem(t.app, planner, plan.id);
    const before = await counts(t.db);
    expectProblem(await items(planner).patch(item.id, { status: 'in_progress' }), 409, 'transition_out_of_order');
    expectProblem(await items(planner).patch(item.id, { status: 'completed' }), 409, 'transition_out_of_order');
    expectProblem(await items(planner).patch(item.id, { status: 'funded' }), 409, 'approval_required');
    expectProblem(await items(planner).patch(item.id, { status: 'cancelled' }), 422, 'cancel_reason_required');
    expectProblem(await items(planner).patch(item.id, { status: 'cancelled', cancel_reason: '   ' }), 422, 'cancel_reason_required');
    expectProblem(await items(planner).patch(item.id, { cancel_reason: 'ไม่มีเหตุ' }), 422, 'cancel_reason_unused');
    expect(await counts(t.db)).toEqual(before);

    expect((await items(planner).patch(item.id, { budget_approved_baht: '100,000' })).json().item.status).toBe('funded');
    expectProblem(await items(planner).patch(item.id, { status: 'completed' }), 409, 'transition_out_of_order');
    const started = await items(planner).patch(item.id, { status: 'in_progress' });
    expect(started.json().item).toMatchObject({ status: 'in_progress', abilities: { transitions: ['completed', 'cancelled'] } });
    expectProblem(await items(planner).patch(item.id, { status: 'completed' }), 409, 'progress_incomplete');
    expectProblem(await items(planner).patch(item.id, { status: 'planned' }), 409, 'transition_out_of_order');

    const cancelled = await items(planner).patch(item.id, { status: 'cancelled', cancel_reason: 'ย้ายไปใช้งบกลาง' });
    expect(cancelled.json().item).toMatchObject({ status: 'cancelled', cancel_reason: 'ย้ายไปใช้งบกลาง', abilities: { edit: false, transitions: [] } });
    expect((await auditRows(t.db, item.id)).at(-1)).toMatchObject({ action: 'plan.item_status', after: { status: 'cancelled', cancel_reason: 'ย้ายไปใช้งบกลาง' } });
    expectProblem(await items(planner).patch(item.id, { title: 'ใหม่' }), 409, 'item_closed');
    expectProblem(await items(planner).patch(item.id, { status: 'funded' }), 409, 'item_closed');
  });

  it('a cancelled proposal item frees the proposal to be placed again', async () => {
    const proposal = await insertProposal(t.db);
    const first = (await items(planner).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' })).json().item as ItemViewBody;
    expect((await items(planner).patch(first.id, { status: 'cancelled', cancel_reason: 'ชุมชนขอเลื่อน' })).statusCode).toBe(200);
    const again = await items(planner).add({ proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายพัฒนาชุมชน' });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('PATCH permissions: 401 anonymous; 403 citizen, officer, planner of another district; agency admin and admin may', async () => {
    const item = await addItem(t.app, planner, plan.id);
    const before = await counts(t.db);
    expectProblem(await items(null).patch(item.id, { title: 'x' }), 401);
    for (const who of [citizen, officer, otherPlanner, deptPlanner]) expectProblem(await items(who).patch(item.id, { budget_approved_baht: '1' }), 403);
    expect(await counts(t.db)).toEqual(before);
    expect((await items(agencyAdmin).patch(item.id, { title: 'ลอกท่อ ซอย 5' })).json().item.title).toBe('ลอกท่อ ซอย 5');
    expect((await items(admin).patch(item.id, { responsible_unit: 'ฝ่ายรักษาความสะอาด' })).json().item.responsible_unit).toBe('ฝ่ายรักษาความสะอาด');
    expect((await auditRows(t.db, item.id)).map((a) => a.action)).toEqual(['plan.item_add', 'plan.item_update', 'plan.item_update']);
  });

  it('an item of another plan is 404 here', async () => {
    const other = await createPlan(t.app, admin, 'district-1004', 2567);
    const item = await addItem(t.app, admin, other.id);
    expectProblem(await items(planner).patch(item.id, { title: 'x' }), 404);
    expectProblem(await client(t.app, planner).get(`/api/v1/plans/${plan.id}/items/${item.id}`), 404);
  });
});
