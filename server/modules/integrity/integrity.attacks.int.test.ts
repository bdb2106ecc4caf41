// Bad input and attacks from issue 4: wrong receipts, conflicts of interest, identity
// without approval, oversized evidence, script in every field, privacy headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, type Session } from '../../../test/helpers/factories.ts';
import { multipartBody } from '../../../test/helpers/multipart.ts';
import { AGENCY, complaint, fileAnonymously, integrityStaff, openCase, TEST_INTEGRITY_KEY } from './integrity.test-helpers.ts';

let ctx: TestContext;
let screener: Session;
let head: Session;
let investigator: Session;
let conflicted: Session;
let custodian: Session;

const countCases = async () => Number((await ctx.db.selectFrom('integrity_cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const auditActions = async (caseNumber: string) => (await ctx.db.selectFrom('audit_log').select(['action', 'after', 'actor_label']).where('entity_id', '=', caseNumber).orderBy('id').execute());

async function acceptedCase(body = complaint()) {
  const filed = await fileAnonymously(ctx.app, body);
  const s = client(ctx.app, screener);
  expect((await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/screen`, { decision: 'accept', reason: 'ok' })).statusCode).toBe(200);
  expect((await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/assign`, { user_id: investigator.publicId, declaration: { no_conflict: true, statement: 'ไม่มีส่วนได้เสีย' } })).statusCode).toBe(200);
  return filed;
}

beforeAll(async () => {
  ctx = await createTestApp({ integrityKey: TEST_INTEGRITY_KEY });
  screener = await integrityStaff(ctx.app, ctx.db, 'screening_officer');
  head = await integrityStaff(ctx.app, ctx.db, 'integrity_head');
  investigator = await integrityStaff(ctx.app, ctx.db, 'investigator');
  conflicted = await integrityStaff(ctx.app, ctx.db, 'investigator', AGENCY);
  custodian = await integrityStaff(ctx.app, ctx.db, 'custodian');
});
afterAll(async () => ctx?.close());

describe('receipts', () => {
  it('answers an unknown case and a wrong secret the same, then slows guessing on that case number', async () => {
    const filed = await fileAnonymously(ctx.app);
    const wrong = '12345 12345 12345 12345 12345 12345 12345 12345';
    const a = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: filed.case_number, receipt: wrong }, remoteAddress: '192.0.2.1' });
    const b = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: 'INT-26-ZZZZZZ', receipt: wrong }, remoteAddress: '192.0.2.2' });
    const c = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: 'not a number', receipt: 'x' }, remoteAddress: '192.0.2.3' });
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([401, 401, 401]);
    expect(a.body).toBe(b.body);
    expect(b.body).toBe(c.body);
    // Two more wrong tries on the real case number: then even the right receipt must wait.
    for (const ip of ['192.0.2.4', '192.0.2.5']) {
      expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: filed.case_number, receipt: wrong }, remoteAddress: ip })).statusCode).toBe(401);
    }
    const slowed = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: filed.case_number, receipt: filed.receipt }, remoteAddress: '192.0.2.6' });
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().code).toBe('receipt_slowed');
    // An unknown number is slowed the same way: nothing tells the two apart.
    for (const ip of ['192.0.2.7', '192.0.2.8']) await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: 'INT-26-ZZZZZZ', receipt: wrong }, remoteAddress: ip });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: 'INT-26-ZZZZZZ', receipt: wrong }, remoteAddress: '192.0.2.9' })).json().code).toBe('receipt_slowed');
  });

  it('limits receipt checks per sender by a daily keyed hash of the address, never the address', async () => {
    const ip = '203.0.113.200';
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: `INT-26-${'ABCDEFGHJKL'[i]}22222`, receipt: '1'.repeat(40) }, remoteAddress: ip });
      codes.push(r.statusCode);
      expect(r.headers['cache-control']).toBe('no-store');
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
    const keys = await ctx.db.selectFrom('rate_limits').select('key').execute();
    expect(keys.some((k) => k.key.startsWith('integrity-access|'))).toBe(true);
    expect(keys.map((k) => k.key).join('\n')).not.toContain('203.0.113');
  });
});

describe('conflict of interest', () => {
  it('refuses (403) and audits an investigator from the named agency: opening, being assigned; and hides the case from their lists', async () => {
    const filed = await acceptedCase();
    const opened = await client(ctx.app, conflicted).get(`/api/v1/integrity/staff/cases/${filed.case_number}`);
    expect(opened.statusCode).toBe(403);
    expect(opened.json().code).toBe('conflict_of_interest');
    const assign = await client(ctx.app, head).post(`/api/v1/integrity/staff/cases/${filed.case_number}/assign`, { user_id: conflicted.publicId, declaration: { no_conflict: true, statement: 'ไม่มี' } });
    expect(assign.statusCode).toBe(403);
    const screenerFromAgency = await integrityStaff(ctx.app, ctx.db, 'screening_officer', AGENCY);
    const listed = (await client(ctx.app, screenerFromAgency).get('/api/v1/integrity/staff/cases')).json() as { items: Array<{ case_number: string }> };
    expect(listed.items.map((i) => i.case_number)).not.toContain(filed.case_number);
    expect((await client(ctx.app, screenerFromAgency).post(`/api/v1/integrity/staff/cases/${filed.case_number}/notes`, { text: 'x' })).statusCode).toBe(403);
    const refusals = (await auditActions(filed.case_number)).filter((r) => r.action === 'integrity_case.conflict_refused');
    expect(refusals.map((r) => (r.after as { attempted: string }).attempted)).toEqual(['view', 'assign', 'note']);
    expect(await ctx.db.selectFrom('integrity_assignments').select('id').where('user_id', '=', conflicted.userId).execute()).toHaveLength(0);
  });

  it('needs a declaration to assign, and only investigators can be assigned', async () => {
    const filed = await fileAnonymously(ctx.app);
    const s = client(ctx.app, screener);
    await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/screen`, { decision: 'accept', reason: 'ok' });
    expect((await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/assign`, { user_id: investigator.publicId })).statusCode).toBe(400);
    expect((await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/assign`, { user_id: investigator.publicId, declaration: { no_conflict: false, statement: 'x' } })).statusCode).toBe(400);
    expect((await s.post(`/api/v1/integrity/staff/cases/${filed.case_number}/assign`, { user_id: custodian.publicId, declaration: { no_conflict: true, statement: 'x' } })).statusCode).toBe(422);
  });
});

describe('roles', () => {
  it('401 without a session, 403 for each wrong role, 200 for the unit', async () => {
    expect((await client(ctx.app, null).get('/api/v1/integrity/staff/cases')).statusCode).toBe(401);
    for (const role of ['citizen', 'officer', 'agent', 'custodian'] as const) {
      const who = role === 'officer' ? await integrityStaff(ctx.app, ctx.db, 'officer', 'district-1001') : await integrityStaff(ctx.app, ctx.db, role);
      expect((await client(ctx.app, who).get('/api/v1/integrity/staff/cases')).statusCode, role).toBe(403);
    }
    expect((await client(ctx.app, screener).get('/api/v1/integrity/staff/identity-requests')).statusCode).toBe(403);
    expect((await client(ctx.app, custodian).get('/api/v1/integrity/staff/identity-requests')).statusCode).toBe(200);
    const filed = await fileAnonymously(ctx.app);
    const unassigned = await integrityStaff(ctx.app, ctx.db, 'investigator');
    expect((await client(ctx.app, unassigned).get(`/api/v1/integrity/staff/cases/${filed.case_number}`)).statusCode).toBe(403);
    expect((await client(ctx.app, screener).post(`/api/v1/integrity/staff/cases/${filed.case_number}/finding`, { finding: 'substantiated', report_text: 'x' })).statusCode).toBe(403);
  });
});

describe('identity custody', () => {
  it('403 without a custodian approval; refused when the complainant did not allow it; then shown once approved, irreversible, every view audited', async () => {
    const secretName = 'นายผู้แจ้ง ปิดบัง';
    const noDisclose = await acceptedCase(complaint({ identity: { name: secretName, may_disclose: false } }));
    const inv = client(ctx.app, investigator);
    const early = await inv.get(`/api/v1/integrity/staff/cases/${noDisclose.case_number}/identity`);
    expect(early.statusCode).toBe(403);
    expect(early.body).not.toContain(secretName);
    const req = await inv.post(`/api/v1/integrity/staff/cases/${noDisclose.case_number}/identity-requests`, { justification: 'ต้องสอบปากคำเพิ่มเติม' });
    expect(req.statusCode, req.body).toBe(201);
    const refused = await client(ctx.app, custodian).post(`/api/v1/integrity/staff/identity-requests/${req.json().id}/decide`, { approve: true, reason: 'จำเป็น' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('disclosure_not_allowed');
    expect((await inv.get(`/api/v1/integrity/staff/cases/${noDisclose.case_number}/identity`)).statusCode).toBe(403);

    const mayDisclose = await acceptedCase(complaint({ identity: { name: 'นางสาวยินยอม เปิดเผย', email: 'w@example.org', may_disclose: true } }));
    const req2 = (await inv.post(`/api/v1/integrity/staff/cases/${mayDisclose.case_number}/identity-requests`, { justification: 'ต้องเป็นพยาน' })).json() as { id: string };
    const list = (await client(ctx.app, custodian).get('/api/v1/integrity/staff/identity-requests')).json() as { items: Array<{ id: string; justification: string; may_disclose: boolean }> };
    expect(list.items.find((i) => i.id === req2.id)).toMatchObject({ justification: 'ต้องเป็นพยาน', may_disclose: true });
    expect((await client(ctx.app, head).post(`/api/v1/integrity/staff/identity-requests/${req2.id}/decide`, { approve: true, reason: 'x' })).statusCode).toBe(403);
    expect((await client(ctx.app, custodian).post(`/api/v1/integrity/staff/identity-requests/${req2.id}/decide`, { approve: true, reason: 'จำเป็นต่อคดี' })).statusCode).toBe(200);
    expect((await client(ctx.app, custodian).post(`/api/v1/integrity/staff/identity-requests/${req2.id}/decide`, { approve: false, reason: 'เปลี่ยนใจ' })).statusCode).toBe(409);
    const shown = await inv.get(`/api/v1/integrity/staff/cases/${mayDisclose.case_number}/identity`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ identity: { name: 'นางสาวยินยอม เปิดเผย', email: 'w@example.org', phone: null }, irreversible: true });
    await inv.get(`/api/v1/integrity/staff/cases/${mayDisclose.case_number}/identity`);
    // The head of the unit and other investigators still cannot see it.
    expect((await client(ctx.app, head).get(`/api/v1/integrity/staff/cases/${mayDisclose.case_number}/identity`)).statusCode).toBe(403);
    const actions = (await auditActions(mayDisclose.case_number)).map((r) => r.action);
    expect(actions.filter((a) => a === 'integrity_case.identity_view')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['integrity_case.identity_request', 'integrity_case.identity_decision']));
    expect((await auditActions(noDisclose.case_number)).map((r) => r.action)).toEqual(expect.arrayContaining(['integrity_case.identity_view_refused', 'integrity_case.identity_disclosure_refused']));
  });
});

describe('evidence', () => {
  const file = (name: string, bytes: number) => ({ field: 'evidence', filename: name, contentType: 'application/pdf', data: Buffer.alloc(bytes, 7) });

  it('refuses more than 5 files or a file over 8 MB, storing nothing', async () => {
    const before = await countCases();
    const fields = { agency_code: AGENCY, what: 'หลักฐานมาก' };
    const tooMany = multipartBody(fields, Array.from({ length: 6 }, (_, i) => file(`f${i}.pdf`, 100)));
    const r1 = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: tooMany.payload, headers: tooMany.headers, remoteAddress: '198.51.100.50' });
    expect(r1.statusCode).toBe(413);
    expect(r1.json().code).toBe('too_many_files');
    const tooBig = multipartBody(fields, [file('big.pdf', 8 * 1024 * 1024 + 1)]);
    const r2 = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: tooBig.payload, headers: tooBig.headers, remoteAddress: '198.51.100.51' });
    expect(r2.statusCode).toBe(413);
    expect(r2.headers['cache-control']).toBe('no-store');
    expect(await countCases()).toBe(before);
  });

  it('keeps the original bytes, serves them only to assigned investigators, only as attachments', async () => {
    const original = Buffer.from('%PDF-1.4 <script>alert(1)</script> original bytes');
    const form = multipartBody({ agency_code: AGENCY, what: 'มีเอกสาร', 'identity.may_disclose': 'false' }, [{ field: 'evidence', filename: 'สัญญาจ้าง.pdf', contentType: 'text/html', data: original }]);
    const filed = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: form.payload, headers: form.headers, remoteAddress: '198.51.100.52' });
    expect(filed.statusCode, filed.body).toBe(201);
    const number = filed.json().case_number as string;
    const s = client(ctx.app, screener);
    await s.post(`/api/v1/integrity/staff/cases/${number}/screen`, { decision: 'accept', reason: 'ok' });
    await s.post(`/api/v1/integrity/staff/cases/${number}/assign`, { user_id: investigator.publicId, declaration: { no_conflict: true, statement: 'ไม่มี' } });
    const detail = (await client(ctx.app, investigator).get(`/api/v1/integrity/staff/cases/${number}`)).json() as { evidence: Array<{ id: string; filename: string; bytes: number }> };
    expect(detail.evidence[0]).toMatchObject({ filename: 'สัญญาจ้าง.pdf', bytes: original.length });
    const url = `/api/v1/integrity/staff/cases/${number}/evidence/${detail.evidence[0]!.id}`;
    const download = await client(ctx.app, investigator).get(url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(original)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect((await client(ctx.app, screener).get(url)).statusCode).toBe(403);
    expect((await client(ctx.app, head).get(url)).statusCode).toBe(403);
    const stored = await ctx.db.selectFrom('integrity_evidence').select('sealed_data').where('public_id', '=', detail.evidence[0]!.id).executeTakeFirstOrThrow();
    expect(stored.sealed_data!.includes(Buffer.from('original bytes'))).toBe(false);
  });
});

describe('script in every text field', () => {
  it('is stored and returned as text, unchanged, in JSON', async () => {
    const xss = (field: string) => `<script>alert("${field}")</script><img src=x onerror=alert(1)>`;
    const body = complaint({ unit: xss('unit'), position: xss('position'), what: xss('what'), when_text: xss('when'), where_text: xss('where'), contract_ref: xss('contract'), identity: { name: xss('name'), email: xss('email'), phone: xss('phone').slice(0, 40), may_disclose: true } });
    const filed = await acceptedCase(body);
    const inv = client(ctx.app, investigator);
    await inv.post(`/api/v1/integrity/staff/cases/${filed.case_number}/notes`, { text: xss('note') });
    const q = (await inv.post(`/api/v1/integrity/staff/cases/${filed.case_number}/questions`, { text: xss('question') })).json() as { id: string };
    const session = await openCase(ctx.app, filed.case_number, filed.receipt);
    await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/mine/answers', headers: { 'x-case-token': session.case_view_token }, payload: { question_id: q.id, text: xss('answer') } });
    const detail = await inv.get(`/api/v1/integrity/staff/cases/${filed.case_number}`);
    expect(detail.headers['content-type']).toMatch(/^application\/json/);
    const d = detail.json() as { details: Record<string, string>; notes: Array<{ text: string }>; questions: Array<{ text: string; answer: string }> };
    expect(d.details).toMatchObject({ unit: xss('unit'), position: xss('position'), what: xss('what'), when_text: xss('when'), where_text: xss('where'), contract_ref: xss('contract') });
    expect(d.notes[0]!.text).toBe(xss('note'));
    expect(d.questions[0]).toMatchObject({ text: xss('question'), answer: xss('answer') });
  });
});

describe('privacy headers', () => {
  it('every whistleblower response says no-store and no-referrer, errors included', async () => {
    const filed = await fileAnonymously(ctx.app);
    const responses = [
      await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: complaint(), remoteAddress: '198.51.100.60' }),
      await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: { what: '' }, remoteAddress: '198.51.100.61' }),
      await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: filed.case_number, receipt: filed.receipt }, remoteAddress: '198.51.100.62' }),
      await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/cases/mine' }),
      await ctx.app.inject({ method: 'GET', url: '/api/v1/integrity/cases/mine', headers: { 'x-case-token': 'nonsense' } }),
      await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/reset-receipt' }),
      await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/mine/answers', payload: {} }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([201, 400, 200, 401, 401, 401, 400]);
    for (const r of responses) {
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('ignores Idempotency-Key so no receipt is kept in the replay store', async () => {
    const r = await ctx.app.inject({ method: 'POST', url: '/api/v1/integrity/complaints', payload: complaint(), headers: { 'idempotency-key': 'abc-123' }, remoteAddress: '198.51.100.63' });
    expect(r.statusCode).toBe(201);
    const kept = await ctx.db.selectFrom('idempotency_keys').select('response_body').execute();
    expect(kept.map((k) => k.response_body ?? '').join('')).not.toContain((r.json() as { receipt_groups: string[] }).receipt_groups[0]);
  });
});
