// The whole journey: an anonymous complaint, screening, an investigator's question, the
// complainant's answer with the receipt, finding, sanction, closing, and the public record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { AGENCY, complaint, fileAnonymously, integrityStaff, openCase, TEST_INTEGRITY_KEY } from './integrity.test-helpers.ts';

let ctx: TestContext;
let screener: Session;
let investigator: Session;
let head: Session;

beforeAll(async () => {
  ctx = await createTestApp({ integrityKey: TEST_INTEGRITY_KEY });
  screener = await integrityStaff(ctx.app, ctx.db, 'screening_officer');
  investigator = await integrityStaff(ctx.app, ctx.db, 'investigator', 'district-1001');
  head = await integrityStaff(ctx.app, ctx.db, 'integrity_head');
});
afterAll(async () => ctx?.close());

describe('a corruption complaint from filing to the public register', () => {
  it('files anonymously, is screened, investigated, answered, decided, sanctioned, closed and published anonymised', async () => {
    const filed = await fileAnonymously(ctx.app, complaint({ identity: { name: 'นางสาวผู้แจ้ง ลับมาก', phone: '0812345678', may_disclose: false } }));
    expect(filed.case_number).toMatch(/^INT-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
    expect(filed.receipt_groups).toHaveLength(8);
    expect(filed.receipt).toMatch(/^(\d{5} ){7}\d{5}$/);

    const s = client(ctx.app, screener);
    const queue = (await s.get('/api/v1/integrity/staff/cases')).json() as { items: Array<{ case_number: string; stage: string; overdue: boolean }> };
    expect(queue.items.map((i) => i.case_number)).toContain(filed.case_number);

    const opened = await s.get(`/api/v1/integrity/staff/cases/${filed.case_number}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ stage: 'screening', details: { what: complaint().what }, identity: { given: true, may_disclose: false } });
    expect(opened.headers['cache-control']).toBe('no-store');

    const screened = await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/screen`, { decision: 'accept', reason: 'มีมูลพอให้สอบสวน', allegation_kind: 'bribery' });
    expect(screened.statusCode, screened.body).toBe(200);

    const assigned = await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/assign`, { user_id: investigator.publicId, declaration: { no_conflict: true, statement: 'ข้าพเจ้าไม่มีส่วนได้เสียกับหน่วยงานนี้' } });
    expect(assigned.statusCode, assigned.body).toBe(200);

    const inv = client(ctx.app, investigator);
    const mineList = (await inv.get('/api/v1/integrity/staff/cases')).json() as { items: Array<{ case_number: string; assigned: boolean }> };
    expect(mineList.items).toEqual([expect.objectContaining({ case_number: filed.case_number, assigned: true })]);
    const asked = await inv.post(`/api/v1/integrity/staff/cases/${filed.case_number}/questions`, { text: 'ท่านมีใบเสร็จหรือหลักฐานการโอนเงินหรือไม่' });
    expect(asked.statusCode, asked.body).toBe(201);
    const questionId = (asked.json() as { id: string }).id;

    // The complainant returns with the receipt (typed with dashes instead of spaces).
    const session = await openCase(ctx.app, filed.case_number.toLowerCase(), filed.receipt_groups.join('-'));
    expect(session.must_reset).toBe(false);
    const mine = await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/cases/mine', headers: { 'x-case-token': session.case_view_token } });
    expect(mine.statusCode, mine.body).toBe(200);
    const view = mine.json() as { stage: string; questions: Array<{ id: string; text: string; answer: string | null }>; stages: Array<{ stage: string }> };
    expect(view.stage).toBe('investigation');
    expect(view.stages.map((x) => x.stage)).toEqual(['received', 'screening', 'investigation']);
    expect(view.questions).toEqual([expect.objectContaining({ id: questionId, answer: null })]);
    expect(mine.body).not.toContain(investigator.publicId);

    const answered = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/mine/answers', headers: { 'x-case-token': session.case_view_token }, payload: { question_id: questionId, text: 'มีสลิปโอนเงิน จะส่งให้' } });
    expect(answered.statusCode, answered.body).toBe(201);

    const detail = (await inv.get(`/api/v1/integrity/staff/cases/${filed.case_number}`)).json() as { questions: Array<{ answer: string }>; abilities: Record<string, boolean> };
    expect(detail.questions[0]!.answer).toBe('มีสลิปโอนเงิน จะส่งให้');
    expect(detail.abilities).toMatchObject({ finding: true, screen: false, view_identity: true });

    expect((await inv.post(`/api/v1/integrity/staff/cases/${filed.case_number}/finding`, { finding: 'substantiated', report_text: 'พบหลักฐานการโอนเงิน' })).statusCode).toBe(200);
    const sanctioned = await inv.post(`/api/v1/integrity/staff/cases/${filed.case_number}/sanctions`, {
      sanctions: [
        { kind: 'dismissal', official_name: 'นายทุจริต ตัวอย่าง', final: true, publish_name: true },
        { kind: 'warning', official_name: 'นายเตือน ไว้ก่อน', final: true, publish_name: true },
        { kind: 'criminal_referral', official_name: 'นายยังไม่ถึงที่สุด', final: false, publish_name: true },
      ],
    });
    expect(sanctioned.statusCode, sanctioned.body).toBe(200);
    const closed = await client(ctx.app, head).post(`/api/v1/integrity/staff/cases/${filed.case_number}/close`, { reason: 'ลงโทษเสร็จสิ้น' });
    expect(closed.statusCode, closed.body).toBe(200);

    const register = await ctx.app.inject({ method: 'GET', url: `/api/v1/integrity/register?agency=${AGENCY}` });
    expect(register.statusCode).toBe(200);
    expect(register.headers['cache-control']).toContain('public');
    const entry = (register.json() as { items: Array<Record<string, unknown>> }).items.find((i) => i.case_number === filed.case_number);
    expect(entry).toMatchObject({
      allegation_kind: 'bribery', finding: 'substantiated', stage: 'closed',
      sanctions: [{ kind: 'dismissal', official_name: 'นายทุจริต ตัวอย่าง' }, { kind: 'warning', official_name: null }, { kind: 'criminal_referral', official_name: null }],
    });
    expect((entry!.stages as Array<{ stage: string }>).map((x) => x.stage)).toEqual(['received', 'screening', 'investigation', 'finding', 'sanction', 'closed']);
    for (const secret of ['ลับมาก', '0812345678', 'secret-complaint-marker', 'สลิปโอนเงิน', filed.receipt_groups[0]!]) expect(register.body).not.toContain(secret);

    const figures = (await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/figures' })).json() as Record<string, any>;
    expect(figures.totals.received).toBeGreaterThanOrEqual(1);
    expect(figures.totals.substantiated).toBeGreaterThanOrEqual(1);
    expect(figures.by_month.some((m: { channel: string; received: number }) => m.channel === 'web' && m.received >= 1)).toBe(true);
    expect(figures.sanctions_by_kind.find((k: { kind: string }) => k.kind === 'dismissal').count).toBeGreaterThanOrEqual(1);
    expect(figures.substantiated_share).toMatchObject({ share: null, small: true });
    expect(figures.definitions.received_th).toBeTruthy();

    // Every step is in the audit chain, and none of it carries the complaint's words.
    const rows = await ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'integrity_case').where('entity_id', '=', filed.case_number).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['integrity_case.file', 'integrity_case.screening_start', 'integrity_case.screen', 'integrity_case.assign', 'integrity_case.question', 'integrity_case.answer', 'integrity_case.finding', 'integrity_case.sanctions', 'integrity_case.close']));
    expect(rows.find((r) => r.action === 'integrity_case.file')!.actor_label).toBe('whistleblower');
    expect(JSON.stringify(rows)).not.toMatch(/secret-complaint-marker|ลับมาก|สลิป|นายทุจริต/);
    expect((await verifyAuditChain(ctx.db)).ok).toBe(true);
  });

  it('a call-centre filing forces a new receipt on first return; the old one then stops working', async () => {
    const agent = await integrityStaff(ctx.app, ctx.db, 'agent');
    const filed = await client(ctx.app, agent).post('/api/v1/integrity/staff/complaints', { ...complaint(), channel: 'call_centre' });
    expect(filed.statusCode, filed.body).toBe(201);
    const { case_number, receipt, must_reset } = filed.json() as { case_number: string; receipt: string; must_reset: boolean };
    expect(must_reset).toBe(true);
    const session = await openCase(ctx.app, case_number, receipt);
    expect(session.must_reset).toBe(true);
    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/cases/mine', headers: { 'x-case-token': session.case_view_token } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('receipt_reset_required');
    const reset = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/reset-receipt', headers: { 'x-case-token': session.case_view_token } });
    expect(reset.statusCode, reset.body).toBe(200);
    const fresh = reset.json() as { receipt: string };
    expect(fresh.receipt).not.toBe(receipt);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/cases/mine', headers: { 'x-case-token': session.case_view_token } })).statusCode).toBe(200);
    const old = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number, receipt }, remoteAddress: '198.51.100.99' });
    expect(old.statusCode).toBe(401);
    const again = await openCase(ctx.app, case_number, fresh.receipt);
    expect(again.must_reset).toBe(false);
    const citizenCannot = await client(ctx.app, await integrityStaff(ctx.app, ctx.db, 'citizen')).post('/api/v1/integrity/staff/complaints', { ...complaint(), channel: 'paper' });
    expect(citizenCannot.statusCode).toBe(403);
    expect((await client(ctx.app, null).post('/api/v1/integrity/staff/complaints', { ...complaint(), channel: 'paper' })).statusCode).toBe(401);
  });

  it('merges duplicates, links, reopens with a reason, refuses out-of-stage steps and filters overdue cases', async () => {
    const a = await fileAnonymously(ctx.app);
    const b = await fileAnonymously(ctx.app);
    const h = client(ctx.app, head);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/finding`, { finding: 'substantiated', report_text: 'x' })).statusCode).toBe(403);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/screen`, { decision: 'refer', reason: 'x' })).statusCode).toBe(400);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/screen`, { decision: 'accept', reason: 'ok' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/screen`, { decision: 'accept', reason: 'again' })).statusCode).toBe(409);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/links`, { type: 'contract', ref: 'สัญญาเลขที่ 12/2569' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/integrity/staff/cases/${b.case_number}/merge`, { into_case_number: a.case_number, reason: 'เรื่องเดียวกัน' })).statusCode).toBe(200);
    const detail = (await h.get(`/api/v1/integrity/staff/cases/${a.case_number}`)).json() as { merged_from: string[]; links: Array<{ ref: string }> };
    expect(detail.merged_from).toEqual([b.case_number]);
    expect(detail.links[0]!.ref).toBe('สัญญาเลขที่ 12/2569');
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/reopen`, { reason: 'x' })).statusCode).toBe(409);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/close`, {})).statusCode).toBe(400);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/close`, { reason: 'ถอนเรื่อง' })).statusCode).toBe(200);
    expect((await h.post(`/api/v1/integrity/staff/cases/${a.case_number}/reopen`, { reason: 'มีหลักฐานใหม่' })).statusCode).toBe(200);
    const reopened = (await h.get(`/api/v1/integrity/staff/cases/${a.case_number}`)).json() as { stage: string; events: Array<{ kind: string; reason: string }> };
    expect(reopened.stage).toBe('investigation');
    expect(reopened.events.find((e) => e.kind === 'reopened')!.reason).toBe('มีหลักฐานใหม่');
    await ctx.db.updateTable('integrity_cases').set({ stage_due_at: new Date(Date.now() - 86_400_000) }).where('case_number', '=', a.case_number).execute();
    const overdue = (await h.get('/api/v1/integrity/staff/cases?overdue=true')).json() as { items: Array<{ case_number: string; overdue: boolean }> };
    expect(overdue.items.map((i) => i.case_number)).toContain(a.case_number);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    const register = (await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/register' })).json() as { items: Array<{ case_number: string }> };
    expect(register.items.map((i) => i.case_number)).not.toContain(b.case_number);
  });

  it('refuses bad complaints with a clear 4xx and stores nothing', async () => {
    const before = await ctx.db.selectFrom('integrity_cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const post = (payload: unknown) => ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: payload as object, remoteAddress: '198.51.100.200' });
    const bad = [
      await post(complaint({ agency_code: 'no-such-agency' })),
      await post(complaint({ what: '' })),
      await post(complaint({ what: 'x'.repeat(10_001) })),
      await post(complaint({ surprise: 1 })),
      await post(complaint({ channel: 'paper' })),
      await post(complaint({ amount_baht: -5 })),
      await post(complaint({ identity: { name: 'x' } })),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    for (const r of bad) expect(r.headers['content-type']).toMatch(/problem\+json/);
    const after = await ctx.db.selectFrom('integrity_cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
