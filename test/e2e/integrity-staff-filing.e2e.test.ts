// A complaint that came on paper: a screening officer files it for the person, hands over
// the receipt once, and the person must set a new secret on first return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService } from '../../server/platform/auth/auth.service.ts';
import { SYSTEM_ACTOR } from '../../server/platform/audit/audit.ts';
import { describeViolations, seriousAxeViolations, startE2E, type E2E } from './harness.ts';
import { signIn, unique } from './flows.ts';

let e2e: E2E;
beforeAll(async () => { e2e = await startE2E(); });
afterAll(async () => { await e2e?.close(); });

describe('filing a complaint for someone', () => {
  it('files a paper complaint, hands over a receipt that must be replaced on first return', async () => {
    const email = `screening_officer.${unique()}@integrity.bangkok.go.th`;
    const account = { email, password: 'integrity password 1', display_name: `ผู้กลั่นกรอง ${unique()}` };
    await createAuthService(e2e.db).createUser({ ...account, role: 'screening_officer', agency_id: null }, SYSTEM_ACTOR('e2e'));

    const { page } = await e2e.phone();
    await signIn(page, account, '/integrity/staff');
    await page.getByRole('link', { name: 'บันทึกเรื่องแทนผู้ร้อง' }).click();
    await page.getByRole('heading', { level: 1, name: 'บันทึกเรื่องร้องเรียนแทนผู้ร้อง' }).waitFor();
    await page.locator('#staff-channel').selectOption('letter');
    await page.locator('#agency_code').selectOption('district-1001');
    await page.getByLabel('รายละเอียดเหตุการณ์').fill('จดหมายร้องเรียนว่ามีการแบ่งซอยสัญญาจ้างเพื่อเลี่ยงการประกวดราคา');
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/integrity/staff/complaints');
    await page.getByRole('button', { name: 'ส่งเรื่อง' }).click();
    expect((await answer).status()).toBe(201);
    const caseNumber = (await page.getByTestId('integrity-case-number').innerText()).trim();
    const receipt = (await page.getByTestId('integrity-receipt').innerText()).replace(/\s+/g, '');
    expect(receipt).toMatch(/^\d{40}$/);
    const stored = await e2e.db.selectFrom('integrity_cases').select(['channel']).where('case_number', '=', caseNumber).executeTakeFirstOrThrow();
    expect(stored.channel).toBe('letter');

    // The person, on their own phone: the staff-known secret works once, to set a new one.
    const access = await e2e.app.inject({ method: 'POST', url: '/api/v1/integrity/cases/access', payload: { case_number: caseNumber, receipt } });
    expect(access.statusCode, access.body).toBe(200);
    expect(access.json().must_reset).toBe(true);
  });
});
