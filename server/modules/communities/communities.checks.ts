/**
 * Input checks that need more than a schema: places against the district polygons,
 * dates against today in Bangkok. Each throws a 4xx with a Thai and an English message
 * and names the field, before anything is written.
 */
import { areValidCoordinates, distanceMeters, getDistrict, locateDistrict } from '../../platform/geo/index.ts';
import { fail } from '../../platform/http/problem.ts';
import { EVIDENCE_RADIUS_M, isCalendarDate, isFutureDate, termTooLong, MAX_TERM_YEARS, yearOutOfSpan } from './communities.rules.ts';

function districtName(code: number): string {
  return getDistrict(code)?.name_th ?? String(code);
}

export function checkCoordinates(lat: number, lng: number): void {
  if (!areValidCoordinates(lat, lng)) {
    throw fail.badRequest('invalid_coordinates', 'พิกัดไม่ถูกต้อง กรุณาปักหมุดบนแผนที่ใหม่', 'The coordinates are not valid; place the pin again', [
      { field: 'lat', text: { th: 'พิกัดไม่ถูกต้อง', en: 'is not a valid coordinate' } },
    ]);
  }
}

/** Both or neither: a latitude without a longitude is not a place. */
export function checkPair(lat: number | null | undefined, lng: number | null | undefined): void {
  if ((lat === undefined || lat === null) !== (lng === undefined || lng === null)) {
    throw fail.badRequest('incomplete_location', 'กรุณาระบุทั้งละติจูดและลองจิจูด', 'Give both latitude and longitude', [
      { field: lat === undefined || lat === null ? 'lat' : 'lng', text: { th: 'ต้องระบุคู่กัน', en: 'must be given together' } },
    ]);
  }
}

/** A community's point must lie inside its own district. */
export function checkPointInDistrict(lat: number, lng: number, districtCode: number): void {
  checkCoordinates(lat, lng);
  const found = locateDistrict(lat, lng);
  if (!found.inside) {
    throw fail.unprocessable('location_outside_bangkok', 'ตำแหน่งนี้อยู่นอกกรุงเทพมหานคร กรุณาปักหมุดภายในเขตของชุมชน', 'This point is outside Bangkok; place it inside the community\'s district', [
      { field: 'lat', text: { th: 'อยู่นอกกรุงเทพฯ', en: 'is outside Bangkok' } },
    ]);
  }
  if (found.district.code !== districtCode) {
    throw fail.unprocessable(
      'location_outside_district',
      `ตำแหน่งนี้อยู่ในเขต${found.district.name_th} ไม่ใช่เขต${districtName(districtCode)} ซึ่งเป็นเขตของชุมชน กรุณาปักหมุดใหม่`,
      `This point is in ${found.district.name_en}, not in ${getDistrict(districtCode)?.name_en ?? districtCode}, the community's district; place the pin again`,
      [{ field: 'lat', text: { th: `อยู่ในเขต${found.district.name_th}`, en: `is in ${found.district.name_en}` } }],
    );
  }
}

/**
 * A need's pin: inside Bangkok, and in the community's district or close to the
 * community (a canal on the district line is still the community's problem).
 */
export function checkNeedPoint(lat: number, lng: number, community: { districtCode: number; lat: number; lng: number }): void {
  checkCoordinates(lat, lng);
  const found = locateDistrict(lat, lng);
  const near = distanceMeters(lat, lng, community.lat, community.lng) <= EVIDENCE_RADIUS_M;
  if (found.inside && (found.district.code === community.districtCode || near)) return;
  throw fail.unprocessable(
    'need_location_outside_district',
    `ตำแหน่งของปัญหาต้องอยู่ในเขต${districtName(community.districtCode)} หรือห่างจากชุมชนไม่เกิน 1 กิโลเมตร`,
    `The need's pin must be in ${getDistrict(community.districtCode)?.name_en ?? community.districtCode} or within 1 km of the community`,
    [{ field: 'lat', text: { th: 'อยู่นอกพื้นที่ของชุมชน', en: "is outside the community's area" } }],
  );
}

export function checkDate(value: string, field: string): void {
  if (!isCalendarDate(value)) {
    throw fail.badRequest('invalid_date', 'วันที่ไม่ถูกต้อง กรุณากรอกในรูปแบบ ปปปป-ดด-วว (ค.ศ.)', 'The date is not valid; use YYYY-MM-DD', [
      { field, text: { th: 'วันที่ไม่ถูกต้อง', en: 'is not a valid date' } },
    ]);
  }
}

export function checkNotFuture(value: string, field: string, what: { th: string; en: string }): void {
  checkDate(value, field);
  if (isFutureDate(value)) {
    throw fail.unprocessable('date_in_future', `${what.th}ต้องไม่เป็นวันในอนาคต`, `${what.en} cannot be in the future`, [
      { field, text: { th: 'เป็นวันในอนาคต', en: 'is in the future' } },
    ]);
  }
}

export function checkTerm(start: string, end: string, now = new Date()): void {
  checkDate(start, 'term_start');
  checkDate(end, 'term_end');
  const wrongYears = (['term_start', 'term_end'] as const)
    .map((field) => ({ field, text: yearOutOfSpan(field === 'term_start' ? start : end, now) }))
    .filter((p): p is { field: 'term_start' | 'term_end'; text: { th: string; en: string } } => p.text !== null);
  if (wrongYears.length > 0) {
    const first = wrongYears[0]!.text;
    throw fail.unprocessable('implausible_year', `วันเริ่มหรือวันสิ้นสุดวาระไม่ถูกต้อง: ${first.th}`, `The term's dates are not plausible: ${first.en}`, wrongYears);
  }
  if (end <= start) {
    throw fail.unprocessable('term_end_before_start', 'วันสิ้นสุดวาระต้องอยู่หลังวันเริ่มวาระ', 'The term must end after it starts', [
      { field: 'term_end', text: { th: 'ต้องอยู่หลังวันเริ่มวาระ', en: 'must be after term_start' } },
    ]);
  }
  if (termTooLong(start, end)) {
    throw fail.unprocessable('term_too_long', `วาระของกรรมการชุมชนยาวได้ไม่เกิน ${MAX_TERM_YEARS} ปี`, `A committee term lasts at most ${MAX_TERM_YEARS} years`, [
      { field: 'term_end', text: { th: `เกิน ${MAX_TERM_YEARS} ปีนับจากวันเริ่มวาระ`, en: `is more than ${MAX_TERM_YEARS} years after term_start` } },
    ]);
  }
}

export function checkHouseholdsAffected(affected: number, communityHouseholds: number): void {
  // A community registered with 0 households has not been counted yet: nothing to compare with.
  if (communityHouseholds > 0 && affected > communityHouseholds) {
    throw fail.unprocessable(
      'households_exceed_community',
      `จำนวนครัวเรือนที่ได้รับผลกระทบ (${affected}) มากกว่าจำนวนครัวเรือนทั้งชุมชน (${communityHouseholds})`,
      `Households affected (${affected}) exceeds the community's ${communityHouseholds} households`,
      [{ field: 'households_affected', text: { th: `ต้องไม่เกิน ${communityHouseholds}`, en: `must be at most ${communityHouseholds}` } }],
    );
  }
}
