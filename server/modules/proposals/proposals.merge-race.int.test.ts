// Two evaluators merging the same pair of proposals into each other at the same moment:
// one merge happens, the other is refused as a merge into a merged proposal, and
// neither meets a deadlock (a 500).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { district, proposalIn, stored } from './proposals.test-helpers.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => { await t.close(); });

describe('opposite merges at once', () => {
  it('lets exactly one through and refuses the other with a 422, never a 500', async () => {
    const w = await district(t.app, t.db);
    const pairs: [string, string][] = [];
    for (let i = 0; i < 4; i++) pairs.push([await proposalIn(t.app, w, 'submitted'), await proposalIn(t.app, w, 'submitted')]);

    const merge = (from: string, into: string) => client(t.app, w.planner).post(`/api/v1/proposals/${from}/merge`, { merged_into: into }).then((r) => r);
    const outcomes = await Promise.all(pairs.map(([a, b]) => Promise.all([merge(a, b), merge(b, a)])));
    for (const [i, [ab, ba]] of outcomes.entries()) {
      expect([ab.statusCode, ba.statusCode].sort(), `${ab.body}\n${ba.body}`).toEqual([200, 422]);
      const loser = ab.statusCode === 422 ? ab : ba;
      expect(loser.json()).toMatchObject({ errors: [{ field: 'merged_into' }] });
      const [a, b] = pairs[i]!;
      const states = [(await stored(t.db, a)).state, (await stored(t.db, b)).state].sort();
      expect(states).toEqual(['merged', 'submitted']);
    }
  });
});
