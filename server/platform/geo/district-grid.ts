/**
 * A grid over Bangkok that answers "which district is this point in?" without a
 * point-in-polygon test for most points, for callers that locate millions of points
 * (the Traffy importer). Same answers as locator.ts, by construction:
 *
 * - every segment of every district outline marks the cells its bounding box touches as
 *   "mixed"; a point in a mixed cell is located by locateDistrict itself;
 * - any other cell has no boundary in it, so all its points are in the same district (or
 *   in none): locateDistrict decides that once, for the cell's centre.
 */
import { assertValidCoordinates } from './coordinates.ts';
import { bangkokBoundingBox, getDistrictGeometry, listDistricts, type District } from './districts.ts';
import { locateDistrict } from './locator.ts';

/** About 220 m: small enough that few points fall in a cell a boundary crosses. */
const CELL_DEG = 0.002;
/** Segment boxes are widened by this much, so a boundary on a cell's edge counts as in it. */
const EDGE_SLACK_DEG = 1e-9;
const UNKNOWN = -1;
const MIXED = -2;
const OUTSIDE = 0;

export interface DistrictGrid {
  /** The district containing the point, as locateDistrict finds it; undefined when outside Bangkok. */
  districtAt(lat: number, lng: number): District | undefined;
  /** locateDistrict's answer, reduced to inside (with the district) or not. */
  locate(lat: number, lng: number): { inside: true; district: District } | { inside: false };
}

export function createDistrictGrid(cellDeg = CELL_DEG): DistrictGrid {
  const [minLng, minLat, maxLng, maxLat] = bangkokBoundingBox();
  const cols = Math.ceil((maxLng - minLng) / cellDeg) + 1;
  const rows = Math.ceil((maxLat - minLat) / cellDeg) + 1;
  const districts = listDistricts();
  // Per cell: UNKNOWN until first asked, MIXED, OUTSIDE, or 1 + the district's index.
  const cells = new Int16Array(cols * rows).fill(UNKNOWN);
  const col = (lng: number) => Math.floor((lng - minLng) / cellDeg);
  const row = (lat: number) => Math.floor((lat - minLat) / cellDeg);

  for (const district of districts) {
    const geometry = getDistrictGeometry(district.code)!;
    const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const [x1, y1] = ring[i - 1]!;
        const [x2, y2] = ring[i]!;
        const c0 = Math.max(0, col(Math.min(x1!, x2!) - EDGE_SLACK_DEG));
        const c1 = Math.min(cols - 1, col(Math.max(x1!, x2!) + EDGE_SLACK_DEG));
        const r0 = Math.max(0, row(Math.min(y1!, y2!) - EDGE_SLACK_DEG));
        const r1 = Math.min(rows - 1, row(Math.max(y1!, y2!) + EDGE_SLACK_DEG));
        for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) cells[r * cols + c] = MIXED;
      }
    }
  }
  const indexOf = new Map(districts.map((d, i) => [d.code, i]));

  const exact = (lat: number, lng: number): District | undefined => {
    const location = locateDistrict(lat, lng);
    return location.inside ? location.district : undefined;
  };

  const districtAt = (lat: number, lng: number): District | undefined => {
    assertValidCoordinates(lat, lng);
    if (lng < minLng || lng > maxLng || lat < minLat || lat > maxLat) return undefined;
    const c = col(lng);
    const r = row(lat);
    const at = r * cols + c;
    let cell = cells[at]!;
    if (cell === MIXED) return exact(lat, lng);
    if (cell === UNKNOWN) {
      const centre = exact(minLat + (r + 0.5) * cellDeg, minLng + (c + 0.5) * cellDeg);
      cell = centre ? 1 + indexOf.get(centre.code)! : OUTSIDE;
      cells[at] = cell;
    }
    return cell === OUTSIDE ? undefined : districts[cell - 1];
  };

  return {
    districtAt,
    locate(lat, lng) {
      const district = districtAt(lat, lng);
      return district ? { inside: true, district } : { inside: false };
    },
  };
}
