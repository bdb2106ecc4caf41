import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, fileReport } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import {
  addMilestone, addPhoto, addProgress, citeReport, expectProblem, makeCommunity, makeItem, makeNeed, makePlan, makeProposal, makeUser, tableCounts,
} from './accountability.test-helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const story = (id: string) => client(t.app, null).get(`/api/v1/proposals/${id}/story`);

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.add(k); keysOf(v, out); }
  return out;
}

describe('GET /api/v1/proposals/:id/story', () => {
  it('tells the whole path: needs, the reports they cite, every step, the decision, the plan item, money and progress', async () => {
    const staff = await makeUser(t.db, 'นายวิชัย ผู้ประเมิน');
    const community = await makeCommunity(t.db, 1004);
    const need1 = await makeNeed(t.db, community.id, { rank: 1, title: 'น้ำท่วมขังซอยเจริญกรุง 32', households: 85, sinceOn: '2021-09-01' });
    const need2 = await makeNeed(t.db, community.id, { rank: 2, title: 'ไฟทางดับ' });
    const needPhoto = await addPhoto(t.db, { type: 'need', id: need1.id }, staff.id);
    const report = await fileReport(t.app, null, { contact_name: 'นางสาวผู้แจ้ง ลับเฉพาะ', contact_phone: '0812345678' });
    await t.db.updateTable('reports').set({ state: 'fixed', fixed_at: new Date() }).where('code', '=', report.report.code).execute();
    await citeReport(t.db, report.report.code, need1.id);
    const proposal = await makeProposal(t.db, community, { state: 'accepted', needIds: [need1.id, need2.id], actor: staff, carryingAgencyCode: 'district-1004', lines: [12_000_000n, 3_000_000n] });
    const plan = await makePlan(t.db, { agencyCode: 'district-1004', fiscalYear: 2570 });
    const item = await makeItem(t.db, plan.id, { proposalId: proposal.id, communityId: community.id, requested: 15_000_000n, approved: 14_000_000n, disbursed: 13_950_000n, status: 'completed', progress: 100 });
    const milestone = await addMilestone(t.db, item.id, { title: 'วางท่อระบายน้ำ', percent: 100 });
    await addProgress(t.db, item.id, { quarter: 2, percent: 40, note: 'เริ่มขุดวางท่อ', milestoneId: milestone.id, reportedBy: staff.id, disbursed: 5_000_000n });
    const last = await addProgress(t.db, item.id, { quarter: 3, percent: 100, note: 'ส่งมอบงานแล้ว', milestoneId: milestone.id, reportedBy: staff.id, disbursed: 8_950_000n });
    const progressPhoto = await addPhoto(t.db, { type: 'plan_progress', id: last.id }, staff.id);

    const before = await tableCounts(t.db);
    const response = await story(proposal.public_id);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();

    expect(body.proposal).toMatchObject({ id: proposal.public_id, state: 'accepted', fiscal_year: 2570, fiscal_year_label_th: 'ปีงบประมาณ 2570' });
    expect(body.community).toMatchObject({ code: community.code, district: { code: 1004, name_th: 'บางรัก' } });
    expect(body.needs.map((n: { title: string }) => n.title)).toEqual(['น้ำท่วมขังซอยเจริญกรุง 32', 'ไฟทางดับ']);
    expect(body.needs[0]).toMatchObject({ rank: 1, households_affected: 85, since_on: '2021-09-01' });
    expect(body.needs[0].attachments[0]).toMatchObject({ id: needPhoto, kind: 'photo', url: `/api/v1/attachments/${needPhoto}` });
    expect(body.needs[0].reports).toEqual([
      expect.objectContaining({ code: report.report.code, state: 'fixed', category: expect.objectContaining({ code: 'road' }), fixed_at: expect.any(String) }),
    ]);
    expect(body.needs[1].reports).toEqual([]);

    expect(body.timeline.map((e: { to_state: string }) => e.to_state)).toEqual(['draft', 'submitted', 'under_review', 'revision_requested', 'submitted', 'under_review', 'accepted']);
    expect(body.timeline[3]).toMatchObject({ by: 'นายวิชัย ผู้ประเมิน', note: 'ขอให้แยกค่าแรงกับค่าวัสดุ' });
    expect(body.budget).toMatchObject({ total_satang: '15000000', lines_total_satang: '15000000', total_words_th: 'หนึ่งแสนห้าหมื่นบาทถ้วน' });
    expect(body.budget.lines).toHaveLength(2);
    expect(body.decision).toMatchObject({ state: 'accepted', feasibility: expect.any(String), cost_check: expect.any(String), carrying_agency: { code: 'district-1004' }, reason: null });

    expect(body.placement.plan).toMatchObject({ id: plan.public_id, fiscal_year: 2570, fiscal_year_label_th: 'ปีงบประมาณ 2570', agency: { code: 'district-1004' } });
    expect(body.placement.item).toMatchObject({
      id: item.public_id, responsible_unit: 'ฝ่ายโยธา', budget_requested_satang: '15000000', budget_approved_satang: '14000000',
      budget_disbursed_satang: '13950000', status: 'completed', progress_percent: 100,
    });
    expect(body.placement.item.milestones).toEqual([expect.objectContaining({ title: 'วางท่อระบายน้ำ', percent: 100 })]);
    expect(body.placement.item.progress_reports.map((r: { percent: number }) => r.percent)).toEqual([40, 100]);
    expect(body.placement.item.progress_reports[1]).toMatchObject({ quarter: 3, note: 'ส่งมอบงานแล้ว', milestone: 'วางท่อระบายน้ำ', disbursed_satang: '8950000' });
    expect(body.placement.item.progress_reports[1].photos[0]).toMatchObject({ id: progressPhoto, kind: 'photo' });
    expect(body.reached).toEqual(['submitted', 'accepted', 'in_plan', 'funded', 'delivered']);
    expect(body.delivered).toBe(true);
    expect(body.includes_demo).toBe(false);
    expect(body.definitions.delivered_th).toMatch(/เสร็จ/);

    // No personal data: no accounts, e-mails, phones, nor the reporter's contact details.
    const text = response.body;
    for (const secret of [staff.email!, staff.phone!, staff.public_id, 'นางสาวผู้แจ้ง ลับเฉพาะ', '0812345678', '+66812345678']) expect(text).not.toContain(secret);
    const keys = keysOf(body);
    for (const key of ['email', 'phone', 'user_id', 'actor_user_id', 'reported_by', 'created_by', 'evaluator_user_id', 'reporter_id', 'contact_name', 'contact_phone', 'storage_key']) {
      expect(keys.has(key), key).toBe(false);
    }
    // A read model: reading changed nothing.
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('answers 404 for a draft exactly as for an unknown id, and for a draft withdrawn before sending', async () => {
    const community = await makeCommunity(t.db, 1004);
    const draft = await makeProposal(t.db, community, { state: 'draft' });
    const withdrawnDraft = await makeProposal(t.db, community, { state: 'withdrawn', withdrawnFromDraft: true });
    const unknown = await story('PRJ-69-NOSUCH');
    const fromDraft = await story(draft.public_id);
    const body = expectProblem(fromDraft, 404, 'not_found');
    expect(body).toEqual(expectProblem(unknown, 404, 'not_found'));
    expectProblem(await story(withdrawnDraft.public_id), 404, 'not_found');
    expectProblem(await story('bad id with spaces'), 404);
  });

  it('a proposal sent but not yet placed has no placement; a cancelled placement is shown but not counted as in a plan', async () => {
    const community = await makeCommunity(t.db, 1005);
    const waiting = await makeProposal(t.db, community, { state: 'under_review' });
    const waitingStory = (await story(waiting.public_id)).json();
    expect(waitingStory.placement).toBeNull();
    expect(waitingStory.decision).toBeNull();
    expect(waitingStory.reached).toEqual(['submitted']);
    expect(waitingStory.delivered).toBe(false);

    const cancelled = await makeProposal(t.db, community, { state: 'accepted' });
    const plan = await makePlan(t.db, { agencyCode: 'district-1005', fiscalYear: 2570 });
    await makeItem(t.db, plan.id, { proposalId: cancelled.id, status: 'cancelled', approved: 100n });
    const cancelledStory = (await story(cancelled.public_id)).json();
    expect(cancelledStory.placement.item).toMatchObject({ status: 'cancelled', cancel_reason: 'งบประมาณถูกปรับลด' });
    expect(cancelledStory.reached).toEqual(['submitted', 'accepted']);
  });

  it('shows why a proposal was not accepted, and where a merged one went', async () => {
    const community = await makeCommunity(t.db, 1006, { isDemo: true });
    const refused = await makeProposal(t.db, community, { state: 'not_accepted' });
    const refusedStory = (await story(refused.public_id)).json();
    expect(refusedStory.decision).toMatchObject({ state: 'not_accepted', reason: 'ซ้ำกับโครงการของสำนักการระบายน้ำ' });
    expect(refusedStory.includes_demo).toBe(true);

    const target = await makeProposal(t.db, community, { state: 'accepted' });
    const merged = await makeProposal(t.db, community, { state: 'merged', mergedIntoId: target.id });
    const mergedStory = (await story(merged.public_id)).json();
    expect(mergedStory.decision.merged_into).toMatchObject({ id: target.public_id });
    expect(mergedStory.reached).toEqual(['submitted']);
  });
});
