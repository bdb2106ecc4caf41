import type { Executor } from '../../platform/db/database.ts';
import { bangkokToday } from './communities.rules.ts';
import type { CommitteePosition } from './communities.tables.ts';

/**
 * Who may act for a community. Other modules (proposals, plans, accountability) ask
 * these questions here instead of reading the communities tables themselves.
 */

export interface CommitteeSeat {
  communityId: string;
  communityCode: string;
  districtCode: number;
  position: CommitteePosition;
}

/** The community whose committee this account sits on today (the Bangkok calendar day), or null. */
export async function activeSeatOf(db: Executor, userId: string, today = new Date()): Promise<CommitteeSeat | null> {
  const date = bangkokToday(today);
  const row = await db
    .selectFrom('community_committee_members as m')
    .innerJoin('communities as c', 'c.id', 'm.community_id')
    .select(['c.id as community_id', 'c.code', 'c.district_code', 'm.position'])
    .where('m.user_id', '=', userId)
    .where('m.ended_at', 'is', null)
    .where('m.term_start', '<=', date)
    .where('m.term_end', '>=', date)
    .executeTakeFirst();
  return row ? { communityId: row.community_id, communityCode: row.code, districtCode: row.district_code, position: row.position } : null;
}

/**
 * Which of these accounts hold a seat on the community's committee that has not ended
 * (its term not over, whatever their role now): they may not judge its proposals.
 */
export async function committeeSeatHolders(db: Executor, communityId: string, userIds: readonly string[], today = new Date()): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('community_committee_members')
    .select('user_id')
    .where('community_id', '=', communityId)
    .where('user_id', 'in', [...userIds])
    .where('ended_at', 'is', null)
    .where('term_end', '>=', bangkokToday(today))
    .execute();
  return new Set(rows.map((r) => r.user_id).filter((id): id is string => id !== null));
}

export interface CommunityRef {
  id: string;
  code: string;
  districtCode: number;
  nameTh: string;
  nameEn: string | null;
  lat: number;
  lng: number;
}

export async function communityByCode(db: Executor, code: string): Promise<CommunityRef | null> {
  const row = await db
    .selectFrom('communities')
    .select(['id', 'code', 'district_code', 'name_th', 'name_en', 'lat', 'lng'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? { id: row.id, code: row.code, districtCode: row.district_code, nameTh: row.name_th, nameEn: row.name_en, lat: row.lat, lng: row.lng } : null;
}

export async function communityById(db: Executor, id: string): Promise<CommunityRef | null> {
  const row = await db
    .selectFrom('communities')
    .select(['id', 'code', 'district_code', 'name_th', 'name_en', 'lat', 'lng'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, code: row.code, districtCode: row.district_code, nameTh: row.name_th, nameEn: row.name_en, lat: row.lat, lng: row.lng } : null;
}

/** The district office (agency id) of a district: its staff look after the district's communities. */
export async function districtOfficeOf(db: Executor, districtCode: number): Promise<string | null> {
  const row = await db.selectFrom('agencies').select('id').where('kind', '=', 'district_office').where('district_code', '=', districtCode).executeTakeFirst();
  return row?.id ?? null;
}

/** The district an agency serves when it is a district office; departments serve the whole city (null). */
export async function districtOfAgency(db: Executor, agencyId: string): Promise<number | null> {
  const row = await db.selectFrom('agencies').select(['kind', 'district_code']).where('id', '=', agencyId).executeTakeFirst();
  return row?.kind === 'district_office' ? row.district_code : null;
}

export interface NeedRef {
  id: string;
  publicId: string;
  communityId: string;
  title: string;
  status: string;
}

/** Needs of one community by their public ids; ids of other communities are not returned. */
export async function needsOfCommunity(db: Executor, communityId: string, publicIds: string[]): Promise<NeedRef[]> {
  if (publicIds.length === 0) return [];
  const rows = await db
    .selectFrom('community_needs')
    .select(['id', 'public_id', 'community_id', 'title', 'status'])
    .where('community_id', '=', communityId)
    .where('public_id', 'in', publicIds)
    .execute();
  return rows.map((r) => ({ id: r.id, publicId: r.public_id, communityId: r.community_id, title: r.title, status: r.status }));
}
