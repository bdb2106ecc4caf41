/**
 * SQL of the community registry and committees, and nothing but SQL. Needs live in
 * communities.needs.repository.ts.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { likePattern } from './communities.rules.ts';
import type { CommitteePosition, CommunityKind } from './communities.tables.ts';

/** A lock of one district's code sequence: two registrations never draw the same number. */
const CODE_SEQUENCE_LOCK = 727_013;

export interface CommunityFilters {
  district_code?: number;
  kind?: CommunityKind;
  q?: string;
  page: number;
  pageSize: number;
}

function communityBase(db: Executor) {
  return db
    .selectFrom('communities as c')
    .innerJoin('districts as d', 'd.code', 'c.district_code')
    .select([
      'c.id', 'c.code', 'c.district_code', 'c.name_th', 'c.name_en', 'c.kind', 'c.lat', 'c.lng', 'c.households',
      'c.population', 'c.registered_on', 'c.is_demo', 'c.created_at', 'c.updated_at',
      'd.name_th as district_name_th', 'd.name_en as district_name_en',
    ]);
}

export type CommunityRow = Awaited<ReturnType<ReturnType<typeof communityBase>['executeTakeFirstOrThrow']>>;

function filtered(db: Executor, f: Omit<CommunityFilters, 'page' | 'pageSize'>) {
  let q = db.selectFrom('communities as c');
  if (f.district_code !== undefined) q = q.where('c.district_code', '=', f.district_code);
  if (f.kind) q = q.where('c.kind', '=', f.kind);
  const term = f.q?.trim();
  if (term) {
    // A registry of ~2,000 names: a substring match on the name is exact and fast enough,
    // and finds Thai names by any part, which word tokens would not.
    const pattern = likePattern(term);
    q = q.where((eb) => eb.or([eb('c.name_th', 'ilike', pattern), eb('c.name_en', 'ilike', pattern), eb('c.code', '=', term)]));
  }
  return q;
}

export const communitiesRepository = {
  async list(db: Executor, f: CommunityFilters) {
    const ids = filtered(db, f).select('c.id');
    const [rows, total] = await Promise.all([
      communityBase(db)
        .where('c.id', 'in', ids)
        .select(sql<number>`(select count(*)::int from community_needs n where n.community_id = c.id and n.status = 'open')`.as('open_needs'))
        .orderBy('c.district_code')
        .orderBy('c.name_th')
        .orderBy('c.id')
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize)
        .execute(),
      filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: total.n };
  },

  findByCode(db: Executor, code: string) {
    return communityBase(db).where('c.code', '=', code).executeTakeFirst();
  },

  /** Serialises changes to one community (ranks, chair) within the caller's transaction. */
  async lock(db: Executor, id: string) {
    await db.selectFrom('communities').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  },

  async highestNumber(db: Executor, districtCode: number): Promise<number> {
    await sql`select pg_advisory_xact_lock(${CODE_SEQUENCE_LOCK}, ${districtCode})`.execute(db);
    const row = await db
      .selectFrom('communities')
      .select(sql<number | null>`max(split_part(code, '-', 2)::int)`.as('n'))
      .where('district_code', '=', districtCode)
      .executeTakeFirst();
    return row?.n ?? 0;
  },

  async nameTaken(db: Executor, districtCode: number, nameTh: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('communities').select('id').where('district_code', '=', districtCode).where('name_th', '=', nameTh);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return !!(await q.executeTakeFirst());
  },

  insert(db: Executor, v: {
    code: string; district_code: number; name_th: string; name_en: string | null; kind: CommunityKind;
    lat: number; lng: number; households: number; population: number | null; registered_on: string;
  }) {
    return db
      .insertInto('communities')
      .values({ ...v, location: sql`point(${v.lng}, ${v.lat})` })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  update(db: Executor, id: string, patch: Partial<{
    name_th: string; name_en: string | null; kind: CommunityKind; lat: number; lng: number;
    households: number; population: number | null; registered_on: string;
  }>) {
    const location = patch.lat !== undefined && patch.lng !== undefined ? { location: sql`point(${patch.lng}, ${patch.lat})` } : {};
    return db.updateTable('communities').set({ ...patch, ...location, updated_at: new Date() }).where('id', '=', id).execute();
  },

  // ---- committee ----

  listMembers(db: Executor, communityId: string, includeEnded: boolean) {
    let q = db
      .selectFrom('community_committee_members')
      .select(['id', 'community_id', 'full_name', 'position', 'term_start', 'term_end', 'user_id', 'is_demo', 'created_at', 'ended_at'])
      .where('community_id', '=', communityId);
    if (!includeEnded) q = q.where('ended_at', 'is', null);
    // Chair first, then the other offices, then members; within a position by name.
    return q
      .orderBy(sql`array_position(array['chair','vice_chair','secretary','treasurer','member']::text[], position)`)
      .orderBy('full_name')
      .orderBy('id')
      .execute();
  },

  findMember(db: Executor, communityId: string, memberId: string) {
    return db
      .selectFrom('community_committee_members')
      .select(['id', 'community_id', 'full_name', 'position', 'term_start', 'term_end', 'user_id', 'is_demo', 'created_at', 'ended_at'])
      .where('community_id', '=', communityId)
      .where('id', '=', memberId)
      .executeTakeFirst();
  },

  /** A chair whose seat is not ended and whose term has not run out. */
  currentChair(db: Executor, communityId: string, today: string) {
    return db
      .selectFrom('community_committee_members')
      .select(['id', 'full_name'])
      .where('community_id', '=', communityId)
      .where('position', '=', 'chair')
      .where('ended_at', 'is', null)
      .where('term_end', '>=', today)
      .executeTakeFirst();
  },

  insertMember(db: Executor, v: { community_id: string; full_name: string; position: CommitteePosition; term_start: string; term_end: string }) {
    return db.insertInto('community_committee_members').values(v).returning('id').executeTakeFirstOrThrow();
  },

  endMember(db: Executor, memberId: string, at: Date) {
    return db.updateTable('community_committee_members').set({ ended_at: at }).where('id', '=', memberId).where('ended_at', 'is', null).executeTakeFirst();
  },

  linkAccount(db: Executor, memberId: string, userId: string) {
    return db.updateTable('community_committee_members').set({ user_id: userId }).where('id', '=', memberId).where('user_id', 'is', null).executeTakeFirst();
  },

  /** The seat (not ended) an account already holds, anywhere. */
  seatHeldBy(db: Executor, userId: string) {
    return db
      .selectFrom('community_committee_members as m')
      .innerJoin('communities as c', 'c.id', 'm.community_id')
      .select(['m.id', 'c.code', 'c.name_th'])
      .where('m.user_id', '=', userId)
      .where('m.ended_at', 'is', null)
      .executeTakeFirst();
  },

  findUserByEmail(db: Executor, email: string) {
    return db
      .selectFrom('users')
      .select(['id', 'public_id', 'role', 'email', 'disabled_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
  },
};

export type MemberRow = Awaited<ReturnType<typeof communitiesRepository.listMembers>>[number];
