/** The functions the proposals and plans modules call to move needs in and out of proposals. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client, type Session } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { markNeedsInProposal, markNeedsResolved, returnNeedsToOpen } from './communities.needs.service.ts';
import { districtOffice, expectProblem, registerCommunity, seatedMember, staff } from './communities.test-helpers.ts';

let t: TestContext;
let officer: Session;

beforeAll(async () => {
  t = await createTestApp();
  officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
});
afterAll(async () => { await t.close(); });

async function threeNeeds() {
  const code = await registerCommunity(t.app, officer);
  const member = await seatedMember(t.app, officer, code);
  const ids: Array<{ publicId: string; id: string }> = [];
  for (const title of ['น้ำท่วมขัง', 'ไฟทางดับ', 'ขยะล้น']) {
    const response = await client(t.app, member).post(`/api/v1/communities/${code}/needs`, { title, description: 'รายละเอียด', households_affected: 10 });
    expect(response.statusCode, response.body).toBe(201);
    const publicId = response.json().id as string;
    const row = await t.db.selectFrom('community_needs').select('id').where('public_id', '=', publicId).executeTakeFirstOrThrow();
    ids.push({ publicId, id: row.id });
  }
  return { code, member, ids };
}

async function state(code: string) {
  const items = (await client(t.app, null).get(`/api/v1/communities/${code}/needs`)).json().items as Array<{ id: string; status: string; rank: number | null }>;
  return Object.fromEntries(items.map((n) => [n.id, [n.status, n.rank]]));
}

describe('markNeedsInProposal / returnNeedsToOpen / markNeedsResolved', () => {
  it('takes needs out of the ranking into a proposal, closes the gaps, and audits with the actor given', async () => {
    const { code, member, ids } = await threeNeeds();
    const [a, b, c] = ids as [typeof ids[0], typeof ids[0], typeof ids[0]];
    await t.db.transaction().execute((trx) => markNeedsInProposal(trx, [a.id], SYSTEM_ACTOR('proposals-test')));
    expect(await state(code)).toEqual({ [a.publicId]: ['in_proposal', null], [b.publicId]: ['open', 1], [c.publicId]: ['open', 2] });
    expect((await auditRows(t.db, a.publicId)).map((r) => r.action)).toEqual(['need.create', 'need.in_proposal']);
    // Saying it again changes nothing; the need is locked against edits and new files meanwhile.
    await t.db.transaction().execute((trx) => markNeedsInProposal(trx, [a.id]));
    expectProblem(await client(t.app, member).patch(`/api/v1/communities/${code}/needs/${a.publicId}`, { title: 'แก้ชื่อ' }), 409, 'need_in_proposal');
    const view = (await client(t.app, member).get(`/api/v1/communities/${code}/needs/${a.publicId}`)).json();
    expect(view.abilities).toEqual({ edit: false, move: false, attach: false });
  });

  it('returns needs to the end of the ranking, and resolves them', async () => {
    const { code, ids } = await threeNeeds();
    const [a, b, c] = ids as [typeof ids[0], typeof ids[0], typeof ids[0]];
    await t.db.transaction().execute((trx) => markNeedsInProposal(trx, [a.id, b.id]));
    await t.db.transaction().execute((trx) => returnNeedsToOpen(trx, [b.id, a.id]));
    expect(await state(code)).toEqual({ [c.publicId]: ['open', 1], [b.publicId]: ['open', 2], [a.publicId]: ['open', 3] });
    await t.db.transaction().execute((trx) => markNeedsResolved(trx, [b.id], SYSTEM_ACTOR('plans-test')));
    expect(await state(code)).toEqual({ [c.publicId]: ['open', 1], [a.publicId]: ['open', 2], [b.publicId]: ['resolved', null] });
  });

  it('refuses a withdrawn need (409) and leaves everything as it was', async () => {
    const { code, member, ids } = await threeNeeds();
    const [a, b] = ids as [typeof ids[0], typeof ids[0]];
    await client(t.app, member).patch(`/api/v1/communities/${code}/needs/${a.publicId}`, { status: 'withdrawn' });
    const before = await state(code);
    await expect(t.db.transaction().execute((trx) => markNeedsInProposal(trx, [b.id, a.id]))).rejects.toMatchObject({ status: 409, code: 'need_status_conflict' });
    await expect(t.db.transaction().execute((trx) => markNeedsInProposal(trx, ['999999999']))).rejects.toMatchObject({ status: 422 });
    expect(await state(code)).toEqual(before);
  });
});
