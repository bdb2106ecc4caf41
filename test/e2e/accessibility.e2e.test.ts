// axe-core finds no serious or critical violation on the pages people use most, each
// in the state where it shows the most (pin set, photos, a filled queue), on a phone.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describeViolations, seriousAxeViolations, startE2E, type E2E } from './harness.ts';
import { client, fileReport } from '../helpers/factories.ts';
import { createStaffAccount, eventually, fillPinAndProblem, signIn, stateText } from './flows.ts';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.close();
});

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${what} (${page.url()}):\n${describeViolations(violations)}`).toEqual([]);
}

/** A report filed through the API by an anonymous person, with one real JPEG. */
async function reportWithPhoto(description = 'ถนนเป็นหลุมลึกหน้าปากซอย รถจักรยานยนต์ล้มบ่อย'): Promise<string> {
  const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 120, g: 110, b: 90 } } }).jpeg().toBuffer();
  const response = await client(e2e.app, null).multipart(
    '/api/v1/reports',
    { category: 'road', description, lat: 13.7292, lng: 100.5243 },
    [{ field: 'photos', filename: 'pothole.jpg', contentType: 'image/jpeg', data: jpeg }],
  );
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { report: { code: string } }).report.code;
}

/** Waits until every image on the page has finished loading (or failed). */
async function imagesSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
}

describe('accessibility (axe: no serious or critical violations)', () => {
  it('the check itself works: a planted violation is caught', async () => {
    const { page } = await e2e.phone();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'แจ้งปัญหาเมือง เห็นการแก้ไขจริง' }).waitFor();
    await expectNoSeriousViolations(page, 'home page');
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.className = 'planted';
      document.querySelector('main')?.append(button);
    });
    const violations = await seriousAxeViolations(page);
    expect(violations.map((v) => v.id)).toContain('button-name');
    expect(describeViolations(violations)).toContain('planted');
  });

  it('the report form, with a pin set and the district and suggestion showing', async () => {
    const { page } = await e2e.phone();
    await page.goto('/report/new');
    await page.getByRole('heading', { level: 1, name: 'แจ้งปัญหา' }).waitFor();
    await fillPinAndProblem(page);
    // The "already reported nearby?" box appears once pin and category are known.
    await page.getByRole('heading', { name: 'มีคนแจ้งเรื่องนี้แล้วหรือยัง' }).waitFor();
    await page.locator('.leaflet-container').waitFor();
    await expectNoSeriousViolations(page, 'report form');
  });

  it('the report form after submitting it empty (errors showing)', async () => {
    const { page } = await e2e.phone();
    await page.goto('/report/new');
    await page.getByRole('heading', { level: 1, name: 'แจ้งปัญหา' }).waitFor();
    await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    await page.getByText('กรุณาเล่ารายละเอียดปัญหา').waitFor();
    await expectNoSeriousViolations(page, 'report form with errors');
  });

  it('a report page with a photo', async () => {
    const code = await reportWithPhoto();
    const { page } = await e2e.phone();
    await page.goto(`/r/${code}`);
    await page.getByRole('heading', { level: 1, name: `เรื่อง ${code}` }).waitFor();
    expect(await stateText(page)).toBe('รับเรื่องแล้ว');
    const photo = page.getByRole('img', { name: /รูปก่อนแก้ไข 1/ });
    await photo.scrollIntoViewIfNeeded();
    await imagesSettled(page);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.getByTestId('timeline').waitFor();
    await expectNoSeriousViolations(page, 'report page');
  });

  it('the map and list of reports', async () => {
    const code = await reportWithPhoto('ไฟถนนดับทั้งซอย มืดมากตอนกลางคืน ถนนเป็นหลุม');
    const { page } = await e2e.phone();
    await page.goto('/reports');
    await page.getByRole('heading', { level: 1, name: 'แผนที่และรายการเรื่องที่แจ้ง' }).waitFor();
    await page.locator('.leaflet-container').waitFor();
    await page.getByText(code).first().waitFor();
    await expectNoSeriousViolations(page, 'map and list');
  });

  it('the staff queue, signed in as an officer, with reports in it', async () => {
    const { report } = await fileReport(e2e.app, null);
    const officer = await createStaffAccount(e2e.db, 'district-1004');
    const { page } = await e2e.phone();
    await signIn(page, officer, '/staff');
    await page.getByRole('heading', { level: 1, name: 'งานของหน่วยงาน' }).waitFor();
    await page.locator(`[data-testid="queue-row"][data-code="${report.code}"]`).waitFor();
    await expectNoSeriousViolations(page, 'staff queue');

    // The page where the officer acts on the report, with every action form open.
    await page.getByRole('link', { name: report.code }).click();
    await page.getByRole('heading', { level: 1, name: `จัดการเรื่อง ${report.code}` }).waitFor();
    await page.getByTestId('action-accept').waitFor();
    await page.getByTestId('action-forward').locator('option[value="bma-public-works"]').waitFor({ state: 'attached' });
    await expectNoSeriousViolations(page, 'staff report page');
  });

  it('the figures page', async () => {
    await fileReport(e2e.app, null);
    const { page } = await e2e.phone();
    await page.goto('/figures');
    await page.getByRole('heading', { level: 1, name: 'ตัวเลขผลงาน' }).waitFor();
    await page.getByTestId('total-received').waitFor();
    await page.locator('.chart svg').first().waitFor();
    await expectNoSeriousViolations(page, 'figures');
  });

  it('the report form in English, after switching language', async () => {
    const { page } = await e2e.phone();
    await page.goto('/report/new');
    await page.getByRole('heading', { level: 1, name: 'แจ้งปัญหา' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Report a problem' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('#lat').fill('13.7292');
    await page.locator('#lng').fill('100.5243');
    await eventually(() => page.getByTestId('locate-result').innerText()).toContain('Bang Rak');
    await page.locator('#description').fill('Deep pothole at the mouth of the lane, motorbikes fall in');
    await eventually(() => page.locator('#category').inputValue()).not.toBe('');
    await expectNoSeriousViolations(page, 'report form (English)');

    // The choice sticks: the next page opens in English too.
    await page.goto('/figures');
    await page.getByRole('heading', { level: 1, name: 'Figures' }).waitFor();
    await page.getByTestId('total-received').waitFor();
    await expectNoSeriousViolations(page, 'figures (English)');
  });
});
