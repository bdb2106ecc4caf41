// The background sealer every server runs chains new entries by itself, shortly after
// they commit, and a tampered sealed row is then caught by verification.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditSealer, verifyAuditChain } from './audit.ts';
import { signUpCitizen } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('audit sealer', () => {
  it('chains entries written without a lock within moments, and the chain verifies', async () => {
    await signUpCitizen(t.app);
    await signUpCitizen(t.app);
    const unsealed = () => t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('hash', 'is', null).executeTakeFirstOrThrow();
    expect(Number((await unsealed()).n)).toBeGreaterThan(0);
    const sealer = createAuditSealer(t.db, undefined, 20);
    sealer.start();
    await expect.poll(async () => Number((await unsealed()).n), { timeout: 10_000, interval: 50 }).toBe(0);
    await sealer.stop();
    const result = await verifyAuditChain(t.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(2);
  });
});
