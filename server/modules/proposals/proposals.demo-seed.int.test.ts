import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { seedDemoProposals } from './proposals.demo-seed.ts';
import { PROPOSAL_STATES } from './proposals.states.ts';
import { counts, makeCommunity, makeNeed, office, staff } from './proposals.test-helpers.ts';

let t: TestContext;
const DISTRICTS = [1001, 1004, 1007];
let realCommunity: string;
beforeAll(async () => {
  t = await createTestApp();
  for (const d of DISTRICTS) {
    for (let i = 0; i < 3; i++) {
      const c = await makeCommunity(t.db, d, true);
      await makeNeed(t.db, c.id, ['ท่อระบายน้ำอุดตัน น้ำท่วมขังทุกครั้งที่ฝนตก', 'ไฟส่องสว่างในซอยดับหลายจุด', 'ศาลาชุมชนทรุดโทรม'][i]);
    }
  }
  realCommunity = (await makeCommunity(t.db, 1004, false)).id;
  // 1004 and 1001 have staff; 1007 has none (its steps are signed by the office).
  await staff(t.app, t.db, 'planner', office(1004));
  await staff(t.app, t.db, 'officer', office(1004));
  await staff(t.app, t.db, 'agency_admin', office(1001));
});
afterAll(async () => { await t.close(); });

describe('seedDemoProposals', () => {
  it('writes proposals in every state, flagged demo, with budgets that add up and dated steps', async () => {
    const now = new Date();
    const summary = await seedDemoProposals(t.db, { now });
    expect(summary.proposals).toBe(12);
    for (const state of PROPOSAL_STATES) expect(summary.byState[state], state).toBeGreaterThan(0);

    const rows = await t.db.selectFrom('proposals').selectAll().execute();
    expect(rows.every((r) => r.is_demo)).toBe(true);
    expect(rows.some((r) => r.community_id === realCommunity)).toBe(false);
    const communities = new Set(rows.map((r) => r.community_id));
    expect(communities.size).toBe(6); // two per district

    for (const r of rows) {
      const lines = await t.db.selectFrom('proposal_budget_lines').selectAll().where('proposal_id', '=', r.id).execute();
      expect(lines.length).toBeGreaterThan(0);
      for (const l of lines) expect(BigInt(l.amount_satang)).toBe((BigInt(Math.round(Number(l.quantity) * 100)) * BigInt(l.unit_cost_satang) + 50n) / 100n);
      expect(lines.reduce((s, l) => s + BigInt(l.amount_satang), 0n)).toBe(BigInt(r.total_satang));

      const events = await t.db.selectFrom('proposal_events').selectAll().where('proposal_id', '=', r.id).orderBy('id').execute();
      expect(events[0]).toMatchObject({ from_state: null, to_state: 'draft' });
      const own = events.filter((e) => e.from_state !== e.to_state);
      expect(own.at(-1)!.to_state).toBe(r.state);
      for (let i = 1; i < events.length; i++) expect(events[i]!.created_at.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.created_at.getTime());
      expect(events.at(-1)!.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
      if (r.state === 'not_accepted') expect(r.decision_reason).toBeTruthy();
      if (r.state === 'accepted') expect(r.review_feasibility && r.review_cost_check && r.carrying_agency_id).toBeTruthy();
      if (r.state === 'merged') {
        const target = rows.find((x) => x.id === r.merged_into_id)!;
        expect(target.district_code).toBe(r.district_code);
        expect(events.at(-1)!.created_at.getTime()).toBeGreaterThanOrEqual(target.submitted_at!.getTime());
      }
      if (r.state !== 'draft') expect(r.submitted_at).toBeTruthy();
      expect((await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.public_id).execute()).map((a) => a.action)).toEqual(['proposal.demo_seed']);
    }

    const accepted = rows.filter((r) => r.state === 'accepted');
    expect(accepted.some((r) => r.revision === 2)).toBe(true);
    const labels = await t.db.selectFrom('proposal_events as e').innerJoin('proposals as p', 'p.id', 'e.proposal_id').select(['e.actor_label', 'p.district_code']).execute();
    expect(labels.some((l) => l.district_code === 1007 && l.actor_label === 'สำนักงานเขตปทุมวัน')).toBe(true);

    const live = await t.db.selectFrom('community_needs').select('status').where('status', '=', 'in_proposal').execute();
    expect(live.length).toBeGreaterThan(0);
  });

  it('shows a demo proposal through the API like any other, marked as demo', async () => {
    const row = await t.db.selectFrom('proposals').select('public_id').where('state', '=', 'accepted').executeTakeFirstOrThrow();
    const response = await client(t.app, null).get(`/api/v1/proposals/${row.public_id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ is_demo: true, state: 'accepted', review: { carrying_agency: { kind: 'district_office' } } });
  });

  it('adds nothing when run again', async () => {
    const before = await counts(t.db);
    const summary = await seedDemoProposals(t.db);
    expect(summary.proposals).toBe(12);
    expect(await counts(t.db)).toEqual(before);
  });
});
