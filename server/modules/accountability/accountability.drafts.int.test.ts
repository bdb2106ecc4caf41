// A draft plan is the agency's working copy (the plans module answers 404 for it): no
// public accountability answer may count or show its items until it is published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { addMilestone, addProgress, makeCommunity, makeItem, makePlan, makeProposal, tableCounts } from './accountability.test-helpers.ts';

let t: TestContext;
const D = 1030;
const f = {} as {
  inDraft: { id: string; public_id: string }; inPublished: { id: string; public_id: string };
  draftPlan: { id: string; public_id: string }; draftItem: string; deptDraftItem: string; publishedItem: string;
};

beforeAll(async () => {
  t = await createTestApp();
  const c = await makeCommunity(t.db, D);
  // Placed, approved and half done — but only in the district office's draft plan.
  const inDraft = await makeProposal(t.db, c, { state: 'accepted', fiscalYear: 2570, lines: [1_000n] });
  const draftPlan = await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2570, status: 'draft' });
  const draftItem = await makeItem(t.db, draftPlan.id, { proposalId: inDraft.id, communityId: c.id, requested: 1_000n, approved: 900n, disbursed: 300n, status: 'in_progress', progress: 50 });
  const m = await addMilestone(t.db, draftItem.id, { title: 'งานร่าง', percent: 50 });
  await addProgress(t.db, draftItem.id, { quarter: 1, percent: 50, note: 'ความก้าวหน้าในแผนร่าง', milestoneId: m.id });
  // A department's draft item for the district's community.
  const deptDraft = await makePlan(t.db, { agencyCode: 'bma-strategy', fiscalYear: 2570, status: 'draft' });
  const deptDraftItem = await makeItem(t.db, deptDraft.id, { communityId: c.id, requested: 7_000n, status: 'completed', progress: 100 });
  await addProgress(t.db, deptDraftItem.id, { quarter: 1, percent: 100, note: 'ร่างของสำนัก' });
  // The same district's published 2571 plan holds another proposal.
  const inPublished = await makeProposal(t.db, c, { state: 'accepted', fiscalYear: 2571, lines: [2_000n] });
  const published = await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2571 });
  const publishedItem = await makeItem(t.db, published.id, { proposalId: inPublished.id, communityId: c.id, requested: 2_000n, approved: 2_000n, status: 'funded' });
  await addProgress(t.db, publishedItem.id, { quarter: 1, percent: 0, note: 'เริ่มจัดซื้อจัดจ้าง' });
  // A year that only a draft plan names is not offered in the year picker.
  await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2572, status: 'draft' });
  Object.assign(f, { inDraft, inPublished, draftPlan, draftItem: draftItem.public_id, deptDraftItem: deptDraftItem.public_id, publishedItem: publishedItem.public_id });
});
afterAll(async () => { await t.close(); });

const get = (url: string) => client(t.app, null).get(url);
type Step = { step: string; count: number; satang: string };
const table = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.step, [s.count, s.satang]]));

describe('draft plans stay out of every public accountability answer', () => {
  it('funnel: a placement in a draft plan reads as accepted, not yet in a plan; the year is the one asked for', async () => {
    const before = await tableCounts(t.db);
    const all = (await get(`/api/v1/plans/accountability?district_code=${D}`)).json();
    expect(table(all.steps)).toEqual({ submitted: [2, '3000'], accepted: [2, '3000'], in_plan: [1, '2000'], funded: [1, '2000'], delivered: [0, '0'] });
    expect(all.disbursed_satang).toBe('0');
    const fy2570 = (await get(`/api/v1/plans/accountability?district_code=${D}&fiscal_year=2570`)).json();
    expect(table(fy2570.steps)).toEqual({ submitted: [1, '1000'], accepted: [1, '1000'], in_plan: [0, '0'], funded: [0, '0'], delivered: [0, '0'] });
    const years = (await get('/api/v1/plans/accountability')).json().fiscal_years;
    expect(years).toEqual(expect.arrayContaining([2570, 2571]));
    expect(years).not.toContain(2572);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('open data: no draft plan, item or progress report in any dataset; the proposal row carries no draft placement', async () => {
    const proposals = (await get(`/api/v1/plans/open-data/proposals.json?district_code=${D}`)).json().items;
    const row = proposals.find((p: { proposal_id: string }) => p.proposal_id === f.inDraft.public_id);
    expect(row).toMatchObject({ state: 'accepted', plan_id: null, plan_item_id: null, plan_fiscal_year: null, item_status: null, budget_approved_baht: null, progress_percent: null });
    expect(proposals.find((p: { proposal_id: string }) => p.proposal_id === f.inPublished.public_id)).toMatchObject({ plan_item_id: f.publishedItem });

    for (const dataset of ['plans', 'progress']) {
      for (const format of ['json', 'csv']) {
        const response = await get(`/api/v1/plans/open-data/${dataset}.${format}?district_code=${D}`);
        expect(response.statusCode, response.body).toBe(200);
        for (const hidden of [f.draftPlan.public_id, f.draftItem, f.deptDraftItem, 'ความก้าวหน้าในแผนร่าง', 'ร่างของสำนัก']) expect(response.body, `${dataset}.${format}`).not.toContain(hidden);
        expect(response.body).toContain(f.publishedItem);
      }
    }
    const plans = (await get('/api/v1/plans/open-data/plans.json')).json().items;
    expect(plans.every((p: { plan_status: string }) => p.plan_status === 'published')).toBe(true);
  });

  it('story: no placement while the plan is a draft; the same item shows once the plan is published', async () => {
    const draft = (await get(`/api/v1/proposals/${f.inDraft.public_id}/story`)).json();
    expect(draft.placement).toBeNull();
    expect(draft.reached).toEqual(['submitted', 'accepted']);
    expect(draft.delivered).toBe(false);
    expect(JSON.stringify(draft)).not.toContain(f.draftItem);

    await t.db.updateTable('action_plans').set({ status: 'published', published_at: new Date() }).where('id', '=', f.draftPlan.id).execute();
    const published = (await get(`/api/v1/proposals/${f.inDraft.public_id}/story`)).json();
    expect(published.placement.item).toMatchObject({ id: f.draftItem, status: 'in_progress' });
    expect(published.reached).toEqual(['submitted', 'accepted', 'in_plan', 'funded']);
    const fy2570 = (await get(`/api/v1/plans/accountability?district_code=${D}&fiscal_year=2570`)).json();
    expect(table(fy2570.steps).in_plan).toEqual([1, '1000']);
    await t.db.updateTable('action_plans').set({ status: 'draft', published_at: null }).where('id', '=', f.draftPlan.id).execute();
  });
});
