/**
 * A model of Bangkok's reports, for benchmark data: where (inside the district
 * polygons, weighted by population, clustered around hot spots), what (categories in
 * Traffy Fondue's proportions, taken from the shared sample when it is there), and when
 * (three years with growth, a rainy-season peak, storm nights, weekly and daily rhythm).
 * The sample is used as a model, never as content: no text or place is copied from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REPO_ROOT } from '../../server/platform/config/config.ts';
import { getDistrict, isInsideBangkok, locateDistrict, type District } from '../../server/platform/geo/index.ts';
import { CATEGORY_WEIGHTS, type Rng } from '../../server/modules/reports/demo-seed.story.ts';
import { parseTypeSet } from '../../server/modules/reports/traffy-import.parse.ts';

export const TRAFFY_SAMPLE = path.resolve(REPO_ROOT, '../shared/data/traffy-sample-2023-05.csv');
const DAY = 24 * 3600 * 1000;
const BANGKOK_OFFSET = 7 * 3600 * 1000;

/** sfc32: small, fast, seedable; the same seed gives the same data. */
export function seededRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return next;
}

/** Index into a cumulative weight table. */
function draw(rng: Rng, cumulative: Float64Array): number {
  const target = rng() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => { sum += w; out[i] = sum; });
  return out;
}

/**
 * Category shares: the first type of each report in the Traffy sample, matched to our
 * categories by Thai name; reports without a type are left out. Without the sample, the
 * demo seed's shares (which were set from Traffy's published counts).
 */
export function traffyCategoryShares(categories: ReadonlyArray<{ code: string; name_th: string }>): { shares: Record<string, number>; source: string } {
  if (!fs.existsSync(TRAFFY_SAMPLE)) return { shares: { ...CATEGORY_WEIGHTS }, source: 'demo-seed shares (Traffy sample not found)' };
  const byName = new Map(categories.map((c) => [c.name_th, c.code]));
  const counts: Record<string, number> = Object.fromEntries(categories.map((c) => [c.code, 0]));
  const rows = parse(fs.readFileSync(TRAFFY_SAMPLE), { bom: true, columns: true, relax_column_count: true }) as Array<Record<string, string>>;
  for (const row of rows) {
    const first = parseTypeSet(row.type).map((t) => byName.get(t)).find(Boolean);
    if (first) counts[first] = (counts[first] ?? 0) + 1;
  }
  // A category the sample happens not to show still gets a little: two days is a small window.
  for (const code of Object.keys(counts)) counts[code] = Math.max(counts[code]!, 0.5);
  return { shares: counts, source: 'Traffy Fondue sample (first type of each report)' };
}

/** Bangkok hour-of-day shape (the sample's UTC hours moved to +07:00, smoothed over 3 hours). */
const SAMPLE_UTC_HOURS = [22, 49, 41, 15, 57, 90, 83, 71, 81, 50, 82, 103, 99, 47, 26, 30, 11, 12, 6, 4, 1, 2, 4, 14];
export const HOUR_WEIGHTS: number[] = Array.from({ length: 24 }, (_, bkk) => {
  const at = (h: number) => SAMPLE_UTC_HOURS[(((h - 7) % 24) + 24) % 24]!;
  return (at(bkk - 1) + 2 * at(bkk) + at(bkk + 1)) / 4 + 1;
});

/** Month of the year (Jan = 0): the rainy season (May–October) fills the queues, September–October most. */
export const MONTH_WEIGHTS = [0.85, 0.8, 0.85, 0.9, 1.0, 1.1, 1.1, 1.15, 1.3, 1.3, 1.0, 0.85];
/** Categories the season moves: water in the rains, smoke and dust in the dry months. */
const SEASONAL: Record<string, (month: number, storm: boolean) => number> = {
  flooding: (m, storm) => (storm ? 12 : m >= 4 && m <= 9 ? 2.2 : 0.25),
  drain: (m, storm) => (storm ? 4 : m >= 4 && m <= 9 ? 1.5 : 0.7),
  canal: (m) => (m >= 4 && m <= 9 ? 1.3 : 0.8),
  trees: (m, storm) => (storm ? 3 : m >= 4 && m <= 9 ? 1.3 : 0.8),
  pm25: (m) => (m === 0 || m === 1 || m === 11 ? 4 : m === 2 ? 2 : 0.3),
};

export interface Hotspot {
  lat: number;
  lng: number;
}

export interface ModelOptions {
  categories: ReadonlyArray<{ code: string; name_th: string }>;
  districts: ReadonlyArray<{ code: number; population_2018: number | null }>;
  now: Date;
  years: number;
  seed: number;
}

export interface BangkokModel {
  now: Date;
  start: Date;
  categoryShares: Record<string, number>;
  categorySource: string;
  /** Days in the window that were storm nights (volume ×2.5, water categories ×12). */
  stormDays: number;
  sampleTime(rng: Rng): { at: Date; month: number; storm: boolean };
  sampleCategory(rng: Rng, month: number, storm: boolean): string;
  sampleDistrict(rng: Rng): District;
  samplePoint(rng: Rng, district: District): { lat: number; lng: number };
}

/** A uniform point inside the district polygon (drawn in its bounding box until one lands inside). */
export function uniformPointIn(rng: Rng, district: District): { lat: number; lng: number } {
  const [minLng, minLat, maxLng, maxLat] = district.bbox;
  for (let attempt = 0; attempt < 2000; attempt++) {
    const lat = minLat + rng() * (maxLat - minLat);
    const lng = minLng + rng() * (maxLng - minLng);
    if (!isInsideBangkok(lat, lng)) continue;
    const located = locateDistrict(lat, lng);
    if (located.inside && located.district.code === district.code) return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
  }
  throw new Error(`could not place a point inside district ${district.code}`);
}

export function buildModel(options: ModelOptions): BangkokModel {
  const rng = seededRng(options.seed ^ 0x5bd1e995);
  const now = options.now;
  const days = Math.max(1, Math.round(options.years * 365));
  const startDay = Math.floor((now.getTime() + BANGKOK_OFFSET) / DAY) - days + 1;
  const start = new Date(startDay * DAY - BANGKOK_OFFSET);

  // ── when ──
  const dayWeights: number[] = [];
  const dayInfo: Array<{ month: number; storm: boolean }> = [];
  let stormDays = 0;
  for (let i = 0; i < days; i++) {
    const date = new Date((startDay + i) * DAY);
    const month = date.getUTCMonth();
    const weekday = date.getUTCDay();
    // Adoption grew over the years; storms come in the rains.
    const growth = 0.6 + 0.8 * (i / days);
    const storm = month >= 4 && month <= 9 && rng() < 0.07;
    if (storm) stormDays += 1;
    dayWeights.push(growth * MONTH_WEIGHTS[month]! * (weekday === 0 || weekday === 6 ? 0.85 : 1) * (storm ? 2.5 : 1));
    dayInfo.push({ month, storm });
  }
  const dayCumulative = cumulate(dayWeights);
  const hourCumulative = cumulate(HOUR_WEIGHTS);

  // ── what ──
  const { shares, source } = traffyCategoryShares(options.categories);
  const codes = Object.keys(shares);
  const categoryTables = new Map<string, Float64Array>();
  const categoryTable = (month: number, storm: boolean) => {
    const key = `${month}:${storm}`;
    let table = categoryTables.get(key);
    if (!table) {
      table = cumulate(codes.map((c) => shares[c]! * (SEASONAL[c]?.(month, storm) ?? 1)));
      categoryTables.set(key, table);
    }
    return table;
  };

  // ── where ──
  const districts = options.districts.flatMap((d) => {
    const geo = getDistrict(d.code);
    return geo ? [{ geo, weight: d.population_2018 ?? 1 }] : [];
  });
  const districtCumulative = cumulate(districts.map((d) => d.weight));
  // Reports gather where people and traffic are: markets, sois, schools. Each district
  // gets hot spots in proportion to its population; half the reports fall near one.
  const hotspots = new Map<number, Hotspot[]>();
  for (const d of districts) {
    const count = Math.max(20, Math.round(d.weight / 1500));
    hotspots.set(d.geo.code, Array.from({ length: count }, () => uniformPointIn(rng, d.geo)));
  }

  return {
    now,
    start,
    categoryShares: shares,
    categorySource: source,
    stormDays,
    sampleTime(r) {
      const day = draw(r, dayCumulative);
      const hour = draw(r, hourCumulative);
      const ms = (startDay + day) * DAY - BANGKOK_OFFSET + hour * 3600_000 + Math.floor(r() * 3600_000);
      const at = new Date(Math.min(ms, now.getTime() - 3600_000));
      return { at, ...dayInfo[day]! };
    },
    sampleCategory(r, month, storm) {
      return codes[draw(r, categoryTable(month, storm))]!;
    },
    sampleDistrict(r) {
      return districts[draw(r, districtCumulative)]!.geo;
    },
    samplePoint(r, district) {
      if (r() < 0.5) {
        const spots = hotspots.get(district.code)!;
        const spot = spots[Math.floor(r() * spots.length)]!;
        // About 150 m around the spot (Box–Muller), kept if still in the district.
        for (let attempt = 0; attempt < 4; attempt++) {
          const radius = Math.sqrt(-2 * Math.log(Math.max(1e-12, r()))) * 0.0014;
          const angle = 2 * Math.PI * r();
          const lat = spot.lat + radius * Math.sin(angle);
          const lng = spot.lng + radius * Math.cos(angle);
          if (!isInsideBangkok(lat, lng)) continue;
          const located = locateDistrict(lat, lng);
          if (located.inside && located.district.code === district.code) return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 };
        }
        return spot;
      }
      return uniformPointIn(r, district);
    },
  };
}
