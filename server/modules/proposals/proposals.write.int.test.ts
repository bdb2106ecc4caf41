import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import {
  BODY_TOTAL_SATANG, counts, createProposal, CURRENT_FY, district, makeCommunity, makeNeed, office, proposalBody, proposalIn, seatedMember, staff, stored,
  citizen,
} from './proposals.test-helpers.ts';

let t: TestContext;
let w: Awaited<ReturnType<typeof district>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await district(t.app, t.db);
});
afterAll(async () => { await t.close(); });

const post = (who: Parameters<typeof client>[1], body: unknown) => client(t.app, who).post('/api/v1/proposals', body);

/** Sends a body that must be refused with 422 naming `field`, and proves nothing was stored. */
async function refused(body: unknown, field: string, status = 422) {
  const before = await counts(t.db);
  const response = await post(w.member, body);
  expect(response.statusCode, response.body).toBe(status);
  const problem = response.json() as { detail_th: string; detail_en: string; errors?: { field: string }[] };
  expect(problem.detail_th).toBeTruthy();
  expect(problem.detail_en).toBeTruthy();
  expect(problem.errors?.map((e) => e.field)).toContain(field);
  expect(await counts(t.db)).toEqual(before);
}

describe('POST /api/v1/proposals', () => {
  it('lets a committee member draft a proposal for their community, linking and marking the need', async () => {
    const need = await makeNeed(t.db, w.community.id, 'ไฟส่องสว่างในซอยดับ');
    const before = await counts(t.db);
    const response = await post(w.member, proposalBody({ community_code: w.community.code, need_ids: [need.publicId] }));
    expect(response.statusCode, response.body).toBe(201);
    const p = response.json();
    expect(p).toMatchObject({ state: 'draft', revision: 1, total_satang: BODY_TOTAL_SATANG, total_formatted: '16,250.51', fiscal_year: CURRENT_FY });
    expect(p.id).toMatch(/^PRJ-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
    expect(p.total_words_th).toBe('หนึ่งหมื่นหกพันสองร้อยห้าสิบบาทห้าสิบเอ็ดสตางค์');
    expect(p.community).toEqual({ code: w.community.code, name_th: w.community.name, name_en: null });
    expect(p.strategy).toEqual({ code: 'environment', name_th: 'สิ่งแวดล้อมดี', name_en: 'Environment' });
    expect(p.budget_lines).toHaveLength(2);
    expect(p.budget_lines[1]).toMatchObject({ quantity: '3.50', unit_cost_satang: '121443', amount_satang: '425051' });
    expect(p.needs.map((n: { id: string }) => n.id)).toEqual([need.publicId]);
    expect(p.events).toEqual([expect.objectContaining({ from_state: null, to_state: 'draft', actor_label: 'คณะกรรมการชุมชน' })]);
    expect(p.abilities).toMatchObject({ edit: true, submit: true, withdraw: true, assign: false, accept: false });
    const after = await counts(t.db);
    expect(after.proposals - before.proposals).toBe(1);
    expect(after.lines - before.lines).toBe(2);
    expect(after.links - before.links).toBe(1);
    const status = await t.db.selectFrom('community_needs').select('status').where('id', '=', need.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('in_proposal');
    const audit = await auditRows(t.db, p.id);
    expect(audit.map((a) => a.action)).toEqual(['proposal.created']);
    expect(audit[0]!.actor_label).toBe(`user:${w.member.publicId}`);
  });

  it('computes amounts left out and takes the total as their sum', async () => {
    const p = await createProposal(t.app, w.member, { total_baht: undefined, budget_lines: [{ description: 'ป้าย', quantity: '2', unit_cost_baht: 350.25 }] });
    expect(p).toMatchObject({ total_satang: '70050' });
  });

  it('answers 401 to the anonymous and 403 to anyone without a seat, storing nothing', async () => {
    const nobody = await citizen(t.app);
    const staffers = await Promise.all((['officer', 'planner', 'agency_admin', 'admin'] as const).map(async (role) => [role, await staff(t.app, t.db, role, role === 'admin' ? null : office(1004))] as const));
    const before = await counts(t.db);
    expect((await post(null, proposalBody())).statusCode).toBe(401);
    expect((await post(nobody, proposalBody())).statusCode).toBe(403);
    for (const [role, s] of staffers) {
      const response = await post(s, proposalBody());
      expect(response.statusCode, role).toBe(403);
      expect(response.json().detail_en).toMatch(/committee/);
    }
    expect(await counts(t.db)).toEqual(before);
  });

  it("refuses a community that is not the member's own (403), storing nothing", async () => {
    const other = await makeCommunity(t.db, 1004);
    const before = await counts(t.db);
    const response = await post(w.member, proposalBody({ community_code: other.code }));
    expect(response.statusCode).toBe(403);
    expect(response.json().detail_th).toMatch(/ชุมชนอื่น/);
    expect((await post(w.member, proposalBody({ community_code: '9999-404' }))).statusCode).toBe(403);
    expect(await counts(t.db)).toEqual(before);
  });

  it("refuses another community's need (422)", async () => {
    const other = await makeCommunity(t.db, 1004);
    const theirs = await makeNeed(t.db, other.id);
    await refused(proposalBody({ need_ids: [theirs.publicId] }), 'need_ids');
    const status = await t.db.selectFrom('community_needs').select('status').where('id', '=', theirs.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('open');
  });

  it('refuses budget lines that do not add up to the total', async () => {
    await refused(proposalBody({ total_baht: '16,250.50' }), 'total_baht');
    await refused(proposalBody({ total_baht: 99999 }), 'total_baht');
  });

  it('refuses a line amount that is not quantity × unit cost', async () => {
    await refused(proposalBody({ budget_lines: [{ description: 'ท่อ', quantity: 10, unit_cost_baht: '1,200', amount_baht: '12,000.01' }], total_baht: '12,000.01' }), 'budget_lines.0.amount_baht');
  });

  it('refuses negative and non-numeric amounts, naming the field', async () => {
    const line = (o: Record<string, unknown>) => proposalBody({ total_baht: undefined, budget_lines: [{ description: 'ท่อ', quantity: 1, unit_cost_baht: '100', ...o }] });
    await refused(line({ unit_cost_baht: '-100' }), 'budget_lines.0.unit_cost_baht');
    const said = (await post(w.member, line({ unit_cost_baht: '-100', quantity: 'x' }))).json();
    expect(said.detail_th).toBe('รายการงบประมาณที่ 1 (จำนวน): ต้องเป็นตัวเลข (และอีก 1 ช่องที่ต้องแก้ไข)');
    expect(said.detail_en).toBe('Budget line 1 (quantity) must be a number (and 1 more to correct)');
    await refused(line({ unit_cost_baht: -5 }), 'budget_lines.0.unit_cost_baht');
    await refused(line({ unit_cost_baht: 'หนึ่งร้อย' }), 'budget_lines.0.unit_cost_baht');
    await refused(line({ unit_cost_baht: '100.555' }), 'budget_lines.0.unit_cost_baht');
    await refused(line({ quantity: 'abc' }), 'budget_lines.0.quantity');
    await refused(line({ quantity: -1 }), 'budget_lines.0.quantity');
    await refused(line({ quantity: 0 }), 'budget_lines.0.quantity');
    await refused(line({ amount_baht: '-100' }), 'budget_lines.0.amount_baht');
    await refused(proposalBody({ total_baht: '-16,250.51' }), 'total_baht');
    await refused(proposalBody({ total_baht: 'lots' }), 'total_baht');
  });

  it('refuses a fiscal year that does not exist, is over, or is too far ahead', async () => {
    for (const fy of [2400, 2570.5, 'abc', CURRENT_FY - 1, CURRENT_FY + 3, 9999, 2026, -2570]) {
      await refused(proposalBody({ fiscal_year: fy }), 'fiscal_year');
    }
    const gregorian = await post(w.member, proposalBody({ fiscal_year: 2026 }));
    expect(gregorian.json().errors[0].message_th).toMatch(/พ\.ศ\./);
    const ahead = await post(w.member, proposalBody({ fiscal_year: String(CURRENT_FY + 2) }));
    expect(ahead.statusCode, ahead.body).toBe(201);
    expect(ahead.json().fiscal_year).toBe(CURRENT_FY + 2);
  });

  it('refuses dates out of order, unknown strategies and unknown fields', async () => {
    await refused(proposalBody({ starts_on: '2027-03-01', ends_on: '2027-01-01' }), 'ends_on');
    await refused(proposalBody({ starts_on: '2027-02-30' }), 'starts_on');
    await refused(proposalBody({ activities: [{ title: 'ลอกท่อ', starts_on: '2027-02-01', ends_on: '2027-01-01' }] }), 'activities.0.ends_on');
    await refused(proposalBody({ title: '   ' }), 'title');
    await refused(proposalBody({ strategy_code: 'happy' }), 'strategy_code', 400);
    await refused(proposalBody({ secret: 1 }), 'secret', 400);
  });

  it('refuses Buddhist Era years typed into the date fields, saying the year must be ค.ศ.', async () => {
    const year = new Date().getUTCFullYear();
    const be = year + 543;
    await refused(proposalBody({ starts_on: `${be}-01-01`, ends_on: `${be}-03-31` }), 'starts_on');
    const response = await post(w.member, proposalBody({ starts_on: `${be}-01-01`, ends_on: null }));
    expect(response.json().detail_th).toContain(`ปีต้องเป็นปี ค.ศ. เช่น ${year} (ไม่ใช่ พ.ศ. ${be})`);
    await refused(proposalBody({ ends_on: `${year + 11}-01-01` }), 'ends_on');
    await refused(proposalBody({ activities: [{ title: 'ลอกท่อ', starts_on: `${be}-02-01` }] }), 'activities.0.starts_on');
    const { id } = await createProposal(t.app, w.member);
    const before = { row: await stored(t.db, id), counts: await counts(t.db) };
    const patched = await client(t.app, w.member).patch(`/api/v1/proposals/${id}`, { ends_on: `${be}-12-31` });
    expect(patched.statusCode, patched.body).toBe(422);
    expect(patched.json().errors.map((e: { field: string }) => e.field)).toEqual(['ends_on']);
    expect({ row: await stored(t.db, id), counts: await counts(t.db) }).toEqual(before);
  });
});

describe('PATCH /api/v1/proposals/:id', () => {
  it('lets any member of the committee edit a draft: fields, lines, needs (with an audit row)', async () => {
    const { id } = await createProposal(t.app, w.member, { need_ids: [w.need.publicId] });
    const colleague = await seatedMember(t.app, t.db, w.community.id);
    const another = await makeNeed(t.db, w.community.id, 'ขยะล้นถังหน้าชุมชน');
    const response = await client(t.app, colleague).patch(`/api/v1/proposals/${id}`, {
      title: 'ทางเดินแห้ง ปลอดภัย', need_ids: [another.publicId], budget_lines: [{ description: 'ทรายถม', quantity: 4, unit: 'คิว', unit_cost_baht: '450' }], total_baht: '1800',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ title: 'ทางเดินแห้ง ปลอดภัย', total_satang: '180000', needs: [expect.objectContaining({ id: another.publicId })] });
    const statuses = await t.db.selectFrom('community_needs').select(['id', 'status']).where('id', 'in', [w.need.id, another.id]).execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({ [w.need.id]: 'open', [another.id]: 'in_proposal' });
    const audit = await auditRows(t.db, id);
    expect(audit.map((a) => a.action)).toEqual(['proposal.created', 'proposal.updated']);
    expect(audit[1]!.after).toMatchObject({ title: 'ทางเดินแห้ง ปลอดภัย', total_satang: '180000', budget_lines: 1 });
  });

  it('checks a total sent alone against the stored lines', async () => {
    const { id } = await createProposal(t.app, w.member);
    const before = await stored(t.db, id);
    const response = await client(t.app, w.member).patch(`/api/v1/proposals/${id}`, { total_baht: '1' });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].field).toBe('total_baht');
    expect(await stored(t.db, id)).toEqual(before);
  });

  it("refuses another community's member, staff and the anonymous, changing nothing", async () => {
    const { id } = await createProposal(t.app, w.member);
    const before = await stored(t.db, id);
    const audit = (await auditRows(t.db, id)).length;
    const otherCommunity = await makeCommunity(t.db, 1004);
    const outsider = await seatedMember(t.app, t.db, otherCommunity.id);
    expect((await client(t.app, null).patch(`/api/v1/proposals/${id}`, { title: 'x' })).statusCode).toBe(401);
    const r = await client(t.app, outsider).patch(`/api/v1/proposals/${id}`, { title: 'ยึดโครงการ' });
    expect(r.statusCode).toBe(403);
    expect(r.json().detail_en).toMatch(/committee/);
    for (const s of [w.planner, w.evaluator, await citizen(t.app)]) {
      expect((await client(t.app, s).patch(`/api/v1/proposals/${id}`, { title: 'x' })).statusCode).toBe(403);
    }
    expect((await client(t.app, w.member).patch('/api/v1/proposals/PRJ-69-ZZZZZZ', { title: 'x' })).statusCode).toBe(404);
    expect(await stored(t.db, id)).toEqual(before);
    expect(await auditRows(t.db, id)).toHaveLength(audit);
  });

  it('refuses edits once submitted (409), and allows them again when a revision is requested', async () => {
    const id = await proposalIn(t.app, w, 'under_review');
    const before = await stored(t.db, id);
    const response = await client(t.app, w.member).patch(`/api/v1/proposals/${id}`, { title: 'แก้หลังส่ง' });
    expect(response.statusCode).toBe(409);
    expect(response.json().detail_th).toMatch(/อยู่ระหว่างพิจารณา/);
    expect(await stored(t.db, id)).toEqual(before);
    const revised = await proposalIn(t.app, w, 'revision_requested');
    expect((await client(t.app, w.member).patch(`/api/v1/proposals/${revised}`, { objectives: 'เพิ่มใบเสนอราคา' })).statusCode).toBe(200);
  });

  it('cannot move a proposal to another community (not a field one may change)', async () => {
    const { id } = await createProposal(t.app, w.member);
    const response = await client(t.app, w.member).patch(`/api/v1/proposals/${id}`, { community_code: '1004-999' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('community_code');
  });
});

describe('POST /api/v1/proposals/:id/attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

  it('stores a PDF for the committee (with an audit row) and shows it on the proposal', async () => {
    const { id } = await createProposal(t.app, w.member);
    const response = await client(t.app, w.member).multipart(`/api/v1/proposals/${id}/attachments`, {}, [{ field: 'files', filename: 'ใบเสนอราคา.pdf', contentType: 'application/pdf', data: pdf }]);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.attachments).toHaveLength(1);
    expect(body.proposal.attachments[0]).toMatchObject({ kind: 'document', file_name: 'ใบเสนอราคา.pdf', content_type: 'application/pdf' });
    expect((await auditRows(t.db, id)).map((a) => a.action)).toContain('proposal.attachments_added');
  });

  it('refuses files that are neither PDF nor an image, and callers who are not the committee', async () => {
    const { id } = await createProposal(t.app, w.member);
    const before = await counts(t.db);
    const exe = await client(t.app, w.member).multipart(`/api/v1/proposals/${id}/attachments`, {}, [{ field: 'files', filename: 'x.exe', contentType: 'application/pdf', data: Buffer.from('MZ not a pdf') }]);
    expect(exe.statusCode).toBeGreaterThanOrEqual(400);
    expect(exe.statusCode).toBeLessThan(500);
    const outsider = await client(t.app, w.planner).multipart(`/api/v1/proposals/${id}/attachments`, {}, [{ field: 'files', filename: 'a.pdf', contentType: 'application/pdf', data: pdf }]);
    expect(outsider.statusCode).toBe(403);
    const anonymous = await client(t.app, null).multipart(`/api/v1/proposals/${id}/attachments`, {}, [{ field: 'files', filename: 'a.pdf', contentType: 'application/pdf', data: pdf }]);
    expect(anonymous.statusCode).toBe(401);
    expect(await counts(t.db)).toEqual(before);
  });
});
