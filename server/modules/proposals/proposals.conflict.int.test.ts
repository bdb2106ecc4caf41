// A committee member later made district staff keeps the seat row. Only a citizen's seat
// lets an account act for a community, and nobody who sits on a community's committee
// may evaluate, assign or decide that community's proposals (conflict of interest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { counts, createProposal, district, office, proposalBody, proposalIn, seatedMember, stored } from './proposals.test-helpers.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => { await t.close(); });

/** Makes the account staff of the district office; its committee seat stays as it was. */
async function promote(userId: string, role: 'planner' | 'officer', districtCode = 1004) {
  const agency = await t.db.selectFrom('agencies').select('id').where('code', '=', office(districtCode)).executeTakeFirstOrThrow();
  await t.db.updateTable('users').set({ role, agency_id: agency.id }).where('id', '=', userId).execute();
}

async function refused(status: number, request: () => Promise<{ statusCode: number; body: string; json(): unknown }>, id?: string) {
  const before = { counts: await counts(t.db), row: id ? await stored(t.db, id) : null };
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  const problem = response.json() as { detail_th: string; detail_en: string; errors?: { field: string }[] };
  expect(problem.detail_th).toMatch(/[\u0e00-\u0e7f]/);
  expect(problem.detail_en.length).toBeGreaterThan(5);
  expect(await counts(t.db)).toEqual(before.counts);
  if (id) expect(await stored(t.db, id)).toEqual(before.row);
  return problem;
}

describe('a committee member promoted to district staff', () => {
  it('no longer writes, edits or submits for the community, and may not assign or decide its proposals', async () => {
    const w = await district(t.app, t.db);
    const promoted: Session & { userId: string } = await seatedMember(t.app, t.db, w.community.id);
    const { id: draft } = await createProposal(t.app, promoted);
    const submitted = await proposalIn(t.app, w, 'submitted');
    await promote(promoted.userId, 'planner');
    const as = client(t.app, promoted);

    await refused(403, () => as.post('/api/v1/proposals', proposalBody()));
    await refused(403, () => as.get('/api/v1/proposals/drafting'));
    await refused(403, () => as.patch(`/api/v1/proposals/${draft}`, { title: 'แก้ในฐานะเจ้าหน้าที่' }), draft);
    await refused(403, () => as.post(`/api/v1/proposals/${draft}/submit`, {}), draft);

    // As a planner of the district they would otherwise assign and decide.
    const self = await refused(403, () => as.post(`/api/v1/proposals/${submitted}/assign`, { evaluator_id: promoted.publicId }), submitted);
    expect(self.detail_en).toMatch(/conflict of interest/);
    await refused(403, () => as.post(`/api/v1/proposals/${submitted}/not-accept`, { reason: 'ไม่รับ' }), submitted);
    const detail = (await as.get(`/api/v1/proposals/${submitted}`)).json() as { abilities: Record<string, boolean> };
    expect(detail.abilities).toMatchObject({ assign: false, accept: false, not_accept: false, merge: false, request_revision: false, edit: false, submit: false });

    // Another planner cannot hand it to them either, and does not see them among the evaluators.
    const problem = await refused(422, () => client(t.app, w.planner).post(`/api/v1/proposals/${submitted}/assign`, { evaluator_id: promoted.publicId }), submitted);
    expect(problem.errors?.map((e) => e.field)).toEqual(['evaluator_id']);
    const evaluators = (await client(t.app, w.planner).get(`/api/v1/proposals/${submitted}/evaluators`)).json() as { items: { id: string }[] };
    expect(evaluators.items.map((e) => e.id)).not.toContain(promoted.publicId);
    expect(evaluators.items.map((e) => e.id)).toContain(w.evaluator.publicId);
  });

  it('as an officer cannot be assigned their own community\'s proposal, but may evaluate other communities\'', async () => {
    const w = await district(t.app, t.db);
    const promoted = await seatedMember(t.app, t.db, w.community.id);
    await promote(promoted.userId, 'officer');
    const own = await proposalIn(t.app, w, 'submitted');
    const problem = await refused(422, () => client(t.app, w.planner).post(`/api/v1/proposals/${own}/assign`, { evaluator_id: promoted.publicId }), own);
    expect(problem.detail_th).toContain('ส่วนได้เสีย');

    const other = await district(t.app, t.db);
    const elsewhere = await proposalIn(t.app, other, 'submitted');
    const assigned = await client(t.app, other.planner).post(`/api/v1/proposals/${elsewhere}/assign`, { evaluator_id: promoted.publicId });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });

  it('once the seat has ended, judges the community\'s proposals like any other staff', async () => {
    const w = await district(t.app, t.db);
    const former = await seatedMember(t.app, t.db, w.community.id);
    await promote(former.userId, 'officer');
    await t.db.updateTable('community_committee_members').set({ ended_at: new Date() }).where('user_id', '=', former.userId).execute();
    const id = await proposalIn(t.app, w, 'submitted');
    const assigned = await client(t.app, w.planner).post(`/api/v1/proposals/${id}/assign`, { evaluator_id: former.publicId });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });
});
