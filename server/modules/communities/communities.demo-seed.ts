/**
 * Demo communities for every district, as many as the district registered in 2018
 * (districts.communities_2018; 2,007 in all), each flagged is_demo: an invented name,
 * a kind in shares that fit the district, a point inside the district's polygon,
 * households, a committee of five to seven (no accounts) and up to three ranked needs.
 *
 * Idempotent: a district that already has its number of demo communities gets nothing
 * more, so a second run adds nothing. Rows go in batches, one transaction per district
 * with one audit entry, so the whole city takes seconds.
 */
import { recordAudit, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { publicId } from '../../platform/auth/tokens.ts';
import type { Db } from '../../platform/db/database.ts';
import { getDistrict, locateDistrict } from '../../platform/geo/index.ts';
import {
  between, communityName, HOUSEHOLDS, kindShares, NEED_TEMPLATES, personName, seededRng, weighted, type Rng,
} from './communities.demo-names.ts';
import { demoSeedRepository as repo } from './communities.demo-seed.repository.ts';
import { bangkokToday, nextCommunityCode } from './communities.rules.ts';
import type { CommitteePosition } from './communities.tables.ts';

const ACTOR = SYSTEM_ACTOR('demo-seed');
const OFFICES: readonly CommitteePosition[] = ['chair', 'vice_chair', 'secretary', 'treasurer'];

export interface DemoCommunitiesOptions {
  onProgress?(done: number, total: number): void;
  /** Only these districts (tests seed a couple); every district when left out. */
  districts?: number[];
}

export interface DemoCommunitiesSummary {
  communities: number;
  members: number;
  needs: number;
}

const DAY = 24 * 3600 * 1000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysBefore = (today: string, days: number) => isoDate(Date.parse(`${today}T00:00:00Z`) - days * DAY);

/** The day before the same date `years` later: a two-year term from 1 July ends on 30 June. */
function termEnd(start: string, years: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return isoDate(d.getTime() - DAY);
}

/** A random point inside the district polygon: drawn in its bounding box until one falls inside. */
export function pointInDistrict(rng: Rng, districtCode: number): { lat: number; lng: number } {
  const district = getDistrict(districtCode);
  if (!district) throw new Error(`district ${districtCode} is not in the shipped polygons`);
  const [minLng, minLat, maxLng, maxLat] = district.bbox;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const lat = Number((minLat + rng() * (maxLat - minLat)).toFixed(6));
    const lng = Number((minLng + rng() * (maxLng - minLng)).toFixed(6));
    const found = locateDistrict(lat, lng);
    if (found.inside && found.district.code === districtCode) return { lat, lng };
  }
  throw new Error(`could not place a point inside district ${districtCode}; check reference/bangkok-districts.geojson`);
}

export async function seedDemoCommunities(db: Db, opts: DemoCommunitiesOptions = {}): Promise<DemoCommunitiesSummary> {
  const districts = await repo.districts(db, opts.districts);
  const categories = await repo.categoryIds(db);
  const today = bangkokToday();
  const summary: DemoCommunitiesSummary = { communities: 0, members: 0, needs: 0 };

  const plans: Array<{ code: number; target: number; missing: number; density: number }> = [];
  for (const d of districts) {
    const target = d.communities_2018 ?? 0;
    const state = await repo.districtState(db, d.code);
    const area = Number(d.area_km2 ?? 0);
    plans.push({ code: d.code, target, missing: Math.max(0, target - state.demo), density: area > 0 ? (d.population_2018 ?? 0) / area : 0 });
  }
  const total = plans.reduce((sum, p) => sum + p.missing, 0);
  let done = 0;
  opts.onProgress?.(0, total);

  for (const plan of plans) {
    if (plan.missing === 0) continue;
    const added = await db.transaction().execute(async (trx) => {
      await repo.lockDistrict(trx, plan.code);
      // Read again under the lock: another seed run may have filled the district meanwhile.
      const state = await repo.districtState(trx, plan.code);
      const missing = Math.max(0, plan.target - state.demo);
      if (missing === 0) return { communities: 0, members: 0, needs: 0 };
      const rng = seededRng(plan.code * 7919 + state.demo);
      const communities = Array.from({ length: missing }, (_, i) => {
        const kind = weighted(rng, kindShares(plan.density));
        const [low, high] = HOUSEHOLDS[kind];
        const households = between(rng, low, high);
        return {
          code: nextCommunityCode(plan.code, state.highest + i),
          district_code: plan.code,
          name_th: communityName(rng, state.names),
          kind,
          ...pointInDistrict(rng, plan.code),
          households,
          population: Math.round(households * (2.4 + rng() * 1.2)),
          registered_on: isoDate(Date.parse('1985-01-01T00:00:00Z') + Math.floor(rng() * (Date.parse('2018-12-31T00:00:00Z') - Date.parse('1985-01-01T00:00:00Z')) / DAY) * DAY),
        };
      });
      const ids = await repo.insertCommunities(trx, communities);

      const members: Parameters<typeof repo.insertMembers>[1][number][] = [];
      const needs: Parameters<typeof repo.insertNeeds>[1][number][] = [];
      for (const c of communities) {
        const communityId = ids.get(c.code)!;
        const termStart = daysBefore(today, between(rng, 30, 600));
        const seats = between(rng, 5, 7);
        for (let s = 0; s < seats; s++) {
          members.push({ community_id: communityId, full_name: personName(rng), position: OFFICES[s] ?? 'member', term_start: termStart, term_end: termEnd(termStart, 2) });
        }
        const needCount = between(rng, 0, 3);
        const used = new Set<number>();
        for (let rank = 1; rank <= needCount; rank++) {
          let t = between(rng, 0, NEED_TEMPLATES.length - 1);
          while (used.has(t)) t = (t + 1) % NEED_TEMPLATES.length;
          used.add(t);
          const template = NEED_TEMPLATES[t]!;
          needs.push({
            public_id: publicId(12),
            community_id: communityId,
            rank,
            title: template.title,
            description: template.description,
            category_id: template.category ? categories.get(template.category) ?? null : null,
            place_text: template.place,
            households_affected: Math.max(1, Math.round(c.households * (0.1 + rng() * 0.6))),
            since_on: daysBefore(today, between(rng, 60, 2000)),
          });
        }
      }
      await repo.insertMembers(trx, members);
      await repo.insertNeeds(trx, needs);
      const result = { communities: communities.length, members: members.length, needs: needs.length };
      await recordAudit(trx, ACTOR, {
        action: 'community.demo_seed',
        entityType: 'district',
        entityId: String(plan.code),
        after: { ...result, codes: [communities[0]!.code, communities.at(-1)!.code], is_demo: true },
      });
      return result;
    });
    summary.communities += added.communities;
    summary.members += added.members;
    summary.needs += added.needs;
    done += plan.missing;
    opts.onProgress?.(done, total);
  }
  return summary;
}
