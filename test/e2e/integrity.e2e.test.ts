// A corruption complaint on phones, as people would click it: a person files anonymously
// with a piece of evidence and keeps the receipt; a screening officer accepts the case
// and assigns an investigator, who asks a question; the person comes back with the
// receipt (nothing remembered by the browser) and answers; the investigator records the
// finding and a sanction; the public register shows the case with no identity and the
// figures count it. axe checks the whistleblower and public pages on the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import { describeViolations, seriousAxeViolations, startE2E, type E2E } from './harness.ts';
import { eventually, signIn, unique } from './flows.ts';

let e2e: E2E;
let tmp: string;

const WHAT = 'เจ้าหน้าที่พัสดุเรียกรับเงินสามหมื่นบาทจากผู้รับเหมาเพื่อให้ผ่านการตรวจรับงานถนน';
const OFFICIAL = `นายสมมติ ทดสอบ ${unique()}`;
const QUESTION = 'ท่านเห็นการส่งเงินด้วยตนเองหรือไม่ และมีหลักฐานการโอนหรือไม่';
const ANSWER = 'เห็นด้วยตนเองที่ห้องพัสดุ มีภาพถ่ายสลิปโอนเงินที่แนบไว้แล้ว';

beforeAll(async () => {
  e2e = await startE2E();
  // The harness's config comes from loadConfig, which outside production generates the
  // unit key into DATA_DIR; without a key the complaint routes answer 503.
  if (!e2e.config.integrityKey) throw new Error('the e2e app has no integrity key (set INTEGRITY_KEY, or run outside NODE_ENV=production)');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-e2e-integrity-'));
});

afterAll(async () => {
  await e2e?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${what} (${page.url()}):\n${describeViolations(violations)}`).toEqual([]);
}

/** An integrity-unit account with no home agency, made as an administrator would. */
async function unitAccount(role: 'screening_officer' | 'investigator') {
  const email = `${role}.${unique()}@integrity.bangkok.go.th`;
  const password = 'integrity password 1';
  const display_name = `${role === 'investigator' ? 'ผู้สอบสวน' : 'ผู้กลั่นกรอง'} ${unique()}`;
  await createAuthService(e2e.db).createUser({ email, password, display_name, role, agency_id: null }, SYSTEM_ACTOR('e2e'));
  return { email, password, display_name };
}

/** Nothing about the case may be left in the address bar or in web storage. */
async function expectNothingKept(page: Page, secrets: string[]): Promise<void> {
  const kept = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  for (const s of secrets) {
    expect(page.url()).not.toContain(s);
    expect(kept).not.toContain(s);
  }
}

const stageOf = async (page: Page) => (await page.getByTestId('integrity-stage').innerText()).trim();

async function openStaffCase(page: Page, caseNumber: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'งานตรวจสอบทุจริต' }).waitFor();
  const row = page.locator(`[data-testid="integrity-queue-row"][data-case="${caseNumber}"]`);
  await row.getByRole('link', { name: caseNumber }).click();
  await page.getByRole('heading', { level: 1, name: `เรื่อง ${caseNumber}` }).waitFor();
}

async function postAnd(page: Page, suffix: string, click: () => Promise<void>, status = 200): Promise<void> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(suffix));
  await click();
  const response = await answer;
  expect(response.status(), await response.text()).toBe(status);
}

describe('a corruption complaint from filing to the public register, on phones', () => {
  it('files anonymously, is screened and investigated, answered with the receipt, decided, sanctioned and published without identity', async () => {
    const evidence = path.join(tmp, 'slip.txt');
    fs.writeFileSync(evidence, 'โอนเงิน 30,000 บาท วันที่ 3 มีนาคม\n');

    // ── The person files from /integrity, anonymously, with one evidence file ─────
    const person = await e2e.phone();
    const pp = person.page;
    await pp.goto('/integrity');
    await pp.getByRole('heading', { level: 1, name: 'แจ้งเรื่องทุจริตอย่างปลอดภัย' }).waitFor();
    expect(await pp.getByText(/ไม่เก็บหมายเลข IP/).first().isVisible()).toBe(true);
    await pp.getByRole('link', { name: 'แจ้งเรื่องทุจริต', exact: true }).click();
    await pp.getByRole('heading', { level: 1, name: 'แจ้งเรื่องทุจริต' }).waitFor();
    await pp.locator('#agency_code option[value="district-1004"]').waitFor({ state: 'attached' });
    await pp.locator('#agency_code').selectOption('district-1004');
    await pp.locator('#allegation_kind').selectOption('bribery');
    await pp.getByLabel('รายละเอียดเหตุการณ์').fill(WHAT);
    await pp.locator('#when_text').fill('ต้นเดือนมีนาคม 2569');
    await pp.locator('#where_text').fill('ห้องพัสดุ สำนักงานเขตบางรัก');
    await pp.locator('#amount_baht').fill('30,000');
    await pp.locator('#evidence').setInputFiles(evidence);
    await pp.getByRole('button', { name: 'ลบ slip.txt' }).waitFor();
    expect(await pp.locator('#identity_may_disclose').isChecked()).toBe(false);
    await expectNoSeriousViolations(pp, 'complaint form');

    const filedAnswer = pp.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/integrity/complaints' && r.request().method() === 'POST');
    await pp.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    const filed = await filedAnswer;
    expect(filed.status(), await filed.text()).toBe(201);
    expect(filed.headers()['cache-control']).toBe('no-store');
    expect(filed.headers()['referrer-policy']).toBe('no-referrer');
    expect((await filed.request().allHeaders()).cookie).toBeUndefined();

    // ── The receipt, shown once, large, in groups of digits ─────────────────────
    await pp.getByRole('heading', { level: 1, name: 'ได้รับเรื่องแล้ว' }).waitFor();
    const caseNumber = (await pp.getByTestId('integrity-case-number').innerText()).trim();
    expect(caseNumber).toMatch(/^INT-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
    const shownReceipt = (await pp.getByTestId('integrity-receipt').innerText()).trim();
    const groups = shownReceipt.split(/\s+/);
    expect(groups.length).toBeGreaterThanOrEqual(8);
    const receipt = groups.join('');
    expect(receipt).toMatch(/^\d{40}$/);
    await pp.getByText('รหัสลับนี้แสดงเพียงครั้งเดียว').waitFor();
    expect(await pp.getByRole('button', { name: 'พิมพ์' }).isVisible()).toBe(true);
    expect(await pp.getByRole('button', { name: 'คัดลอกเลขเรื่องและรหัสลับ' }).isVisible()).toBe(true);
    await expectNothingKept(pp, [receipt, groups[0]!]);
    await expectNoSeriousViolations(pp, 'receipt');
    const done = pp.getByRole('button', { name: 'เสร็จสิ้น' });
    expect(await done.isDisabled()).toBe(true);
    await pp.getByLabel('ฉันจดหรือเก็บรหัสลับไว้แล้ว').check();
    await done.click();
    await pp.waitForURL((u) => u.pathname === '/integrity');

    // ── A screening officer opens it (screening starts), accepts, and assigns ───
    const screener = await unitAccount('screening_officer');
    const investigator = await unitAccount('investigator');
    const so = (await e2e.phone()).page;
    await signIn(so, screener, '/integrity/staff');
    const investigatorList = so.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/integrity/staff/investigators');
    await openStaffCase(so, caseNumber);
    await eventually(() => stageOf(so)).toBe('กำลังกลั่นกรอง');
    expect(await so.getByTestId('integrity-what').innerText()).toBe(WHAT);
    expect(await so.getByTestId('integrity-identity-state').innerText()).toBe('ผู้แจ้งไม่ระบุตัวตน');
    const screen = so.getByTestId('action-screen');
    expect(await screen.getByLabel('รับไว้สอบสวน').isChecked()).toBe(true);
    await screen.getByLabel('เหตุผล').fill('มีรายละเอียดและหลักฐานเพียงพอให้สอบสวน');
    await postAnd(so, `/${caseNumber}/screen`, () => screen.getByRole('button', { name: 'บันทึกผลการกลั่นกรอง' }).click());
    await eventually(() => stageOf(so)).toBe('กำลังสอบสวน');

    const listed = await investigatorList;
    expect(listed.status(), 'the assign form picks from GET /api/v1/integrity/staff/investigators (API contract)').toBe(200);
    const assign = so.getByTestId('action-assign');
    await assign.locator(`#assign-user option`, { hasText: investigator.display_name }).waitFor({ state: 'attached' });
    await assign.locator('#assign-user').selectOption({ label: investigator.display_name });
    await assign.getByLabel('ยืนยันว่าผู้สอบสวนไม่มีส่วนได้เสีย', { exact: false }).check();
    await assign.locator('#assign-statement').fill('ไม่เคยสังกัดหรือมีความสัมพันธ์กับสำนักงานเขตบางรัก');
    await postAnd(so, `/${caseNumber}/assign`, () => assign.getByRole('button', { name: 'มอบหมายผู้สอบสวน' }).click());
    await eventually(() => so.getByTestId('integrity-assignees').innerText()).toContain(investigator.display_name);

    // ── The investigator finds it among their cases and asks a question ─────────
    const ip = (await e2e.phone()).page;
    await signIn(ip, investigator, '/integrity/staff');
    await openStaffCase(ip, caseNumber);
    const ask = ip.getByTestId('action-ask');
    await ask.locator('#ask-text').fill(QUESTION);
    await postAnd(ip, `/${caseNumber}/questions`, () => ask.getByRole('button', { name: 'ส่งคำถาม' }).click(), 201);
    await eventually(() => ip.getByTestId('integrity-question').first().innerText()).toContain(QUESTION);

    // ── The person returns in a fresh browser with the receipt and answers ───────
    const back = (await e2e.phone()).page;
    await back.goto('/integrity/return');
    await back.getByRole('heading', { level: 1, name: 'กลับมาดูเรื่องที่แจ้ง' }).waitFor();
    await back.locator('#ig-case-number').fill(caseNumber);
    await back.locator('#ig-receipt').fill('1'.repeat(40));
    const wrong = back.waitForResponse((r) => r.url().endsWith('/api/v1/integrity/cases/access'));
    await back.getByRole('button', { name: 'เปิดดูเรื่อง' }).click();
    expect((await wrong).status()).toBe(401);
    await back.getByText('เลขเรื่องหรือรหัสลับไม่ถูกต้อง').waitFor();

    await back.locator('#ig-receipt').fill(shownReceipt);
    const opened = back.waitForResponse((r) => r.url().endsWith('/api/v1/integrity/cases/access'));
    await back.getByRole('button', { name: 'เปิดดูเรื่อง' }).click();
    expect((await opened).status()).toBe(200);
    await back.getByRole('heading', { level: 1, name: `เรื่อง ${caseNumber}` }).waitFor();
    expect(await stageOf(back)).toBe('กำลังสอบสวน');
    const question = back.getByTestId('integrity-question').first();
    expect(await question.innerText()).toContain(QUESTION);
    expect(await back.getByTestId('integrity-evidence').innerText()).toContain('slip.txt');
    await expectNothingKept(back, [receipt]);
    await expectNoSeriousViolations(back, 'case view');

    await question.getByLabel('คำตอบของคุณ').fill(ANSWER);
    await postAnd(back, '/api/v1/integrity/cases/mine/answers', () => question.getByRole('button', { name: 'ส่งคำตอบ' }).click(), 201);
    await eventually(() => question.innerText()).toContain(ANSWER);
    expect(await back.getByTestId('integrity-answer-form').count()).toBe(0);

    // A reload forgets the case: only the case number and secret open it again.
    await back.reload();
    await back.getByRole('heading', { level: 1, name: 'กลับมาดูเรื่องที่แจ้ง' }).waitFor();
    expect(await back.getByTestId('integrity-case-number').count()).toBe(0);
    await expectNothingKept(back, [receipt]);

    // ── The investigator reads the answer, records the finding and a sanction ────
    await ip.reload();
    await ip.getByRole('heading', { level: 1, name: `เรื่อง ${caseNumber}` }).waitFor();
    await eventually(() => ip.getByTestId('integrity-question').first().innerText()).toContain(ANSWER);
    const finding = ip.getByTestId('action-finding');
    await finding.getByLabel('มีมูล', { exact: true }).check();
    await finding.locator('#finding-report').fill('พยานหลักฐานและคำตอบของผู้แจ้งสอดคล้องกัน พบการเรียกรับเงินจริง');
    await postAnd(ip, `/${caseNumber}/finding`, () => finding.getByRole('button', { name: 'บันทึกผลการสอบสวน' }).click());
    await eventually(() => stageOf(ip)).toBe('สรุปผลการสอบสวน');

    const sanction = ip.getByTestId('action-sanction');
    await sanction.locator('#sanction-kind-0').selectOption('probation');
    await sanction.locator('#sanction-name-0').fill(OFFICIAL);
    await postAnd(ip, `/${caseNumber}/sanctions`, () => sanction.getByRole('button', { name: 'บันทึกโทษ' }).click());
    await eventually(() => stageOf(ip)).toBe('พิจารณาโทษ');
    expect(await ip.getByTestId('integrity-finding').innerText()).toBe('มีมูล');
    expect(await ip.getByTestId('integrity-sanctions').innerText()).toContain('ภาคทัณฑ์');

    // ── The public register shows it: agency, dates, finding, sanction; no identity ─
    await pp.goto('/integrity/register');
    await pp.getByRole('heading', { level: 1, name: 'ทะเบียนเรื่องทุจริต' }).waitFor();
    const row = pp.locator(`[data-testid="register-row"][data-case="${caseNumber}"]`);
    await row.waitFor();
    expect(await row.getByTestId('register-finding').innerText()).toBe('มีมูล');
    expect(await row.getByTestId('register-sanctions').innerText()).toBe('ภาคทัณฑ์');
    expect(await row.getByTestId('register-stage').innerText()).toBe('พิจารณาโทษ');
    const rowText = await row.innerText();
    expect(rowText).toContain('บางรัก');
    expect(rowText).toContain('เรียกรับสินบน');
    for (const hidden of [WHAT, OFFICIAL, ANSWER, QUESTION, 'slip.txt', receipt]) expect(rowText).not.toContain(hidden);
    await expectNoSeriousViolations(pp, 'public register');

    // ── …and the figures count it ───────────────────────────────────────────────
    await pp.goto('/integrity/figures');
    await pp.getByRole('heading', { level: 1, name: 'ตัวเลขเรื่องทุจริต' }).waitFor();
    const received = pp.getByTestId('ig-total-received');
    await received.waitFor();
    const shown = Number((await received.locator('.stat-card__value').innerText()).replace(/[^\d]/g, ''));
    const api = (await (await fetch(`${e2e.baseUrl}/api/v1/integrity/figures`)).json()) as {
      totals: { received: number };
      sanctions_by_kind: Array<{ kind: string; count: number }>;
      by_stage: Array<{ stage: string; count: number }>;
    };
    expect(shown).toBeGreaterThanOrEqual(1);
    expect(shown).toBe(api.totals.received);
    expect(api.sanctions_by_kind.find((s) => s.kind === 'probation')?.count).toBeGreaterThanOrEqual(1);
    expect(api.by_stage.find((s) => s.stage === 'sanction')?.count).toBeGreaterThanOrEqual(1);
    const probation = pp.locator('[data-testid="integrity-sanction-table"] tr[data-kind="probation"]');
    expect(Number((await probation.locator('td').innerText()).replace(/[^\d]/g, ''))).toBeGreaterThanOrEqual(1);
    const inSanction = pp.locator('[data-testid="integrity-stage-table"] tr[data-stage="sanction"] td').first();
    expect(Number((await inSanction.innerText()).replace(/[^\d]/g, ''))).toBeGreaterThanOrEqual(1);
    await pp.locator('.recharts-surface').first().waitFor();
    await expectNoSeriousViolations(pp, 'integrity figures');
  }, 240_000);
});
