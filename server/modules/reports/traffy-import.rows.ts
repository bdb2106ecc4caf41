/**
 * The rows one Traffy ticket becomes — the report, its timeline, photos and audit entry —
 * written straight into COPY's text format. Pure: ids, codes and routes come in from the
 * importer (traffy-import.ts), so this is the same for every batch and easy to follow.
 */
import crypto from 'node:crypto';
import { canonicalJson, SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import type { RouteDecision } from '../organization/organization.service.ts';
import type { reportsRepository } from './reports.repository.ts';
import { copyRow } from './reports.copy.ts';
import type { Outcome, ParsedTraffyRow } from './traffy-import.parse.ts';

export const TRAFFY_SOURCE = 'traffy';
export const IMPORT_NOTE_TH = 'นำเข้าจาก Traffy Fondue';
const HOUR = 3600 * 1000;
const ACTOR = SYSTEM_ACTOR('import');

export interface CategoryRef { id: string; code: string; name_th: string; name_en: string; first_response_hours: number; fix_hours: number }
export interface AgencyRef { id: string; code: string; name_th: string; name_en: string }
export type EventRow = Parameters<typeof reportsRepository.insertEvents>[1][number];

/** A row that passed every check, with what the importer decided for it. */
export interface Planned {
  line: number;
  row: ParsedTraffyRow;
  category: CategoryRef;
  inferred: { by: 'suggester'; score: number } | { by: 'fallback' } | null;
  districtCode: number;
  districtNote: { traffy: string; located: string } | null;
  traffyAgency: AgencyRef | null;
  outcome: Outcome;
  route: RouteDecision;
  /** The search vector as text (reports.search.ts), filled in before the batch is stored. */
  search: string;
}

/** COPY text of the batch's four tables, appended row by row. */
export interface CopyTexts { reports: string; events: string; photos: string; audit: string }

/** publicId's alphabet (platform/auth/tokens.ts): no 0/O, 1/I/L. */
const PUBLIC_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Photo ids as publicId(12) makes them, from one draw of random bytes per batch. */
export function publicIds(count: number) {
  const bytes = crypto.randomBytes(Math.max(1, count) * 12);
  let at = 0;
  return {
    next(): string {
      let out = '';
      for (let i = 0; i < 12; i++) out += PUBLIC_ID_ALPHABET[bytes[at++ % bytes.length]! % PUBLIC_ID_ALPHABET.length];
      return out;
    },
  };
}

/**
 * Appends one ticket's rows to `out`: its timeline (from `timeline`) with an id for each
 * event, and `agencyCode`, the routed agency's code, for the audit entry.
 */
export function appendTicket(
  out: CopyTexts,
  p: Planned,
  events: readonly EventRow[],
  ids: { report: string; events: readonly string[]; photos: { next(): string } },
  code: string,
  agencyCode: string | null,
  at: Date,
): void {
  const { row, category, outcome, route } = p;
  const created = row.createdAt.getTime();
  out.reports += copyRow([
    ids.report, code, category.id, row.description, row.lat, row.lng, `(${row.lng},${row.lat})`, p.districtCode, row.address,
    row.state.state, row.state.closeReason, route.agencyId, route.reasonTh, route.reasonEn, TRAFFY_SOURCE, row.ticket, TRAFFY_SOURCE, 'f',
    row.reopenCount, outcome.rating, row.createdAt, outcome.updatedAt, outcome.firstResponseAt, outcome.fixedAt, outcome.closedAt,
    new Date(created + category.first_response_hours * HOUR), new Date(created + category.fix_hours * HOUR),
    p.search,
  ]);
  let fixedEventId: string | null = null;
  for (const [i, event] of events.entries()) {
    const eventId = ids.events[i]!;
    if (event.kind === 'fixed') fixedEventId = eventId;
    out.events += copyRow([eventId, event.report_id, event.kind, event.visibility, event.actor_id, event.agency_id, event.note, event.data, event.created_at]);
  }
  if (row.photo) out.photos += copyRow([ids.photos.next(), ids.report, null, 'before', row.photo, row.createdAt]);
  if (row.photoAfter) out.photos += copyRow([ids.photos.next(), ids.report, fixedEventId, 'after', row.photoAfter, outcome.updatedAt]);
  const after = { external_ref: row.ticket, external_source: TRAFFY_SOURCE, state: row.state.state, category: category.code, agency: agencyCode };
  out.audit += copyRow([at, ACTOR.userId, ACTOR.label, ACTOR.channel, 'report.import', 'report', code, null, canonicalJson(after)]);
}

/** Timeline events the state implies; Traffy keeps only the last activity, so later steps share it. */
export function timeline(p: Planned, reportId: string): EventRow[] {
  const { row, category, outcome, route } = p;
  const agency = route.agencyId;
  const base = { report_id: reportId, visibility: 'public' as const, actor_id: null };
  const otherTypes = row.types.filter((t) => !(p.inferred === null && t === category.name_th));
  const created = {
    channel: TRAFFY_SOURCE,
    traffy_ticket: row.ticket,
    traffy_state: row.traffyState,
    traffy_types: otherTypes,
    traffy_organizations: row.organizations,
    ...(p.inferred ? { category_inferred: true, inferred_by: p.inferred.by, ...('score' in p.inferred ? { inferred_score: p.inferred.score } : {}) } : {}),
    ...(p.districtNote ? { traffy_district: p.districtNote.traffy, located_district: p.districtNote.located } : {}),
  };
  const events: EventRow[] = [
    { ...base, kind: 'created', agency_id: null, note: IMPORT_NOTE_TH, data: created, created_at: row.createdAt },
    { ...base, kind: 'routed', agency_id: agency, note: null, data: { reason_th: route.reasonTh, reason_en: route.reasonEn }, created_at: row.createdAt },
  ];
  const state = row.state.state;
  if (state === 'in_progress' || state === 'fixed') {
    events.push({ ...base, kind: 'accepted', agency_id: agency, note: null, data: {}, created_at: outcome.firstResponseAt ?? outcome.updatedAt });
  }
  if (state === 'fixed') {
    events.push({ ...base, kind: 'fixed', agency_id: agency, note: IMPORT_NOTE_TH, data: { photos: row.photoAfter ? 1 : 0 }, created_at: outcome.fixedAt! });
    if (outcome.rating) events.push({ ...base, kind: 'rated', agency_id: null, note: null, data: { stars: outcome.rating }, created_at: outcome.fixedAt! });
  }
  if (state === 'closed') {
    events.push({ ...base, kind: 'closed', agency_id: agency, note: `${IMPORT_NOTE_TH} (สถานะเดิม: ${row.traffyState})`, data: { reason: row.state.closeReason, duplicate_of: null }, created_at: outcome.closedAt! });
  }
  return events;
}
