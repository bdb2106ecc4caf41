/**
 * What leaves the call-centre routes. Whitelisted fields only: the caller's history
 * carries no contact details of anyone (the agent already has the number; names,
 * e-mails and other reporters' data stay out), and no description text.
 */
import type { ReportState } from '../../platform/db/schema.ts';
import type { ResolvedPlace } from './callcentre.places.ts';
import { historySentence, spellTrackingCode } from './callcentre.readback.ts';
import type { CallerReportRow } from './callcentre.repository.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const ref = (d: { code: number; name_th: string; name_en: string }) => ({ code: d.code, name_th: d.name_th, name_en: d.name_en });

function matchedBy(r: CallerReportRow) {
  const out: Array<'contact_phone' | 'sms_subscription' | 'account_phone'> = [];
  if (r.by_contact) out.push('contact_phone');
  if (r.by_sms) out.push('sms_subscription');
  if (r.by_account) out.push('account_phone');
  return out;
}

export function presentCallerReport(r: CallerReportRow) {
  return {
    code: r.code,
    state: r.state,
    category: { code: r.category_code, name_th: r.category_name_th, name_en: r.category_name_en },
    district: r.district_code ? { code: r.district_code, name_th: r.district_name_th!, name_en: r.district_name_en! } : null,
    agency: { code: r.agency_code, name_th: r.agency_name_th, name_en: r.agency_name_en },
    address: r.address,
    channel: r.channel,
    matched_by: matchedBy(r),
    created_at: iso(r.created_at)!,
    updated_at: iso(r.updated_at)!,
    fixed_at: iso(r.fixed_at),
    closed_at: iso(r.closed_at),
  };
}

export function presentHistory(result: { phone: string; counts: { total: number; open: number }; rows: CallerReportRow[] }) {
  const items = result.rows.map(presentCallerReport);
  const sentence = historySentence(
    result.rows.map((r) => ({
      code: r.code,
      state: r.state,
      category: { name_th: r.category_name_th, name_en: r.category_name_en },
      district: r.district_code ? { name_th: r.district_name_th!, name_en: r.district_name_en! } : null,
      created_at: new Date(r.created_at),
    })),
    result.counts.total,
    result.counts.open,
  );
  return { phone: result.phone, total: result.counts.total, open: result.counts.open, items, readback_th: sentence.th, readback_en: sentence.en };
}

export function presentPlace(p: ResolvedPlace) {
  return {
    lat: p.lat,
    lng: p.lng,
    precision: p.precision,
    district: ref(p.district),
    named_district: p.named_district ? ref(p.named_district) : null,
    district_mismatch: p.named_district !== null,
    note_th: p.note_th,
    note_en: p.note_en,
  };
}

interface FiledReportView {
  code: string;
  state: ReportState;
  category: { code: string; name_th: string; name_en: string };
  location: { district: { code: number; name_th: string; name_en: string } | null; address: string | null };
  agency: { code: string; name_th: string; name_en: string };
  channel: string;
  created_at: string;
}

export function presentFiled(result: { report: FiledReportView; place: ResolvedPlace; followUp: 'none' | 'sms' | 'line'; confirmationQueued: boolean }) {
  const r = result.report;
  const spelled = spellTrackingCode(r.code);
  return {
    report: {
      code: r.code,
      state: r.state,
      category: r.category,
      district: r.location.district,
      agency: r.agency,
      address: r.location.address,
      channel: r.channel,
      created_at: r.created_at,
    },
    place: presentPlace(result.place),
    follow_up: { channel: result.followUp, confirmation_queued: result.confirmationQueued },
    readback_th: spelled.th,
    readback_en: spelled.en,
  };
}
