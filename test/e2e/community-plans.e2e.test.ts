// From a community's need to a delivered project, in the browser: a committee member
// records a need citing a nearby city report and submits a proposal; the district
// evaluator asks for a revision; the member revises; the evaluator accepts; the district
// planner places it in the FY 2570 action plan with an approved budget, reports its
// progress to 100 % and publishes the plan; anyone can then read the whole path and the
// money (while the plan is a draft the public sees the proposal as not yet in a plan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import { describeViolations, seriousAxeViolations, startE2E, type E2E } from './harness.ts';
import { createStaffAccount, eventually, signIn, unique } from './flows.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

async function expectAccessible(page: Page, what: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${what}:\n${describeViolations(violations)}`).toEqual([]);
}

/** A signed-in API caller for set-up steps a person did earlier, elsewhere. */
async function apiAs(account: { email: string; password: string }) {
  const login = await e2e.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { identifier: account.email, password: account.password } });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = login.cookies.find((c) => c.name === 'dp_session')!.value;
  const csrf = (login.json() as { csrf_token: string }).csrf_token;
  return (url: string, payload: object) =>
    e2e.app.inject({ method: 'POST', url, payload, headers: { cookie: `dp_session=${cookie}`, 'x-csrf-token': csrf } });
}

describe('community needs to a delivered project', () => {
  it('need → proposal → revision → accepted → FY 2570 plan → 100 % → the public path with the money', async () => {
    // ── Earlier: the Bang Rak office registered the community and its chair's account ─
    const officer = await createStaffAccount(e2e.db, 'district-1004');
    const asOfficer = await apiAs(officer);
    const communityName = `ชุมชนริมคลอง ${unique()}`;
    const created = await asOfficer('/api/v1/communities', {
      district_code: 1004, name_th: communityName, kind: 'crowded', households: 180, registered_on: '2012-05-01', lat: 13.7292, lng: 100.5243,
    });
    expect(created.statusCode, created.body).toBe(201);
    const code = (created.json() as { code: string }).code;
    const seat = await asOfficer(`/api/v1/communities/${code}/committee`, { full_name: 'นางสมศรี ใจดี', position: 'chair', term_start: '2025-01-01', term_end: '2028-12-31' });
    expect(seat.statusCode, seat.body).toBe(201);
    const memberId = (seat.json() as { id: string }).id;
    const memberEmail = `somsri.${unique()}@example.org`;
    const account = await asOfficer(`/api/v1/communities/${code}/committee/${memberId}/account`, { email: memberEmail });
    expect(account.statusCode, account.body).toBe(201);
    const member = { email: memberEmail, password: (account.json() as { account: { password: string } }).account.password, display_name: 'นางสมศรี ใจดี' };

    // A neighbour reported the blocked drain to the city a few weeks ago.
    const filed = await e2e.app.inject({ method: 'POST', url: '/api/v1/reports', payload: { category: 'drain', description: 'ท่อระบายน้ำอุดตันหน้าซอย น้ำท่วมขังทุกครั้งที่ฝนตก', lat: 13.7300, lng: 100.5250 } });
    expect(filed.statusCode, filed.body).toBe(201);
    const reportCode = (filed.json() as { report: { code: string } }).report.code;

    const planner = { email: `planner.${unique()}@bangkok.go.th`, password: 'planner password 1', display_name: `นักวางแผน ${unique()}` };
    const office = await e2e.db.selectFrom('agencies').select('id').where('code', '=', 'district-1004').executeTakeFirstOrThrow();
    await createAuthService(e2e.db).createUser({ ...planner, role: 'planner', agency_id: office.id }, SYSTEM_ACTOR('e2e'));
    const evaluator = await createStaffAccount(e2e.db, 'district-1004', 'officer');

    // ── The chair records the need, citing the report nearby ─────────────────────────
    const m = (await e2e.phone()).page;
    await signIn(m, member, `/communities/${code}`);
    await m.getByRole('link', { name: 'บันทึกปัญหาและความต้องการ' }).click();
    await m.locator('#need-title').fill('น้ำท่วมขังในซอยทุกครั้งที่ฝนตก');
    await m.locator('#need-description').fill('ท่อระบายน้ำอุดตัน น้ำเข้าบ้านหลายหลัง เด็กเดินไปโรงเรียนลำบาก');
    await m.locator('#need-households').fill('40');
    await m.getByLabel(reportCode, { exact: true }).check();
    await expectAccessible(m, 'need form');
    await m.getByRole('button', { name: 'บันทึกปัญหาและความต้องการ' }).click();
    await m.waitForURL((u) => u.pathname === `/communities/${code}`);
    await m.getByRole('heading', { level: 3, name: 'น้ำท่วมขังในซอยทุกครั้งที่ฝนตก' }).waitFor();
    await expectAccessible(m, 'community page');

    // ── ...and writes the proposal that answers it ──────────────────────────────────
    await m.getByRole('link', { name: 'เขียนโครงการ' }).click();
    await m.waitForURL((u) => u.pathname === '/proposals/new');
    await m.locator('#proposal-title').fill('ลอกท่อระบายน้ำในซอยริมคลอง');
    await m.locator('#proposal-problem').fill('น้ำท่วมขังทุกครั้งที่ฝนตก เพราะท่อระบายน้ำอุดตัน');
    await m.locator('#proposal-objectives').fill('ให้น้ำระบายได้ภายในสองชั่วโมงหลังฝนหยุด');
    await m.getByLabel('น้ำท่วมขังในซอยทุกครั้งที่ฝนตก').check();
    await m.locator('#line-0-description').fill('ท่อคอนกรีตพร้อมบ่อพัก');
    await m.locator('#line-0-quantity').fill('10');
    await m.locator('#line-0-unit-cost').fill('1,250.50');
    await eventually(() => m.getByTestId('budget-total').textContent()).toBe('12,505.00 บาท');
    await expectAccessible(m, 'proposal form');
    await m.getByRole('button', { name: 'ส่งโครงการ' }).click();
    await m.waitForURL(/\/proposals\/PRJ-/);
    const proposalPath = new URL(m.url()).pathname;
    const proposalId = proposalPath.split('/').pop()!;
    await eventually(() => m.getByTestId('proposal-state').textContent()).toBe('ส่งแล้ว');

    // ── The district planner assigns an evaluator ───────────────────────────────────
    const p = (await e2e.phone()).page;
    await signIn(p, planner, '/staff/proposals');
    await p.getByRole('link', { name: 'ลอกท่อระบายน้ำในซอยริมคลอง' }).click();
    const option = p.locator('#evaluator-select option', { hasText: evaluator.display_name });
    await option.waitFor({ state: 'attached' });
    await p.locator('#evaluator-select').selectOption((await option.getAttribute('value'))!);
    await p.getByRole('button', { name: 'มอบหมายผู้ประเมิน' }).click();
    await eventually(() => p.getByTestId('proposal-state').textContent()).toBe('อยู่ระหว่างพิจารณา');

    // ── The evaluator asks for a revision ───────────────────────────────────────────
    const e = (await e2e.phone()).page;
    await signIn(e, evaluator, proposalPath);
    await e.locator('#revision-note').fill('กรุณาระบุจำนวนบ่อพักและแนบใบเสนอราคา');
    await expectAccessible(e, 'proposal page (evaluator)');
    await e.getByRole('button', { name: 'ขอให้แก้ไข' }).click();
    await eventually(() => e.getByTestId('proposal-state').textContent()).toBe('ขอให้แก้ไข');

    // ── The member revises and sends it again; it returns to the same evaluator ──────
    await m.goto(proposalPath);
    await m.getByText('กรุณาระบุจำนวนบ่อพักและแนบใบเสนอราคา').first().waitFor();
    await m.goto(`${proposalPath}/edit`);
    await eventually(() => m.locator('#proposal-title').inputValue()).toBe('ลอกท่อระบายน้ำในซอยริมคลอง');
    await m.locator('#proposal-objectives').fill('ให้น้ำระบายได้ภายในหนึ่งชั่วโมง บ่อพัก 10 บ่อ');
    await m.getByRole('button', { name: 'ส่งโครงการ' }).click();
    await m.waitForURL((u) => u.pathname === proposalPath);
    await eventually(() => m.getByTestId('proposal-state').textContent()).toBe('อยู่ระหว่างพิจารณา');

    // ── Accepted, with the review ────────────────────────────────────────────────────
    await e.reload();
    await e.locator('#review-feasibility').fill('ทำได้ภายในไตรมาสแรก');
    await e.locator('#review-cost-check').fill('ราคาต่อหน่วยตรงกับราคากลาง');
    await e.locator('#carrying-agency').selectOption('district-1004');
    await e.getByRole('button', { name: 'เห็นชอบโครงการ' }).click();
    await eventually(() => e.getByTestId('proposal-state').textContent()).toBe('ผ่านการพิจารณา');

    // ── The planner places it in the district's FY 2570 plan, approves, reports ──────
    await p.goto('/plans');
    await p.locator('#plan-fiscal-year').selectOption('2570');
    await p.getByRole('button', { name: 'สร้างแผน' }).click();
    await p.waitForURL(/\/plans\/PLN-70-/);
    const planPath = new URL(p.url()).pathname;
    await p.getByRole('heading', { level: 1, name: 'แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. 2570' }).waitFor();
    await p.locator(`#candidate-select option[value="${proposalId}"]`).waitFor({ state: 'attached' });
    await p.locator('#candidate-select').selectOption(proposalId);
    await p.getByRole('button', { name: 'เพิ่มโครงการเข้าแผน' }).click();
    const itemLink = p.getByRole('table').getByRole('link', { name: /ลอกท่อระบายน้ำในซอยริมคลอง/ });
    await itemLink.waitFor();
    await expectAccessible(p, 'plan page');
    await itemLink.click();
    await p.waitForURL(/\/items\/PLI-/);
    await p.locator('#item-approved-budget').fill('12,505');
    await p.getByRole('button', { name: 'บันทึกงบประมาณ' }).click();
    await p.getByText('ได้รับงบประมาณ', { exact: true }).first().waitFor();
    await p.locator('#progress-quarter').selectOption('1');
    await p.locator('#progress-percent').fill('100');
    await p.locator('#progress-note').fill('ลอกท่อและวางบ่อพักครบ 10 บ่อ ส่งมอบงานแล้ว');
    await p.getByRole('button', { name: 'บันทึกความก้าวหน้า' }).click();
    await p.getByText('ดำเนินการแล้วเสร็จ', { exact: true }).first().waitFor();
    await expectAccessible(p, 'plan item page');

    // ── While the plan is a draft, the public does not see it ───────────────────────
    const visitor = (await e2e.phone()).page;
    await visitor.goto(proposalPath);
    await visitor.getByTestId(`story-report-${reportCode}`).waitFor();
    await eventually(() => visitor.getByTestId('story-placement').textContent()).toContain('ยังไม่ได้บรรจุในแผน');
    expect(await visitor.getByTestId('story-result').getAttribute('data-delivered')).toBe('false');

    // ── The planner publishes the plan ──────────────────────────────────────────────
    await p.goto(planPath);
    await p.getByRole('button', { name: 'เผยแพร่แผน' }).click();
    await p.getByText('เผยแพร่แล้ว', { exact: true }).first().waitFor();
    await eventually(() => p.getByRole('button', { name: 'เผยแพร่แผน' }).count()).toBe(0);

    // ── Anyone reads the whole path and the money ───────────────────────────────────
    await visitor.reload();
    await visitor.getByTestId(`story-report-${reportCode}`).waitFor();
    await eventually(() => visitor.getByTestId('story-placement').textContent()).toContain('ปีงบประมาณ 2570');
    expect(await visitor.getByTestId('story-approved').textContent()).toContain('12,505.00 บาท');
    expect(await visitor.getByTestId('story-progress').textContent()).toContain('100%');
    expect(await visitor.getByTestId('story-result').getAttribute('data-delivered')).toBe('true');
    await expectAccessible(visitor, 'public proposal page');

    await visitor.goto('/accountability?district=1004&fy=2570');
    await visitor.getByRole('link', { name: communityName }).waitFor();
    await expectAccessible(visitor, 'accountability page');

    // Delivered: the need the proposal answered is resolved.
    const need = await e2e.db.selectFrom('community_needs').select('status').where('title', '=', 'น้ำท่วมขังในซอยทุกครั้งที่ฝนตก').executeTakeFirstOrThrow();
    expect(need.status).toBe('resolved');

    // The money in the database is what the pages said.
    const item = await e2e.db.selectFrom('plan_items').select(['budget_approved_satang', 'status', 'progress_percent']).where('title', '=', 'ลอกท่อระบายน้ำในซอยริมคลอง').executeTakeFirstOrThrow();
    expect(item).toMatchObject({ budget_approved_satang: '1250500', status: 'completed' });
    expect(Number(item.progress_percent)).toBe(100);
  });
});
