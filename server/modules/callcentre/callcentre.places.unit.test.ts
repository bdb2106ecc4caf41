import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/problem.ts';
import { getDistrict } from '../../platform/geo/index.ts';
import { addressText, districtCandidates, representativePoint, resolveDistrict, resolvePlace } from './callcentre.places.ts';

const bangRak = getDistrict(1004)!;

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('resolveDistrict', () => {
  it('takes a code, a Thai name (with or without เขต) or an English name', () => {
    for (const raw of ['1004', 'บางรัก', 'เขตบางรัก', 'Bang Rak', 'bang rak']) expect(resolveDistrict(raw).code).toBe(1004);
  });

  it('refuses what is not a district, with both languages', () => {
    for (const raw of ['9999', 'Atlantis', '   ']) {
      const e = errorOf(() => resolveDistrict(raw));
      expect(e.status).toBe(400);
      expect(e.code).toBe('unknown_district');
      expect(e.text.th).toContain('ไม่พบเขต');
      expect(e.text.en).toContain('district');
    }
  });

  it('suggests districts from part of a name, in the refusal too', () => {
    expect(districtCandidates('บางร').map((d) => d.code)).toContain(1004);
    expect(districtCandidates('rak').map((d) => d.code)).toContain(1004);
    const e = errorOf(() => resolveDistrict('บางร'));
    expect(e.text.th).toContain('หมายถึงเขตบางรัก');
    expect(e.text.en).toContain('Did you mean Bang Rak');
  });
});

describe('addressText', () => {
  it('joins the place names the way an officer reads them', () => {
    expect(addressText({ subdistrict: 'สีลม', road: 'ซอยสีลม 5', landmark: 'ร้านสะดวกซื้อ' }, bangRak)).toBe('แขวงสีลม ซอยสีลม 5 ใกล้ร้านสะดวกซื้อ เขตบางรัก');
    expect(addressText({ subdistrict: 'แขวงสุริยวงศ์', road: 'สุรวงศ์' }, bangRak)).toBe('แขวงสุริยวงศ์ ถนน/ซอย สุรวงศ์ เขตบางรัก');
    expect(addressText({}, bangRak)).toBeNull();
  });
});

describe('resolvePlace', () => {
  it('without a pin: a point inside the district, at district precision, said honestly', () => {
    const place = resolvePlace(bangRak, {});
    expect(place.precision).toBe('district');
    expect(place).toMatchObject(representativePoint(1004));
    expect(place.note_th).toContain('ตำแหน่งโดยประมาณ: กลางเขตบางรัก');
    expect(place.note_en).toContain('Approximate location');
  });

  it('with a pin in the named district: the pin', () => {
    const place = resolvePlace(bangRak, { lat: 13.7292, lng: 100.5243 });
    expect(place).toMatchObject({ precision: 'pin', lat: 13.7292, lng: 100.5243, named_district: null });
    expect(place.district.code).toBe(1004);
  });

  it('with a pin in another district: the pin, and says so', () => {
    const place = resolvePlace(bangRak, { lat: 13.75, lng: 100.4913 }); // Phra Nakhon
    expect(place.district.code).toBe(1001);
    expect(place.named_district?.code).toBe(1004);
    expect(place.note_th).toContain('ไม่ใช่เขตบางรัก');
    expect(place.note_en).toContain('not Bang Rak');
  });

  it('refuses a pin outside Bangkok, half a pin, and nonsense', () => {
    expect(errorOf(() => resolvePlace(bangRak, { lat: 13.9, lng: 100.2 }))).toMatchObject({ status: 422, code: 'outside_bangkok' });
    expect(errorOf(() => resolvePlace(bangRak, { lat: 13.7 }))).toMatchObject({ status: 400, code: 'pin_incomplete' });
    expect(errorOf(() => resolvePlace(bangRak, { lat: 200, lng: 100 }))).toMatchObject({ status: 400, code: 'invalid_location' });
  });
});
