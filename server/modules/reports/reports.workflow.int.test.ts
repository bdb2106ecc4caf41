import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { auditRows, client, createStaff, fileReport, signUpCitizen, type Session } from '../../../test/helpers/factories.ts';
import { pngImage } from '../../../test/helpers/images.ts';

let t: TestContext;
let bangRak: Session;       // officer of district-1004, where the reports are routed
let bangRakAdmin: Session;
let otherDistrict: Session; // officer of district-1001
let publicWorks: Session;   // officer of bma-public-works
let drainage: Session;      // officer of bma-drainage
let citizen: Session;
let stranger: Session;

beforeAll(async () => {
  t = await createTestApp();
  bangRak = await createStaff(t.app, t.db, 'district-1004');
  bangRakAdmin = await createStaff(t.app, t.db, 'district-1004', 'agency_admin');
  otherDistrict = await createStaff(t.app, t.db, 'district-1001');
  publicWorks = await createStaff(t.app, t.db, 'bma-public-works');
  drainage = await createStaff(t.app, t.db, 'bma-drainage');
  citizen = await signUpCitizen(t.app);
  stranger = await signUpCitizen(t.app);
});
afterAll(async () => { await t.close(); });

const as = (s: Session | null) => client(t.app, s);
const stateOf = async (code: string) => (await t.db.selectFrom('reports').select(['state', 'close_reason', 'reopen_count', 'rating', 'agency_id']).where('code', '=', code).executeTakeFirstOrThrow());

async function fixWithPhoto(session: Session, code: string, note = 'ซ่อมผิวถนนเรียบร้อยแล้ว') {
  const png = await pngImage();
  return as(session).multipart(`/api/v1/reports/${code}/fix`, { note }, [{ field: 'photos', filename: 'after.png', contentType: 'image/png', data: png }]);
}

describe('the lifecycle, one transition at a time', () => {
  it('received → in progress → fixed, each step on the public timeline and in the audit chain', async () => {
    const { report } = await fileReport(t.app, citizen);
    const accepted = await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().state).toBe('in_progress');
    expect(accepted.json().first_response_at).not.toBeNull();
    const fixed = await fixWithPhoto(bangRak, report.code);
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().state).toBe('fixed');
    expect(fixed.json().photos.filter((p: { kind: string }) => p.kind === 'after')).toHaveLength(1);
    const pub = (await as(null).get(`/api/v1/reports/${report.code}`)).json();
    expect(pub.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'routed', 'accepted', 'fixed']);
    expect(pub.timeline.at(-1).note).toBe('ซ่อมผิวถนนเรียบร้อยแล้ว');
    const audit = await auditRows(t.db, report.code);
    expect(audit.map((a) => a.action)).toEqual(['report.create', 'report.accept', 'report.fix']);
    expect(audit[1]!.before).toMatchObject({ state: 'received' });
    expect(audit[1]!.after).toMatchObject({ state: 'in_progress' });
    expect(audit[1]!.actor_label).toBe(`user:${bangRak.publicId}`);
  });

  it('fixing needs a public note and, for this category, an after photo', async () => {
    const { report } = await fileReport(t.app, citizen);
    const noNote = await as(bangRak).multipart(`/api/v1/reports/${report.code}/fix`, { note: '' });
    expect(noNote.statusCode).toBe(400);
    const noPhoto = await as(bangRak).multipart(`/api/v1/reports/${report.code}/fix`, { note: 'ซ่อมแล้ว' });
    expect(noPhoto.statusCode).toBe(422);
    expect(noPhoto.json().code).toBe('after_photo_required');
    expect((await stateOf(report.code)).state).toBe('received');
    expect((await auditRows(t.db, report.code)).map((a) => a.action)).toEqual(['report.create']);
  });

  it('a category without the after-photo rule can be fixed with a note alone', async () => {
    const { report } = await fileReport(t.app, citizen, { category: 'suggestion', description: 'เสนอให้เพิ่มถังขยะแยกประเภทในสวนสาธารณะ' });
    const fixed = await as(bangRak).post(`/api/v1/reports/${report.code}/fix`, { note: 'ติดตั้งถังขยะเพิ่มแล้ว' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().state).toBe('fixed');
  });

  it('closes without a fix only with a reason, and closed is never fixed', async () => {
    const { report } = await fileReport(t.app, citizen);
    const noReason = await as(bangRak).post(`/api/v1/reports/${report.code}/close`, { note: 'ปิด' });
    expect(noReason.statusCode).toBe(400);
    const closed = await as(bangRak).post(`/api/v1/reports/${report.code}/close`, { reason: 'cannot_fix', note: 'พื้นที่เอกชน ไม่สามารถดำเนินการได้' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', close_reason: 'cannot_fix', fixed_at: null });
    const fix = await fixWithPhoto(bangRak, report.code);
    expect(fix.statusCode).toBe(409);
  });

  it('closes as a duplicate of another report', async () => {
    const { report: original } = await fileReport(t.app, citizen);
    const { report: dup } = await fileReport(t.app, stranger);
    const bad = await as(bangRak).post(`/api/v1/reports/${dup.code}/close`, { reason: 'duplicate', note: 'ซ้ำ', duplicate_of: 'BKK-26-ZZZZZZ' });
    expect(bad.statusCode).toBe(422);
    const ok = await as(bangRak).post(`/api/v1/reports/${dup.code}/close`, { reason: 'duplicate', note: 'ซ้ำกับเรื่องเดิม', duplicate_of: original.code.toLowerCase() });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().timeline.at(-1).data.duplicate_of).toBe(original.code);
  });

  it('refuses a forbidden transition: fixing a withdrawn report', async () => {
    const { report } = await fileReport(t.app, citizen);
    const withdrawn = await as(citizen).post(`/api/v1/reports/${report.code}/withdraw`, { reason: 'แก้เองแล้ว' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ state: 'closed', close_reason: 'withdrawn' });
    const fix = await fixWithPhoto(bangRak, report.code);
    expect(fix.statusCode).toBe(409);
    expect(fix.json().code).toBe('invalid_transition');
    expect(fix.json().detail_th).toMatch(/สถานะ/);
    expect((await stateOf(report.code)).state).toBe('closed');
    const after = await t.db.selectFrom('report_photos').innerJoin('reports', 'reports.id', 'report_photos.report_id').select('report_photos.id').where('reports.code', '=', report.code).execute();
    expect(after).toHaveLength(0);
  });

  it('accepting twice is a conflict', async () => {
    const { report } = await fileReport(t.app, citizen);
    await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    const again = await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    expect(again.statusCode).toBe(409);
  });
});

describe('who may act', () => {
  it('401 for nobody, 403 for a citizen and for another agency, 200 for the routed agency', async () => {
    const { report } = await fileReport(t.app, citizen);
    expect((await as(null).post(`/api/v1/reports/${report.code}/accept`)).statusCode).toBe(401);
    expect((await as(citizen).post(`/api/v1/reports/${report.code}/accept`)).statusCode).toBe(403);
    const other = await as(otherDistrict).post(`/api/v1/reports/${report.code}/accept`);
    expect(other.statusCode).toBe(403);
    expect(other.json().detail_en).toMatch(/not your agency/);
    expect((await stateOf(report.code)).state).toBe('received');
    expect((await as(bangRakAdmin).post(`/api/v1/reports/${report.code}/accept`)).statusCode).toBe(200);
  });

  it('an officer of another agency cannot note, fix, close, forward or assign', async () => {
    const { report } = await fileReport(t.app, citizen);
    const c = as(otherDistrict);
    expect((await c.post(`/api/v1/reports/${report.code}/notes`, { text: 'x', visibility: 'public' })).statusCode).toBe(403);
    expect((await fixWithPhoto(otherDistrict, report.code)).statusCode).toBe(403);
    expect((await c.post(`/api/v1/reports/${report.code}/close`, { reason: 'invalid', note: 'x' })).statusCode).toBe(403);
    expect((await c.post(`/api/v1/reports/${report.code}/forward`, { agency_code: 'district-1001', reason: 'x' })).statusCode).toBe(403);
    expect((await c.post(`/api/v1/reports/${report.code}/assign`, { assignee_id: null })).statusCode).toBe(403);
    expect((await auditRows(t.db, report.code)).map((a) => a.action)).toEqual(['report.create']);
  });

  it('abilities tell the UI exactly what the caller may do', async () => {
    const { report } = await fileReport(t.app, citizen);
    const anon = (await as(null).get(`/api/v1/reports/${report.code}`)).json();
    expect(anon.abilities).toMatchObject({ accept: false, fix: false, follow: false, support: true, withdraw: false });
    const owner = (await as(citizen).get(`/api/v1/reports/${report.code}`)).json();
    expect(owner.abilities).toMatchObject({ withdraw: true, rate: false, reopen: false, support: false, unfollow: true });
    const staff = (await as(bangRak).get(`/api/v1/reports/${report.code}`)).json();
    expect(staff.abilities).toMatchObject({ accept: true, forward: true, fix: true, close: true, assign: true });
    expect(staff.staff.routing_reason_en).toContain('Bang Rak');
  });
});

describe('agencies working together', () => {
  it('forwards with a reason to a department, which can then fix it; a bounce back is refused', async () => {
    const { report } = await fileReport(t.app, citizen);
    const noReason = await as(bangRak).post(`/api/v1/reports/${report.code}/forward`, { agency_code: 'bma-public-works' });
    expect(noReason.statusCode).toBe(400);
    const fwd = await as(bangRak).post(`/api/v1/reports/${report.code}/forward`, { agency_code: 'bma-public-works', reason: 'ถนนสายหลัก อยู่ในความดูแลของสำนักการโยธา' });
    expect(fwd.statusCode, fwd.body).toBe(200);
    expect(fwd.json().agency.code).toBe('bma-public-works');
    expect(fwd.json().state).toBe('received');
    // The old owner lost its rights; the new one has them.
    expect((await as(bangRak).post(`/api/v1/reports/${report.code}/accept`)).statusCode).toBe(403);
    expect((await as(publicWorks).post(`/api/v1/reports/${report.code}/accept`)).statusCode).toBe(200);
    const back = await as(publicWorks).post(`/api/v1/reports/${report.code}/forward`, { agency_code: 'district-1004', reason: 'ไม่ใช่ของเรา' });
    expect(back.statusCode).toBe(422);
    expect(back.json().code).toBe('forward_loop');
    expect((await fixWithPhoto(publicWorks, report.code)).statusCode).toBe(200);
    const pub = (await as(null).get(`/api/v1/reports/${report.code}`)).json();
    const forwarded = pub.timeline.find((e: { kind: string }) => e.kind === 'forwarded');
    expect(forwarded.note).toContain('สำนักการโยธา');
    expect(forwarded.data.to_agency_code).toBe('bma-public-works');
    expect(forwarded.data.from_agency_id).toBeUndefined();
  });

  it('invites a co-owner, which sets its own status and sees the report in its queue', async () => {
    const { report } = await fileReport(t.app, citizen, { category: 'drain', description: 'ท่อระบายน้ำอุดตัน น้ำขังทุกครั้งที่ฝนตก' });
    const invite = await as(bangRak).post(`/api/v1/reports/${report.code}/coowners`, { agency_code: 'bma-drainage', note: 'ขอให้ช่วยลอกท่อใหญ่' });
    expect(invite.statusCode, invite.body).toBe(200);
    expect(invite.json().coowners).toEqual([{ agency: expect.objectContaining({ code: 'bma-drainage' }), status: 'invited' }]);
    expect((await as(bangRak).post(`/api/v1/reports/${report.code}/coowners`, { agency_code: 'bma-drainage' })).statusCode).toBe(409);
    const queue = (await as(drainage).get('/api/v1/staff/queue')).json();
    expect(queue.items.map((i: { code: string }) => i.code)).toContain(report.code);
    const status = await as(drainage).post(`/api/v1/reports/${report.code}/coowner-status`, { status: 'done', note: 'ลอกท่อแล้ว' });
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json().coowners[0].status).toBe('done');
    // A co-owner cannot take the owner's decisions.
    expect((await as(drainage).post(`/api/v1/reports/${report.code}/close`, { reason: 'invalid', note: 'x' })).statusCode).toBe(403);
    expect((await as(otherDistrict).post(`/api/v1/reports/${report.code}/coowner-status`, { status: 'done' })).statusCode).toBe(403);
  });

  it('internal notes are seen by staff only', async () => {
    const { report } = await fileReport(t.app, citizen);
    await as(bangRak).post(`/api/v1/reports/${report.code}/notes`, { text: 'รอผู้รับเหมา สัปดาห์หน้า', visibility: 'internal' });
    await as(bangRak).post(`/api/v1/reports/${report.code}/notes`, { text: 'นัดช่างเข้าตรวจพื้นที่แล้ว', visibility: 'public' });
    const pub = await as(citizen).get(`/api/v1/reports/${report.code}`);
    expect(pub.body).not.toContain('รอผู้รับเหมา');
    expect(pub.body).toContain('นัดช่างเข้าตรวจพื้นที่แล้ว');
    const staff = await as(bangRak).get(`/api/v1/reports/${report.code}`);
    expect(staff.body).toContain('รอผู้รับเหมา');
  });

  it('assigns to an officer of the agency only', async () => {
    const { report } = await fileReport(t.app, citizen);
    const bad = await as(bangRak).post(`/api/v1/reports/${report.code}/assign`, { assignee_id: otherDistrict.publicId });
    expect(bad.statusCode).toBe(422);
    const ok = await as(bangRakAdmin).post(`/api/v1/reports/${report.code}/assign`, { assignee_id: bangRak.publicId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().staff.assignee.id).toBe(bangRak.publicId);
    const mine = (await as(bangRak).get('/api/v1/staff/queue?assigned=me')).json();
    expect(mine.items.map((i: { code: string }) => i.code)).toContain(report.code);
  });
});

describe('the reporter judges the fix', () => {
  async function fixedReport(reporter: Session | null) {
    const filed = await fileReport(t.app, reporter);
    await as(bangRak).post(`/api/v1/reports/${filed.report.code}/accept`);
    expect((await fixWithPhoto(bangRak, filed.report.code)).statusCode).toBe(200);
    return filed;
  }

  it('rates 1–5; another citizen cannot', async () => {
    const { report } = await fixedReport(citizen);
    const other = await as(stranger).post(`/api/v1/reports/${report.code}/rating`, { stars: 1 });
    expect(other.statusCode).toBe(403);
    expect(other.json().detail_th).toContain('ผู้แจ้ง');
    expect((await stateOf(report.code)).rating).toBeNull();
    expect((await as(citizen).post(`/api/v1/reports/${report.code}/rating`, { stars: 6 })).statusCode).toBe(400);
    const rated = await as(citizen).post(`/api/v1/reports/${report.code}/rating`, { stars: 4, comment: 'เร็วดีครับ' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json().rating).toBe(4);
  });

  it('an anonymous reporter acts with the secret from filing', async () => {
    const { report, reporter_token } = await fixedReport(null);
    expect((await as(null).post(`/api/v1/reports/${report.code}/rating`, { stars: 5 })).statusCode).toBe(401);
    expect((await as(null).post(`/api/v1/reports/${report.code}/rating`, { stars: 5 }, { 'x-reporter-token': 'wrong-token-value' })).statusCode).toBe(401);
    const ok = await as(null).post(`/api/v1/reports/${report.code}/rating`, { stars: 5 }, { 'x-reporter-token': reporter_token! });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('reopens within 30 days; reopens are counted and shown', async () => {
    const { report } = await fixedReport(citizen);
    const reopened = await as(citizen).post(`/api/v1/reports/${report.code}/reopen`, { reason: 'หลุมกลับมาอีกแล้วหลังฝนตก' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ state: 'in_progress', reopen_count: 1, fixed_at: null });
    expect(reopened.json().timeline.at(-1)).toMatchObject({ kind: 'reopened', note: 'หลุมกลับมาอีกแล้วหลังฝนตก' });
  });

  it('refuses a reopen after 30 days', async () => {
    const { report } = await fixedReport(citizen);
    await sql`update reports set fixed_at = now() - interval '31 days' where code = ${report.code}`.execute(t.db);
    const view = (await as(citizen).get(`/api/v1/reports/${report.code}`)).json();
    expect(view.abilities.reopen).toBe(false);
    const late = await as(citizen).post(`/api/v1/reports/${report.code}/reopen`, { reason: 'กลับมาพังอีก' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('reopen_window_passed');
    expect((await stateOf(report.code))).toMatchObject({ state: 'fixed', reopen_count: 0 });
  });
});

describe('staff work queue', () => {
  it('filters by state, category, overdue and text; sorts by support', async () => {
    const { report: drainReport } = await fileReport(t.app, citizen, { category: 'drain', description: 'ท่อระบายน้ำอุดตันหน้าร้านข้าวแกง' });
    const { report: old } = await fileReport(t.app, citizen, { category: 'trees', description: 'กิ่งไม้ใหญ่หักพาดถนน' });
    await sql`update reports set created_at = now() - interval '40 days', due_fix_at = now() - interval '10 days', due_first_response_at = now() - interval '39 days' where code = ${old.code}`.execute(t.db);
    const q = (query: string) => as(bangRak).get(`/api/v1/staff/queue?${query}`).then((r) => r.json().items.map((i: { code: string }) => i.code) as string[]);
    expect(await q('category=drain')).toContain(drainReport.code);
    expect(await q('category=drain')).not.toContain(old.code);
    const overdue = await q('overdue=true');
    expect(overdue).toContain(old.code);
    expect(overdue).not.toContain(drainReport.code);
    expect(await q(`q=${encodeURIComponent('ท่ออุดตัน')}`)).toContain(drainReport.code);
    const page = (await as(bangRak).get('/api/v1/staff/queue?sort=age_desc')).json();
    expect(page.items[0].code).toBe(old.code);
    expect(page.items[0].overdue).toBe(true);
    expect((await as(otherDistrict).get('/api/v1/staff/queue').then((r) => r.json().items.map((i: { code: string }) => i.code)))).not.toContain(drainReport.code);
    expect((await as(citizen).get('/api/v1/staff/queue')).statusCode).toBe(403);
    expect((await as(null).get('/api/v1/staff/queue')).statusCode).toBe(401);
  });

  it('bulk-accepts and reports each failure on its own', async () => {
    const a = (await fileReport(t.app, citizen)).report.code;
    const b = (await fileReport(t.app, citizen)).report.code;
    await as(bangRak).post(`/api/v1/reports/${b}/accept`);
    const bulk = await as(bangRak).post('/api/v1/staff/queue/bulk', { codes: [a, b], action: 'accept' });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json().updated).toBe(1);
    expect(bulk.json().failed).toEqual([{ code: b, detail: expect.stringContaining('สถานะ') }]);
  });
});

describe('corrections teach the suggester', () => {
  it('a recategorised description moves to the new category', async () => {
    const text = 'ฟุตบาทยกตัวสูงจนรถเข็นผ่านไม่ได้ บริเวณวินมอเตอร์ไซค์ ซอยกล้วยไม้แดงสด';
    const { report } = await fileReport(t.app, citizen, { category: 'road', description: text });
    const change = await as(bangRak).post(`/api/v1/reports/${report.code}/category`, { category_code: 'sidewalk', reason: 'เป็นปัญหาทางเท้า' });
    expect(change.statusCode, change.body).toBe(200);
    expect(change.json().category.code).toBe('sidewalk');
    expect(change.json().timeline.at(-1)).toMatchObject({ kind: 'category_changed', data: expect.objectContaining({ from: 'road', to: 'sidewalk' }) });
    // Teach it a few more times so the effect is unmistakable for this unique phrase.
    for (let i = 0; i < 3; i++) {
      const again = await fileReport(t.app, citizen, { category: 'road', description: text });
      await as(bangRak).post(`/api/v1/reports/${again.report.code}/category`, { category_code: 'sidewalk', reason: 'ทางเท้า' });
    }
    const suggestion = (await as(null).get(`/api/v1/categories/suggest?text=${encodeURIComponent('ซอยกล้วยไม้แดงสด')}`)).json();
    expect(suggestion[0].code).toBe('sidewalk');
  });
});

describe('public list and search', () => {
  it('finds "ท่อระบายน้ำอุดตัน" from "ท่ออุดตัน" and filters by district and state', async () => {
    const { report } = await fileReport(t.app, null, { category: 'drain', description: 'ท่อระบายน้ำอุดตันส่งกลิ่นเหม็น ซอยสีลม 9' });
    const found = (await as(null).get(`/api/v1/reports?q=${encodeURIComponent('ท่ออุดตัน')}`)).json();
    expect(found.items.map((i: { code: string }) => i.code)).toContain(report.code);
    const none = (await as(null).get(`/api/v1/reports?q=${encodeURIComponent('ท่ออุดตัน')}&district=1001`)).json();
    expect(none.items.map((i: { code: string }) => i.code)).not.toContain(report.code);
    const byState = (await as(null).get('/api/v1/reports?state=received&district=1004&page_size=100')).json();
    expect(byState.items.every((i: { state: string }) => i.state === 'received')).toBe(true);
    expect(byState.total).toBeGreaterThan(0);
    expect((await as(null).get('/api/v1/reports?state=bogus')).statusCode).toBe(400);
    expect((await as(null).get('/api/v1/reports?from=notadate')).statusCode).toBe(400);
    expect((await as(null).get('/api/v1/reports/BKK-00-AAAAAA')).statusCode).toBe(404);
  });
});

describe('public figures', () => {
  it('counts fixed, closed and open separately, with medians and no ranking under 30 reports', async () => {
    const f = t.app;
    const before = (await as(null).get('/api/v1/figures?group_by=agency')).json();
    const { report } = await fileReport(f, citizen, { category: 'lighting', description: 'ไฟถนนดับ' });
    await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    await fixWithPhoto(bangRak, report.code);
    const after = (await as(null).get('/api/v1/figures?group_by=agency')).json();
    expect(after.totals.received).toBe(before.totals.received + 1);
    expect(after.totals.fixed).toBe(before.totals.fixed + 1);
    expect(after.totals.fixed + after.totals.closed_unfixed + after.totals.open).toBe(after.totals.received);
    expect(after.totals.median_fix_hours).not.toBeNull();
    const group = after.groups.find((g: { key: string }) => g.key === 'district-1004');
    expect(group.ranked).toBe(group.received >= 30);
    expect(after.definitions.fixed_en).toMatch(/never counted/);
    const months = (await as(null).get('/api/v1/figures?group_by=month')).json();
    const thisMonth = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const current = months.groups.find((g: { key: string }) => g.key === thisMonth);
    expect(current.received).toBeGreaterThan(0);
    expect(current.name_th).toMatch(/25\d\d/); // Buddhist Era year
    expect(months.groups.every((g: { ranked: boolean }) => g.ranked === false)).toBe(true);
    const channels = (await as(null).get('/api/v1/figures?group_by=channel')).json();
    expect(channels.groups.find((g: { key: string }) => g.key === 'web')).toMatchObject({ name_th: 'เว็บไซต์', name_en: 'Website' });
    expect((await as(null).get('/api/v1/figures?group_by=planet')).statusCode).toBe(400);
    expect((await as(null).get('/api/v1/figures?from=2026-02-01&to=2026-01-01')).statusCode).toBe(400);
  });
});

describe('the reporter is told on their channel', () => {
  it('every state change queues one message per subscription, in the same transaction', async () => {
    const { report } = await fileReport(t.app, null);
    const row = await t.db.selectFrom('reports').select('id').where('code', '=', report.code).executeTakeFirstOrThrow();
    await t.db.insertInto('report_subscriptions').values([
      { report_id: row.id, channel: 'line', address: 'U-line-user-1', locale: 'th' },
      { report_id: row.id, channel: 'sms', address: '+66812345678', locale: 'en' },
    ]).execute();
    const outbox = () => t.db.selectFrom('outbox').selectAll().where(sql<boolean>`payload->'subject'->>'id' = ${report.code}`).orderBy('id').execute();
    await as(bangRak).post(`/api/v1/reports/${report.code}/notes`, { text: 'บันทึกภายใน', visibility: 'internal' });
    expect(await outbox()).toHaveLength(0);
    await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    const messages = await outbox();
    expect(messages.map((m) => [m.channel, m.recipient])).toEqual([['line', 'U-line-user-1'], ['sms', '+66812345678']]);
    const [th, en] = messages.map((m) => m.payload as { text: string; link: string });
    expect(th!.text).toContain('กำลังดำเนินการ');
    expect(th!.text).toContain(report.code);
    expect(en!.text).toMatch(/in progress/i);
    expect(th!.link).toMatch(new RegExp(`/r/${report.code}$`));
    // A refused change queues nothing.
    await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    expect(await outbox()).toHaveLength(2);
  });
});

describe('app push to followers', () => {
  it("a follower's registered devices get a push on every state change; a removed device does not", async () => {
    const { report } = await fileReport(t.app, citizen);
    const bad = await as(citizen).post('/api/v1/me/push-tokens', { token: 'short', platform: 'android' });
    expect(bad.statusCode).toBe(400);
    expect((await as(null).post('/api/v1/me/push-tokens', { token: 'device-token-123456', platform: 'android' })).statusCode).toBe(401);
    expect((await as(citizen).post('/api/v1/me/push-tokens', { token: 'device-token-123456', platform: 'android', locale: 'en' })).statusCode).toBe(204);
    expect((await as(citizen).post('/api/v1/me/push-tokens', { token: 'device-token-abcdef', platform: 'ios' })).statusCode).toBe(204);
    expect((await as(citizen).delete('/api/v1/me/push-tokens/device-token-abcdef')).statusCode).toBe(204);
    expect((await as(citizen).delete('/api/v1/me/push-tokens/device-token-abcdef')).statusCode).toBe(404);
    await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    const pushes = await t.db.selectFrom('outbox').selectAll().where('channel', '=', 'app_push').where(sql<boolean>`payload->'subject'->>'id' = ${report.code}`).execute();
    expect(pushes.map((p) => p.recipient)).toEqual(['device-token-123456']);
    expect((pushes[0]!.payload as { text: string }).text).toMatch(/in progress/i);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'in', ['user.push_token_register', 'user.push_token_remove']).execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });
});

describe('review follow-ups', () => {
  it('staff cannot close a report as withdrawn: only the reporter withdraws', async () => {
    const { report } = await fileReport(t.app, citizen);
    const r = await as(bangRak).post(`/api/v1/reports/${report.code}/close`, { reason: 'withdrawn', note: 'ผู้แจ้งโทรมาขอถอน' });
    expect(r.statusCode).toBe(400);
    expect((await stateOf(report.code)).state).toBe('received');
  });

  it('internal steps are not a first response; accept is', async () => {
    const { report } = await fileReport(t.app, citizen);
    await as(bangRakAdmin).post(`/api/v1/reports/${report.code}/assign`, { assignee_id: bangRak.publicId });
    await as(bangRak).post(`/api/v1/reports/${report.code}/coowners`, { agency_code: 'bma-drainage' });
    await as(bangRak).post(`/api/v1/reports/${report.code}/category`, { category_code: 'sidewalk', reason: 'ทางเท้า' });
    await as(bangRak).post(`/api/v1/reports/${report.code}/notes`, { text: 'ภายใน', visibility: 'internal' });
    const first = () => t.db.selectFrom('reports').select('first_response_at').where('code', '=', report.code).executeTakeFirstOrThrow();
    expect((await first()).first_response_at).toBeNull();
    await as(bangRak).post(`/api/v1/reports/${report.code}/accept`);
    expect((await first()).first_response_at).not.toBeNull();
  });

  it('a fix from someone who may not fix is refused before any photo is decoded or stored', async () => {
    const { report } = await fileReport(t.app, citizen);
    const files = () => t.db.selectFrom('report_photos').select('id').execute().then((r) => r.length);
    const before = await files();
    expect((await fixWithPhoto(citizen, report.code)).statusCode).toBe(403);
    expect((await fixWithPhoto(otherDistrict, report.code)).statusCode).toBe(403);
    const anon = await client(t.app, null).multipart(`/api/v1/reports/${report.code}/fix`, { note: 'x' }, []);
    expect(anon.statusCode).toBe(401);
    expect(await files()).toBe(before);
  });

  it('contact details and internal notes never appear in public lists, nearby, my reports, or to another agency', async () => {
    const { report } = await fileReport(t.app, citizen, { contact_phone: '0891112222', contact_email: 'secret.person@example.org', category: 'trees', description: 'ต้นไม้ล้มขวางซอยลับ', lat: 13.7288, lng: 100.5238 });
    await as(bangRak).post(`/api/v1/reports/${report.code}/notes`, { text: 'หมายเหตุลับเฉพาะเจ้าหน้าที่', visibility: 'internal' });
    const bodies = [
      (await as(null).get(`/api/v1/reports?q=${encodeURIComponent('ต้นไม้ล้ม')}`)).body,
      (await as(null).get('/api/v1/reports/nearby?lat=13.7288&lng=100.5238&category=trees')).body,
      (await as(citizen).get('/api/v1/me/reports')).body,
      (await as(otherDistrict).get(`/api/v1/reports/${report.code}`)).body,
      (await as(stranger).get(`/api/v1/reports/${report.code}`)).body,
      (await client(t.app, null).get(`/open311/v2/requests/${report.code}.json?extensions=true`)).body,
    ];
    for (const body of bodies) {
      expect(body).not.toContain('secret.person');
      expect(body).not.toContain('1112222');
      expect(body).not.toContain('หมายเหตุลับ');
    }
    expect(bodies[0]).toContain(report.code);
  });
});
