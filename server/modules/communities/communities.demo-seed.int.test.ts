import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestContext } from '../../../test/helpers/test-app.ts';
import { locateDistrict } from '../../platform/geo/index.ts';
import { seedDemoCommunities } from './communities.demo-seed.ts';
import { districtOffice, registerCommunity, staff } from './communities.test-helpers.ts';

let t: TestContext;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

async function perDistrict() {
  const rows = await t.db
    .selectFrom('districts as d')
    .leftJoin('communities as c', (j) => j.onRef('c.district_code', '=', 'd.code').on('c.is_demo', '=', true))
    .select(['d.code', 'd.communities_2018', sql<number>`count(c.id)::int`.as('n')])
    .groupBy(['d.code', 'd.communities_2018'])
    .orderBy('d.code')
    .execute();
  return rows;
}

describe('seedDemoCommunities', () => {
  it('seeds chosen districts to their reference numbers, with committees and ranked needs, alongside real communities', async () => {
    const officer = await staff(t.app, t.db, 'officer', districtOffice(1004));
    const real = await registerCommunity(t.app, officer);
    const progress: Array<[number, number]> = [];
    const summary = await seedDemoCommunities(t.db, { districts: [1001, 1004], onProgress: (d, n) => progress.push([d, n]) });
    expect(summary.communities).toBe(21 + 16);
    expect(progress.at(-1)).toEqual([37, 37]);
    expect(summary.members).toBeGreaterThanOrEqual(37 * 5);
    expect(summary.members).toBeLessThanOrEqual(37 * 7);

    const rows = await t.db.selectFrom('communities').selectAll().where('is_demo', '=', true).execute();
    expect(rows.filter((r) => r.district_code === 1004)).toHaveLength(16);
    for (const r of rows) {
      expect(r.name_th.startsWith('ชุมชน')).toBe(true);
      const found = locateDistrict(r.lat, r.lng);
      expect(found.inside && found.district.code).toBe(r.district_code);
      expect(r.code).toMatch(new RegExp(`^${r.district_code}-\\d{3}$`));
    }
    // The real community keeps its number; demo ones follow it.
    expect(rows.some((r) => r.code === real)).toBe(false);
    expect(Math.min(...rows.filter((r) => r.district_code === 1004).map((r) => Number(r.code.slice(5))))).toBeGreaterThan(Number(real.slice(5)));

    const chairs = await t.db.selectFrom('community_committee_members').select(['community_id']).where('position', '=', 'chair').where('is_demo', '=', true).execute();
    expect(chairs).toHaveLength(37);
    expect(await t.db.selectFrom('community_committee_members').select('id').where('user_id', 'is not', null).where('is_demo', '=', true).execute()).toEqual([]);

    const needs = await t.db.selectFrom('community_needs').select(['community_id', 'rank']).execute();
    const ranksBy = new Map<string, number[]>();
    for (const n of needs) ranksBy.set(n.community_id, [...(ranksBy.get(n.community_id) ?? []), n.rank].sort());
    for (const ranks of ranksBy.values()) expect(ranks).toEqual(ranks.map((_, i) => i + 1));

    const audit = await t.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'community.demo_seed').execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual(['1001', '1004']);

    const listed = (await client(t.app, null).get('/api/v1/communities?district_code=1001&page_size=100')).json();
    expect(listed.total).toBe(21);
    expect(listed.items.every((c: { is_demo: boolean }) => c.is_demo)).toBe(true);
  });

  it('adds nothing when run again', async () => {
    const before = await perDistrict();
    const again = await seedDemoCommunities(t.db, { districts: [1001, 1004] });
    expect(again).toEqual({ communities: 0, members: 0, needs: 0 });
    expect(await perDistrict()).toEqual(before);
  });

  it('fills the whole city to the reference total of 2,007, idempotently', async () => {
    await seedDemoCommunities(t.db);
    const rows = await perDistrict();
    expect(rows).toHaveLength(50);
    for (const r of rows) expect(r.n).toBe(r.communities_2018);
    expect(rows.reduce((sum, r) => sum + r.n, 0)).toBe(2007);
    expect(await seedDemoCommunities(t.db)).toEqual({ communities: 0, members: 0, needs: 0 });
  }, 60_000);
});
