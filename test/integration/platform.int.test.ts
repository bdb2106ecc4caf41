import { afterAll, beforeAll, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });
it('scratch', async () => {
  console.log(t.app.printRoutes({ commonPrefix: false }));
  const spec = (await t.app.inject('/api/openapi.json')).json();
  console.log(Object.keys(spec.paths));
});
