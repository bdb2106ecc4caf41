/** Kysely row types for communities, committees, needs and attachments (migration 0013). */
import type { ColumnType, Generated } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see the pg type parser in database.ts). */
type DateOnly = ColumnType<string, string, string>;
type Point = ColumnType<{ x: number; y: number }, unknown, unknown>;

export type CommunityKind = 'crowded' | 'urban' | 'suburban' | 'high_rise' | 'special';
export type CommitteePosition = 'chair' | 'vice_chair' | 'secretary' | 'treasurer' | 'member';
export type NeedStatus = 'open' | 'in_proposal' | 'resolved' | 'withdrawn';

export interface CommunitiesTable {
  id: Generated<string>;
  code: string;
  district_code: number;
  name_th: string;
  name_en: string | null;
  kind: CommunityKind;
  lat: number;
  lng: number;
  location: Point;
  households: number;
  population: number | null;
  registered_on: DateOnly;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CommunityCommitteeMembersTable {
  id: Generated<string>;
  community_id: string;
  full_name: string;
  position: CommitteePosition;
  term_start: DateOnly;
  term_end: DateOnly;
  user_id: string | null;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
  ended_at: NullableTimestamp;
}

export interface CommunityNeedsTable {
  id: Generated<string>;
  public_id: string;
  community_id: string;
  rank: number;
  title: string;
  description: string;
  category_id: string | null;
  place_text: Generated<string>;
  lat: number | null;
  lng: number | null;
  households_affected: number;
  since_on: DateOnly | null;
  status: Generated<NeedStatus>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AttachmentsTable {
  id: Generated<string>;
  public_id: string;
  owner_type: 'need' | 'proposal' | 'plan_progress';
  owner_id: string;
  kind: 'photo' | 'document';
  file_name: string;
  content_type: string;
  bytes: number;
  storage_key: string;
  thumb_key: string | null;
  width: number | null;
  height: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CommunitiesTables {
  communities: CommunitiesTable;
  community_committee_members: CommunityCommitteeMembersTable;
  community_needs: CommunityNeedsTable;
  attachments: AttachmentsTable;
}
