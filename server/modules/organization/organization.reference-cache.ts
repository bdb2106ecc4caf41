import type { RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { onPrimary } from '../../platform/db/read-routing.ts';
import { organizationRepository as repo, type ReferenceCheck } from './organization.repository.ts';

/**
 * Categories, agencies and districts in memory, for the one hot path that reads them on
 * every request: filing a report (its category, its routing, the names it is shown
 * with). Reference data changes a few times a year, so reading it from the database on
 * every filing cost three round trips for nothing.
 *
 * Never stale where it matters: a routing plan made from the cache carries the
 * fingerprints of every row it read, and the filing statement writes nothing unless
 * they are still current (organizationRepository.referenceUnchanged). A filing that
 * finds them changed — an administrator's edit on any instance — reloads the cache and
 * plans again. Local edits also drop the cache at once, so the next filing does not
 * have to find out.
 */

export interface RouteDecision {
  agencyId: string;
  reasonTh: string;
  reasonEn: string;
}

type Rows = Awaited<ReturnType<typeof repo.referenceRows>>;
export type CachedCategory = Rows['categories'][number];
export type CachedAgency = Rows['agencies'][number];
export type CachedDistrict = Rows['districts'][number];

export interface ReferenceSnapshot {
  categoryByCode: ReadonlyMap<string, CachedCategory>;
  agencyById: ReadonlyMap<string, CachedAgency>;
  officeByDistrict: ReadonlyMap<number, CachedAgency>;
  districtByCode: ReadonlyMap<number, CachedDistrict>;
}

/** Where a new report goes and why, with the rows that decided it. */
export interface FilingPlan {
  category: CachedCategory;
  route: RouteDecision;
  /** The agency the report goes to (its names are shown with the report). */
  agency: CachedAgency;
  district: CachedDistrict | undefined;
  /** True in the filing's statement while every row the plan read is unchanged. */
  stillCurrent: RawBuilder<boolean>;
}

/** The reason staff read when a category rule names the agency. */
export function agencyRouteReason(agency: { id: string; name_th: string; name_en: string }, category: { name_th: string; name_en: string }): RouteDecision {
  return {
    agencyId: agency.id,
    reasonTh: `${agency.name_th}: หมวด "${category.name_th}" เป็นความรับผิดชอบของหน่วยงานนี้`,
    reasonEn: `${agency.name_en}: the "${category.name_en}" category is this agency's responsibility`,
  };
}

/** The reason staff read when the pin's district office takes the report. */
export function districtRouteReason(office: { id: string; name_th: string; name_en: string }, district: { name_th: string; name_en: string } | undefined): RouteDecision {
  return {
    agencyId: office.id,
    reasonTh: `${office.name_th}: จุดที่ปักหมุดอยู่ในเขต${district?.name_th ?? ''}`,
    reasonEn: `${office.name_en}: the pin is in ${district?.name_en ?? 'this district'}`,
  };
}

/**
 * The same decision as OrganizationService.route, from a snapshot. Undefined when the
 * snapshot has no district office for the district (it may predate the office).
 */
export function planFromSnapshot(ref: ReferenceSnapshot, category: CachedCategory, districtCode: number): FilingPlan | undefined {
  const district = ref.districtByCode.get(districtCode);
  // The district's names are shown with the report whichever way it is routed.
  const checks: ReferenceCheck[] = [
    { kind: 'category', id: category.id, fingerprint: category.fingerprint },
    { kind: 'district', code: districtCode, fingerprint: district?.fingerprint ?? null },
  ];
  if (category.routing_kind === 'agency' && category.routing_agency_id) {
    const agency = ref.agencyById.get(category.routing_agency_id);
    checks.push({ kind: 'agency', id: category.routing_agency_id, fingerprint: agency?.fingerprint ?? null });
    if (agency?.active) {
      return { category, route: agencyRouteReason(agency, category), agency, district, stillCurrent: repo.referenceUnchanged(checks) };
    }
  }
  const office = ref.officeByDistrict.get(districtCode);
  if (!office) return undefined;
  checks.push({ kind: 'district_office', districtCode, fingerprint: office.fingerprint });
  return { category, route: districtRouteReason(office, district), agency: office, district, stillCurrent: repo.referenceUnchanged(checks) };
}

export interface ReferenceCache {
  snapshot(): Promise<ReferenceSnapshot>;
  /** Forget what is held; the next snapshot() reads the database again. */
  invalidate(): void;
}

export function createReferenceCache(db: Db): ReferenceCache {
  let current: Promise<ReferenceSnapshot> | null = null;

  async function load(): Promise<ReferenceSnapshot> {
    // From the primary: a replica behind an edit would hand every filing the rows its
    // check then refuses, again and again.
    const rows = await onPrimary(() => repo.referenceRows(db));
    return {
      categoryByCode: new Map(rows.categories.map((c) => [c.code, c])),
      agencyById: new Map(rows.agencies.map((a) => [a.id, a])),
      officeByDistrict: new Map(rows.agencies.filter((a) => a.kind === 'district_office' && a.district_code !== null).map((a) => [a.district_code!, a])),
      districtByCode: new Map(rows.districts.map((d) => [d.code, d])),
    };
  }

  return {
    snapshot() {
      if (!current) {
        const loading = load();
        current = loading;
        // A failed load is not kept: the next caller tries again.
        loading.catch(() => { if (current === loading) current = null; });
      }
      return current;
    },
    invalidate() {
      current = null;
    },
  };
}
