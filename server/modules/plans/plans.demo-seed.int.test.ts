import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { quartersReached, seedDemoPlans } from './plans.demo-seed.ts';
import { agencyId, counts, insertProposal, staff } from './plans.test-helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const NOW = new Date('2026-11-27T12:00:00Z'); // FY 2570, first quarter

describe('seedDemoPlans', () => {
  it('makes published FY 2569 and 2570 demo plans with items, budgets under a ceiling, milestones and progress', async () => {
    const demo = await insertProposal(t.db, { districtCode: 1004 });
    await t.db.updateTable('proposals').set({ is_demo: true }).where('id', '=', demo.id).execute();
    const real = await insertProposal(t.db, { districtCode: 1004 });

    const summary = await seedDemoPlans(t.db, { districts: [1004], now: NOW });
    expect(summary.plans).toBe(2);
    expect(summary.items).toBeGreaterThanOrEqual(9);

    const list = (await client(t.app, null).get('/api/v1/plans?agency_code=district-1004')).json() as { items: Array<{ id: string; fiscal_year: number; is_demo: boolean; status: string; totals: { approved_satang: string; ceiling_satang: string; approved_over_ceiling: boolean; progress_percent: number } }> };
    expect(list.items.map((p) => p.fiscal_year)).toEqual([2570, 2569]);
    for (const p of list.items) {
      expect(p).toMatchObject({ is_demo: true, status: 'published', totals: { approved_over_ceiling: false } });
      expect(BigInt(p.totals.approved_satang)).toBeGreaterThan(0n);
    }
    const past = list.items.find((p) => p.fiscal_year === 2569)!;
    const current = list.items.find((p) => p.fiscal_year === 2570)!;
    expect(past.totals.progress_percent).toBeGreaterThan(current.totals.progress_percent);

    // The accepted demo proposal sits in the current plan, linked; the real one is left for a planner.
    const plan = (await client(t.app, null).get(`/api/v1/plans/${current.id}`)).json() as { items: Array<{ proposal_id: string | null; milestones: unknown[]; status: string }> };
    expect(plan.items.map((i) => i.proposal_id)).toContain(demo.publicId);
    expect(plan.items.map((i) => i.proposal_id)).not.toContain(real.publicId);
    expect(plan.items.every((i) => i.milestones.length === 4)).toBe(true);
    expect(plan.items.some((i) => i.status === 'planned')).toBe(true);
    const link = await t.db.selectFrom('resource_links').select('relation').where('from_type', '=', 'proposal').where('from_id', '=', demo.id).executeTakeFirst();
    expect(link?.relation).toBe('planned_as');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', current.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['plan.demo_seed']);
  });

  it('is idempotent, and later accepted demo proposals are placed on the next run', async () => {
    const before = await counts(t.db);
    expect(await seedDemoPlans(t.db, { districts: [1004], now: NOW })).toEqual({ plans: 0, items: 0 });
    expect(await counts(t.db)).toEqual(before);

    const later = await insertProposal(t.db, { districtCode: 1004 });
    await t.db.updateTable('proposals').set({ is_demo: true }).where('id', '=', later.id).execute();
    expect(await seedDemoPlans(t.db, { districts: [1004], now: NOW })).toEqual({ plans: 0, items: 1 });
  });

  it('never touches a real plan of the same agency and year', async () => {
    const planner = await staff(t.app, t.db, 'planner', 'district-1005');
    const made = await client(t.app, planner).post('/api/v1/plans', { agency_code: 'district-1005', fiscal_year: 2570 });
    expect(made.statusCode).toBe(201);
    const summary = await seedDemoPlans(t.db, { districts: [1005], now: NOW });
    expect(summary.plans).toBe(1); // FY 2569 only
    const items = await t.db.selectFrom('plan_items as i').innerJoin('action_plans as p', 'p.id', 'i.plan_id')
      .select('i.id').where('p.agency_id', '=', await agencyId(t.db, 'district-1005')).where('p.fiscal_year', '=', 2570).execute();
    expect(items).toHaveLength(0);
  });

  it('knows how far the calendar has got', () => {
    expect(quartersReached(2569, NOW)).toBe(4);
    expect(quartersReached(2570, NOW)).toBe(1);
    expect(quartersReached(2571, NOW)).toBe(0);
    expect(quartersReached(2570, new Date('2027-04-01T00:00:00Z'))).toBe(3);
  });
});
