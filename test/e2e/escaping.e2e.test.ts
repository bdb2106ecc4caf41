// Text from the public is shown as text: markup in a description never becomes markup
// or script on the report page, the list, or the staff view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileReport } from '../helpers/factories.ts';
import { startE2E, type E2E } from './harness.ts';
import { createStaffAccount, signIn } from './flows.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

const HOSTILE = 'ท่อแตก <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>ด่วน</b>';

describe('HTML and script in a description', () => {
  it('is shown escaped, never run', async () => {
    const { report } = await fileReport(e2e.app, null, { description: HOSTILE, category: 'drain' });
    const { page } = await e2e.phone();
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });

    await page.goto(`/r/${report.code}`);
    await page.getByText('<script>window.__pwned=2</script>', { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    expect(await page.locator('main b', { hasText: 'ด่วน' }).count()).toBe(0);

    await page.goto('/reports');
    await page.getByText('<b>ด่วน</b>', { exact: false }).first().waitFor();
    expect(await page.locator('main img[src="x"]').count()).toBe(0);

    const officer = await createStaffAccount(e2e.db, 'district-1004');
    await signIn(page, officer);
    await page.goto(`/staff/r/${report.code}`);
    await page.getByText('<script>window.__pwned=2</script>', { exact: false }).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
