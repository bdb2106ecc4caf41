// The web app downloads only the texts it shows (the active language; a module's texts
// with its pages), never paints a key, switches language on a module page, and says
// "1,000 or more" when the public list stopped counting.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousAxeViolations, describeViolations, startE2E, type E2E } from './harness.ts';
import { fileReport } from '../helpers/factories.ts';
import { signIn, unique } from './flows.ts';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

/** The dictionary chunks the page fetched, by name ("th", "en", "integrity.th"…). */
function dictionaryRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const m = new URL(request.url()).pathname.match(/^\/assets\/((?:[a-z0-9]+\.)?(?:th|en))-[\w-]+\.js$/);
    if (m) seen.push(m[1]!);
  });
  return seen;
}

/** No element's text is a raw message key such as "integrity.home.title". */
async function expectNoRawKeys(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\b(?:app|nav|common|report|list|admin|staff|auth|figures|integrity|communities|proposals|plans|accountability|callcentre|outbox|open311)\.[a-zA-Z]+(?:\.[a-zA-Z_]+)*\b/);
}

describe('texts loaded on demand', () => {
  it('a report page downloads the Thai core only; a module page adds its part; switching loads English for both', async () => {
    const { report } = await fileReport(e2e.app, null);
    const { page } = await e2e.phone();
    const fetched = dictionaryRequests(page);
    await page.goto(`/r/${report.code}`);
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${report.code}` }).waitFor();
    expect(fetched).toEqual(['th']);
    await expectNoRawKeys(page);

    await page.getByRole('button', { name: 'เมนู' }).click();
    await page.getByRole('navigation', { name: 'เมนูหลัก' }).getByRole('link', { name: 'แจ้งทุจริต' }).click();
    await page.getByRole('heading', { level: 1, name: 'แจ้งเรื่องทุจริตอย่างปลอดภัย' }).waitFor();
    expect(fetched.sort()).toEqual(['integrity.th', 'th']);
    await expectNoRawKeys(page);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report corruption safely' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(fetched.sort()).toEqual(['en', 'integrity.en', 'integrity.th', 'th']);
    await expectNoRawKeys(page);

    // The choice sticks: a fresh load of another module's page is English from its first paint.
    await page.goto('/communities');
    await page.getByRole('heading', { level: 1, name: 'Communities in Bangkok' }).waitFor();
    await expectNoRawKeys(page);
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await page.getByRole('heading', { level: 1, name: 'ชุมชนในกรุงเทพมหานคร' }).waitFor();
    await expectNoRawKeys(page);
  });

  it('the admin page, whose texts come in three parts, shows them all in both languages', async () => {
    const admin = { email: `boss-${unique()}@bangkok.go.th`, password: 'admin password 1', display_name: `ผู้ดูแล ${unique()}` };
    await createAuthService(e2e.db).createUser({ ...admin, role: 'admin', agency_id: null }, SYSTEM_ACTOR('e2e'));
    const { page } = await e2e.phone();
    const fetched = dictionaryRequests(page);
    await signIn(page, admin, '/admin');
    await page.getByRole('heading', { level: 1, name: 'ผู้ดูแลระบบ' }).waitFor();
    expect(fetched).toEqual(expect.arrayContaining(['admin.th', 'open311.th', 'outbox.th']));
    await expectNoRawKeys(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await expectNoRawKeys(page);
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});

describe('the public list when it stopped counting', () => {
  /** Serves the real first page of the list, as if 1,000 or more reports matched. */
  async function pretendCapped(page: Page, itemsOnPage = 20): Promise<void> {
    await page.route(/\/api\/v1\/reports\?/, async (route) => {
      const asked = new URL(route.request().url());
      const first = new URL(asked);
      first.searchParams.set('page', '1');
      const response = await route.fetch({ url: first.toString() });
      const body = (await response.json()) as { items: { code: string }[]; total: number; page: number; page_size: number };
      const template = body.items[0]!;
      body.page = Number(asked.searchParams.get('page') ?? 1);
      body.items = Array.from({ length: itemsOnPage }, (_, i) => ({ ...template, code: `${template.code}-${i}` }));
      body.total = 1000;
      await route.fulfill({ response, json: body });
    });
  }

  it('says "1,000 or more" and pages on while pages are full, without naming a last page', async () => {
    await fileReport(e2e.app, null);
    const { page } = await e2e.phone();
    await pretendCapped(page);
    await page.goto('/reports?page=50');
    await page.getByRole('heading', { level: 1, name: 'แผนที่และรายการเรื่องที่แจ้ง' }).waitFor();
    await page.getByText('พบ 1,000 เรื่องขึ้นไป').waitFor();
    const pager = page.getByRole('navigation', { name: 'เลือกหน้า' });
    expect(await pager.locator('[aria-current="page"]').innerText()).toBe('หน้า 50');
    expect(await pager.getByRole('button', { name: 'ถัดไป' }).isEnabled()).toBe(true);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('1,000 or more reports').waitFor();
    const pagerEn = page.getByRole('navigation', { name: 'Pages' });
    expect(await pagerEn.locator('[aria-current="page"]').innerText()).toBe('Page 50');
  });

  it('stops at a page that is not full', async () => {
    await fileReport(e2e.app, null);
    const { page } = await e2e.phone();
    await pretendCapped(page, 7);
    await page.goto('/reports?page=51');
    const pager = page.getByRole('navigation', { name: 'เลือกหน้า' });
    await pager.waitFor();
    expect(await pager.getByRole('button', { name: 'ถัดไป' }).isEnabled()).toBe(false);
    expect(await pager.getByRole('button', { name: 'ก่อนหน้า' }).isEnabled()).toBe(true);
  });
});
