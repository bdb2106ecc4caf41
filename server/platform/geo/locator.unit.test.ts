import { describe, expect, it } from 'vitest';
import { InvalidCoordinatesError } from './coordinates.ts';
import { listDistricts } from './districts.ts';
import { distanceMeters, isInsideBangkok, locateDistrict, NEAREST_DISTRICT_LIMIT_M } from './locator.ts';

function codeAt(lat: number, lng: number): number | undefined {
  const location = locateDistrict(lat, lng);
  return location.inside ? location.district.code : undefined;
}

describe('locateDistrict inside Bangkok', () => {
  it.each([
    ['Bang Rak, Silom', 13.7292, 100.5243, 1004],
    ['the Grand Palace', 13.75, 100.4913, 1001],
    ['Don Mueang airport', 13.9126, 100.6068, 1036],
    ['Wat Arun', 13.7437, 100.4889, 1016],
    ['Siam Paragon', 13.7462, 100.5347, 1007],
    ['Chatuchak Park', 13.7999, 100.5505, 1030],
    ['Min Buri market', 13.813, 100.727, 1010],
  ])('puts %s in district %s', (_place, lat, lng, code) => {
    expect(codeAt(lat, lng)).toBe(code);
    expect(isInsideBangkok(lat, lng)).toBe(true);
  });

  it('finds every district from a point inside it', () => {
    // Districts are not convex, so no single formula gives an interior point;
    // probe a 9×9 grid over each bbox and require every district to claim a cell.
    const claimed = new Set<number>();
    for (const district of listDistricts()) {
      const [minLng, minLat, maxLng, maxLat] = district.bbox;
      for (let i = 1; i < 10; i++) {
        for (let j = 1; j < 10; j++) {
          const code = codeAt(minLat + ((maxLat - minLat) * i) / 10, minLng + ((maxLng - minLng) * j) / 10);
          if (code !== undefined) claimed.add(code);
        }
      }
    }
    expect(claimed.size).toBe(50);
  });
});

describe('locateDistrict outside Bangkok', () => {
  it('names Bang Khun Thian as the nearest district to a point in the Gulf', () => {
    const location = locateDistrict(13.4, 100.5);
    expect(location).toMatchObject({ inside: false, reason: 'outside_bangkok', nearest: { district: { code: 1021 } } });
    if (!location.inside) {
      expect(location.nearest!.distance_m).toBeGreaterThan(5_000);
      expect(location.nearest!.distance_m).toBeLessThan(20_000);
    }
    expect(isInsideBangkok(13.4, 100.5)).toBe(false);
  });

  it('treats Nonthaburi pier as outside, a few kilometres from Bang Sue', () => {
    const location = locateDistrict(13.8573, 100.494);
    expect(location).toMatchObject({ inside: false, nearest: { district: { code: 1029 } } });
    if (!location.inside) expect(location.nearest!.distance_m).toBeLessThan(10_000);
  });

  it('treats Suvarnabhumi airport (Samut Prakan) as outside, next to Lat Krabang', () => {
    expect(locateDistrict(13.69, 100.7501)).toMatchObject({ inside: false, nearest: { district: { code: 1011 } } });
  });

  it('names no nearest district for a point far away', () => {
    const chiangMai = locateDistrict(18.7883, 98.9853);
    expect(chiangMai).toEqual({ inside: false, reason: 'outside_bangkok' });
    expect(NEAREST_DISTRICT_LIMIT_M).toBeLessThan(distanceMeters(18.7883, 98.9853, 13.75, 100.5));
  });

  it('reports the nearest distance in whole metres, consistent with haversine', () => {
    const location = locateDistrict(13.4, 100.5);
    if (location.inside) throw new Error('expected outside');
    const nearest = location.nearest!;
    expect(Number.isInteger(nearest.distance_m)).toBe(true);
    // The boundary is no nearer than the district's bbox and no farther than its centre.
    const [minLng, minLat, maxLng, maxLat] = nearest.district.bbox;
    expect(nearest.distance_m).toBeLessThan(distanceMeters(13.4, 100.5, (minLat + maxLat) / 2, (minLng + maxLng) / 2));
  });
});

describe('locateDistrict input validation', () => {
  it.each([
    [Number.NaN, 100.5],
    [13.7, Number.NaN],
    [Number.POSITIVE_INFINITY, 100.5],
    [91, 100.5],
    [-91, 100.5],
    [13.7, 181],
    [13.7, -180.5],
    [100.5243, 13.7292], // latitude and longitude swapped
  ])('rejects lat %s, lng %s', (lat, lng) => {
    expect(() => locateDistrict(lat, lng)).toThrow(InvalidCoordinatesError);
    expect(() => isInsideBangkok(lat, lng)).toThrow(InvalidCoordinatesError);
  });

  it('rejects strings even when they look like numbers', () => {
    expect(() => locateDistrict('13.7' as unknown as number, 100.5)).toThrow(InvalidCoordinatesError);
  });

  it('accepts the extreme valid values', () => {
    expect(locateDistrict(90, 180)).toEqual({ inside: false, reason: 'outside_bangkok' });
    expect(locateDistrict(-90, -180)).toEqual({ inside: false, reason: 'outside_bangkok' });
  });
});
