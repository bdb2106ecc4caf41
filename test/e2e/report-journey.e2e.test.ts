// The whole story on a phone, as people would click it: a citizen files a pothole in
// Bang Rak, the district accepts it and forwards it to Public Works, Public Works fixes
// it with an after photo, the citizen sees the fix and rates it, and the public figures
// count it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, type E2E } from './harness.ts';
import { cleanupPhotos, createStaffAccount, eventually, fileReportInBrowser, expectSignedInAs, makeJpeg, signIn, stateText, timelineKinds, unique } from './flows.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
  cleanupPhotos();
});

describe('a report from filing to fixed, on a phone', () => {
  it('citizen files, district accepts and forwards, Public Works fixes, citizen rates, figures count it', async () => {
    const beforePhoto = await makeJpeg('pothole', 1);
    const afterPhoto = await makeJpeg('repaired', 2);

    // ── The citizen signs up on /signup ──────────────────────────────────────────
    const citizen = await e2e.phone();
    const cp = citizen.page;
    const citizenName = `สมหญิง ${unique()}`;
    await cp.goto('/signup');
    await cp.getByRole('heading', { level: 1, name: 'สมัครสมาชิก' }).waitFor();
    await cp.locator('#signup-contact').fill(`somying.${unique()}@example.org`);
    await cp.getByLabel('ชื่อที่แสดง').fill(citizenName);
    await cp.getByLabel('รหัสผ่าน').fill('correct horse battery');
    const signedUp = cp.waitForResponse((r) => r.url().endsWith('/api/v1/auth/signup'));
    await cp.getByRole('button', { name: 'สมัครสมาชิก' }).click();
    expect((await signedUp).status()).toBe(201);
    await cp.getByRole('heading', { level: 1, name: 'แจ้งปัญหาเมือง เห็นการแก้ไขจริง' }).waitFor();
    await expectSignedInAs(cp, citizenName);

    // ── …and files a report with a pin in Bang Rak and one photo ─────────────────
    const code = await fileReportInBrowser(cp, { photo: beforePhoto, address: 'หน้าปากซอยสีลม 5' });
    // Signed in, so there is no private link to keep: the account is the key.
    expect(await cp.getByTestId('private-link').count()).toBe(0);
    await cp.getByText('ส่งถึง สำนักงานเขตบางรัก แล้ว').waitFor();

    // ── The Bang Rak officer signs in, finds it in the queue, accepts and forwards ─
    const districtOfficer = await createStaffAccount(e2e.db, 'district-1004');
    const district = await e2e.phone();
    const dp = district.page;
    await signIn(dp, districtOfficer, '/staff');
    await dp.getByRole('heading', { level: 1, name: 'งานของหน่วยงาน' }).waitFor();
    const row = dp.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('บางรัก');
    expect(await row.getByText('รับเรื่องแล้ว').isVisible()).toBe(true);
    await row.getByRole('link', { name: code }).click();
    await dp.getByRole('heading', { level: 1, name: `จัดการเรื่อง ${code}` }).waitFor();
    expect(await stateText(dp)).toBe('รับเรื่องแล้ว');

    const accept = dp.getByTestId('action-accept');
    const accepted = dp.waitForResponse((r) => r.url().endsWith(`/reports/${code}/accept`));
    await accept.getByRole('button', { name: 'รับเรื่อง' }).click();
    expect((await accepted).status()).toBe(200);
    await eventually(() => stateText(dp)).toBe('กำลังดำเนินการ');
    await dp.getByText('บันทึกการดำเนินการแล้ว').waitFor();

    const forward = dp.getByTestId('action-forward');
    await forward.getByLabel('หน่วยงาน').selectOption('bma-public-works');
    await forward.getByLabel('เหตุผล').fill('ถนนสายหลัก อยู่ในความดูแลของสำนักการโยธา');
    const forwarded = dp.waitForResponse((r) => r.url().endsWith(`/reports/${code}/forward`));
    await forward.getByRole('button', { name: 'ส่งต่อหน่วยงานอื่น' }).click();
    expect((await forwarded).status()).toBe(200);
    // Now with Public Works, waiting for them: back to "received", and no more buttons here.
    await eventually(() => stateText(dp)).toBe('รับเรื่องแล้ว');
    await dp.getByText('คุณไม่มีสิ่งที่ต้องทำกับเรื่องนี้ในตอนนี้').waitFor();
    expect(await dp.locator('.facts').innerText()).toContain('สำนักการโยธา');

    // ── The Public Works officer finds it in their queue and marks it fixed ──────
    const worksOfficer = await createStaffAccount(e2e.db, 'bma-public-works');
    const works = await e2e.phone();
    const wp = works.page;
    await signIn(wp, worksOfficer, '/staff');
    const worksRow = wp.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await worksRow.waitFor();
    await worksRow.getByRole('link', { name: code }).click();
    await wp.getByRole('heading', { level: 1, name: `จัดการเรื่อง ${code}` }).waitFor();
    const fix = wp.getByTestId('action-fix');
    await fix.getByLabel('บอกผู้แจ้งว่าแก้ไขอะไรไปแล้ว').fill('ปะผิวถนนและบดอัดเรียบร้อยแล้ว');
    await fix.locator('#fix-photos').setInputFiles(afterPhoto);
    await fix.getByRole('img', { name: 'ตัวอย่างรูปที่ 1' }).waitFor();
    const fixed = wp.waitForResponse((r) => r.url().endsWith(`/reports/${code}/fix`));
    await fix.getByRole('button', { name: 'แจ้งว่าแก้ไขเสร็จ' }).click();
    expect((await fixed).status()).toBe(200);
    await eventually(() => stateText(wp)).toBe('แก้ไขแล้ว');
    await wp.getByRole('heading', { name: 'รูปหลังแก้ไข' }).waitFor();

    // ── The citizen opens the report: fixed, with the whole story, and rates it ──
    await cp.goto(`/r/${code}`);
    await cp.getByRole('heading', { level: 1, name: `เรื่อง ${code}` }).waitFor();
    expect(await stateText(cp)).toBe('แก้ไขแล้ว');
    const kinds = await timelineKinds(cp);
    for (const kind of ['created', 'accepted', 'forwarded', 'fixed']) expect(kinds).toContain(kind);
    expect(kinds.indexOf('accepted')).toBeLessThan(kinds.indexOf('forwarded'));
    expect(kinds.indexOf('forwarded')).toBeLessThan(kinds.indexOf('fixed'));
    const timeline = await cp.getByTestId('timeline').innerText();
    expect(timeline).toContain('หน่วยงานรับเรื่อง');
    expect(timeline).toContain('ส่งต่อหน่วยงานอื่น');
    expect(timeline).toContain('แก้ไขเสร็จแล้ว');
    expect(timeline).toContain('ปะผิวถนนและบดอัดเรียบร้อยแล้ว');
    expect(await cp.getByRole('img', { name: /รูปก่อนแก้ไข 1/ }).count()).toBe(1);
    expect(await cp.getByRole('img', { name: /รูปหลังแก้ไข 1/ }).count()).toBe(1);

    await cp.getByRole('heading', { name: 'ให้คะแนนการแก้ไข' }).waitFor();
    await cp.getByLabel('5 ดาว — พอใจมาก').check();
    const rated = cp.waitForResponse((r) => r.url().endsWith(`/reports/${code}/rating`));
    await cp.getByRole('button', { name: 'ส่งคะแนน' }).click();
    expect((await rated).status()).toBeLessThan(300);
    await cp.getByText('ดำเนินการเรียบร้อยแล้ว').waitFor();
    await eventually(() => cp.locator('.facts').innerText()).toContain('5 จาก 5 ดาว');
    await eventually(() => timelineKinds(cp)).toContain('rated');

    // ── The public figures count it as fixed ────────────────────────────────────
    await cp.goto('/figures');
    await cp.getByRole('heading', { level: 1, name: 'ตัวเลขผลงาน' }).waitFor();
    const fixedCard = cp.getByTestId('total-fixed');
    await fixedCard.waitFor();
    const shown = Number((await fixedCard.locator('.stat-card__value').innerText()).replace(/[^\d]/g, ''));
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(await fixedCard.innerText()).toContain('แก้ไขแล้ว');

    const api = await fetch(`${e2e.baseUrl}/api/v1/figures`);
    expect(api.status).toBe(200);
    const figures = (await api.json()) as { totals: { received: number; fixed: number; rating_avg: number | null; rating_count: number } };
    expect(figures.totals.fixed).toBeGreaterThanOrEqual(1);
    expect(figures.totals.received).toBeGreaterThanOrEqual(1);
    expect(figures.totals.rating_count).toBeGreaterThanOrEqual(1);
    expect(shown).toBe(figures.totals.fixed);

    // ── And the stored state agrees with what people saw ─────────────────────────
    const stored = await e2e.db
      .selectFrom('reports')
      .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
      .innerJoin('categories', 'categories.id', 'reports.category_id')
      .select(['reports.id', 'reports.state', 'reports.rating', 'reports.district_code', 'reports.reporter_id', 'agencies.code as agency', 'categories.code as category'])
      .where('reports.code', '=', code)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: 'fixed', rating: 5, agency: 'bma-public-works', category: 'road', district_code: 1004 });
    expect(stored.reporter_id).not.toBeNull();
    const photos = await e2e.db.selectFrom('report_photos').select('kind').where('report_id', '=', stored.id).execute();
    expect(photos.filter((p) => p.kind === 'before')).toHaveLength(1);
    expect(photos.filter((p) => p.kind === 'after')).toHaveLength(1);

    const publicView = await fetch(`${e2e.baseUrl}/api/v1/reports/${code}`);
    const body = (await publicView.json()) as { state: string; rating: number; agency: { code: string }; photos: Array<{ kind: string }> };
    expect(body).toMatchObject({ state: 'fixed', rating: 5, agency: { code: 'bma-public-works' } });
    expect(body.photos.map((p) => p.kind).sort()).toEqual(['after', 'before']);
  });
});
