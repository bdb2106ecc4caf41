import { describe, expect, it } from 'vitest';
import { InvalidCoordinatesError } from './coordinates.ts';
import { bangkokBoundingBox, getDistrictGeometry, listDistricts } from './districts.ts';
import { createDistrictGrid } from './district-grid.ts';
import { locateDistrict } from './locator.ts';

const exact = (lat: number, lng: number) => {
  const location = locateDistrict(lat, lng);
  return location.inside ? location.district.code : undefined;
};

/** Deterministic points, so a failure names the same point every run. */
function* seededPoints(n: number, seed: number): Generator<[number, number]> {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const [minLng, minLat, maxLng, maxLat] = bangkokBoundingBox();
  // A margin beyond the city, so points just outside are asked too.
  for (let i = 0; i < n; i++) yield [minLat - 0.02 + next() * (maxLat - minLat + 0.04), minLng - 0.02 + next() * (maxLng - minLng + 0.04)];
}

// Points outside Bangkok make locateDistrict search for the nearest district: slow on purpose.
describe('createDistrictGrid', { timeout: 60_000 }, () => {
  const grid = createDistrictGrid();

  it('gives locateDistrict\'s answer for points all over Bangkok and around it', () => {
    for (const [lat, lng] of seededPoints(4_000, 7)) {
      expect(grid.districtAt(lat, lng)?.code, `${lat}, ${lng}`).toBe(exact(lat, lng));
    }
  });

  it('gives the same answer on the boundaries, where districts meet', () => {
    for (const district of listDistricts()) {
      const geometry = getDistrictGeometry(district.code)!;
      const ring = geometry.type === 'Polygon' ? geometry.coordinates[0]! : geometry.coordinates[0]![0]!;
      for (let i = 0; i < ring.length; i += Math.max(1, Math.floor(ring.length / 40))) {
        const [lng, lat] = ring[i]!;
        expect(grid.districtAt(lat!, lng!)?.code, `vertex ${lat}, ${lng}`).toBe(exact(lat!, lng!));
        // Midway to the next vertex: on an edge, not a corner.
        const [lng2, lat2] = ring[i + 1] ?? ring[0]!;
        const mid: [number, number] = [(lat! + lat2!) / 2, (lng! + lng2!) / 2];
        expect(grid.districtAt(...mid)?.code, `edge ${mid}`).toBe(exact(...mid));
      }
    }
  });

  it('answers the same on a second look (cells remember their district)', () => {
    for (const [lat, lng] of seededPoints(1_000, 11)) expect(grid.districtAt(lat, lng)?.code).toBe(exact(lat, lng));
    for (const [lat, lng] of seededPoints(1_000, 11)) expect(grid.districtAt(lat, lng)?.code).toBe(exact(lat, lng));
  });

  it('reports inside and outside as locate does, and refuses what is not a coordinate', () => {
    expect(grid.locate(13.7292, 100.5243)).toMatchObject({ inside: true, district: { code: 1004 } });
    expect(grid.locate(13.9, 100.2)).toEqual({ inside: false });
    expect(() => grid.districtAt(95, 100)).toThrow(InvalidCoordinatesError);
    expect(() => grid.districtAt(Number.NaN, 100)).toThrow(InvalidCoordinatesError);
  });
});
