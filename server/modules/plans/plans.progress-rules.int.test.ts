// The rules progress keeps to: work starts with an approved budget; a quarter is reported
// once it has begun; progress never drops without a reason kept in the history; a
// delivered proposal item resolves the needs it answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { fiscalYearOf } from '../../platform/time/fiscal-year.ts';
import { fiscalQuarterOf } from './plans.rules.ts';
import {
  addItem, counts, createPlan, expectProblem, insertNeed, insertProposal, itemRow, needStatuses, staff, type ItemViewBody, type PlanView,
} from './plans.test-helpers.ts';

let t: TestContext;
let planner: Session;
let past: PlanView;
let current: PlanView;
let next: PlanView;
const NOW_YEAR = fiscalYearOf(new Date());
const NOW_QUARTER = fiscalQuarterOf(new Date());

beforeAll(async () => {
  t = await createTestApp();
  planner = await staff(t.app, t.db, 'planner', 'district-1004');
  past = await createPlan(t.app, planner, 'district-1004', NOW_YEAR - 1);
  current = await createPlan(t.app, planner, 'district-1004', NOW_YEAR);
  next = await createPlan(t.app, planner, 'district-1004', NOW_YEAR + 1);
});
afterAll(async () => { await t.close(); });

const itemUrl = (plan: PlanView, itemId: string) => `/api/v1/plans/${plan.id}/items/${itemId}`;
const report = (plan: PlanView, itemId: string, body: Record<string, unknown>) => client(t.app, planner).post(`${itemUrl(plan, itemId)}/progress`, body);
const approve = async (plan: PlanView, itemId: string) => {
  const response = await client(t.app, planner).patch(itemUrl(plan, itemId), { budget_approved_baht: '1,000,000' });
  expect(response.statusCode, response.body).toBe(200);
};
const item = (response: { json(): unknown }) => (response.json() as { item: ItemViewBody }).item;

describe('progress needs an approved budget', () => {
  it('above 0% on an item without an approved budget is 409, bilingual, nothing stored; 0% is a report of not started', async () => {
    const planned = await addItem(t.app, planner, past.id);
    const before = await counts(t.db);
    const refused = expectProblem(await report(past, planned.id, { quarter: 1, percent: 10, note: 'เริ่มงาน' }), 409, 'budget_not_approved');
    expect(refused.detail_th).toContain('ยังไม่ได้อนุมัติงบประมาณ');
    expect(await counts(t.db)).toEqual(before);
    expect(await itemRow(t.db, planned.id)).toMatchObject({ status: 'planned', progress_percent: '0.00' });

    const notStarted = await report(past, planned.id, { quarter: 1, percent: 0, note: 'รออนุมัติงบประมาณ' });
    expect(notStarted.statusCode, notStarted.body).toBe(201);
    expect(item(notStarted)).toMatchObject({ status: 'planned', progress_percent: 0 });

    // With milestones too: the milestone's percent is refused the same way.
    const withMilestone = await client(t.app, planner).post(`${itemUrl(past, planned.id)}/milestones`, { title: 'สำรวจ' });
    const milestoneId = item(withMilestone).milestones[0]!.id;
    const again = await counts(t.db);
    expectProblem(await report(past, planned.id, { quarter: 1, milestone_id: milestoneId, percent: 100 }), 409, 'budget_not_approved');
    expect(await counts(t.db)).toEqual(again);

    await approve(past, planned.id);
    const started = await report(past, planned.id, { quarter: 1, milestone_id: milestoneId, percent: 40 });
    expect(started.statusCode, started.body).toBe(201);
    expect(item(started)).toMatchObject({ status: 'in_progress', progress_percent: 40 });
  });
});

describe('quarters that have not begun', () => {
  it('the current year: up to the current quarter; a later one is 422, bilingual, nothing stored', async () => {
    const open = await addItem(t.app, planner, current.id);
    await approve(current, open.id);
    const view = (await client(t.app, planner).get(itemUrl(current, open.id))).json() as { item: ItemViewBody };
    expect(view.item.abilities).toMatchObject({ report_progress: true, report_quarters: Array.from({ length: NOW_QUARTER }, (_, i) => i + 1) });
    if (NOW_QUARTER < 4) {
      const before = await counts(t.db);
      const body = expectProblem(await report(current, open.id, { quarter: NOW_QUARTER + 1, percent: 10 }), 422, 'quarter_not_reached');
      expect(body).toMatchObject({ errors: [expect.objectContaining({ field: 'quarter' })] });
      expect(await counts(t.db)).toEqual(before);
      expect(await itemRow(t.db, open.id)).toMatchObject({ progress_percent: '0.00', status: 'funded' });
    }
    const now = await report(current, open.id, { quarter: NOW_QUARTER, percent: 10 });
    expect(now.statusCode, now.body).toBe(201);
  });

  it('a plan whose fiscal year has not started takes no report at all (422), and says so in its abilities', async () => {
    const early = await addItem(t.app, planner, next.id);
    await approve(next, early.id);
    const view = (await client(t.app, planner).get(itemUrl(next, early.id))).json() as { item: ItemViewBody };
    expect(view.item.abilities).toMatchObject({ report_progress: false, report_quarters: [] });
    const before = await counts(t.db);
    for (const quarter of [1, 4]) {
      const body = expectProblem(await report(next, early.id, { quarter, percent: 0 }), 422, 'fiscal_year_not_started');
      expect(body.detail_th).toContain(`ปีงบประมาณ ${NOW_YEAR + 1} ยังไม่เริ่ม`);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it('a past year takes every quarter', async () => {
    const done = await addItem(t.app, planner, past.id);
    await approve(past, done.id);
    expect((await report(past, done.id, { quarter: 4, percent: 30 })).statusCode).toBe(201);
    expect((await client(t.app, planner).get(itemUrl(past, done.id))).json().item.abilities.report_quarters).toEqual([1, 2, 3, 4]);
  });
});

describe('milestone changes that lower progress', () => {
  it('adding a milestone that lowers progress needs a note (422 without), and the drop is kept in the history', async () => {
    const it1 = await addItem(t.app, planner, past.id);
    await approve(past, it1.id);
    const first = item(await client(t.app, planner).post(`${itemUrl(past, it1.id)}/milestones`, { title: 'ออกแบบ' }));
    expect((await report(past, it1.id, { quarter: 2, milestone_id: first.milestones[0]!.id, percent: 50 })).statusCode).toBe(201);

    const before = await counts(t.db);
    for (const body of [{ title: 'ก่อสร้าง' }, { title: 'ก่อสร้าง', note: '   ' }]) {
      const refused = expectProblem(await client(t.app, planner).post(`${itemUrl(past, it1.id)}/milestones`, body), 422, 'backwards_needs_note');
      expect(refused.detail_th).toContain('50% เป็น 25%');
      expect(refused).toMatchObject({ errors: [expect.objectContaining({ field: 'note' })] });
    }
    expect(await counts(t.db)).toEqual(before);
    expect(await itemRow(t.db, it1.id)).toMatchObject({ progress_percent: '50.00' });

    const added = await client(t.app, planner).post(`${itemUrl(past, it1.id)}/milestones`, { title: 'ก่อสร้าง', note: 'เพิ่มงานก่อสร้างตามแบบที่อนุมัติ' });
    expect(added.statusCode, added.body).toBe(201);
    const build = item(added).milestones[1]!;
    expect(item(added)).toMatchObject({ progress_percent: 25, status: 'in_progress' });
    // The latest quarter reported (2) holds the drop, with its reason.
    expect(item(added).progress[0]).toMatchObject({ milestone_id: build.id, quarter: 2, percent: 0, previous_percent: 0, item_percent: 25, note: 'เพิ่มงานก่อสร้างตามแบบที่อนุมัติ' });
    expect((await auditRows(t.db, it1.id)).at(-1)).toMatchObject({
      action: 'plan.milestone_add', before: { item_percent: 50 }, after: { item_percent: 25, note: 'เพิ่มงานก่อสร้างตามแบบที่อนุมัติ', quarter: 2 },
    });

    // Reweighting down: the same rule. (50 × 1 + 0 × 3) / 4 = 12.5
    const weightUrl = `${itemUrl(past, it1.id)}/milestones/${build.id}`;
    const beforeWeight = await counts(t.db);
    expectProblem(await client(t.app, planner).patch(weightUrl, { weight: 3 }), 422, 'backwards_needs_note');
    expect(await counts(t.db)).toEqual(beforeWeight);
    expect((await t.db.selectFrom('plan_milestones').select('weight').where('id', '=', build.id).executeTakeFirstOrThrow()).weight).toBe(1);
    const heavier = await client(t.app, planner).patch(weightUrl, { weight: 3, note: 'งานก่อสร้างเป็นส่วนใหญ่ของงบประมาณ' });
    expect(heavier.statusCode, heavier.body).toBe(200);
    expect(item(heavier).progress_percent).toBe(12.5);
    expect(item(heavier).progress[0]).toMatchObject({ milestone_id: build.id, quarter: 2, item_percent: 12.5, note: 'งานก่อสร้างเป็นส่วนใหญ่ของงบประมาณ' });
    expect((await auditRows(t.db, it1.id)).at(-1)).toMatchObject({ action: 'plan.milestone_update', before: { weight: 1, item_percent: 25 }, after: { weight: 3, item_percent: 12.5 } });

    // Changes that do not lower progress need no note and add no history.
    const reports = (await counts(t.db)).progress;
    expect((await client(t.app, planner).patch(weightUrl, { weight: 1 })).json().item.progress_percent).toBe(25);
    expect((await client(t.app, planner).patch(weightUrl, { title: 'ก่อสร้างและส่งมอบ' })).statusCode).toBe(200);
    expect((await counts(t.db)).progress).toBe(reports);
  });

  it('in the current year the drop is recorded in the current quarter', async () => {
    const it2 = await addItem(t.app, planner, current.id);
    await approve(current, it2.id);
    const first = item(await client(t.app, planner).post(`${itemUrl(current, it2.id)}/milestones`, { title: 'จัดซื้อ' }));
    await client(t.app, planner).post(`${itemUrl(current, it2.id)}/milestones`, { title: 'ขนส่ง' });
    expect((await report(current, it2.id, { quarter: 1, milestone_id: first.milestones[0]!.id, percent: 100 })).statusCode).toBe(201);
    // (100 × 1 + 0 × 1 + 0 × 2) / 4 = 25
    const added = await client(t.app, planner).post(`${itemUrl(current, it2.id)}/milestones`, { title: 'ติดตั้ง', weight: 2, note: 'แยกงานติดตั้งออกมา' });
    expect(added.statusCode, added.body).toBe(201);
    expect(item(added).progress[0]).toMatchObject({ quarter: NOW_QUARTER, item_percent: 25, note: 'แยกงานติดตั้งออกมา' });
  });
});

describe('a delivered proposal item resolves the needs it answered', () => {
  async function placed(plan: PlanView) {
    const proposal = await insertProposal(t.db, { fiscalYear: plan.fiscal_year });
    const response = await client(t.app, planner).post(`/api/v1/plans/${plan.id}/items`, { proposal_id: proposal.publicId, responsible_unit: 'ฝ่ายโยธา' });
    expect(response.statusCode, response.body).toBe(201);
    return { proposal, item: item(response) };
  }

  it('100% completes the item and resolves its open and in-proposal needs in the same transaction, audited; withdrawn ones stay', async () => {
    const { proposal, item: placedItem } = await placed(past);
    const carried = await insertNeed(t.db, proposal.communityId, proposal.id, 'in_proposal', 1);
    const open = await insertNeed(t.db, proposal.communityId, proposal.id, 'open', 2);
    const withdrawn = await insertNeed(t.db, proposal.communityId, proposal.id, 'withdrawn', 3);
    const ids = [carried.id, open.id, withdrawn.id];
    await approve(past, placedItem.id);

    expect((await report(past, placedItem.id, { quarter: 3, percent: 60 })).statusCode).toBe(201);
    expect(await needStatuses(t.db, ids)).toEqual({ [carried.public_id]: 'in_proposal', [open.public_id]: 'open', [withdrawn.public_id]: 'withdrawn' });

    const done = await report(past, placedItem.id, { quarter: 4, percent: 100, note: 'ส่งมอบงานแล้ว' });
    expect(done.statusCode, done.body).toBe(201);
    expect(item(done)).toMatchObject({ status: 'completed', completed_at: expect.any(String) });
    expect(await needStatuses(t.db, ids)).toEqual({ [carried.public_id]: 'resolved', [open.public_id]: 'resolved', [withdrawn.public_id]: 'withdrawn' });
    for (const need of [carried, open]) {
      expect(await auditRows(t.db, need.public_id)).toEqual([expect.objectContaining({ action: 'need.resolved', actor_user_id: planner.userId, after: { status: 'resolved' } })]);
    }
    expect(await auditRows(t.db, withdrawn.public_id)).toEqual([]);
    expect((await auditRows(t.db, placedItem.id)).at(-1)).toMatchObject({ action: 'plan.progress_report', after: { status: 'completed', needs_resolved: 2 } });
  });

  it('a status change to completed by hand resolves them too', async () => {
    const { proposal, item: placedItem } = await placed(past);
    const need = await insertNeed(t.db, proposal.communityId, proposal.id, 'in_proposal');
    await approve(past, placedItem.id);
    // Full progress on an item still in progress (as rows written before this rule can be).
    await t.db.updateTable('plan_items').set({ status: 'in_progress', progress_percent: 100 } as never).where('public_id', '=', placedItem.id).execute();
    const response = await client(t.app, planner).patch(itemUrl(past, placedItem.id), { status: 'completed' });
    expect(response.statusCode, response.body).toBe(200);
    expect(item(response)).toMatchObject({ status: 'completed', completed_at: expect.any(String) });
    expect(await needStatuses(t.db, [need.id])).toEqual({ [need.public_id]: 'resolved' });
    expect((await auditRows(t.db, placedItem.id)).at(-1)).toMatchObject({ action: 'plan.item_status', after: { status: 'completed', needs_resolved: 1 } });
  });

  it('a refused report resolves nothing', async () => {
    const { proposal, item: placedItem } = await placed(past);
    const need = await insertNeed(t.db, proposal.communityId, proposal.id, 'in_proposal');
    expectProblem(await report(past, placedItem.id, { quarter: 4, percent: 100 }), 409, 'budget_not_approved');
    expect(await needStatuses(t.db, [need.id])).toEqual({ [need.public_id]: 'in_proposal' });
  });
});
