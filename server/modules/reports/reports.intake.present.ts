import type { AuthUser } from '../../platform/auth/auth.types.ts';
import type { FilingPlan } from '../organization/organization.service.ts';
import { abilitiesFor, rolesOf } from './reports.policy.ts';
import { presentDetail } from './reports.presenter.ts';
import type { ReportInsert, ReportRow } from './reports.repository.ts';

export interface FiledPhoto {
  public_id: string;
  storage_key: string;
  thumb_key: string;
  width: number;
  height: number;
}

/**
 * The report as its filer sees it right after filing — the same answer as
 * GET /api/v1/reports/{code} with their session or reporter key (the integration tests
 * compare the two) — built from what the filing statement wrote, instead of reading it
 * back: a new report has no co-owners, no assignee, no support, and exactly the timeline
 * entries, photos and follow the filing wrote. Names come from the routing plan, whose
 * rows the statement checked were current.
 */
export function presentFiled(filed: {
  id: string;
  values: ReportInsert & { code: string };
  plan: FilingPlan;
  districtName: { th: string; en: string } | null;
  eventIds: string[];
  events: ReadonlyArray<{ kind: string; visibility: 'public' | 'internal'; agency_id: string | null; note: string | null; data: Record<string, unknown> }>;
  photos: FiledPhoto[];
  user: AuthUser | null;
  reporterTokenValid: boolean;
}) {
  const v = filed.values;
  const { category, agency } = filed.plan;
  const row: ReportRow = {
    id: filed.id, code: v.code, description: v.description, lat: v.lat, lng: v.lng, address: v.address, state: v.state,
    close_reason: null, duplicate_of_id: null, agency_id: v.agency_id, assignee_id: null,
    routing_reason_th: v.routing_reason_th, routing_reason_en: v.routing_reason_en,
    reporter_id: v.reporter_id, reporter_token_hash: v.reporter_token_hash,
    contact_name: v.contact_name, contact_phone: v.contact_phone, contact_email: v.contact_email, channel: v.channel,
    is_demo: false, support_count: 0, reopen_count: 0, rating: null, rating_comment: null,
    created_at: v.created_at, updated_at: v.created_at, first_response_at: null, fixed_at: null, closed_at: null,
    due_first_response_at: v.due_first_response_at, due_fix_at: v.due_fix_at,
    category_id: v.category_id, district_code: v.district_code,
    category_code: category.code, category_name_th: category.name_th, category_name_en: category.name_en, after_photo_required: category.after_photo_required,
    agency_code: agency.code, agency_name_th: agency.name_th, agency_name_en: agency.name_en,
    district_name_th: filed.districtName?.th ?? null, district_name_en: filed.districtName?.en ?? null,
    assignee_public_id: null, assignee_name: null,
    thumb_key: filed.photos[0]?.thumb_key ?? null, thumb_external_url: null,
  };
  const viewer = { user: filed.user, reporterTokenValid: filed.reporterTokenValid };
  const relations = { coownerAgencyIds: [], following: filed.user !== null };
  const roles = rolesOf(row, viewer, relations);
  const staffView = roles.has('owner_staff') || roles.has('coowner_staff');
  const events = filed.events
    .map((e, i) => ({
      id: filed.eventIds[i]!,
      kind: e.kind,
      visibility: e.visibility,
      note: e.note,
      data: e.data,
      created_at: v.created_at,
      // Only the filing's own agency is named on its first entries.
      agency_code: e.agency_id ? agency.code : null,
      agency_name_th: e.agency_id ? agency.name_th : null,
      agency_name_en: e.agency_id ? agency.name_en : null,
    }))
    .filter((e) => staffView || e.visibility === 'public');
  return presentDetail(row, {
    photos: filed.photos.map((p) => ({ public_id: p.public_id, kind: 'before' as const, storage_key: p.storage_key, thumb_key: p.thumb_key, external_url: null, width: p.width, height: p.height })),
    coowners: [],
    events,
    abilities: abilitiesFor(row, viewer, relations),
    following: relations.following,
    staffView,
  });
}
