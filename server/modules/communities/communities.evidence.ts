/**
 * City problem reports cited as evidence for a need. A cited report must exist and lie
 * within 1 km of the community: evidence from across the city proves nothing about
 * this community's problem.
 */
import type { Executor } from '../../platform/db/database.ts';
import { distanceMeters } from '../../platform/geo/index.ts';
import { fail } from '../../platform/http/problem.ts';
import { reportsByCodes, type ReportRef } from '../reports/reports.nearby.ts';
import { EVIDENCE_RADIUS_M, normaliseReportCodes } from './communities.rules.ts';

export type CitedReport = ReportRef & { distance_m: number };

export function withDistance(r: ReportRef, community: { lat: number; lng: number }): CitedReport {
  return { ...r, distance_m: distanceMeters(community.lat, community.lng, r.lat, r.lng) };
}

/** The reports the codes name, checked; throws 422 naming every missing or distant code. */
export async function resolveCitedReports(db: Executor, rawCodes: readonly string[], community: { lat: number; lng: number }): Promise<CitedReport[]> {
  const codes = normaliseReportCodes(rawCodes);
  if (codes.length === 0) return [];
  const found = await reportsByCodes(db, codes);
  const missing = codes.filter((c) => !found.some((r) => r.code === c));
  if (missing.length > 0) {
    throw fail.unprocessable(
      'report_not_found',
      `ไม่พบเรื่องแจ้งเลขที่ ${missing.join(', ')} กรุณาตรวจเลขติดตามอีกครั้ง`,
      `No report with tracking code ${missing.join(', ')}; check the code`,
      [{ field: 'report_codes', text: { th: `ไม่พบ ${missing.join(', ')}`, en: `${missing.join(', ')} not found` } }],
    );
  }
  const cited = codes.map((c) => withDistance(found.find((r) => r.code === c)!, community));
  const far = cited.filter((r) => r.distance_m > EVIDENCE_RADIUS_M);
  if (far.length > 0) {
    const list = far.map((r) => `${r.code} (${(r.distance_m / 1000).toFixed(1)} กม.)`).join(', ');
    const listEn = far.map((r) => `${r.code} (${(r.distance_m / 1000).toFixed(1)} km)`).join(', ');
    throw fail.unprocessable(
      'report_too_far',
      `เรื่องแจ้ง ${list} อยู่ห่างจากชุมชนเกิน 1 กิโลเมตร จึงใช้เป็นหลักฐานของชุมชนนี้ไม่ได้`,
      `Report ${listEn} is more than 1 km from the community, so it cannot be evidence for this community`,
      [{ field: 'report_codes', text: { th: 'อยู่ไกลจากชุมชนเกิน 1 กม.', en: 'is more than 1 km away' } }],
    );
  }
  return cited;
}
