import { describe, expect, it } from 'vitest';
import {
  bangkokBoundingBox,
  findDistrictByName,
  getDistrict,
  getDistrictGeometry,
  getDistrictsFeatureCollection,
  getSimplifiedDistrictsFeatureCollection,
  listDistricts,
  normaliseDistrictName,
} from './districts.ts';

describe('listDistricts', () => {
  it('has the 50 districts, coded 1001–1050 in order', () => {
    const codes = listDistricts().map((d) => d.code);
    expect(codes).toEqual(Array.from({ length: 50 }, (_, i) => 1001 + i));
  });

  it('carries the 2018 counts: 2,007 communities in all', () => {
    const total = listDistricts().reduce((sum, d) => sum + d.communities_2018, 0);
    expect(total).toBe(2007);
    for (const district of listDistricts()) {
      expect(district.population_2018).toBeGreaterThan(20_000);
      expect(district.area_km2).toBeGreaterThan(1);
    }
  });

  it('is loaded once and shared', () => {
    expect(listDistricts()).toBe(listDistricts());
    expect(Object.isFrozen(listDistricts()[0])).toBe(true);
  });
});

describe('getDistrict', () => {
  it('finds Bang Rak by code', () => {
    expect(getDistrict(1004)).toMatchObject({ code: 1004, name_th: 'บางรัก', name_en: 'Bang Rak' });
  });

  it('returns undefined for codes that are not Bangkok districts', () => {
    expect(getDistrict(1000)).toBeUndefined();
    expect(getDistrict(1051)).toBeUndefined();
  });

  it('gives each district a bbox that contains its outline', () => {
    for (const district of listDistricts()) {
      const [minLng, minLat, maxLng, maxLat] = district.bbox;
      const geometry = getDistrictGeometry(district.code)!;
      expect(['Polygon', 'MultiPolygon']).toContain(geometry.type);
      const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0][0];
      for (const [lng, lat] of ring) {
        expect(lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat).toBe(true);
      }
    }
  });

  it('puts all of Bangkok inside one plausible box', () => {
    const [minLng, minLat, maxLng, maxLat] = bangkokBoundingBox();
    expect(minLng).toBeGreaterThan(100.3);
    expect(maxLng).toBeLessThan(101);
    expect(minLat).toBeGreaterThan(13.4);
    expect(maxLat).toBeLessThan(14);
  });
});

describe('findDistrictByName', () => {
  it.each(['บางรัก', 'เขตบางรัก', 'เขต บางรัก', ' บางรัก ', 'Bang Rak', 'bang rak', 'BangRak', 'Bang Rak District', 'Khet Bang Rak'])(
    'reads "%s" as Bang Rak',
    (name) => {
      expect(findDistrictByName(name)?.code).toBe(1004);
    },
  );

  it('finds every district by its own Thai and English names', () => {
    for (const district of listDistricts()) {
      expect(findDistrictByName(district.name_th)).toBe(district);
      expect(findDistrictByName(`เขต${district.name_th}`)).toBe(district);
      expect(findDistrictByName(district.name_en)).toBe(district);
    }
  });

  it('does not invent districts of other provinces', () => {
    expect(findDistrictByName('บางพลี')).toBeUndefined();
    expect(findDistrictByName('')).toBeUndefined();
  });

  it('folds prefixes, spacing and case to one key', () => {
    expect(normaliseDistrictName('เขต บางรัก')).toBe('บางรัก');
    expect(normaliseDistrictName('Pom Prap Sattru Phai District')).toBe('pomprapsattruphai');
  });
});

describe('district feature collections', () => {
  it('serves every district with numeric codes and ids', () => {
    const collection = getDistrictsFeatureCollection();
    expect(collection.features).toHaveLength(50);
    expect(collection.features[0]).toMatchObject({ id: 1001, properties: { code: 1001, name_en: 'Phra Nakhon' } });
  });

  it('simplifies to a browser-friendly size, keeping rings closed', () => {
    const full = JSON.stringify(getDistrictsFeatureCollection()).length;
    const simplified = getSimplifiedDistrictsFeatureCollection();
    const size = JSON.stringify(simplified).length;
    expect(size).toBeLessThan(full / 10);
    expect(size).toBeLessThan(200_000);
    for (const feature of simplified.features) {
      const rings = feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat();
      for (const ring of rings) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
  });

  it('caches per tolerance and rejects nonsense tolerances', () => {
    expect(getSimplifiedDistrictsFeatureCollection()).toBe(getSimplifiedDistrictsFeatureCollection(0.0003));
    expect(() => getSimplifiedDistrictsFeatureCollection(-1)).toThrow(RangeError);
    expect(() => getSimplifiedDistrictsFeatureCollection(Number.NaN)).toThrow(RangeError);
  });
});
