import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import {
  addMilestone, addPhoto, addProgress, expectProblem, makeCommunity, makeItem, makePlan, makeProposal, makeUser, tableCounts,
} from './accountability.test-helpers.ts';

let t: TestContext;
const D = 1020;
const fixture = {} as {
  draftId: string; acceptedId: string; acceptedTitle: string; staff: Awaited<ReturnType<typeof makeUser>>;
  planId: string; deptPlanId: string; itemId: string; deptItemId: string;
};

beforeAll(async () => {
  t = await createTestApp();
  const staff = await makeUser(t.db, 'นางสมหญิง นักวางแผน');
  const community = await makeCommunity(t.db, D);
  const other = await makeCommunity(t.db, 1021);
  const draft = await makeProposal(t.db, community, { state: 'draft' });
  const accepted = await makeProposal(t.db, community, { state: 'accepted', actor: staff, carryingAgencyCode: `district-${D}`, lines: [150_000_050n] });
  // Text that needs quoting in CSV, and one that a spreadsheet would run as a formula.
  const title = 'ซ่อมถนน "สาย 1", ซอย 2\nและทางเท้า';
  await t.db.updateTable('proposals').set({ title }).where('id', '=', accepted.id).execute();
  await makeProposal(t.db, other, { state: 'submitted', fiscalYear: 2571 });
  const plan = await makePlan(t.db, { agencyCode: `district-${D}`, fiscalYear: 2570 });
  const item = await makeItem(t.db, plan.id, { proposalId: accepted.id, communityId: community.id, requested: 150_000_050n, approved: 140_000_000n, disbursed: 139_999_999n, status: 'completed', progress: 100 });
  const milestone = await addMilestone(t.db, item.id, { title: 'ปูผิวถนน' });
  await addProgress(t.db, item.id, { quarter: 1, percent: 35.5, note: 'เริ่มงาน, รื้อผิวเดิม', milestoneId: milestone.id, reportedBy: staff.id, disbursed: 50_000_000n });
  const done = await addProgress(t.db, item.id, { quarter: 3, percent: 100, note: '=ส่งมอบแล้ว', milestoneId: milestone.id, reportedBy: staff.id });
  await addPhoto(t.db, { type: 'plan_progress', id: done.id }, staff.id);
  await addPhoto(t.db, { type: 'plan_progress', id: done.id }, staff.id);
  // A department's plan item for this district's community belongs to the district's open data too.
  const deptPlan = await makePlan(t.db, { agencyCode: 'bma-strategy', fiscalYear: 2570 });
  const deptItem = await makeItem(t.db, deptPlan.id, { communityId: community.id, requested: 10_000n });
  await makeItem(t.db, deptPlan.id, { communityId: other.id, requested: 20_000n });
  Object.assign(fixture, {
    draftId: draft.public_id, acceptedId: accepted.public_id, acceptedTitle: title, staff,
    planId: plan.public_id, deptPlanId: deptPlan.public_id, itemId: item.public_id, deptItemId: deptItem.public_id,
  });
});
afterAll(async () => { await t.close(); });

const get = (path: string) => client(t.app, null).get(`/api/v1/plans/open-data/${path}`);

/** What a JSON value looks like once written to CSV and read back. */
const asCsvText = (v: unknown) => (v === null ? '' : typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : String(v));

async function bothFormats(dataset: string, query = '') {
  const json = await get(`${dataset}.json${query}`);
  expect(json.statusCode, json.body).toBe(200);
  const csv = await get(`${dataset}.csv${query}`);
  expect(csv.statusCode, csv.body).toBe(200);
  return { json, csv, body: json.json() };
}

describe('open data: proposals, plans and progress as CSV and JSON', () => {
  for (const dataset of ['proposals', 'plans', 'progress']) {
    it(`${dataset}: the CSV read back equals the JSON, with a BOM, RFC 4180 quoting and a file name`, async () => {
      const { json, csv, body } = await bothFormats(dataset, `?district_code=${D}`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="demopolis-${dataset}-district${D}.csv"`);
      expect(json.headers['content-disposition']).toBe(`attachment; filename="demopolis-${dataset}-district${D}.json"`);
      expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.body).toContain('\r\n');

      const records = parse(csv.rawPayload, { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
      const names = body.fields.map((f: { name: string }) => f.name);
      expect(Object.keys(records[0] ?? {})).toEqual(names);
      expect(records).toHaveLength(body.items.length);
      expect(body.count).toBe(body.items.length);
      expect(body.items.length).toBeGreaterThan(0);
      const expected = body.items.map((item: Record<string, unknown>) => Object.fromEntries(names.map((n: string) => [n, asCsvText(item[n])])));
      expect(records).toEqual(expected);
      for (const f of body.fields) expect(f).toMatchObject({ description_th: expect.stringMatching(/[\u0e00-\u0e7f]/), description_en: expect.any(String) });

      // Nothing personal, in either format.
      for (const text of [json.body, csv.body]) {
        for (const secret of [fixture.staff.email!, fixture.staff.phone!, fixture.staff.public_id, fixture.staff.display_name]) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/"?(email|phone|user_id|reported_by|created_by|actor_user_id)"?[,:]/);
      }
    });
  }

  it('proposals: drafts excluded, money in exact baht, the plan placement on the row', async () => {
    const { body } = await bothFormats('proposals', `?district_code=${D}`);
    const ids = body.items.map((i: { proposal_id: string }) => i.proposal_id);
    expect(ids).toEqual([fixture.acceptedId]);
    expect(ids).not.toContain(fixture.draftId);
    expect(body.items[0]).toMatchObject({
      title: fixture.acceptedTitle, district_code: D, state: 'accepted', total_baht: '1500000.50', plan_id: fixture.planId, plan_item_id: fixture.itemId,
      plan_fiscal_year: 2570, item_status: 'completed', budget_approved_baht: '1400000.00', budget_disbursed_baht: '1399999.99', progress_percent: 100,
      carrying_agency_code: `district-${D}`, is_demo: false,
    });
    expect(body.definitions.personal_data_en).toMatch(/No personal data/);
  });

  it('plans: one row per item, the district office\'s and a department\'s items for the district\'s communities', async () => {
    const { body } = await bothFormats('plans', `?district_code=${D}&fiscal_year=2570`);
    expect(body.items.map((i: { item_id: string }) => i.item_id).sort()).toEqual([fixture.itemId, fixture.deptItemId].sort());
    expect(body.items.find((i: { item_id: string }) => i.item_id === fixture.deptItemId)).toMatchObject({ agency_code: 'bma-strategy', agency_district_code: null, source: 'agency', fiscal_year: 2570 });
    expect(body.filters).toEqual({ fiscal_year: 2570, district_code: D });
    // Without a district: every plan item of the year, the other district's too.
    const city = (await bothFormats('plans', '?fiscal_year=2570')).body;
    expect(city.items.length).toBeGreaterThanOrEqual(3);
    expect((await bothFormats('plans', `?district_code=${D}&fiscal_year=2571`)).body.items).toEqual([]);
  });

  it('progress: one row per report with its milestone, money and number of photos', async () => {
    const { body, csv } = await bothFormats('progress', `?district_code=${D}`);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({ plan_id: fixture.planId, item_id: fixture.itemId, proposal_id: fixture.acceptedId, quarter: 1, percent: 35.5, milestone: 'ปูผิวถนน', disbursed_baht: '500000.00', photos: 0 });
    expect(body.items[1]).toMatchObject({ quarter: 3, percent: 100, photos: 2, disbursed_baht: null, note: '=ส่งมอบแล้ว' });
    // A note beginning with "=" must not run as a spreadsheet formula.
    expect(csv.body).toContain(",'=ส่งมอบแล้ว,");
  });

  it('refuses a fiscal year or district that does not exist, bilingually, and stores nothing', async () => {
    const before = await tableCounts(t.db);
    for (const format of ['csv', 'json']) {
      expectProblem(await get(`proposals.${format}?fiscal_year=abc`), 400, 'invalid_fiscal_year');
      expectProblem(await get(`plans.${format}?district_code=9999`), 400, 'unknown_district');
      expectProblem(await get(`progress.${format}?community=x`), 400, 'validation_failed');
    }
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('is documented in OpenAPI: CSV as text/csv, every column described', async () => {
    const doc = (await client(t.app, null).get('/api/openapi.json')).json();
    const csvOp = doc.paths['/api/v1/plans/open-data/progress.csv'].get;
    expect(Object.keys(csvOp.responses['200'].content)).toEqual(['text/csv']);
    expect(csvOp.tags).toEqual(['accountability']);
    for (const name of ['quarter', 'disbursed_baht', 'photos']) expect(csvOp.description).toContain(`\`${name}\``);
    expect(doc.paths['/api/v1/plans/open-data/proposals.json'].get.responses['200'].content['application/json']).toBeDefined();
    expect(doc.paths['/api/v1/proposals/{id}/story'].get.responses['404']).toBeDefined();
  });
});
