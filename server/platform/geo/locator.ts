/**
 * Which Bangkok district is this point in? Reports are routed to the district
 * office of their location, so this runs on every report intake. Bounding boxes
 * rule out most districts cheaply before the exact point-in-polygon test.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { assertValidCoordinates, bboxContains, LocalPlane } from './coordinates.ts';
import { bangkokBoundingBox, getDistrictGeometry, listDistricts, type District, type DistrictGeometry } from './districts.ts';

export { distanceMeters } from './coordinates.ts';

export const OUTSIDE_REASON = {
  outsideBangkok: 'outside_bangkok',
} as const;
export type OutsideReason = (typeof OUTSIDE_REASON)[keyof typeof OUTSIDE_REASON];

/**
 * How far beyond the boundary a point may be for the answer to name the nearest
 * district. Near the edge that helps a reporter in Nonthaburi or Samut Prakan see
 * which Bangkok district they almost meant; far away it would be noise.
 */
export const NEAREST_DISTRICT_LIMIT_M = 25_000;

export type DistrictLocation =
  | { readonly inside: true; readonly district: District }
  | {
      readonly inside: false;
      readonly reason: OutsideReason;
      readonly nearest?: { readonly district: District; readonly distance_m: number };
    };

function containingDistrict(lat: number, lng: number): District | undefined {
  if (!bboxContains(bangkokBoundingBox(), lng, lat)) return undefined;
  const point = [lng, lat];
  // Districts share edges; a point exactly on one goes to the lower code, which
  // keeps the answer stable from run to run.
  for (const district of listDistricts()) {
    if (!bboxContains(district.bbox, lng, lat)) continue;
    if (booleanPointInPolygon(point, getDistrictGeometry(district.code)!)) return district;
  }
  return undefined;
}

function ringsOf(geometry: DistrictGeometry): number[][][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function nearestDistrict(lat: number, lng: number): { district: District; distance_m: number } | undefined {
  const plane = new LocalPlane(lng, lat);
  let bestDistrict: District | undefined;
  let bestDistance = NEAREST_DISTRICT_LIMIT_M;
  for (const district of listDistricts()) {
    // The bbox distance is a lower bound, so most districts are skipped unread.
    if (plane.distanceToBBox(district.bbox) > bestDistance) continue;
    for (const ring of ringsOf(getDistrictGeometry(district.code)!)) {
      for (let i = 1; i < ring.length; i++) {
        const distance = plane.distanceToSegment(ring[i - 1], ring[i]);
        if (distance < bestDistance) {
          bestDistance = distance;
          bestDistrict = district;
        }
      }
    }
  }
  return bestDistrict && { district: bestDistrict, distance_m: Math.round(bestDistance) };
}

/**
 * Locates a latitude/longitude pair (WGS84) in a Bangkok district.
 * Throws InvalidCoordinatesError for values that are not coordinates at all;
 * a valid point outside Bangkok is an ordinary answer, not an error.
 */
export function locateDistrict(lat: number, lng: number): DistrictLocation {
  assertValidCoordinates(lat, lng);
  const district = containingDistrict(lat, lng);
  if (district) return { inside: true, district };
  const nearest = nearestDistrict(lat, lng);
  return nearest
    ? { inside: false, reason: OUTSIDE_REASON.outsideBangkok, nearest }
    : { inside: false, reason: OUTSIDE_REASON.outsideBangkok };
}

/** True when the point lies in one of the 50 districts. Skips the nearest-district search. */
export function isInsideBangkok(lat: number, lng: number): boolean {
  assertValidCoordinates(lat, lng);
  return containingDistrict(lat, lng) !== undefined;
}
