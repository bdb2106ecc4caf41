/** SQL of the demo seed, and nothing but SQL: reads of what is there, and batch inserts. */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { CommitteePosition, CommunityKind } from './communities.tables.ts';

/** Inserts per statement: well under PostgreSQL's 65,535 bound parameters. */
const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export const demoSeedRepository = {
  districts(db: Executor, only?: readonly number[]) {
    let q = db.selectFrom('districts').select(['code', 'name_th', 'name_en', 'area_km2', 'population_2018', 'communities_2018']).orderBy('code');
    if (only && only.length > 0) q = q.where('code', 'in', [...only]);
    return q.execute();
  },

  async categoryIds(db: Executor): Promise<Map<string, string>> {
    const rows = await db.selectFrom('categories').select(['id', 'code']).execute();
    return new Map(rows.map((r) => [r.code, r.id]));
  },

  /** What a district already has: demo communities counted, every name and number taken. */
  async districtState(db: Executor, districtCode: number) {
    const rows = await db.selectFrom('communities').select(['code', 'name_th', 'is_demo']).where('district_code', '=', districtCode).execute();
    const numbers = rows.map((r) => Number(r.code.split('-')[1]) || 0);
    return { demo: rows.filter((r) => r.is_demo).length, names: new Set(rows.map((r) => r.name_th)), highest: Math.max(0, ...numbers) };
  },

  async lockDistrict(db: Executor, districtCode: number) {
    // The same lock registration takes, so demo codes never collide with a real registration.
    await sql`select pg_advisory_xact_lock(${727_013}, ${districtCode})`.execute(db);
  },

  async insertCommunities(db: Executor, rows: ReadonlyArray<{
    code: string; district_code: number; name_th: string; kind: CommunityKind; lat: number; lng: number;
    households: number; population: number; registered_on: string;
  }>): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const part of chunks(rows)) {
      const inserted = await db
        .insertInto('communities')
        .values(part.map((r) => ({ ...r, name_en: null, location: sql`point(${r.lng}, ${r.lat})`, is_demo: true })))
        .returning(['id', 'code'])
        .execute();
      for (const r of inserted) ids.set(r.code, r.id);
    }
    return ids;
  },

  async insertMembers(db: Executor, rows: ReadonlyArray<{ community_id: string; full_name: string; position: CommitteePosition; term_start: string; term_end: string }>) {
    for (const part of chunks(rows)) await db.insertInto('community_committee_members').values(part.map((r) => ({ ...r, is_demo: true }))).execute();
  },

  async insertNeeds(db: Executor, rows: ReadonlyArray<{
    public_id: string; community_id: string; rank: number; title: string; description: string; category_id: string | null;
    place_text: string; households_affected: number; since_on: string;
  }>) {
    for (const part of chunks(rows)) await db.insertInto('community_needs').values([...part]).execute();
  },
};
