import type { abilitiesFor } from './reports.policy.ts';
import type { ReportRow } from './reports.repository.ts';

/** Public addresses of stored photos; imported photos keep their original URL. */
export function photoUrl(key: string | null, external: string | null): string | null {
  if (key) return `/media/${key}`;
  return external;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function isOverdue(r: Pick<ReportRow, 'state' | 'due_fix_at' | 'due_first_response_at'>, now = new Date()): boolean {
  if (r.state !== 'received' && r.state !== 'in_progress') return false;
  return new Date(r.due_fix_at) < now || (r.state === 'received' && new Date(r.due_first_response_at) < now);
}

/** What a list entry shows. */
export type SummaryRow = Pick<ReportRow,
  | 'code' | 'category_code' | 'category_name_th' | 'category_name_en' | 'description' | 'state' | 'close_reason' | 'lat' | 'lng'
  | 'district_code' | 'district_name_th' | 'district_name_en' | 'address' | 'agency_code' | 'agency_name_th' | 'agency_name_en'
  | 'thumb_key' | 'thumb_external_url' | 'support_count' | 'created_at' | 'is_demo'>;

/** What the public page adds to it (the cached anonymous view is built from no more than this). */
export type DetailRow = SummaryRow & Pick<ReportRow,
  | 'reopen_count' | 'rating' | 'rating_comment' | 'channel' | 'first_response_at' | 'fixed_at' | 'closed_at'
  | 'due_first_response_at' | 'due_fix_at'>;

/** What only staff of the report's agencies see. */
type StaffRow = Pick<ReportRow, 'routing_reason_th' | 'routing_reason_en' | 'assignee_public_id' | 'assignee_name' | 'contact_name' | 'contact_phone' | 'contact_email'>;

/** Public list entry. Whitelisted fields only: contact details and reporter never leave here. */
export function presentSummary(r: SummaryRow) {
  return {
    code: r.code,
    category: { code: r.category_code, name_th: r.category_name_th, name_en: r.category_name_en },
    description: r.description.length > 200 ? `${r.description.slice(0, 199)}…` : r.description,
    state: r.state,
    close_reason: r.close_reason,
    location: {
      lat: r.lat,
      lng: r.lng,
      district: r.district_code ? { code: r.district_code, name_th: r.district_name_th!, name_en: r.district_name_en! } : null,
      address: r.address,
    },
    agency: { code: r.agency_code, name_th: r.agency_name_th, name_en: r.agency_name_en },
    thumbnail_url: r.thumb_key ? `/media/${r.thumb_key}` : r.thumb_external_url,
    support_count: r.support_count,
    created_at: iso(r.created_at)!,
    is_demo: r.is_demo,
  };
}

export function presentQueueItem(r: ReportRow, now = new Date()) {
  return {
    ...presentSummary(r),
    due_fix_at: iso(r.due_fix_at)!,
    overdue: isOverdue(r, now),
    assignee: r.assignee_public_id ? { id: r.assignee_public_id, display_name: r.assignee_name! } : null,
    age_hours: Math.floor((now.getTime() - new Date(r.created_at).getTime()) / 3_600_000),
  };
}

export interface DetailParts {
  photos: Array<{ public_id: string; kind: 'before' | 'after'; storage_key: string | null; thumb_key: string | null; external_url: string | null; width: number | null; height: number | null }>;
  coowners: Array<{ status: string; code: string; name_th: string; name_en: string }>;
  events: Array<{ id: string; kind: string; visibility: 'public' | 'internal'; note: string | null; data: Record<string, unknown>; created_at: Date; agency_code: string | null; agency_name_th: string | null; agency_name_en: string | null }>;
  abilities: ReturnType<typeof abilitiesFor>;
  following: boolean;
  staffView: boolean;
}

/** A full row for staff views; the public columns are enough when `parts.staffView` is false. */
export function presentDetail(r: DetailRow & Partial<StaffRow>, parts: DetailParts) {
  const summary = presentSummary(r);
  return {
    ...summary,
    description: r.description,
    photos: parts.photos.map((p) => ({
      id: p.public_id,
      kind: p.kind,
      url: photoUrl(p.storage_key, p.external_url)!,
      thumb_url: photoUrl(p.thumb_key, p.external_url)!,
      width: p.width,
      height: p.height,
    })),
    coowners: parts.coowners.map((c) => ({ agency: { code: c.code, name_th: c.name_th, name_en: c.name_en }, status: c.status })),
    reopen_count: r.reopen_count,
    rating: r.rating,
    rating_comment: r.rating_comment,
    channel: r.channel,
    first_response_at: iso(r.first_response_at),
    fixed_at: iso(r.fixed_at),
    closed_at: iso(r.closed_at),
    due_first_response_at: iso(r.due_first_response_at)!,
    due_fix_at: iso(r.due_fix_at)!,
    overdue: isOverdue(r),
    timeline: parts.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      at: iso(e.created_at)!,
      visibility: e.visibility,
      agency: e.agency_code ? { code: e.agency_code, name_th: e.agency_name_th!, name_en: e.agency_name_en! } : null,
      note: e.note,
      data: publicEventData(e.data, parts.staffView),
    })),
    abilities: parts.abilities,
    following: parts.following,
    // staffView is only ever set with a full row (reportsRepository.findByCode).
    ...(parts.staffView ? { staff: staffPart(r as DetailRow & StaffRow) } : {}),
  };
}

function staffPart(r: StaffRow) {
  return {
    routing_reason_th: r.routing_reason_th,
    routing_reason_en: r.routing_reason_en,
    assignee: r.assignee_public_id ? { id: r.assignee_public_id, display_name: r.assignee_name! } : null,
    contact: r.contact_name || r.contact_phone || r.contact_email ? { name: r.contact_name, phone: r.contact_phone, email: r.contact_email } : null,
  };
}

/** Internal ids stay internal; staff also see who was assigned. */
function publicEventData(data: Record<string, unknown>, staffView: boolean): Record<string, unknown> {
  const { from_agency_id: _from, to_agency_id: _to, assignee, ...rest } = data;
  return staffView && assignee !== undefined ? { ...rest, assignee } : rest;
}
