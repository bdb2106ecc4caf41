import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { jpegWithExif } from '../../../test/helpers/images.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { fiscalYearOf } from '../../platform/time/fiscal-year.ts';
import { addItem, agencyItemBody, counts, createPlan, expectProblem, itemRow, staff, type ItemViewBody, type PlanView } from './plans.test-helpers.ts';

// Every quarter of a past year may be reported; the current and coming years have their own tests.
const PAST_YEAR = fiscalYearOf(new Date()) - 1;

let t: TestContext;
let planner: Session;
let officer: Session;
let otherPlanner: Session;
let admin: Session;
let citizen: Session;
let plan: PlanView;

beforeAll(async () => {
  t = await createTestApp();
  planner = await staff(t.app, t.db, 'planner', 'district-1004');
  officer = await staff(t.app, t.db, 'officer', 'district-1004');
  otherPlanner = await staff(t.app, t.db, 'planner', 'district-1005');
  admin = await staff(t.app, t.db, 'admin', null);
  citizen = await signUpCitizen(t.app);
  plan = await createPlan(t.app, planner, 'district-1004', PAST_YEAR);
});
afterAll(async () => { await t.close(); });

const base = (itemId: string) => `/api/v1/plans/${plan.id}/items/${itemId}`;
const report = (who: Session | null, itemId: string, body: unknown) => client(t.app, who).post(`${base(itemId)}/progress`, body);
/** An item with its budget approved: work (progress above 0%) starts with money. */
const approvedItem = async () => {
  const item = await addItem(t.app, planner, plan.id);
  const approved = await client(t.app, planner).patch(base(item.id), { budget_approved_baht: '1,000,000' });
  expect(approved.statusCode, approved.body).toBe(200);
  return item;
};
const milestone = async (itemId: string, body: Record<string, unknown>) => {
  const response = await client(t.app, planner).post(`${base(itemId)}/milestones`, body);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { item: ItemViewBody }).item;
};

describe('milestones and progress', () => {
  it('item progress is the weighted average of its milestones; status follows; 100% completes', async () => {
    const item = await addItem(t.app, planner, plan.id);
    await client(t.app, planner).patch(base(item.id), { budget_approved_baht: '1,000,000' });
    await milestone(item.id, { title: 'สำรวจและออกแบบ', weight: 20, due_quarter: 1 });
    const withBoth = await milestone(item.id, { title: 'ก่อสร้าง', weight: 80, due_quarter: 3 });
    expect(withBoth.quarters).toEqual([1, 3]);
    const [design, build] = withBoth.milestones;
    expect((await auditRows(t.db, item.id)).filter((a) => a.action === 'plan.milestone_add')).toHaveLength(2);

    const first = await report(planner, item.id, { quarter: 1, milestone_id: design!.id, percent: 100, note: 'ออกแบบเสร็จ' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().item).toMatchObject({ progress_percent: 20, status: 'in_progress' });
    const second = await report(planner, item.id, { quarter: 3, milestone_id: build!.id, percent: 50, note: 'ก่อสร้างครึ่งหนึ่ง', disbursed_baht: '400,000' });
    expect(second.json().item).toMatchObject({ progress_percent: 60, budget_disbursed_satang: '40000000' });
    expect(second.json().item.progress[0]).toMatchObject({ quarter: 3, milestone_id: build!.id, percent: 50, previous_percent: 0, item_percent: 60, disbursed_satang: '40000000' });

    // Reweighting recomputes: 50/50 → (100 + 50) / 2 = 75.
    const reweighted = await client(t.app, planner).patch(`${base(item.id)}/milestones/${build!.id}`, { weight: 20 });
    expect(reweighted.statusCode, reweighted.body).toBe(200);
    expect(reweighted.json().item.progress_percent).toBe(75);
    expect((await auditRows(t.db, item.id)).at(-1)).toMatchObject({ action: 'plan.milestone_update', before: { weight: 80 }, after: { weight: 20, item_percent: 75 } });

    const done = await report(planner, item.id, { quarter: 4, milestone_id: build!.id, percent: 100, note: 'ส่งมอบงาน' });
    expect(done.json().item).toMatchObject({ progress_percent: 100, status: 'completed', completed_at: expect.any(String), abilities: { report_progress: false } });
    const audit = (await auditRows(t.db, item.id)).filter((a) => a.action === 'plan.progress_report');
    expect(audit).toHaveLength(3);
    expect(audit.at(-1)).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'completed', progress_percent: 100 } });
    expectProblem(await report(planner, item.id, { quarter: 4, milestone_id: build!.id, percent: 100, note: 'อีกครั้ง' }), 409, 'item_closed');
  });

  it('without milestones the report sets the item itself; backwards needs a note', async () => {
    const item = await approvedItem();
    expect((await report(planner, item.id, { quarter: 1, percent: 30 })).json().item).toMatchObject({ progress_percent: 30, status: 'in_progress' });
    const before = await counts(t.db);
    expectProblem(await report(planner, item.id, { quarter: 2, percent: 20 }), 422, 'backwards_needs_note');
    expectProblem(await report(planner, item.id, { quarter: 2, percent: 20, note: '   ' }), 422, 'backwards_needs_note');
    expect(await counts(t.db)).toEqual(before);
    const back = await report(planner, item.id, { quarter: 2, percent: 20, note: 'ผู้รับจ้างทิ้งงาน ต้องทำบางส่วนใหม่' });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().item.progress_percent).toBe(20);
    // Milestones cannot be added once progress sits on the item itself.
    expectProblem(await client(t.app, planner).post(`${base(item.id)}/milestones`, { title: 'x' }), 409, 'progress_without_milestones');
  });

  it.each([
    ['over 100%', { quarter: 1, percent: 101 }, 'invalid_percent'],
    ['below 0%', { quarter: 1, percent: -5 }, 'invalid_percent'],
    ['quarter 5', { quarter: 5, percent: 10 }, 'invalid_quarter'],
    ['a decimal quarter', { quarter: 1.5, percent: 10 }, 'invalid_quarter'],
    ['a negative disbursement', { quarter: 1, percent: 10, disbursed_baht: '-1' }, 'invalid_amount'],
    ['disbursing with nothing approved', { quarter: 1, percent: 10, disbursed_baht: '1' }, 'disbursed_over_approved'],
    ['a milestone on an item without any', { quarter: 1, percent: 10, milestone_id: '1' }, 'unknown_milestone'],
  ])('%s is 422, bilingual, nothing stored', async (_l, body, code) => {
    const item = await addItem(t.app, planner, plan.id);
    const before = await counts(t.db);
    expectProblem(await report(planner, item.id, body), 422, code);
    expect(await counts(t.db)).toEqual(before);
    expect(await itemRow(t.db, item.id)).toMatchObject({ progress_percent: '0.00', status: 'planned' });
  });

  it('a percent that is not a number is 400; an item with milestones needs one named', async () => {
    const item = await addItem(t.app, planner, plan.id);
    expectProblem(await report(planner, item.id, { quarter: 1, percent: 'ครึ่งหนึ่ง' }), 400);
    await milestone(item.id, { title: 'งานเดียว', weight: 5 });
    const before = await counts(t.db);
    expectProblem(await report(planner, item.id, { quarter: 1, percent: 10 }), 422, 'milestone_required');
    expectProblem(await report(planner, item.id, { quarter: 1, percent: 10, milestone_id: '999999' }), 422, 'unknown_milestone');
    expect(await counts(t.db)).toEqual(before);
  });

  it('multipart with photos: the photos are re-encoded and listed in the history', async () => {
    const item = await approvedItem();
    const response = await client(t.app, planner).multipart(`${base(item.id)}/progress`, { quarter: 2, percent: 45, note: 'เทพื้นแล้ว' }, [
      { field: 'files', filename: 'site.jpg', contentType: 'image/jpeg', data: await jpegWithExif() },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const entry = response.json().item.progress[0];
    expect(entry).toMatchObject({ quarter: 2, percent: 45, note: 'เทพื้นแล้ว', photos: [{ kind: 'photo', content_type: 'image/jpeg', url: expect.stringMatching(/^\/api\/v1\/attachments\//) }] });
    const photo = await client(t.app, planner).get(entry.photos[0].url);
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.includes(Buffer.from('Somchai Secret'))).toBe(false);

    const before = await counts(t.db);
    expectProblem(await client(t.app, planner).multipart(`${base(item.id)}/progress`, { quarter: 2, percent: 50 }, [
      { field: 'files', filename: 'x.jpg', contentType: 'image/jpeg', data: Buffer.from('not an image at all') },
    ]), 422);
    expectProblem(await client(t.app, planner).multipart(`${base(item.id)}/progress`, { quarter: 2, percent: 150 }), 422, 'invalid_percent');
    expect(await counts(t.db)).toEqual(before);
  });

  it('permissions on progress and milestones: 401 anonymous; 403 citizen, officer, planner of another district; admin may', async () => {
    const item = await approvedItem();
    const before = await counts(t.db);
    expectProblem(await report(null, item.id, { quarter: 1, percent: 10 }), 401);
    for (const who of [citizen, officer, otherPlanner]) {
      expectProblem(await report(who, item.id, { quarter: 1, percent: 10 }), 403);
      expectProblem(await client(t.app, who).post(`${base(item.id)}/milestones`, { title: 'x' }), 403);
    }
    expectProblem(await client(t.app, null).post(`${base(item.id)}/milestones`, { title: 'x' }), 401);
    expect(await counts(t.db)).toEqual(before);
    const withMilestone = await milestone(item.id, { title: 'งานหลัก', weight: 10 });
    const milestoneId = withMilestone.milestones[0]!.id;
    expectProblem(await client(t.app, null).patch(`${base(item.id)}/milestones/${milestoneId}`, { weight: 50 }), 401);
    for (const who of [citizen, officer, otherPlanner]) expectProblem(await client(t.app, who).patch(`${base(item.id)}/milestones/${milestoneId}`, { weight: 50 }), 403);
    expect((await t.db.selectFrom('plan_milestones').select('weight').where('id', '=', milestoneId).executeTakeFirstOrThrow()).weight).toBe(10);
    expect((await client(t.app, admin).patch(`${base(item.id)}/milestones/${milestoneId}`, { weight: 50 })).statusCode).toBe(200);
    expect((await report(admin, item.id, { quarter: 1, milestone_id: milestoneId, percent: 10 })).statusCode).toBe(201);
  });

  it('milestone bounds: weight 1..100 and quarter 1..4 (400); unknown milestone 404', async () => {
    const item = await addItem(t.app, planner, plan.id, agencyItemBody());
    const before = await counts(t.db);
    expectProblem(await client(t.app, planner).post(`${base(item.id)}/milestones`, { title: 'x', weight: 0 }), 400);
    expectProblem(await client(t.app, planner).post(`${base(item.id)}/milestones`, { title: 'x', weight: 101 }), 400);
    expectProblem(await client(t.app, planner).post(`${base(item.id)}/milestones`, { title: 'x', due_quarter: 5 }), 400);
    expectProblem(await client(t.app, planner).patch(`${base(item.id)}/milestones/999999`, { weight: 3 }), 404);
    expect(await counts(t.db)).toEqual(before);
  });

  it('the item page: the public sees a published plan item; drafts stay with the agency', async () => {
    const item = await addItem(t.app, planner, plan.id);
    expectProblem(await client(t.app, null).get(base(item.id)), 404);
    const own = await client(t.app, officer).get(base(item.id));
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ item: { id: item.id, abilities: { edit: false, report_progress: false } }, plan: { id: plan.id } });
    expect((await client(t.app, planner).get(base(item.id))).json().item.abilities).toMatchObject({ edit: true, report_progress: true, add_milestone: true });
  });
});
