/**
 * What leaves the communities routes: whitelisted fields only. Committee seats carry
 * names, positions and terms — never contact data or which account holds them (that
 * last only for the district staff who manage the committee).
 */
import type { AttachmentView } from '../../platform/media/attachments.ts';
import type { NearbyCategoryCount, NearbyReport, ReportRef } from '../reports/reports.nearby.ts';
import type { CommunityAbilities } from './communities.policy.ts';
import type { NeedRow } from './communities.needs.repository.ts';
import type { CommunityRow, MemberRow } from './communities.repository.ts';
import { COMMITTEE_POSITIONS, COMMUNITY_KINDS, seatIsCurrent } from './communities.rules.ts';
import type { CommitteePosition, CommunityKind } from './communities.tables.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

export const kindRef = (kind: CommunityKind) => ({ code: kind, name_th: COMMUNITY_KINDS[kind].th, name_en: COMMUNITY_KINDS[kind].en });
export const positionRef = (p: CommitteePosition) => ({ code: p, name_th: COMMITTEE_POSITIONS[p].th, name_en: COMMITTEE_POSITIONS[p].en });

const districtOf = (r: { district_code: number; district_name_th: string; district_name_en: string }) => ({
  code: r.district_code, name_th: r.district_name_th, name_en: r.district_name_en,
});

export function presentSummary(r: CommunityRow & { open_needs: number }) {
  return {
    code: r.code,
    name_th: r.name_th,
    name_en: r.name_en,
    kind: kindRef(r.kind),
    district: districtOf(r),
    location: { lat: r.lat, lng: r.lng },
    households: r.households,
    population: r.population,
    open_needs: r.open_needs,
    is_demo: r.is_demo,
  };
}

export function presentMember(m: MemberRow, showAccount: boolean, now = new Date()) {
  return {
    id: m.id,
    full_name: m.full_name,
    position: positionRef(m.position),
    term_start: m.term_start,
    term_end: m.term_end,
    current: seatIsCurrent(m, now),
    ended_at: m.ended_at ? iso(m.ended_at) : null,
    has_account: showAccount ? m.user_id !== null : null,
    is_demo: m.is_demo,
  };
}

export interface NeedAbilities {
  edit: boolean;
  move: boolean;
  attach: boolean;
}

/** A need with its evidence: cited reports (with their distance from the community) and files. */
export function presentNeed(
  n: NeedRow,
  parts: { reports: Array<ReportRef & { distance_m: number }>; attachments: AttachmentView[]; abilities: NeedAbilities },
) {
  return {
    id: n.public_id,
    rank: n.status === 'open' ? n.rank : null,
    title: n.title,
    description: n.description,
    category: n.category_code ? { code: n.category_code, name_th: n.category_name_th!, name_en: n.category_name_en! } : null,
    place_text: n.place_text,
    location: n.lat !== null && n.lng !== null ? { lat: n.lat, lng: n.lng } : null,
    households_affected: n.households_affected,
    since_on: n.since_on,
    status: n.status,
    created_at: iso(n.created_at),
    updated_at: iso(n.updated_at),
    evidence: {
      reports: parts.reports.map((r) => ({
        code: r.code, category: r.category, state: r.state, distance_m: Math.round(r.distance_m), created_at: iso(r.created_at), is_demo: r.is_demo,
      })),
      attachments: parts.attachments,
    },
    abilities: parts.abilities,
  };
}
export type NeedView = ReturnType<typeof presentNeed>;

export function presentDetail(r: CommunityRow, parts: { members: MemberRow[]; showAccounts: boolean; needs: NeedView[]; abilities: CommunityAbilities }) {
  return {
    code: r.code,
    name_th: r.name_th,
    name_en: r.name_en,
    kind: kindRef(r.kind),
    district: districtOf(r),
    location: { lat: r.lat, lng: r.lng },
    households: r.households,
    population: r.population,
    registered_on: r.registered_on,
    is_demo: r.is_demo,
    created_at: iso(r.created_at),
    updated_at: iso(r.updated_at),
    committee: parts.members.map((m) => presentMember(m, parts.showAccounts)),
    needs: parts.needs,
    abilities: parts.abilities,
  };
}

const EXCERPT = 140;
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`;
}

export function presentNearby(radiusM: number, center: { lat: number; lng: number }, counts: NearbyCategoryCount[], reports: NearbyReport[]) {
  return {
    radius_m: radiusM,
    center,
    by_category: counts.map((c) => ({ ...c.category, open: c.open, fixed: c.fixed })),
    reports: reports.map((r) => ({
      code: r.code,
      category: r.category,
      state: r.state,
      description: excerpt(r.description),
      distance_m: Math.round(r.distance_m),
      created_at: iso(r.created_at),
      is_demo: r.is_demo,
    })),
  };
}
