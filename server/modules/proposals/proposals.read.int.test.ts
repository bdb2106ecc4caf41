import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, fileReport } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { citeReport, citizen, CURRENT_FY, district, makeCommunity, makeNeed, office, proposalIn, seatedMember, staff } from './proposals.test-helpers.ts';

let t: TestContext;
let w: Awaited<ReturnType<typeof district>>;
let far: Awaited<ReturnType<typeof district>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await district(t.app, t.db, 1004);
  far = await district(t.app, t.db, 1001);
});
afterAll(async () => { await t.close(); });

type Who = Parameters<typeof client>[1];
const get = (who: Who, url: string) => client(t.app, who).get(url);
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('GET /api/v1/proposals/strategies', () => {
  it('lists the nine "9 ดี" dimensions with their official Thai names', async () => {
    const response = await get(null, '/api/v1/proposals/strategies');
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((s: { name_th: string }) => s.name_th)).toEqual([
      'ปลอดภัยดี', 'โปร่งใสดี', 'เดินทางดี', 'สิ่งแวดล้อมดี', 'สุขภาพดี', 'เรียนดี', 'เศรษฐกิจดี', 'สังคมดี', 'บริหารจัดการดี',
    ]);
  });
});

describe('drafts are the committee\'s and the district\'s business', () => {
  it('hides a draft (and one withdrawn unsent) from the public, other communities and other districts', async () => {
    const draft = await proposalIn(t.app, w, 'draft');
    const unsent = await proposalIn(t.app, w, 'withdrawn');
    const colleague = await seatedMember(t.app, t.db, w.community.id);
    const neighbour = await seatedMember(t.app, t.db, (await makeCommunity(t.db, 1004)).id);
    const admin = await staff(t.app, t.db, 'admin', null);
    for (const id of [draft, unsent]) {
      for (const who of [null, await citizen(t.app), neighbour, far.planner, far.evaluator]) {
        const response = await get(who, `/api/v1/proposals/${id}`);
        expect(response.statusCode).toBe(404);
        expect(response.json().detail_en).toBe('No such proposal');
      }
      for (const who of [w.member, colleague, w.planner, w.evaluator, admin]) expect((await get(who, `/api/v1/proposals/${id}`)).statusCode).toBe(200);
    }
    const publicList = await get(null, `/api/v1/proposals?community=${w.community.code}&page_size=100`);
    expect(ids(publicList.json())).not.toContain(draft);
    expect(ids((await get(w.member, `/api/v1/proposals?community=${w.community.code}&page_size=100`)).json())).toContain(draft);
    expect(ids((await get(w.evaluator, '/api/v1/proposals?district_code=1004&page_size=100')).json())).toContain(draft);
    expect(ids((await get(far.planner, '/api/v1/proposals?district_code=1004&page_size=100')).json())).not.toContain(draft);
    expect(ids((await get(neighbour, '/api/v1/proposals?district_code=1004&page_size=100')).json())).not.toContain(draft);
  });

  it('shows a proposal to everyone once it is submitted', async () => {
    const id = await proposalIn(t.app, w, 'submitted');
    const response = await get(null, `/api/v1/proposals/${id}`);
    expect(response.statusCode).toBe(200);
    expect(Object.values(response.json().abilities).some(Boolean)).toBe(false);
  });
});

describe('GET /api/v1/proposals', () => {
  it('filters by community, district, state, fiscal year and "assigned to me", with paging', async () => {
    const mine = await proposalIn(t.app, w, 'under_review');
    const accepted = await proposalIn(t.app, w, 'accepted');
    const elsewhere = await proposalIn(t.app, far, 'submitted');

    const byDistrict = (await get(null, '/api/v1/proposals?district_code=1001&page_size=100')).json();
    expect(ids(byDistrict)).toContain(elsewhere);
    expect(ids(byDistrict)).not.toContain(mine);
    expect(byDistrict.items.every((i: { district: { code: number } }) => i.district.code === 1001)).toBe(true);

    const byState = (await get(null, '/api/v1/proposals?state=accepted&page_size=100')).json();
    expect(ids(byState)).toContain(accepted);
    expect(byState.items.every((i: { state: string }) => i.state === 'accepted')).toBe(true);

    expect(ids((await get(null, `/api/v1/proposals?fiscal_year=${CURRENT_FY}&page_size=100`)).json())).toContain(mine);
    expect((await get(null, `/api/v1/proposals?fiscal_year=${CURRENT_FY + 1}`)).json().items).toEqual([]);

    const assigned = (await get(w.evaluator, '/api/v1/proposals?assigned=me&page_size=100')).json();
    expect(ids(assigned)).toContain(mine);
    expect(assigned.items.every((i: { evaluator_name: string }) => i.evaluator_name === w.evaluator.name)).toBe(true);
    expect(ids((await get(far.evaluator, '/api/v1/proposals?assigned=me')).json())).toEqual([]);
    const anonymous = await get(null, '/api/v1/proposals?assigned=me');
    expect(anonymous.statusCode).toBe(401);

    const page1 = (await get(null, `/api/v1/proposals?community=${w.community.code}&page_size=1`)).json();
    const page2 = (await get(null, `/api/v1/proposals?community=${w.community.code}&page_size=1&page=2`)).json();
    expect(page1).toMatchObject({ page: 1, page_size: 1 });
    expect(page1.total).toBeGreaterThanOrEqual(2);
    expect(page1.items).toHaveLength(1);
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    expect(page1.items[0]).toMatchObject({ community: { code: w.community.code }, district: { code: 1004, name_th: 'บางรัก' }, total_formatted: expect.any(String) });
  });

  it('has an index for the fiscal-year filter (city-wide lists and roll-ups by year)', async () => {
    const { rows } = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'proposals' and indexname = 'proposals_fiscal_year_idx'`.execute(t.db);
    expect(rows[0]?.indexdef).toMatch(/\(fiscal_year\) WHERE/);
  });

  it('answers 400 to filters that make no sense', async () => {
    for (const q of ['state=lost', 'district_code=99', 'page=0', 'page_size=1000', 'fiscal_year=abc', 'secret=1']) {
      const response = await get(null, `/api/v1/proposals?${q}`);
      expect(response.statusCode, q).toBe(400);
      expect(response.json().detail_th).toBeTruthy();
    }
  });
});

describe('GET /api/v1/proposals/:id', () => {
  it('tells the story from the need and the reports it cites to the money, in words too', async () => {
    const report = await fileReport(t.app, null);
    const need = await makeNeed(t.db, w.community.id, 'ถนนในชุมชนเป็นหลุม');
    await citeReport(t.db, report.report.code, need.id);
    const created = await client(t.app, w.member).post('/api/v1/proposals', {
      title: 'ซ่อมถนนในชุมชน', problem: 'ถนนเป็นหลุม', need_ids: [need.publicId], fiscal_year: CURRENT_FY,
      budget_lines: [{ description: 'ยางมะตอย', quantity: 20, unit: 'ถุง', unit_cost_baht: '250' }],
    });
    const id = created.json().id as string;
    await client(t.app, w.member).post(`/api/v1/proposals/${id}/submit`, {});
    const p = (await get(null, `/api/v1/proposals/${id}`)).json();
    expect(p.needs).toEqual([expect.objectContaining({
      id: need.publicId, title: 'ถนนในชุมชนเป็นหลุม', status: 'in_proposal',
      reports: [{ code: report.report.code, category: expect.objectContaining({ code: 'road' }), state: 'received' }],
    })]);
    expect(p).toMatchObject({
      total_satang: '500000', total_formatted: '5,000.00', total_words_th: 'ห้าพันบาทถ้วน',
      fiscal_year_label: { th: `ปีงบประมาณ ${CURRENT_FY}` },
      district: { code: 1004, name_th: 'บางรัก' },
      budget_lines: [expect.objectContaining({ amount_formatted: '5,000.00', unit: 'ถุง' })],
    });
    expect(JSON.stringify(p)).not.toMatch(/user_id|created_by|email|password/);
    expect((await get(null, '/api/v1/proposals/nope')).statusCode).toBe(404);
  });
});

describe('GET /api/v1/proposals/:id/evaluators', () => {
  it("lists the district office's officers and planners, for its planners only", async () => {
    const id = await proposalIn(t.app, w, 'submitted');
    const head = await staff(t.app, t.db, 'agency_admin', office(1004));
    const response = await get(w.planner, `/api/v1/proposals/${id}/evaluators`);
    expect(response.statusCode, response.body).toBe(200);
    const listed = response.json().items.map((i: { id: string }) => i.id);
    expect(listed).toEqual(expect.arrayContaining([w.evaluator.publicId, w.planner.publicId]));
    expect(listed).not.toContain(head.publicId);
    expect(listed).not.toContain(far.evaluator.publicId);
    expect((await get(head, `/api/v1/proposals/${id}/evaluators`)).statusCode).toBe(200);
    expect((await get(null, `/api/v1/proposals/${id}/evaluators`)).statusCode).toBe(401);
    for (const who of [w.member, w.evaluator, far.planner]) expect((await get(who, `/api/v1/proposals/${id}/evaluators`)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/proposals/drafting', () => {
  it("gives a committee member their community's needs and the fiscal years one may ask for", async () => {
    const response = await get(w.member, `/api/v1/proposals/drafting?community=${w.community.code}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.community.code).toBe(w.community.code);
    expect(body.fiscal_years).toEqual([CURRENT_FY, CURRENT_FY + 1, CURRENT_FY + 2]);
    expect(body.strategies).toHaveLength(9);
    expect(body.needs.length).toBeGreaterThan(0);
    expect((await get(w.member, '/api/v1/proposals/drafting')).json().community.code).toBe(w.community.code);
    expect((await get(null, '/api/v1/proposals/drafting')).statusCode).toBe(401);
    expect((await get(w.planner, '/api/v1/proposals/drafting')).statusCode).toBe(403);
    expect((await get(w.member, `/api/v1/proposals/drafting?community=${far.community.code}`)).statusCode).toBe(403);
  });
});
