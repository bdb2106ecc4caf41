// The 1555 call centre at a desk, driven from the keyboard: an agent signs in, types a
// caller's number, hears back the caller's earlier report, files a new one by place
// names (Bang Rak, a soi, a landmark — no pin), reads out the tracking number, and
// the Bang Rak district office finds it in its queue.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import { describeViolations, seriousAxeViolations, startE2E, type E2E } from './harness.ts';
import { createStaffAccount, eventually, ROAD_TEXT, signIn, unique } from './flows.ts';

let e2e: E2E;
let desk: BrowserContext | null = null;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await desk?.close().catch(() => undefined);
  await e2e?.close();
});

async function createAgentAccount() {
  const email = `agent.${unique()}@1555.bangkok.go.th`;
  const password = 'agent password 1';
  const display_name = `เจ้าหน้าที่ 1555 ${unique()}`;
  await createAuthService(e2e.db).createUser({ email, password, display_name, role: 'agent' }, SYSTEM_ACTOR('e2e'));
  return { email, password, display_name };
}

/** A desk screen: the console is made for one, though it works on a phone too. */
async function deskPage(): Promise<Page> {
  desk = await e2e.browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'th-TH', baseURL: e2e.baseUrl });
  const page = await desk.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function expectNoSeriousViolations(page: Page) {
  const violations = await seriousAxeViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe('the 1555 agent console', () => {
  it("finds a caller's history and files a report by place names; the district office sees it", async () => {
    // ── A caller who reported a pothole on the web last time, leaving a phone number ─
    const phone = `08${crypto.randomInt(10_000_000, 99_999_999)}`;
    const earlier = await fetch(`${e2e.baseUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'road', description: 'ถนนหน้าตลาดเป็นหลุม', lat: 13.7292, lng: 100.5243, contact_phone: phone }),
    });
    expect(earlier.status).toBe(201);
    const earlierCode = ((await earlier.json()) as { report: { code: string } }).report.code;

    // ── The agent signs in and lands on the console, the phone field ready ──────────
    const agent = await createAgentAccount();
    const page = await deskPage();
    await signIn(page, agent, '/callcentre');
    await page.getByRole('heading', { level: 1, name: 'ศูนย์รับแจ้ง 1555' }).waitFor();
    await eventually(() => focusedId(page)).toBe('cc-phone');
    await expectNoSeriousViolations(page);

    // ── Types the number as the caller says it, presses Enter ───────────────────────
    const looked = page.waitForResponse((r) => r.url().includes('/api/v1/callcentre/callers/'));
    await page.keyboard.type(`${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`);
    await page.keyboard.press('Enter');
    expect((await looked).status()).toBe(200);
    const readback = page.getByTestId('caller-readback');
    await eventually(() => readback.innerText()).toContain('คุณมีเรื่องที่แจ้งไว้ 1 เรื่อง');
    const sentence = await readback.innerText();
    expect(sentence).toContain(earlierCode);
    expect(sentence).toContain('เรื่องถนน เขตบางรัก');
    expect(sentence).toContain('ตอนนี้ได้รับเรื่องแล้ว');
    const row = page.locator(`[data-testid="caller-report"][data-code="${earlierCode}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('รับเรื่องแล้ว');
    await expectNoSeriousViolations(page);

    // ── Files the new report by place names, from the keyboard ──────────────────────
    await page.locator('#cc-caller_name').fill('คุณสมศรี');
    await page.locator('#cc-district').focus();
    await page.keyboard.type('บางร');
    await page.getByRole('option', { name: /บางรัก/ }).waitFor();
    await page.keyboard.press('Enter'); // takes the highlighted district, does not send the form
    expect(await page.locator('#cc-district').inputValue()).toBe('บางรัก');
    await eventually(() => page.getByTestId('place-result').innerText()).toContain('ตำแหน่งโดยประมาณ: กลางเขตบางรัก');
    await page.keyboard.press('Tab');
    await page.keyboard.type('สีลม');
    await page.locator('#cc-road').fill('ซอยสีลม 5');
    await page.locator('#cc-landmark').fill('ร้านสะดวกซื้อหน้าปากซอย');
    await page.getByLabel('รายละเอียดปัญหา').fill(ROAD_TEXT);
    // The suggester reads the description and fills the category in.
    await eventually(() => page.locator('#category').inputValue()).toBe('road');
    await page.getByLabel('SMS ไปที่หมายเลขนี้').check();
    await page.getByLabel('รายละเอียดปัญหา').focus();
    const filedResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/callcentre/reports' && r.request().method() === 'POST');
    await page.keyboard.press('Control+Enter');
    const filed = await filedResponse;
    expect(filed.status(), await filed.text()).toBe(201);

    // ── The tracking number, big, spelled for reading aloud ────────────────────────
    await page.getByRole('heading', { level: 2, name: 'รับเรื่องแล้ว' }).waitFor();
    const code = (await page.getByTestId('tracking-code').innerText()).trim();
    expect(code).toMatch(/^BKK-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
    expect(await page.getByTestId('tracking-readback').innerText()).toMatch(/^บี เค เค ขีด /);
    await page.getByText('ส่งถึง สำนักงานเขตบางรัก').waitFor();
    await page.getByText('ระบบจะส่ง SMS ยืนยันพร้อมเลขติดตาม', { exact: false }).waitFor();
    await expectNoSeriousViolations(page);

    const stored = await e2e.db
      .selectFrom('reports')
      .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
      .select(['reports.channel', 'reports.contact_phone', 'reports.contact_name', 'reports.address', 'reports.district_code', 'agencies.code as agency'])
      .where('reports.code', '=', code)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      channel: 'call_centre', contact_phone: `+66${phone.slice(1)}`, contact_name: 'คุณสมศรี', district_code: 1004, agency: 'district-1004',
      address: 'แขวงสีลม ซอยสีลม 5 ใกล้ร้านสะดวกซื้อหน้าปากซอย เขตบางรัก',
    });
    const sms = await e2e.db.selectFrom('outbox').select(['channel', 'payload']).where('recipient', '=', `+66${phone.slice(1)}`).execute();
    expect(sms).toHaveLength(1);
    expect(JSON.stringify(sms[0].payload)).toContain(code);

    // ── Alt+N: the next caller, everything cleared, the phone field ready ──────────
    await page.keyboard.press('Alt+KeyN');
    await eventually(() => page.getByTestId('tracking-code').count()).toBe(0);
    await eventually(() => focusedId(page)).toBe('cc-phone');
    expect(await page.locator('#cc-phone').inputValue()).toBe('');
    expect(await page.getByTestId('caller-readback').innerText()).toBe('');

    // ── The Bang Rak district office finds it in its queue ─────────────────────────
    const officer = await createStaffAccount(e2e.db, 'district-1004');
    const office = await e2e.phone();
    await signIn(office.page, officer, '/staff');
    await office.page.getByRole('heading', { level: 1, name: 'งานของหน่วยงาน' }).waitFor();
    const queueRow = office.page.locator(`[data-testid="queue-row"][data-code="${code}"]`);
    await queueRow.waitFor();
    expect(await queueRow.innerText()).toContain('บางรัก');
    expect(await queueRow.getByText('รับเรื่องแล้ว').isVisible()).toBe(true);
  });
});
