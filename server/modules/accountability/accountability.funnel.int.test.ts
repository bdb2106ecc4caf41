import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { expectProblem, makeCommunity, makeItem, makePlan, makeProposal, tableCounts } from './accountability.test-helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

type Step = { step: string; count: number; satang: string };
type Row = { code: number | string; steps: Step[]; disbursed_satang: string; includes_demo: boolean };
const get = (query: string) => client(t.app, null).get(`/api/v1/plans/accountability${query}`);
/** { submitted: [count, satang], ... } for compact comparisons. */
const table = (steps: Step[]) => Object.fromEntries(steps.map((s) => [s.step, [s.count, s.satang]]));

describe('GET /api/v1/plans/accountability — the funnel', () => {
  it('counts each step and its money by the published rules (drafts, withdrawn, merged, cancelled)', async () => {
    const D = 1010;
    const a = await makeCommunity(t.db, D);
    const b = await makeCommunity(t.db, D);
    const plan = await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2570 });
    const dept = await makePlan(t.db, { agencyCode: 'bma-strategy', fiscalYear: 2570 });

    await makeProposal(t.db, a, { state: 'draft', lines: [1n] }); // never sent: not counted
    await makeProposal(t.db, a, { state: 'withdrawn', withdrawnFromDraft: true, lines: [2n] }); // withdrawn as a draft: not counted
    await makeProposal(t.db, a, { state: 'withdrawn', lines: [100n] }); // withdrawn after sending: submitted
    await makeProposal(t.db, a, { state: 'not_accepted', lines: [200n] });
    const target = await makeProposal(t.db, a, { state: 'accepted', lines: [400n] }); // accepted, not placed
    await makeProposal(t.db, a, { state: 'merged', mergedIntoId: target.id, lines: [800n] }); // counted in its target
    const planned = await makeProposal(t.db, b, { state: 'accepted', lines: [1_600n] });
    await makeItem(t.db, plan.id, { proposalId: planned.id, requested: 1_000n, approved: null });
    const funded = await makeProposal(t.db, b, { state: 'accepted', lines: [3_200n] });
    await makeItem(t.db, plan.id, { proposalId: funded.id, requested: 3_000n, approved: 2_900n, status: 'funded' });
    const delivered = await makeProposal(t.db, b, { state: 'accepted', lines: [6_400n] });
    await makeItem(t.db, dept.id, { proposalId: delivered.id, requested: 6_000n, approved: 5_800n, disbursed: 5_700n, status: 'completed', progress: 100 });
    const cancelled = await makeProposal(t.db, b, { state: 'accepted', lines: [12_800n] });
    await makeItem(t.db, plan.id, { proposalId: cancelled.id, requested: 12_000n, approved: 11_000n, disbursed: 50n, status: 'cancelled' });
    const underway = await makeProposal(t.db, b, { state: 'accepted', lines: [25_600n] });
    await makeItem(t.db, plan.id, { proposalId: underway.id, requested: 25_000n, approved: 24_000n, disbursed: 10_000n, status: 'in_progress', progress: 40 });
    // An item the agency added itself is in the plan, but is not a community proposal.
    await makeItem(t.db, plan.id, { communityId: a.id, requested: 99_999n, approved: 99_999n, status: 'completed' });

    const before = await tableCounts(t.db);
    const response = await get('');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.by_district).toHaveLength(50);
    const row = body.by_district.find((r: Row) => r.code === D);
    const expected = {
      submitted: [9, String(100 + 200 + 400 + 800 + 1_600 + 3_200 + 6_400 + 12_800 + 25_600)],
      accepted: [6, String(400 + 1_600 + 3_200 + 6_400 + 12_800 + 25_600)],
      in_plan: [4, String(1_000 + 3_000 + 6_000 + 25_000)],
      funded: [3, String(2_900 + 5_800 + 24_000)],
      delivered: [1, '5700'],
    };
    expect(table(row.steps)).toEqual(expected);
    expect(row.disbursed_satang).toBe(String(5_700 + 10_000));
    expect(row.includes_demo).toBe(false);
    expect(row.steps[1].share_of_previous).toBeCloseTo(6 / 9, 3);
    expect(body.definitions).toMatchObject({ submitted_th: expect.stringMatching(/ร่าง/), in_plan_en: expect.stringMatching(/cancelled/) });
    expect(body.fiscal_years).toContain(2570);

    // The district's communities add up to the district; one community is just its own.
    const district = (await get(`?district_code=${D}`)).json();
    expect(table(district.steps)).toEqual(expected);
    expect(district.by_district).toEqual([]);
    expect(district.filters.district).toMatchObject({ code: D, name_en: expect.any(String) });
    expect(district.by_community.map((c: Row) => c.code).sort()).toEqual([a.code, b.code].sort());
    const onlyB = (await get(`?community=${b.code}`)).json();
    expect(table(onlyB.steps)).toEqual({
      submitted: [5, String(1_600 + 3_200 + 6_400 + 12_800 + 25_600)],
      accepted: [5, String(1_600 + 3_200 + 6_400 + 12_800 + 25_600)],
      in_plan: [4, expected.in_plan[1]],
      funded: [3, expected.funded[1]],
      delivered: [1, '5700'],
    });
    expect(onlyB.filters).toMatchObject({ community: { code: b.code }, district: { code: D } });
    expect(onlyB.by_community).toHaveLength(1);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('says includes_demo when any counted row is demo: a demo proposal, community or plan', async () => {
    const D = 1011;
    const real = await makeCommunity(t.db, D);
    await makeProposal(t.db, real, { state: 'submitted' });
    expect((await get(`?district_code=${D}`)).json().includes_demo).toBe(false);

    await makeProposal(t.db, real, { state: 'draft', isDemo: true }); // not counted, so not flagged
    expect((await get(`?district_code=${D}`)).json().includes_demo).toBe(false);

    const placed = await makeProposal(t.db, real, { state: 'accepted' });
    const demoPlan = await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2570, isDemo: true });
    await makeItem(t.db, demoPlan.id, { proposalId: placed.id });
    const flagged = (await get(`?district_code=${D}`)).json();
    expect(flagged.includes_demo).toBe(true);
    expect(flagged.by_community[0].includes_demo).toBe(true);

    const demoCommunity = await makeCommunity(t.db, 1012, { isDemo: true });
    await makeProposal(t.db, demoCommunity, { state: 'submitted' });
    const byDemo = (await get(`?community=${demoCommunity.code}`)).json();
    expect(byDemo.includes_demo).toBe(true);
    expect(byDemo.filters.community.is_demo).toBe(true);
  });

  it('filters by fiscal year: the year of the published plan a proposal sits in, else the year it asked for — never both', async () => {
    const D = 1013;
    const c = await makeCommunity(t.db, D);
    await makeProposal(t.db, c, { state: 'submitted', fiscalYear: 2570, lines: [10n] });
    const lateAsk = await makeProposal(t.db, c, { state: 'accepted', fiscalYear: 2569, lines: [20n] });
    await makeItem(t.db, (await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2570 })).id, { proposalId: lateAsk.id, requested: 20n });
    await makeProposal(t.db, c, { state: 'submitted', fiscalYear: 2571, lines: [40n] });
    const noYear = await makeProposal(t.db, c, { state: 'accepted', fiscalYear: null, lines: [80n] });
    await makeItem(t.db, (await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2571 })).id, { proposalId: noYear.id, requested: 80n });

    const fy2570 = (await get(`?district_code=${D}&fiscal_year=2570`)).json();
    expect(table(fy2570.steps).submitted).toEqual([2, '30']);
    expect(table(fy2570.steps).in_plan).toEqual([1, '20']);
    expect(fy2570.filters).toMatchObject({ fiscal_year: 2570, fiscal_year_label_th: 'ปีงบประมาณ 2570' });
    const fy2571 = (await get(`?district_code=${D}&fiscal_year=2571`)).json();
    expect(table(fy2571.steps).submitted).toEqual([2, '120']);
    // Asked for 2569 but placed in the 2570 plan: counted in 2570 only, not twice.
    const fy2569 = (await get(`?district_code=${D}&fiscal_year=2569`)).json();
    expect(table(fy2569.steps).submitted).toEqual([0, '0']);
    expect(table((await get(`?district_code=${D}`)).json().steps).submitted).toEqual([4, '150']);
    expect((await get('')).json().fiscal_years).toEqual(expect.arrayContaining([2569, 2570, 2571]));
  });

  it('a proposal for 2570 placed in the 2571 plan counts in 2571 only; the years add up to the whole', async () => {
    const D = 1015;
    const c = await makeCommunity(t.db, D);
    const carried = await makeProposal(t.db, c, { state: 'accepted', fiscalYear: 2570, lines: [700n] });
    await makeItem(t.db, (await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2571 })).id, { proposalId: carried.id, requested: 700n, approved: 650n, status: 'funded' });
    await makeProposal(t.db, c, { state: 'submitted', fiscalYear: 2570, lines: [5n] });

    const fy2570 = (await get(`?district_code=${D}&fiscal_year=2570`)).json();
    expect(table(fy2570.steps)).toEqual({ submitted: [1, '5'], accepted: [0, '0'], in_plan: [0, '0'], funded: [0, '0'], delivered: [0, '0'] });
    const fy2571 = (await get(`?district_code=${D}&fiscal_year=2571`)).json();
    expect(table(fy2571.steps)).toEqual({ submitted: [1, '700'], accepted: [1, '700'], in_plan: [1, '700'], funded: [1, '650'], delivered: [0, '0'] });
    const all = (await get(`?district_code=${D}`)).json();
    expect(table(all.steps).submitted).toEqual([2, '705']);
    // The open data agrees.
    const rows = (year: number) => client(t.app, null).get(`/api/v1/plans/open-data/proposals.json?district_code=${D}&fiscal_year=${year}`);
    expect((await rows(2570)).json().items.map((i: { total_baht: string }) => i.total_baht)).toEqual(['0.05']);
    expect((await rows(2571)).json().items).toEqual([expect.objectContaining({ proposal_id: carried.public_id, plan_fiscal_year: 2571, fiscal_year: 2570 })]);
  });

  it('refuses filters that name nothing, in Thai and English, and stores nothing', async () => {
    const c = await makeCommunity(t.db, 1014);
    const before = await tableCounts(t.db);
    const cases: Array<[string, string, string]> = [
      ['?fiscal_year=abc', 'invalid_fiscal_year', 'fiscal_year'],
      ['?fiscal_year=1999', 'invalid_fiscal_year', 'fiscal_year'],
      ['?fiscal_year=25700', 'invalid_fiscal_year', 'fiscal_year'],
      ['?district_code=9999', 'unknown_district', 'district_code'],
      ['?district_code=bangrak', 'unknown_district', 'district_code'],
      ['?community=1004-NOPE', 'unknown_community', 'community'],
      [`?community=${c.code}&district_code=1004`, 'community_not_in_district', 'community'],
      ['?colour=red', 'validation_failed', 'colour'],
    ];
    for (const [query, code, field] of cases) {
      const body = expectProblem(await get(query), 400, code);
      expect(body.errors?.map((e) => e.field), query).toContain(field);
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });
});
