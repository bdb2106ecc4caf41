/**
 * Coordinate validation and plain spherical maths shared by the district locator.
 * Everything here is pure: no file access, no global state.
 */

/** A position in GeoJSON order: longitude first. */
export type LngLat = readonly [lng: number, lat: number];

/** [minLng, minLat, maxLng, maxLat], the GeoJSON bbox order. */
export type BBox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Mean Earth radius (IUGG); the error against the ellipsoid is < 0.5 %, plenty for "which district". */
export const EARTH_RADIUS_M = 6_371_008.8;

const DEGREES_TO_RADIANS = Math.PI / 180;

/**
 * Thrown for a latitude/longitude pair that is not a real place on Earth.
 * Carries a Thai and an English message so the HTTP layer can turn it into a
 * problem-details 400 without knowing anything about geography.
 */
export class InvalidCoordinatesError extends RangeError {
  readonly code = 'invalid_coordinates' as const;
  readonly messageTh: string;

  constructor(messageEn: string, messageTh: string) {
    super(messageEn);
    this.name = 'InvalidCoordinatesError';
    this.messageTh = messageTh;
  }
}

/** Throws InvalidCoordinatesError unless lat ∈ [−90, 90] and lng ∈ [−180, 180], both finite numbers. */
export function assertValidCoordinates(lat: number, lng: number): void {
  // The typeof checks matter for callers that arrive from untyped JSON or CSV.
  if (typeof lat !== 'number' || !Number.isFinite(lat)) {
    throw new InvalidCoordinatesError(
      `Latitude must be a finite number, got ${describe(lat)}.`,
      `ละติจูดต้องเป็นตัวเลข แต่ได้รับ ${describe(lat)}`,
    );
  }
  if (typeof lng !== 'number' || !Number.isFinite(lng)) {
    throw new InvalidCoordinatesError(
      `Longitude must be a finite number, got ${describe(lng)}.`,
      `ลองจิจูดต้องเป็นตัวเลข แต่ได้รับ ${describe(lng)}`,
    );
  }
  if (lat < -90 || lat > 90) {
    throw new InvalidCoordinatesError(
      `Latitude must be between -90 and 90, got ${lat}. Were latitude and longitude swapped?`,
      `ละติจูดต้องอยู่ระหว่าง -90 ถึง 90 แต่ได้รับ ${lat} (สลับละติจูดกับลองจิจูดหรือไม่)`,
    );
  }
  if (lng < -180 || lng > 180) {
    throw new InvalidCoordinatesError(
      `Longitude must be between -180 and 180, got ${lng}.`,
      `ลองจิจูดต้องอยู่ระหว่าง -180 ถึง 180 แต่ได้รับ ${lng}`,
    );
  }
}

/** True when the pair would pass assertValidCoordinates; for callers that prefer a boolean. */
export function areValidCoordinates(lat: unknown, lng: unknown): boolean {
  return (
    typeof lat === 'number' && Number.isFinite(lat) && lat >= -90 && lat <= 90 &&
    typeof lng === 'number' && Number.isFinite(lng) && lng >= -180 && lng <= 180
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

/** Great-circle distance in metres between two latitude/longitude pairs (haversine). */
export function distanceMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  assertValidCoordinates(lat1, lng1);
  assertValidCoordinates(lat2, lng2);
  const dLat = (lat2 - lat1) * DEGREES_TO_RADIANS;
  const dLng = (lng2 - lng1) * DEGREES_TO_RADIANS;
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * DEGREES_TO_RADIANS) * Math.cos(lat2 * DEGREES_TO_RADIANS) * Math.sin(dLng / 2) ** 2;
  // min() guards against a rounding step just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function bboxContains(bbox: BBox, lng: number, lat: number): boolean {
  return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}

/**
 * Flattens the sphere around one origin point so that distances to nearby
 * segments can be measured with plane geometry. Over the ~60 km Bangkok spans,
 * the error against haversine stays well under 1 %, and it is far cheaper than
 * spherical point-to-segment distance over tens of thousands of edges.
 */
export class LocalPlane {
  private readonly metresPerDegreeLat = EARTH_RADIUS_M * DEGREES_TO_RADIANS;
  private readonly metresPerDegreeLng: number;

  constructor(
    private readonly originLng: number,
    private readonly originLat: number,
  ) {
    this.metresPerDegreeLng = this.metresPerDegreeLat * Math.cos(originLat * DEGREES_TO_RADIANS);
  }

  /** Distance in metres from the origin to the closest point of segment a–b. */
  distanceToSegment(a: readonly number[], b: readonly number[]): number {
    const ax = (a[0] - this.originLng) * this.metresPerDegreeLng;
    const ay = (a[1] - this.originLat) * this.metresPerDegreeLat;
    const bx = (b[0] - this.originLng) * this.metresPerDegreeLng;
    const by = (b[1] - this.originLat) * this.metresPerDegreeLat;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    // Projection of the origin (0,0) onto the segment, clamped to its ends.
    const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
    return Math.hypot(ax + t * dx, ay + t * dy);
  }

  /** Lower bound on the distance in metres from the origin to anything inside bbox. */
  distanceToBBox(bbox: BBox): number {
    const dLng = Math.max(bbox[0] - this.originLng, 0, this.originLng - bbox[2]);
    const dLat = Math.max(bbox[1] - this.originLat, 0, this.originLat - bbox[3]);
    return Math.hypot(dLng * this.metresPerDegreeLng, dLat * this.metresPerDegreeLat);
  }
}
