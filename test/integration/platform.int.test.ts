import { afterAll, beforeAll, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/test-app.ts';
let t: TestContext;
beforeAll(async () => { const s = Date.now(); t = await createTestApp(); console.log('build ms', Date.now() - s); });
afterAll(async () => { await t.close(); });
it('scratch', async () => {
  for (let i = 0; i < 15; i++) {
    const r = await t.app.inject('/health/live');
    console.log(i * 200, r.statusCode, JSON.stringify((t.app as any).memoryUsage()));
    await new Promise((r) => setTimeout(r, 200));
  }
});
