/**
 * Read-only questions other modules ask about city problem reports near a place: how
 * many of each category are open or fixed within a radius, which ones they are, and
 * which reports a list of tracking codes names. Communities show these beside their
 * needs, and a need may cite them as evidence.
 *
 * Every radius query first cuts by a bounding box on `reports.location` (the GiST index
 * of migration 0003 answers `<@ box`), then keeps only what lies within the exact
 * great-circle distance, so a city-sized reports table is never scanned.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';
/** Mean Earth radius, the one the geo platform's distanceMeters uses, so both agree. */
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE_LAT = (EARTH_RADIUS_M * Math.PI) / 180;

export interface NearbyCategoryCount {
  category: { code: string; name_th: string; name_en: string };
  open: number;
  fixed: number;
}

export interface NearbyReport {
  id: string;
  code: string;
  category: { code: string; name_th: string; name_en: string };
  state: ReportState;
  description: string;
  lat: number;
  lng: number;
  distance_m: number;
  created_at: Date;
  is_demo: boolean;
}

export interface ReportRef {
  id: string;
  code: string;
  category: { code: string; name_th: string; name_en: string };
  state: ReportState;
  lat: number;
  lng: number;
  created_at: Date;
  is_demo: boolean;
}

/** The box around a circle, in degrees (longitude degrees shrink with latitude). */
export function boxAround(lat: number, lng: number, radiusM: number): { minLng: number; minLat: number; maxLng: number; maxLat: number } {
  const dLat = radiusM / METRES_PER_DEGREE_LAT;
  const dLng = radiusM / (METRES_PER_DEGREE_LAT * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLng: lng - dLng, minLat: lat - dLat, maxLng: lng + dLng, maxLat: lat + dLat };
}

/** Haversine distance in metres from (lat, lng) to the row's own lat/lng, in SQL. */
function distanceSql(lat: number, lng: number): RawBuilder<number> {
  return sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(
    power(sin(radians(r.lat - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(r.lat)) * power(sin(radians(r.lng - ${lng}::float8) / 2), 2)))))`;
}

function withinRadius(db: Executor, lat: number, lng: number, radiusM: number) {
  const b = boxAround(lat, lng, radiusM);
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .where(sql<boolean>`r.location <@ box(point(${b.minLng}, ${b.minLat}), point(${b.maxLng}, ${b.maxLat}))`)
    .where(distanceSql(lat, lng), '<=', radiusM);
}

const category = (r: { category_code: string; category_name_th: string; category_name_en: string }) => ({
  code: r.category_code, name_th: r.category_name_th, name_en: r.category_name_en,
});

/**
 * Reports within the radius counted per category: open (received or in progress) and
 * fixed. Closed reports (duplicates, invalid, withdrawn) are not problems on the ground.
 * Categories with neither are left out; most open first.
 */
export async function reportCountsNear(db: Executor, lat: number, lng: number, radiusM: number): Promise<NearbyCategoryCount[]> {
  const rows = await withinRadius(db, lat, lng, radiusM)
    .select([
      'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en', 'c.sort_order',
      sql<number>`count(*) filter (where r.state in ('received', 'in_progress'))::int`.as('open'),
      sql<number>`count(*) filter (where r.state = 'fixed')::int`.as('fixed'),
    ])
    .where('r.state', 'in', ['received', 'in_progress', 'fixed'])
    .groupBy(['c.code', 'c.name_th', 'c.name_en', 'c.sort_order'])
    .orderBy('open', 'desc')
    .orderBy('c.sort_order')
    .orderBy('c.code')
    .execute();
  return rows.map((r) => ({ category: category(r), open: r.open, fixed: r.fixed }));
}

/** The latest reports within the radius (every state), newest first, with their distance. */
export async function reportsNear(db: Executor, lat: number, lng: number, radiusM: number, limit = 50): Promise<NearbyReport[]> {
  const rows = await withinRadius(db, lat, lng, radiusM)
    .select([
      'r.id', 'r.code', 'r.description', 'r.lat', 'r.lng', 'r.created_at', 'r.is_demo',
      sql<ReportState>`r.state`.as('state'),
      'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en',
      distanceSql(lat, lng).as('distance_m'),
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, category: category(r), state: r.state, description: r.description,
    lat: r.lat, lng: r.lng, distance_m: Number(r.distance_m), created_at: r.created_at, is_demo: r.is_demo,
  }));
}

const refColumns = [
  'r.id', 'r.code', 'r.lat', 'r.lng', 'r.created_at', 'r.is_demo',
  'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en',
] as const;

function toRef(r: { id: string; code: string; lat: number; lng: number; created_at: Date; is_demo: boolean; state: ReportState; category_code: string; category_name_th: string; category_name_en: string }): ReportRef {
  return { id: r.id, code: r.code, category: category(r), state: r.state, lat: r.lat, lng: r.lng, created_at: r.created_at, is_demo: r.is_demo };
}

/** Reports by tracking code (case as stored, upper-case); codes that do not exist are simply absent. */
export async function reportsByCodes(db: Executor, codes: readonly string[]): Promise<ReportRef[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .select([...refColumns, sql<ReportState>`r.state`.as('state')])
    .where('r.code', 'in', [...codes])
    .execute();
  return rows.map(toRef);
}

/** Reports by internal id (for showing what a link points at). */
export async function reportsByIds(db: Executor, ids: readonly string[]): Promise<ReportRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .select([...refColumns, sql<ReportState>`r.state`.as('state')])
    .where('r.id', 'in', [...ids])
    .execute();
  return rows.map(toRef);
}
