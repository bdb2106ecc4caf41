import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';

/**
 * Everything a GeoReport request shows, in one row: the report with its category,
 * routed agency and district, the first photo, the public note that closed it, and
 * what an Open311 client sent with it. Contact details are never selected.
 */
function requestBase(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('districts as d', 'd.code', 'r.district_code')
    .leftJoin('open311_requests as o', 'o.report_id', 'r.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('report_photos as p')
          .select(['p.storage_key as photo_key', 'p.external_url as photo_external_url'])
          .whereRef('p.report_id', '=', 'r.id')
          // The "before" photo shows the problem; an "after" photo only when there is no other.
          .orderBy(sql`p.kind = 'after'`)
          .orderBy('p.id')
          .limit(1)
          .as('ph'),
      (join) => join.onTrue(),
    )
    .select([
      'r.id', 'r.code', 'r.state', 'r.close_reason', 'r.description', 'r.lat', 'r.lng', 'r.address', 'r.channel',
      'r.created_at', 'r.updated_at', 'r.due_fix_at', 'r.routing_reason_th', 'r.routing_reason_en', 'r.district_code',
      // updated_at to the microsecond, as text: what a page's fingerprint is made of.
      sql<string>`(extract(epoch from r.updated_at) * 1000000)::bigint::text`.as('version'),
      'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en',
      'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
      'd.name_th as district_name_th', 'd.name_en as district_name_en',
      'o.address_id', 'o.media_url as submitted_media_url',
      'ph.photo_key', 'ph.photo_external_url',
      sql<string | null>`(select e.note from report_events e where e.report_id = r.id and e.visibility = 'public'
        and e.kind in ('fixed', 'closed', 'withdrawn') order by e.id desc limit 1)`.as('closing_note'),
    ]);
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestBase>['executeTakeFirstOrThrow']>>;

export interface RequestFilters {
  codes?: string[];
  categoryCodes?: string[];
  states?: readonly ReportState[];
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export interface NewClient {
  public_id: string;
  name: string;
  key_hash: string;
  key_prefix: string;
  created_by: string | null;
}

export interface NewSubmission {
  report_id: string;
  client_id: string;
  token: string;
  account_id: string | null;
  device_id: string | null;
  address_id: string | null;
  media_url: string | null;
}

function filtered<Q extends { where: (...args: never[]) => unknown }>(query: Q, f: RequestFilters): Q {
  let q = query as unknown as ReturnType<typeof requestBase>;
  if (f.codes) q = q.where('r.code', 'in', f.codes.length > 0 ? f.codes : ['']);
  if (f.categoryCodes && f.categoryCodes.length > 0) q = q.where('r.category_id', 'in', (eb) => eb.selectFrom('categories').select('id').where('code', 'in', f.categoryCodes!));
  if (f.states && f.states.length > 0) q = q.where('r.state', 'in', f.states);
  if (f.from) q = q.where('r.created_at', '>=', f.from);
  if (f.to) q = q.where('r.created_at', '<', f.to);
  return q as unknown as Q;
}

export const open311Repository = {
  /** Newest first; the date window and filters are all in SQL, on indexed columns. */
  listRequests(db: Executor, f: RequestFilters) {
    return filtered(requestBase(db), f).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.limit).offset(f.offset).execute();
  },

  /** Which requests a page holds, and when each last changed: the page without its weight. */
  listRequestKeys(db: Executor, f: RequestFilters) {
    const base = db.selectFrom('reports as r').select(['r.id', sql<string>`(extract(epoch from r.updated_at) * 1000000)::bigint::text`.as('version')]);
    return filtered(base, f).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.limit).offset(f.offset).execute();
  },

  /**
   * What a page holds, as one short value: a hash of its ids and last-change times, in
   * page order, computed by the database (the same narrow index scan as listRequestKeys,
   * without 1000 rows to send and parse). Equal hashes, equal pages.
   */
  async pageFingerprint(db: Executor, f: RequestFilters): Promise<string> {
    const keys = filtered(db.selectFrom('reports as r').select(['r.id', 'r.created_at', 'r.updated_at']), f)
      .orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(f.limit).offset(f.offset);
    const row = await db
      .selectFrom(keys.as('k'))
      .select(sql<string>`count(*) || ':' || coalesce(md5(string_agg(k.id::text || ':' || (extract(epoch from k.updated_at) * 1000000)::bigint::text, ',' order by k.created_at desc, k.id desc)), '')`.as('fingerprint'))
      .executeTakeFirstOrThrow();
    return row.fingerprint;
  },

  /** Whole requests by report id (any order). */
  requestsByIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([] as RequestRow[]);
    return requestBase(db).where('r.id', 'in', ids).execute();
  },

  findRequest(db: Executor, code: string) {
    return requestBase(db).where('r.code', '=', code).executeTakeFirst();
  },

  findReportIdByCode(db: Executor, code: string) {
    return db.selectFrom('reports').select('id').where('code', '=', code).executeTakeFirst();
  },

  findCodeByToken(db: Executor, token: string) {
    return db
      .selectFrom('open311_requests as o')
      .innerJoin('reports as r', 'r.id', 'o.report_id')
      .select(['r.code', 'o.token'])
      .where('o.token', '=', token)
      .executeTakeFirst();
  },

  /** When the service list last changed: the discovery document's changeset. */
  async categoriesChangedAt(db: Executor): Promise<Date | null> {
    const row = await db.selectFrom('categories').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst();
    return row?.at ? new Date(row.at) : null;
  },

  insertClient(db: Executor, c: NewClient) {
    return db.insertInto('open311_clients').values(c).returningAll().executeTakeFirstOrThrow();
  },

  activeClientNamed(db: Executor, name: string) {
    return db
      .selectFrom('open311_clients')
      .select('id')
      .where(sql<string>`lower(name)`, '=', name.toLowerCase())
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },

  findActiveClientByKeyHash(db: Executor, keyHash: string) {
    return db
      .selectFrom('open311_clients')
      .select(['id', 'public_id', 'name'])
      .where('key_hash', '=', keyHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },

  findClientByPublicId(db: Executor, publicId: string) {
    return db.selectFrom('open311_clients').selectAll().where('public_id', '=', publicId).executeTakeFirst();
  },

  listClients(db: Executor) {
    return db
      .selectFrom('open311_clients as k')
      .leftJoin('users as u', 'u.id', 'k.created_by')
      .select([
        'k.public_id', 'k.name', 'k.key_prefix', 'k.created_at', 'k.revoked_at', 'k.last_used_at',
        'u.display_name as created_by_name',
        sql<number>`(select count(*)::int from open311_requests o where o.client_id = k.id)`.as('requests'),
      ])
      .orderBy(sql`k.revoked_at is not null`)
      .orderBy('k.created_at', 'desc')
      .orderBy('k.id', 'desc')
      .execute();
  },

  revokeClient(db: Executor, id: string, by: string | null) {
    return db
      .updateTable('open311_clients')
      .set({ revoked_at: new Date(), revoked_by: by })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
  },

  insertSubmission(db: Executor, s: NewSubmission) {
    return db.insertInto('open311_requests').values(s).execute();
  },

  touchClient(db: Executor, id: string) {
    return db.updateTable('open311_clients').set({ last_used_at: new Date() }).where('id', '=', id).execute();
  },
};
