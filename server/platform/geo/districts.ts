/**
 * The 50 Bangkok districts (khet) as shipped in reference/bangkok-districts.geojson.
 * The file is read once, on first use, so importing this module costs nothing and
 * tests that never touch geography never pay for parsing 1.7 MB of polygons.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from './coordinates.ts';
import { simplifyRing } from './simplify.ts';

/** server/platform/geo → repository root → reference/. */
export const DISTRICTS_GEOJSON_URL = new URL('../../../reference/bangkok-districts.geojson', import.meta.url);

/** Department of Provincial Administration codes for Bangkok's khet run 1001…1050. */
export const DISTRICT_CODE_MIN = 1001;
export const DISTRICT_CODE_MAX = 1050;

/** Default tolerance for the browser outlines: ~33 m, invisible at city zoom. */
export const BROWSER_SIMPLIFY_TOLERANCE_DEG = 0.0003;

export type DistrictGeometry = Polygon | MultiPolygon;

export interface District {
  /** DOPA district code, 1001 (Phra Nakhon) … 1050 (Bang Bon). */
  readonly code: number;
  /** Official Thai name without the เขต prefix, e.g. "บางรัก". */
  readonly name_th: string;
  /** Romanised name as the BMA writes it, e.g. "Bang Rak". */
  readonly name_en: string;
  readonly area_km2: number;
  /** Registered population in 2018 (the year the polygons were published). */
  readonly population_2018: number;
  /** Registered communities (chumchon) in 2018. */
  readonly communities_2018: number;
  /** [minLng, minLat, maxLng, maxLat] of the polygon. */
  readonly bbox: BBox;
}

export type DistrictProperties = Omit<District, 'bbox'>;

interface DistrictIndex {
  readonly districts: readonly District[];
  readonly byCode: ReadonlyMap<number, { district: District; geometry: DistrictGeometry }>;
  readonly byName: ReadonlyMap<string, District>;
  readonly bbox: BBox;
}

let cachedIndex: DistrictIndex | undefined;
const simplifiedCache = new Map<number, FeatureCollection<DistrictGeometry, DistrictProperties>>();

function loadFailure(problem: string): Error {
  return new Error(
    `Cannot load the Bangkok district polygons from ${fileURLToPath(DISTRICTS_GEOJSON_URL)}: ${problem}. ` +
      'The file ships with the repository in reference/; restore it from version control.',
  );
}

function requireNumber(properties: Record<string, unknown>, key: string, featureIndex: number): number {
  const value = Number(properties[key]);
  if (!Number.isFinite(value)) throw loadFailure(`feature ${featureIndex} has no numeric "${key}"`);
  return value;
}

function requireText(properties: Record<string, unknown>, key: string, featureIndex: number): string {
  const value = properties[key];
  if (typeof value !== 'string' || value.trim() === '') throw loadFailure(`feature ${featureIndex} has no "${key}"`);
  return value.trim();
}

function outerRings(geometry: DistrictGeometry): Position[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((polygon) => polygon[0]);
}

function boundingBox(geometry: DistrictGeometry): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  // Holes lie inside their outer ring, so the outer rings alone bound the shape.
  for (const ring of outerRings(geometry)) {
    for (const [lng, lat] of ring) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return [minLng, minLat, maxLng, maxLat];
}

/** Folds the ways people write a district name ("เขตบางรัก", "เขต บางรัก", "bang rak") to one key. */
export function normaliseDistrictName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(/^เขต\s*/u, '')
    .replace(/^khet\s+/iu, '')
    .replace(/\s+district$/iu, '')
    .replace(/[\s\-]+/gu, '')
    .toLowerCase();
}

function parseIndex(text: string): DistrictIndex {
  let parsed: FeatureCollection;
  try {
    parsed = JSON.parse(text) as FeatureCollection;
  } catch (error) {
    throw loadFailure(`it is not valid JSON (${(error as Error).message})`);
  }
  if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) {
    throw loadFailure('it is not a GeoJSON FeatureCollection');
  }

  const byCode = new Map<number, { district: District; geometry: DistrictGeometry }>();
  parsed.features.forEach((feature: Feature, featureIndex) => {
    const geometry = feature.geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') {
      throw loadFailure(`feature ${featureIndex} is not a Polygon or MultiPolygon`);
    }
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const code = requireNumber(properties, 'code', featureIndex);
    if (!Number.isInteger(code) || code < DISTRICT_CODE_MIN || code > DISTRICT_CODE_MAX) {
      throw loadFailure(`feature ${featureIndex} has code ${code}, outside ${DISTRICT_CODE_MIN}–${DISTRICT_CODE_MAX}`);
    }
    if (byCode.has(code)) throw loadFailure(`district code ${code} appears twice`);
    const district: District = Object.freeze({
      code,
      name_th: requireText(properties, 'name_th', featureIndex),
      name_en: requireText(properties, 'name_en', featureIndex),
      area_km2: requireNumber(properties, 'area_km2', featureIndex),
      population_2018: requireNumber(properties, 'population_2018', featureIndex),
      communities_2018: requireNumber(properties, 'communities_2018', featureIndex),
      bbox: Object.freeze(boundingBox(geometry)) as BBox,
    });
    byCode.set(code, { district, geometry });
  });

  const expected = DISTRICT_CODE_MAX - DISTRICT_CODE_MIN + 1;
  if (byCode.size !== expected) throw loadFailure(`expected ${expected} districts, found ${byCode.size}`);

  const districts = Object.freeze([...byCode.values()].map((entry) => entry.district).sort((a, b) => a.code - b.code));
  const byName = new Map<string, District>();
  for (const district of districts) {
    byName.set(normaliseDistrictName(district.name_th), district);
    byName.set(normaliseDistrictName(district.name_en), district);
  }
  const bbox: BBox = [
    Math.min(...districts.map((d) => d.bbox[0])),
    Math.min(...districts.map((d) => d.bbox[1])),
    Math.max(...districts.map((d) => d.bbox[2])),
    Math.max(...districts.map((d) => d.bbox[3])),
  ];
  return { districts, byCode, byName, bbox };
}

function index(): DistrictIndex {
  if (!cachedIndex) {
    let text: string;
    try {
      text = fs.readFileSync(DISTRICTS_GEOJSON_URL, 'utf8');
    } catch (error) {
      throw loadFailure((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    cachedIndex = parseIndex(text);
  }
  return cachedIndex;
}

/** All 50 districts, ordered by code. */
export function listDistricts(): readonly District[] {
  return index().districts;
}

export function getDistrict(code: number): District | undefined {
  return index().byCode.get(code)?.district;
}

/** The surveyed (unsimplified) outline; treat it as read-only, it is shared. */
export function getDistrictGeometry(code: number): DistrictGeometry | undefined {
  return index().byCode.get(code)?.geometry;
}

/**
 * Finds a district by its Thai or English name, forgiving the เขต prefix, spacing
 * and case — the forms Traffy rows, LINE messages and officers actually use.
 */
export function findDistrictByName(name: string): District | undefined {
  return index().byName.get(normaliseDistrictName(name));
}

/** Bounding box of all of Bangkok, [minLng, minLat, maxLng, maxLat]. */
export function bangkokBoundingBox(): BBox {
  return index().bbox;
}

function propertiesOf(district: District): DistrictProperties {
  const { bbox: _bbox, ...properties } = district;
  return properties;
}

/** Every district with its full outline, numeric codes and no other changes. */
export function getDistrictsFeatureCollection(): FeatureCollection<DistrictGeometry, DistrictProperties> {
  return {
    type: 'FeatureCollection',
    features: listDistricts().map((district) => ({
      type: 'Feature',
      id: district.code,
      bbox: [...district.bbox],
      properties: propertiesOf(district),
      geometry: getDistrictGeometry(district.code)!,
    })),
  };
}

function roundPosition(position: Position): Position {
  // Five decimals is ~1 m, the precision of the source; more only costs bytes.
  return [Math.round(position[0] * 1e5) / 1e5, Math.round(position[1] * 1e5) / 1e5];
}

function simplifyGeometry(geometry: DistrictGeometry, tolerance: number): DistrictGeometry {
  const simplifyPolygon = (rings: Position[][]) => rings.map((ring) => simplifyRing(ring, tolerance).map(roundPosition));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: simplifyPolygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(simplifyPolygon) };
}

/**
 * District outlines small enough for a browser map (Douglas–Peucker per ring).
 * Neighbouring outlines are simplified independently, so hairline gaps can appear
 * between them at high zoom; use the full collection for anything but drawing.
 * Cached per tolerance because the web server hands the same answer to everyone,
 * so callers must not mutate the result.
 */
export function getSimplifiedDistrictsFeatureCollection(
  toleranceDegrees: number = BROWSER_SIMPLIFY_TOLERANCE_DEG,
): FeatureCollection<DistrictGeometry, DistrictProperties> {
  if (!Number.isFinite(toleranceDegrees) || toleranceDegrees < 0) {
    throw new RangeError(`Simplification tolerance must be a non-negative number of degrees, got ${toleranceDegrees}.`);
  }
  let collection = simplifiedCache.get(toleranceDegrees);
  if (!collection) {
    const full = getDistrictsFeatureCollection();
    collection = {
      type: 'FeatureCollection',
      features: full.features.map((feature) => ({ ...feature, geometry: simplifyGeometry(feature.geometry, toleranceDegrees) })),
    };
    simplifiedCache.set(toleranceDegrees, collection);
  }
  return collection;
}
