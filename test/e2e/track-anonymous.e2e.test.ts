// Someone without an account files a report, keeps the tracking code, and later, on a
// fresh browser (no session, no stored key), types the code on /track to see progress.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startE2E, type E2E } from './harness.ts';
import { client, createStaff } from '../helpers/factories.ts';
import { fileReportInBrowser, stateText, timelineKinds } from './flows.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

describe('tracking a report without an account', () => {
  it('files anonymously, then finds the report again by its code on /track', async () => {
    // ── Filing, not signed in ─────────────────────────────────────────────────────
    const first = await e2e.phone();
    const code = await fileReportInBrowser(first.page, { category: 'road', description: 'ถนนทรุดเป็นแอ่งหน้าตลาด น้ำขังทุกครั้งที่ฝนตก' });
    // Anonymous: the page gives a private link to keep (the key to rate or withdraw later).
    const privateLink = await first.page.getByTestId('private-link').inputValue();
    expect(privateLink).toContain(`/r/${code}?key=`);
    const stored = await e2e.db.selectFrom('reports').select(['reporter_id', 'reporter_token_hash', 'state']).where('code', '=', code).executeTakeFirstOrThrow();
    expect(stored.reporter_id).toBeNull();
    expect(stored.reporter_token_hash).not.toBeNull();
    await first.context.close();

    // ── Meanwhile the district office accepts it ─────────────────────────────────
    const officer = await createStaff(e2e.app, e2e.db, 'district-1004');
    const accepted = await client(e2e.app, officer).post(`/api/v1/reports/${code}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);

    // ── Later, a fresh browser: types the code (as people do, in lower case) ──────
    const later = await e2e.phone();
    const page = later.page;
    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: 'ติดตามเรื่อง' }).click();
    await page.getByRole('heading', { level: 1, name: 'ติดตามเรื่อง' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/track');
    await page.getByLabel('รหัสติดตามเรื่อง').fill(`  ${code.toLowerCase()} `);
    const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/reports/${code}`);
    await page.getByRole('button', { name: 'ดูสถานะ' }).click();
    expect((await loaded).status()).toBe(200);
    await page.waitForURL((url) => url.pathname === `/r/${code}`);
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${code}` }).waitFor();

    expect(await stateText(page)).toBe('กำลังดำเนินการ');
    expect(await page.locator('.facts').innerText()).toContain('สำนักงานเขตบางรัก');
    expect(await page.getByText('ถนนทรุดเป็นแอ่งหน้าตลาด').isVisible()).toBe(true);
    const kinds = await timelineKinds(page);
    expect(kinds).toContain('created');
    expect(kinds).toContain('accepted');
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline).toContain('แจ้งเรื่อง');
    expect(timeline).toContain('หน่วยงานรับเรื่อง');
    // Without the private key this browser is not the reporter: no withdraw button.
    expect(await page.getByRole('button', { name: 'ถอนเรื่อง' }).count()).toBe(0);
  });
});
