import type { Locale } from '../../platform/i18n/locale.ts';
import { STATE_LABELS } from '../reports/reports.states.ts';
import type { RequestRow } from './open311.repository.ts';
import { toW3c, type Open311Status } from './open311.params.ts';

export const SPECIFICATION_URL = 'http://wiki.open311.org/GeoReport_v2';

/** Why a report was closed without a fix, as a client can show it. */
const CLOSE_REASONS: Record<string, { th: string; en: string }> = {
  not_our_responsibility: { th: 'ไม่อยู่ในความรับผิดชอบของหน่วยงาน', en: 'not the responsibility of this agency' },
  duplicate: { th: 'ซ้ำกับเรื่องที่มีผู้แจ้งไว้แล้ว', en: 'a duplicate of an earlier report' },
  cannot_fix: { th: 'ไม่สามารถแก้ไขได้', en: 'it cannot be fixed' },
  withdrawn: { th: 'ผู้แจ้งถอนเรื่อง', en: 'withdrawn by the reporter' },
  invalid: { th: 'ข้อมูลไม่เพียงพอหรือไม่ใช่ปัญหาที่รับแจ้ง', en: 'not a report the city can act on' },
};

/** The spec's two states: fixed and closed-without-a-fix are both "closed". */
export function open311Status(state: RequestRow['state']): Open311Status {
  return state === 'received' || state === 'in_progress' ? 'open' : 'closed';
}

/** The detailed state, the close reason and the closing note, in Thai and English. */
export function statusNotes(row: Pick<RequestRow, 'state' | 'close_reason' | 'closing_note'>): string {
  const label = STATE_LABELS[row.state];
  const reason = row.close_reason ? CLOSE_REASONS[row.close_reason] : undefined;
  const th = reason ? `${label.th}: ${reason.th}` : label.th;
  const en = reason ? `${label.en}: ${reason.en}` : label.en;
  const note = (row.state === 'fixed' || row.state === 'closed') && row.closing_note?.trim() ? ` — ${row.closing_note.trim()}` : '';
  return `${th} / ${en}${note}`;
}

export function serviceNotice(row: Pick<RequestRow, 'routing_reason_th' | 'routing_reason_en'>): string {
  return `${row.routing_reason_th} / ${row.routing_reason_en}`;
}

export interface PresentOptions {
  locale: Locale;
  publicUrl: string;
  extensions: boolean;
}

function mediaUrl(row: RequestRow, publicUrl: string): string | null {
  if (row.photo_key) return `${publicUrl}/media/${row.photo_key}`;
  return row.photo_external_url ?? row.submitted_media_url ?? null;
}

/** One service request with the spec's field names; personal data never leaves here. */
export function presentRequest(row: RequestRow, o: PresentOptions) {
  const en = o.locale === 'en';
  const district = row.district_code ? { th: row.district_name_th ?? '', en: row.district_name_en ?? '' } : null;
  const fallbackAddress = district ? (en ? `${district.en}, Bangkok` : `เขต${district.th} กรุงเทพมหานคร`) : null;
  const request = {
    service_request_id: row.code,
    status: open311Status(row.state),
    status_notes: statusNotes(row),
    service_name: en ? row.category_name_en : row.category_name_th,
    service_code: row.category_code,
    description: row.description,
    agency_responsible: en ? row.agency_name_en : row.agency_name_th,
    service_notice: serviceNotice(row),
    requested_datetime: toW3c(row.created_at),
    updated_datetime: toW3c(row.updated_at),
    expected_datetime: toW3c(row.due_fix_at),
    address: row.address ?? fallbackAddress,
    address_id: row.address_id,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: mediaUrl(row, o.publicUrl),
  };
  if (!o.extensions) return request;
  return {
    ...request,
    // As FixMyStreet does: what "open"/"closed" leaves out, for clients that ask.
    extended_attributes: {
      detailed_status: row.state,
      close_reason: row.close_reason,
      district_code: row.district_code,
      district_name: district ? (en ? district.en : district.th) : null,
      channel: row.channel,
      url: `${o.publicUrl}/r/${row.code}`,
    },
  };
}

export type PresentedRequest = ReturnType<typeof presentRequest>;

export interface ServiceSource {
  code: string;
  name_th: string;
  name_en: string;
  description_th: string;
  description_en: string;
  routing_kind: 'district_office' | 'agency';
  routing_agency_name_th: string | null;
  routing_agency_name_en: string | null;
}

/**
 * A category as an Open311 service. No service defines extra attributes (metadata false);
 * the group is who handles it: the district office of the place, or the named agency.
 */
export function presentService(c: ServiceSource, keywords: string[], locale: Locale) {
  const en = locale === 'en';
  const agencyRouted = c.routing_kind === 'agency' && c.routing_agency_name_th;
  return {
    service_code: c.code,
    service_name: en ? c.name_en : c.name_th,
    description: en ? c.description_en : c.description_th,
    metadata: false,
    type: 'realtime' as const,
    keywords: keywords.join(','),
    group: agencyRouted ? (en ? c.routing_agency_name_en! : c.routing_agency_name_th!) : en ? 'District office' : 'สำนักงานเขต',
  };
}

export function presentDiscovery(publicUrl: string, changedAt: Date | null) {
  const changeset = toW3c(changedAt ?? new Date(0));
  return {
    changeset,
    contact: 'กรุงเทพมหานคร (Bangkok Metropolitan Administration) — Demopolis',
    key_service: `${publicUrl}/admin — API keys are issued by the system administrators / ผู้ดูแลระบบเป็นผู้ออกคีย์ API`,
    endpoints: [
      {
        specification: SPECIFICATION_URL,
        url: `${publicUrl}/open311/v2`,
        changeset,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}
