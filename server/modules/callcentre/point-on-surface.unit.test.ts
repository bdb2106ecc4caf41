import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { getDistrictGeometry, listDistricts, locateDistrict } from '../../platform/geo/index.ts';
import { pointOnSurface, signedDistance } from './point-on-surface.ts';
import { representativePoint } from './callcentre.places.ts';

/** A "C" open to the east: its bounding-box centre and its centroid both lie in the gap. */
const C_SHAPE: Polygon = {
  type: 'Polygon',
  coordinates: [[[100, 13], [100.1, 13], [100.1, 13.02], [100.02, 13.02], [100.02, 13.08], [100.1, 13.08], [100.1, 13.1], [100, 13.1], [100, 13]]],
};

describe('pointOnSurface', () => {
  it('finds a point inside a concave shape where the bounding-box centre is outside', () => {
    const ring = C_SHAPE.coordinates;
    expect(signedDistance(100.05, 13.05, ring)).toBeLessThan(0); // the bbox centre: in the gap
    const p = pointOnSurface(C_SHAPE);
    expect(signedDistance(p.lng, p.lat, ring)).toBeGreaterThan(0);
    // In the thick spine of the C, not on its rim.
    expect(p.lng).toBeLessThan(100.02);
  });

  it('stays out of holes', () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [[100, 13], [100.1, 13], [100.1, 13.1], [100, 13.1], [100, 13]],
        [[100.02, 13.02], [100.08, 13.02], [100.08, 13.08], [100.02, 13.08], [100.02, 13.02]],
      ],
    };
    const p = pointOnSurface(withHole);
    expect(signedDistance(p.lng, p.lat, withHole.coordinates)).toBeGreaterThan(0);
    const inHole = p.lng > 100.02 && p.lng < 100.08 && p.lat > 13.02 && p.lat < 13.08;
    expect(inHole).toBe(false);
  });

  it('uses the largest part of a multipolygon', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [[[100, 13], [100.01, 13], [100.01, 13.01], [100, 13.01], [100, 13]]],
        [[[101, 14], [101.2, 14], [101.2, 14.2], [101, 14.2], [101, 14]]],
      ],
    };
    const p = pointOnSurface(multi);
    expect(p.lng).toBeCloseTo(101.1, 2);
    expect(p.lat).toBeCloseTo(14.1, 2);
    expect(p.clearance_m).toBeGreaterThan(9000);
  });

  it('refuses a shape with no inside', () => {
    const flat: Polygon = { type: 'Polygon', coordinates: [[[100, 13], [100.1, 13], [100.2, 13], [100, 13]]] };
    expect(() => pointOnSurface(flat)).toThrow(/no interior point/);
  });
});

describe('district representative points', () => {
  it('lies inside its own district for every one of the 50 districts, clear of the edges', () => {
    const districts = listDistricts();
    expect(districts).toHaveLength(50);
    for (const d of districts) {
      const point = representativePoint(d.code);
      const located = locateDistrict(point.lat, point.lng);
      expect(located.inside, `district ${d.code} ${d.name_en}`).toBe(true);
      if (located.inside) expect(located.district.code, `district ${d.code} ${d.name_en}`).toBe(d.code);
      // At least 100 m from the boundary: a neighbouring district is never a rounding error away.
      expect(pointOnSurface(getDistrictGeometry(d.code)!).clearance_m, `${d.name_en}`).toBeGreaterThan(100);
    }
  });

  it('is computed once and then reused', () => {
    expect(representativePoint(1004)).toBe(representativePoint(1004));
  });
});
