import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { citizen, counts, createProposal, district, makeNeed, office, proposalIn, staff, stored } from './proposals.test-helpers.ts';

let t: TestContext;
let w: Awaited<ReturnType<typeof district>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await district(t.app, t.db);
});
afterAll(async () => { await t.close(); });

type Who = Parameters<typeof client>[1];
const act = (who: Who, id: string, path: string, body: unknown = {}) => client(t.app, who).post(`/api/v1/proposals/${id}/${path}`, body);
const detail = async (who: Who, id: string) => (await client(t.app, who).get(`/api/v1/proposals/${id}`)).json();
const needStatus = async (id: string) => (await t.db.selectFrom('community_needs').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

/** The request must be refused with `status`, leaving the proposal, every table and the audit trail as they were. */
async function refusedWith(status: number, who: Who, id: string, path: string, body: unknown = {}) {
  const before = { row: await stored(t.db, id), counts: await counts(t.db) };
  const response = await act(who, id, path, body);
  expect(response.statusCode, `${path}: ${response.body}`).toBe(status);
  const problem = response.json();
  expect(problem.detail_th).toBeTruthy();
  expect(problem.detail_en).toBeTruthy();
  expect(await stored(t.db, id)).toEqual(before.row);
  expect(await counts(t.db)).toEqual(before.counts);
  return problem as { code: string; detail_th: string; detail_en: string; errors?: { field: string }[] };
}

describe('the whole review, as the community sees it', () => {
  it('submit → assign → revision → edit → resubmit (back to the evaluator) → accept', async () => {
    const { id } = await createProposal(t.app, w.member, { need_ids: [w.need.publicId] });
    expect((await act(w.member, id, 'submit', { note: 'มติที่ประชุมชุมชน 5 ม.ค.' })).statusCode).toBe(200);
    let p = await detail(null, id);
    expect(p.state).toBe('submitted');
    expect(p.submitted_at).toBeTruthy();

    let r = await act(w.planner, id, 'assign', { evaluator_id: w.evaluator.publicId });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'under_review', evaluator: { display_name: w.evaluator.name, is_me: false } });
    expect((await detail(w.evaluator, id)).abilities).toMatchObject({ accept: true, request_revision: true, not_accept: true, assign: false, edit: false });

    r = await act(w.evaluator, id, 'request-revision', { note: 'กรุณาแนบใบเสนอราคา 3 ร้าน' });
    expect(r.json()).toMatchObject({ state: 'revision_requested', abilities: { edit: false, accept: false } });
    expect((await detail(w.member, id)).abilities).toMatchObject({ edit: true, submit: true, withdraw: true });

    expect((await client(t.app, w.member).patch(`/api/v1/proposals/${id}`, { objectives: 'แนบใบเสนอราคาแล้ว' })).statusCode).toBe(200);
    r = await act(w.member, id, 'submit', {});
    expect(r.json()).toMatchObject({ state: 'under_review', revision: 2, evaluator: { display_name: w.evaluator.name } });

    r = await act(w.evaluator, id, 'accept', { feasibility: 'ทำได้ภายในไตรมาสแรก', cost_check: 'ราคาใกล้เคียงราคากลาง', carrying_agency_code: office(1004) });
    expect(r.statusCode, r.body).toBe(200);
    p = r.json();
    expect(p).toMatchObject({
      state: 'accepted',
      review: { feasibility: 'ทำได้ภายในไตรมาสแรก', cost_check: 'ราคาใกล้เคียงราคากลาง', carrying_agency: { code: office(1004), kind: 'district_office' } },
      decision_reason: null,
    });
    expect(p.decided_at).toBeTruthy();

    // Every step, with its date, visible to anyone.
    const publicView = await detail(null, id);
    expect(publicView.events.map((e: { from_state: string | null; to_state: string }) => `${e.from_state}>${e.to_state}`)).toEqual([
      'null>draft', 'draft>submitted', 'submitted>under_review', 'under_review>revision_requested',
      'revision_requested>submitted', 'submitted>under_review', 'under_review>accepted',
    ]);
    expect(publicView.events.map((e: { actor_label: string }) => e.actor_label)).toEqual([
      'คณะกรรมการชุมชน', 'คณะกรรมการชุมชน', w.planner.name, w.evaluator.name, 'คณะกรรมการชุมชน', 'ระบบ', w.evaluator.name,
    ]);
    expect(publicView.events[1].note).toBe('มติที่ประชุมชุมชน 5 ม.ค.');
    expect(publicView.events[2].note).toContain(w.evaluator.name);
    expect(publicView.events[3].note).toBe('กรุณาแนบใบเสนอราคา 3 ร้าน');
    expect(publicView.events[4].note).toContain('ฉบับแก้ไขครั้งที่ 1');
    for (const e of publicView.events) expect(Date.parse(e.at)).not.toBeNaN();
    expect(Object.values(publicView.abilities).every((v) => v === false)).toBe(true);

    expect((await auditRows(t.db, id)).map((a) => a.action)).toEqual([
      'proposal.created', 'proposal.submit', 'proposal.assign', 'proposal.request_revision', 'proposal.updated',
      'proposal.submit', 'proposal.returned_to_evaluator', 'proposal.accept',
    ]);
    expect(await needStatus(w.need.id)).toBe('in_proposal');
  });
});

describe('each step for the right people', () => {
  it('lets a planner (or the admin) decline with a reason, handing the needs back', async () => {
    const need = await makeNeed(t.db, w.community.id, 'ถนนในซอยแตก');
    const { id } = await createProposal(t.app, w.member, { need_ids: [need.publicId] });
    await act(w.member, id, 'submit');
    expect(await needStatus(need.id)).toBe('in_proposal');
    const r = await act(w.planner, id, 'not-accept', { reason: 'อยู่ในแผนของสำนักการโยธาแล้ว' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'not_accepted', decision_reason: 'อยู่ในแผนของสำนักการโยธาแล้ว' });
    expect(r.json().events.at(-1)).toMatchObject({ to_state: 'not_accepted', note: 'อยู่ในแผนของสำนักการโยธาแล้ว' });
    expect(await needStatus(need.id)).toBe('open');
    expect((await auditRows(t.db, id)).at(-1)!.action).toBe('proposal.not_accept');
    const admin = await staff(t.app, t.db, 'admin', null);
    const other = await proposalIn(t.app, w, 'under_review');
    expect((await act(admin, other, 'not-accept', { reason: 'งบประมาณไม่เพียงพอ' })).statusCode).toBe(200);
  });

  it('lets an agency administrator of the office assign, and a planner request revisions and accept', async () => {
    const head = await staff(t.app, t.db, 'agency_admin', office(1004));
    const id = await proposalIn(t.app, w, 'submitted');
    expect((await act(head, id, 'assign', { evaluator_id: w.planner.publicId })).json()).toMatchObject({ state: 'under_review', evaluator: { display_name: w.planner.name } });
    expect((await act(w.planner, id, 'request-revision', { note: 'ระบุจำนวนผู้ได้รับประโยชน์' })).statusCode).toBe(200);
    await act(w.member, id, 'submit');
    const r = await act(w.planner, id, 'accept', { feasibility: 'ได้', cost_check: 'ได้', carrying_agency_code: 'bma-drainage' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().review.carrying_agency).toMatchObject({ code: 'bma-drainage', kind: 'department' });
  });

  it('lets the committee withdraw, handing the needs back', async () => {
    const need = await makeNeed(t.db, w.community.id, 'ไม่มีลานกีฬา');
    const { id } = await createProposal(t.app, w.member, { need_ids: [need.publicId] });
    await act(w.member, id, 'submit');
    const r = await act(w.member, id, 'withdraw', { note: 'ได้งบจากมูลนิธิแล้ว' });
    expect(r.json()).toMatchObject({ state: 'withdrawn', events: expect.arrayContaining([expect.objectContaining({ to_state: 'withdrawn', note: 'ได้งบจากมูลนิธิแล้ว', actor_label: 'คณะกรรมการชุมชน' })]) });
    expect(await needStatus(need.id)).toBe('open');
    expect((await auditRows(t.db, id)).at(-1)!.action).toBe('proposal.withdraw');
  });

  it('merges into another proposal of the district, carrying the needs and telling both communities', async () => {
    const need = await makeNeed(t.db, w.community.id, 'ทางเท้าชำรุด');
    const { id } = await createProposal(t.app, w.member, { need_ids: [need.publicId] });
    await act(w.member, id, 'submit');
    const target = await proposalIn(t.app, w, 'under_review');
    const r = await act(w.planner, id, 'merge', { merged_into: target, note: 'ทำพร้อมกันในซอยเดียวกัน' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'merged', merged_into: { id: target, state: 'under_review' } });
    const t2 = await detail(null, target);
    expect(t2.merged_from).toEqual([expect.objectContaining({ id, state: 'merged' })]);
    expect(t2.needs.map((n: { id: string }) => n.id)).toContain(need.publicId);
    expect(t2.events.at(-1).note).toContain(id);
    expect(t2.state).toBe('under_review');
    expect(await needStatus(need.id)).toBe('in_proposal');
    expect((await auditRows(t.db, id)).at(-1)!.action).toBe('proposal.merge');
  });
});

describe('bad input, nothing stored', () => {
  it('refuses to submit without a problem or a budget line', async () => {
    const { id } = await createProposal(t.app, w.member, { problem: '', budget_lines: [], total_baht: '0' });
    const problem = await refusedWith(422, w.member, id, 'submit');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(['budget_lines', 'problem']);
  });

  it('refuses a decline without a reason, a revision without a note, an acceptance without its review', async () => {
    const submitted = await proposalIn(t.app, w, 'submitted');
    await refusedWith(400, w.planner, submitted, 'not-accept', {});
    expect((await refusedWith(422, w.planner, submitted, 'not-accept', { reason: '   ' })).errors![0]!.field).toBe('reason');
    const reviewing = await proposalIn(t.app, w, 'under_review');
    expect((await refusedWith(422, w.evaluator, reviewing, 'request-revision', { note: ' ' })).errors![0]!.field).toBe('note');
    const missing = await refusedWith(422, w.evaluator, reviewing, 'accept', { feasibility: '', cost_check: ' ', carrying_agency_code: office(1004) });
    expect(missing.errors!.map((e) => e.field)).toEqual(['feasibility', 'cost_check']);
    for (const code of [office(1001), 'mea', 'no-such-agency']) {
      const wrong = await refusedWith(422, w.evaluator, reviewing, 'accept', { feasibility: 'ได้', cost_check: 'ได้', carrying_agency_code: code });
      expect(wrong.errors![0]!.field).toBe('carrying_agency_code');
    }
  });

  it('refuses evaluators who are not officers or planners of that district office', async () => {
    const id = await proposalIn(t.app, w, 'submitted');
    const elsewhere = await staff(t.app, t.db, 'officer', office(1001));
    const head = await staff(t.app, t.db, 'agency_admin', office(1004));
    const nobody = await citizen(t.app);
    for (const who of [elsewhere.publicId, head.publicId, nobody.publicId, 'NOSUCHUSER']) {
      expect((await refusedWith(422, w.planner, id, 'assign', { evaluator_id: who })).errors![0]!.field).toBe('evaluator_id');
    }
  });

  it('refuses merging into itself, another district, or a closed proposal', async () => {
    const id = await proposalIn(t.app, w, 'submitted');
    const far = await district(t.app, t.db, 1001);
    const elsewhere = await proposalIn(t.app, far, 'submitted');
    const withdrawn = await proposalIn(t.app, w, 'withdrawn');
    const merged = await proposalIn(t.app, w, 'merged');
    const draft = await proposalIn(t.app, w, 'draft');
    for (const target of [id, elsewhere, withdrawn, merged, draft, 'PRJ-69-ZZZZZZ']) {
      expect((await refusedWith(422, w.planner, id, 'merge', { merged_into: target })).errors![0]!.field).toBe('merged_into');
    }
  });
});

describe('out of order: 409 with a clear message, nothing stored', () => {
  const steps = {
    submit: { path: 'submit', body: {}, allowed: ['draft', 'revision_requested'] },
    assign: { path: 'assign', body: null, allowed: ['submitted', 'under_review'] },
    request_revision: { path: 'request-revision', body: { note: 'แก้ไข' }, allowed: ['under_review'] },
    accept: { path: 'accept', body: { feasibility: 'ได้', cost_check: 'ได้', carrying_agency_code: office(1004) }, allowed: ['under_review'] },
    not_accept: { path: 'not-accept', body: { reason: 'ไม่ได้' }, allowed: ['submitted', 'under_review'] },
    merge: { path: 'merge', body: null, allowed: ['submitted', 'under_review', 'revision_requested'] },
    withdraw: { path: 'withdraw', body: {}, allowed: ['draft', 'submitted', 'under_review', 'revision_requested'] },
  } as const;
  const states = ['draft', 'submitted', 'under_review', 'revision_requested', 'accepted', 'not_accepted', 'merged', 'withdrawn'] as const;

  it('refuses every step from every state it may not start from', async () => {
    const admin = await staff(t.app, t.db, 'admin', null);
    const target = await proposalIn(t.app, w, 'accepted');
    const inState = Object.fromEntries(await Promise.all(states.map(async (s) => [s, await proposalIn(t.app, w, s)] as const))) as Record<(typeof states)[number], string>;
    let refusedCount = 0;
    for (const [name, step] of Object.entries(steps)) {
      for (const state of states) {
        if ((step.allowed as readonly string[]).includes(state)) continue;
        const committee = name === 'submit' || name === 'withdraw';
        const body = step.body ?? (name === 'assign' ? { evaluator_id: w.evaluator.publicId } : { merged_into: target });
        const problem = await refusedWith(409, committee ? w.member : admin, inState[state], step.path, body);
        expect(problem.code).toBe('proposal_state');
        refusedCount += 1;
      }
    }
    expect(refusedCount).toBe(41);
  });

  it('says what was tried and when it is possible, in Thai and English', async () => {
    const id = await proposalIn(t.app, w, 'accepted');
    const problem = await refusedWith(409, w.member, id, 'withdraw', {});
    expect(problem.detail_th).toContain('ผ่านการพิจารณา');
    expect(problem.detail_en).toMatch(/withdraw.*"Accepted"/);
  });
});

describe('wrong people: 401 or 403, nothing stored', () => {
  it('checks every step against the anonymous, the wrong community, the wrong role and the wrong district', async () => {
    const far = await district(t.app, t.db, 1001);
    const outsider = far.member;
    const nobody = await citizen(t.app);
    const officer = await staff(t.app, t.db, 'officer', office(1004));
    const farPlanner = far.planner;
    const farOfficer = far.evaluator;
    const draft = await proposalIn(t.app, w, 'draft');
    const submitted = await proposalIn(t.app, w, 'submitted');
    const reviewing = await proposalIn(t.app, w, 'under_review');
    const target = await proposalIn(t.app, w, 'under_review');
    const review = { feasibility: 'ได้', cost_check: 'ได้', carrying_agency_code: office(1004) };
    const cases: [string, string, unknown, Who[]][] = [
      [draft, 'submit', {}, [nobody, outsider, w.planner, officer]],
      [submitted, 'assign', { evaluator_id: w.evaluator.publicId }, [w.member, officer, w.evaluator, farPlanner, nobody]],
      [reviewing, 'request-revision', { note: 'แก้' }, [w.member, officer, farPlanner, farOfficer, nobody]],
      [reviewing, 'accept', review, [w.member, officer, farPlanner, farOfficer, outsider]],
      [submitted, 'not-accept', { reason: 'ไม่' }, [w.member, officer, w.evaluator, farPlanner]],
      [submitted, 'merge', { merged_into: target }, [w.member, officer, farPlanner]],
      [submitted, 'withdraw', {}, [outsider, w.planner, nobody]],
    ];
    for (const [id, path, body, wrong] of cases) {
      await refusedWith(401, null, id, path, body);
      for (const who of wrong) await refusedWith(403, who, id, path, body);
    }
  });

  it('refuses a planner of another district accepting, with a message saying whose it is', async () => {
    const far = await district(t.app, t.db, 1001);
    const id = await proposalIn(t.app, w, 'under_review');
    const problem = await refusedWith(403, far.planner, id, 'accept', { feasibility: 'ได้', cost_check: 'ได้', carrying_agency_code: office(1001) });
    expect(problem.detail_th).toMatch(/สำนักงานเขต/);
    expect(problem.detail_en).toMatch(/district office/);
  });

  it('takes the evaluator role away from an evaluator who moved to another district', async () => {
    const mover = await staff(t.app, t.db, 'officer', office(1004));
    const id = await proposalIn(t.app, w, 'submitted');
    await act(w.planner, id, 'assign', { evaluator_id: mover.publicId });
    const elsewhere = await t.db.selectFrom('agencies').select('id').where('code', '=', office(1001)).executeTakeFirstOrThrow();
    await t.db.updateTable('users').set({ agency_id: elsewhere.id }).where('id', '=', mover.userId).execute();
    await refusedWith(403, mover, id, 'accept', { feasibility: 'ได้', cost_check: 'ได้', carrying_agency_code: office(1004) });
  });
});
