// Shapes of /api/v1/communities, as the server documents them in its OpenAPI schemas.
import type { Named, ReportState } from '../../app/types';

export const COMMUNITY_KINDS = ['crowded', 'urban', 'suburban', 'high_rise', 'special'] as const;
export type CommunityKind = (typeof COMMUNITY_KINDS)[number];
export const POSITIONS = ['chair', 'vice_chair', 'secretary', 'treasurer', 'member'] as const;
export type Position = (typeof POSITIONS)[number];
export type NeedStatus = 'open' | 'in_proposal' | 'resolved' | 'withdrawn';

export interface DistrictRef {
  code: number;
  name_th: string;
  name_en: string;
}

export interface CommunitySummary {
  code: string;
  name_th: string;
  name_en: string | null;
  kind: Named;
  district: DistrictRef;
  location: { lat: number; lng: number };
  households: number;
  population: number | null;
  open_needs: number;
  is_demo: boolean;
}

export interface CommitteeMember {
  id: string;
  full_name: string;
  position: Named;
  term_start: string;
  term_end: string;
  current: boolean;
  ended_at: string | null;
  has_account: boolean | null;
  is_demo: boolean;
}

export interface Attachment {
  id: string;
  kind: 'photo' | 'document';
  file_name: string;
  content_type: string;
  bytes: number;
  url: string;
  thumb_url: string | null;
}

export interface CitedReport {
  code: string;
  category: Named;
  state: ReportState;
  distance_m: number;
  created_at: string;
  is_demo: boolean;
}

export interface Need {
  id: string;
  rank: number | null;
  title: string;
  description: string;
  category: Named | null;
  place_text: string;
  location: { lat: number; lng: number } | null;
  households_affected: number;
  since_on: string | null;
  status: NeedStatus;
  created_at: string;
  updated_at: string;
  evidence: { reports: CitedReport[]; attachments: Attachment[] };
  abilities: { edit: boolean; move: boolean; attach: boolean };
}

export interface CommunityAbilities {
  edit: boolean;
  manage_committee: boolean;
  record_need: boolean;
  rank_needs: boolean;
  write_proposal: boolean;
}

export interface CommunityDetail {
  code: string;
  name_th: string;
  name_en: string | null;
  kind: Named;
  district: DistrictRef;
  location: { lat: number; lng: number };
  households: number;
  population: number | null;
  registered_on: string;
  is_demo: boolean;
  created_at: string;
  updated_at: string;
  committee: CommitteeMember[];
  needs: Need[];
  abilities: CommunityAbilities;
}

export interface NearbyReports {
  radius_m: number;
  center: { lat: number; lng: number };
  by_category: Array<Named & { open: number; fixed: number }>;
  reports: Array<{
    code: string;
    category: Named;
    state: ReportState;
    description: string;
    distance_m: number;
    created_at: string;
    is_demo: boolean;
  }>;
}

export interface CommunityPage {
  items: CommunitySummary[];
  total: number;
  page: number;
  page_size: number;
  abilities: { register: boolean };
}

/** Shown when a community's name has no English form: the Thai one stands in. */
export function communityName(c: { name_th: string; name_en: string | null }, lang: 'th' | 'en'): string {
  return lang === 'en' && c.name_en ? c.name_en : c.name_th;
}
