/**
 * Where is the caller's problem? Callers name places ("Bang Rak, Soi Silom 5, by the
 * 7-Eleven"), they do not give coordinates. We hold only the 50 district outlines, so
 * a location resolved from names is honestly "somewhere in this district": a point
 * well inside the district (so routing is right), flagged as district precision, with
 * the subdistrict, road and landmark kept as address text for the officer to read.
 * When the agent does have a pin, the pin wins.
 */
import { findDistrictByName, getDistrict, getDistrictGeometry, listDistricts, locateDistrict, type District } from '../../platform/geo/index.ts';
import { fail } from '../../platform/http/problem.ts';
import { pointOnSurface } from './point-on-surface.ts';

export const PRECISION = { district: 'district', pin: 'pin' } as const;
export type Precision = (typeof PRECISION)[keyof typeof PRECISION];

const representative = new Map<number, { lat: number; lng: number }>();

/** The district's representative point, computed once per district and kept. */
export function representativePoint(code: number): { lat: number; lng: number } {
  let point = representative.get(code);
  if (!point) {
    const geometry = getDistrictGeometry(code);
    if (!geometry) throw new Error(`no geometry for district ${code}`);
    const p = pointOnSurface(geometry);
    // Six decimals (~0.1 m) is all a report row needs.
    point = { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 };
    representative.set(code, point);
  }
  return point;
}

/** Unknown district, with the districts the text might have meant ("บางร" → Bang Rak?). */
function unknownDistrict(near: readonly District[]) {
  const th = near.length > 0 ? ` หมายถึง${near.map((d) => `เขต${d.name_th}`).join(' หรือ ')}หรือไม่` : '';
  const en = near.length > 0 ? ` Did you mean ${near.map((d) => d.name_en).join(' or ')}?` : '';
  return fail.badRequest('unknown_district', `ไม่พบเขตนี้ในกรุงเทพมหานคร กรุณาเลือกจากรายชื่อ 50 เขต${th}`, `No Bangkok district by that name or code; choose one of the 50 districts.${en}`, [
    { field: 'district', text: { th: 'ไม่พบเขตนี้', en: 'is not a Bangkok district' } },
  ]);
}

/** A district from what an agent typed: its code (1001–1050), or its Thai or English name. */
export function resolveDistrict(raw: string | number): District {
  const text = String(raw).trim();
  const district = /^\d{4}$/.test(text) ? getDistrict(Number(text)) : text ? findDistrictByName(text) : undefined;
  if (!district) throw unknownDistrict(text ? districtCandidates(text, 3) : []);
  return district;
}

/** Districts whose Thai or English name contains the text: for a type-ahead list. */
export function districtCandidates(raw: string, limit = 8): District[] {
  const text = raw.trim().replace(/^เขต\s*/u, '').toLowerCase();
  if (!text) return [];
  return listDistricts()
    .filter((d) => d.name_th.includes(text) || d.name_en.toLowerCase().includes(text) || String(d.code) === text)
    .slice(0, limit);
}

export interface PlaceNames {
  subdistrict?: string | null;
  road?: string | null;
  landmark?: string | null;
}

/** "แขวงสีลม ถนน/ซอย สีลม 5 ใกล้ร้านสะดวกซื้อ" — the words the officer will read. */
export function addressText(names: PlaceNames, district: District): string | null {
  const clean = (s: string | null | undefined) => s?.trim().replace(/\s+/g, ' ') || null;
  const subdistrict = clean(names.subdistrict)?.replace(/^แขวง\s*/u, '');
  const road = clean(names.road);
  const landmark = clean(names.landmark)?.replace(/^ใกล้\s*/u, '');
  const parts = [
    subdistrict ? `แขวง${subdistrict}` : null,
    road ? (/^(ถนน|ถ\.|ซอย|ซ\.|ตรอก|soi|road|rd\.?)/iu.test(road) ? road : `ถนน/ซอย ${road}`) : null,
    landmark ? `ใกล้${landmark}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(' ')} เขต${district.name_th}` : null;
}

export interface ResolvedPlace {
  lat: number;
  lng: number;
  precision: Precision;
  district: District;
  /** The district the agent named, when a pin placed the problem in another one. */
  named_district: District | null;
  note_th: string;
  note_en: string;
}

function outsideBangkok() {
  return fail.unprocessable('outside_bangkok', 'ตำแหน่งที่ระบุอยู่นอกกรุงเทพมหานคร ระบบนี้รับเรื่องในเขตกรุงเทพฯ เท่านั้น', 'The pin is outside Bangkok; this service takes reports inside the city only', [
    { field: 'lat', text: { th: 'อยู่นอกกรุงเทพฯ', en: 'is outside Bangkok' } },
  ]);
}

/**
 * The location to file: the pin if the agent has one (it must be in Bangkok; a pin in
 * another district than the one named is used, and the difference said out loud),
 * else the named district's representative point at district precision.
 */
export function resolvePlace(named: District, pin: { lat?: number | null; lng?: number | null }): ResolvedPlace {
  const hasLat = pin.lat !== undefined && pin.lat !== null;
  const hasLng = pin.lng !== undefined && pin.lng !== null;
  if (hasLat !== hasLng) {
    throw fail.badRequest('pin_incomplete', 'กรุณาระบุทั้งละติจูดและลองจิจูด หรือเว้นว่างทั้งคู่', 'Give both latitude and longitude, or neither', [
      { field: hasLat ? 'lng' : 'lat', text: { th: 'จำเป็นต้องกรอกคู่กัน', en: 'is required with the other coordinate' } },
    ]);
  }
  if (hasLat && hasLng) {
    const lat = pin.lat!;
    const lng = pin.lng!;
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      throw fail.badRequest('invalid_location', 'พิกัดไม่ถูกต้อง', 'The coordinates are not valid', [{ field: 'lat', text: { th: 'พิกัดไม่ถูกต้อง', en: 'is not a valid coordinate' } }]);
    }
    const located = locateDistrict(lat, lng);
    if (!located.inside) throw outsideBangkok();
    const district = located.district;
    if (district.code !== named.code) {
      return {
        lat, lng, precision: PRECISION.pin, district, named_district: named,
        note_th: `หมุดอยู่ในเขต${district.name_th} ไม่ใช่เขต${named.name_th} ตามที่ผู้แจ้งบอก เรื่องจะส่งตามตำแหน่งหมุด`,
        note_en: `The pin is in ${district.name_en}, not ${named.name_en} as the caller said; the report follows the pin`,
      };
    }
    return {
      lat, lng, precision: PRECISION.pin, district, named_district: null,
      note_th: `ตำแหน่งตามหมุด ในเขต${district.name_th}`,
      note_en: `Location from the pin, in ${district.name_en}`,
    };
  }
  const point = representativePoint(named.code);
  return {
    ...point, precision: PRECISION.district, district: named, named_district: null,
    note_th: `ตำแหน่งโดยประมาณ: กลางเขต${named.name_th} (ชื่อแขวง ถนน/ซอย และจุดสังเกตบันทึกเป็นข้อความที่อยู่)`,
    note_en: `Approximate location: the middle of ${named.name_en} district (subdistrict, road/soi and landmark are kept as the address text)`,
  };
}
