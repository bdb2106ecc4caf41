// Who a case can be assigned to: the picker never offers someone from the named agency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { client, signUpCitizen } from '../../../test/helpers/factories.ts';
import { AGENCY, fileAnonymously, integrityStaff, TEST_INTEGRITY_KEY } from './integrity.test-helpers.ts';

let ctx: TestContext;
beforeAll(async () => { ctx = await createTestApp({ integrityKey: TEST_INTEGRITY_KEY }); });
afterAll(async () => { await ctx.close(); });

describe('GET /api/v1/integrity/staff/investigators', () => {
  it('lists investigators to screening officers and the head, leaving out the named agency', async () => {
    const screener = await integrityStaff(ctx.app, ctx.db, 'screening_officer');
    const free = await integrityStaff(ctx.app, ctx.db, 'investigator');
    const fromNamed = await integrityStaff(ctx.app, ctx.db, 'investigator', AGENCY);
    const filed = await fileAnonymously(ctx.app);
    const all = (await client(ctx.app, screener).get('/api/v1/integrity/staff/investigators')).json().items.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([free.publicId, fromNamed.publicId]));
    const forCase = await client(ctx.app, screener).get(`/api/v1/integrity/staff/investigators?case=${filed.case_number}`);
    expect(forCase.statusCode, forCase.body).toBe(200);
    const ids = forCase.json().items.map((p: { id: string }) => p.id);
    expect(ids).toContain(free.publicId);
    expect(ids).not.toContain(fromNamed.publicId);
  });

  it('401 for nobody, 403 for a citizen, an investigator and a custodian', async () => {
    expect((await client(ctx.app, null).get('/api/v1/integrity/staff/investigators')).statusCode).toBe(401);
    for (const s of [await signUpCitizen(ctx.app), await integrityStaff(ctx.app, ctx.db, 'investigator'), await integrityStaff(ctx.app, ctx.db, 'custodian')]) {
      expect((await client(ctx.app, s).get('/api/v1/integrity/staff/investigators')).statusCode).toBe(403);
    }
  });
});
