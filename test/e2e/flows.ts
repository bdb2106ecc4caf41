// Steps people take in the browser, shared by the end-to-end tests. Every step waits
// for what the person would see (a heading, a badge, a server answer), never a timer.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import type { Db } from '../../server/platform/db/database.ts';

/** A pin near Silom, inside Bang Rak (district 1004). */
export const BANG_RAK = { lat: '13.7292', lng: '100.5243', name_th: 'บางรัก' } as const;
export const ROAD_TEXT = 'ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย';

/** expect.poll with a patience that suits a browser (vitest's default is one second). */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 100 });
}

export const unique = () => crypto.randomBytes(4).toString('hex');

/** A real JPEG (with some texture, like a photo) in a temp file; removed by `cleanupPhotos`. */
const made: string[] = [];
export async function makeJpeg(name = 'photo', seed = 0): Promise<string> {
  const width = 640;
  const height = 480;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x + seed * 40) % 256;
      raw[i + 1] = (y * 2 + seed * 17) % 256;
      raw[i + 2] = ((x ^ y) + seed) % 256;
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demopolis-e2e-photo-'));
  const file = path.join(dir, `${name}.jpg`);
  await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 80 }).toFile(file);
  made.push(dir);
  return file;
}

export function cleanupPhotos(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A staff account made the way an administrator would (as test/helpers/factories.ts does). */
export async function createStaffAccount(db: Db, agencyCode: string, role: 'officer' | 'agency_admin' = 'officer') {
  const email = `${role}.${unique()}@bangkok.go.th`;
  const password = 'staff password 1';
  const agency = await db.selectFrom('agencies').select('id').where('code', '=', agencyCode).executeTakeFirstOrThrow();
  const display_name = `เจ้าหน้าที่ ${unique()}`;
  await createAuthService(db).createUser({ email, password, display_name, role, agency_id: agency.id }, SYSTEM_ACTOR('e2e'));
  return { email, password, display_name };
}

/**
 * Checks the header says who is signed in. On a phone the navigation is folded away
 * behind "เมนู", and a page change folds it again, so open it until the name shows.
 */
export async function expectSignedInAs(page: Page, displayName: string): Promise<void> {
  const toggle = page.getByRole('button', { name: 'เมนู' });
  const name = page.getByText(`เข้าสู่ระบบในชื่อ ${displayName}`);
  await eventually(async () => {
    if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    return name.isVisible();
  }).toBe(true);
}

/** Signs in through /login and waits for the page the person wanted (`next`). */
export async function signIn(page: Page, account: { email: string; password: string; display_name: string }, next = '/staff') {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByRole('heading', { level: 1, name: 'เข้าสู่ระบบ' }).waitFor();
  await page.locator('#identifier').fill(account.email);
  await page.locator('#password').fill(account.password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'เข้าสู่ระบบ', exact: true }).click();
  expect((await answer).status()).toBe(200);
  await page.waitForURL((url) => url.pathname === next.split('?')[0]);
  await expectSignedInAs(page, account.display_name);
}

export interface ReportInput {
  description?: string;
  /** Pick the category from the list; without it the suggestion is accepted and checked. */
  category?: string;
  photo?: string;
  address?: string;
}

/** Fills /report/new as a person would, sends it, and returns the tracking code shown. */
export async function fileReportInBrowser(page: Page, input: ReportInput = {}): Promise<string> {
  await page.goto('/report/new');
  await page.getByRole('heading', { level: 1, name: 'แจ้งปัญหา' }).waitFor();
  await fillPinAndProblem(page, input);
  if (input.photo) {
    await page.locator('#photos').setInputFiles(input.photo);
    await page.getByRole('img', { name: 'ตัวอย่างรูปที่ 1' }).waitFor();
  }
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/reports' && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
  const response = await answer;
  expect(response.status(), await response.text()).toBe(201);
  await page.getByRole('heading', { level: 1, name: 'ส่งเรื่องเรียบร้อยแล้ว' }).waitFor();
  const code = (await page.getByTestId('tracking-code').innerText()).trim();
  expect(code).toMatch(/^BKK-\d{2}-[2-9A-HJ-NP-Z]{6}$/);
  return code;
}

/** Sets the pin by typing coordinates, waits for the district, then describes the problem. */
export async function fillPinAndProblem(page: Page, input: ReportInput = {}): Promise<void> {
  await page.getByLabel('ละติจูด').fill(BANG_RAK.lat);
  await page.getByLabel('ลองจิจูด').fill(BANG_RAK.lng);
  await eventually(() => page.getByTestId('locate-result').innerText()).toContain(BANG_RAK.name_th);
  if (input.address) await page.locator('#address').fill(input.address);
  await page.getByLabel('รายละเอียดปัญหา').fill(input.description ?? ROAD_TEXT);
  if (input.category) {
    await page.locator('#category').selectOption(input.category);
  } else {
    // The suggester reads the description and picks the category; the person accepts it.
    await page.getByRole('group', { name: 'ประเภทที่น่าจะตรง:' }).waitFor();
    await eventually(() => page.locator('#category').inputValue()).toBe('road');
    await page.getByText('เลือกให้อัตโนมัติจากรายละเอียด เปลี่ยนได้').waitFor();
  }
}

/** The ids of the timeline entries, in order, as shown on the page. */
export async function timelineKinds(page: Page): Promise<string[]> {
  return page.getByTestId('timeline').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-kind') ?? ''));
}

export async function stateText(page: Page): Promise<string> {
  return (await page.getByTestId('report-state').innerText()).trim();
}
