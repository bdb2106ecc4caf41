import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { runPrepared } from '../../platform/db/prepared-statements.ts';
import type { ReportState } from '../../platform/db/schema.ts';
import { PUBLIC_COUNT_LIMIT, reportBase, reportsWithNames, type ReportFilters, type ReportRow } from './reports.query-base.ts';
import { applyFilters, countSearch, filtered, indexPageWithCount, searchIds, type SearchPath } from './reports.search-query.ts';

export { PUBLIC_COUNT_LIMIT, type ReportFilters, type ReportRow, type SearchPath };

export interface ReportInsert {
  code: string; category_id: string; description: string; lat: number; lng: number; district_code: number | null;
  address: string | null; state: ReportState; agency_id: string; routing_reason_th: string; routing_reason_en: string;
  reporter_id: string | null; reporter_token_hash: string | null; contact_name: string | null; contact_phone: string | null;
  contact_email: string | null; channel: string; created_at: Date; due_first_response_at: Date; due_fix_at: Date;
  search_document: string; is_demo?: boolean; external_ref?: string | null; external_source?: string | null;
  close_reason?: string | null; first_response_at?: Date | null; fixed_at?: Date | null; closed_at?: Date | null;
}

export type ReportSort = 'newest' | 'oldest' | 'support' | 'due';

/** Reports by id, newest first. One text for any page size (= any, not in (...)),
 * prepared: planning the joins cost more than fetching the 20 rows. */
async function rowsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return runPrepared(db, reportBase(db).where(sql<boolean>`r.id = any(${ids}::bigint[])`).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc'));
}

export const reportsRepository = {
  insertReport(db: Executor, values: ReportInsert) {
    const { search_document, ...rest } = values;
    return db
      .insertInto('reports')
      .values({
        ...rest,
        updated_at: values.created_at,
        location: sql`point(${values.lng}, ${values.lat})`,
        search: sql`to_tsvector('simple', ${search_document})`,
      })
      .returning(['id', 'code'])
      .executeTakeFirstOrThrow();
  },

  /**
   * A newly filed report, its first timeline entries and its audit entry, in one
   * statement (one round trip inside the intake's transaction). Undefined when the
   * tracking code was taken meanwhile: nothing is written, draw another code.
   */
  async insertFiledReport(db: Executor, values: ReportInsert, events: Array<{
    kind: string; visibility: 'public' | 'internal'; actor_id: string | null; agency_id: string | null; note: string | null; data: Record<string, unknown>;
  }>, audit: (inserted: RawBuilder<unknown>) => RawBuilder<unknown>): Promise<{ id: string; code: string } | undefined> {
    const v = values;
    const eventRows = events.map((e) => sql`(${e.kind}::text, ${e.visibility}::text, ${e.actor_id}::bigint, ${e.agency_id}::bigint, ${e.note}::text, ${JSON.stringify(e.data)}::jsonb)`);
    const result = await sql<{ id: string; code: string }>`
      with r as (
        insert into reports (code, category_id, description, lat, lng, location, district_code, address, state, agency_id,
          routing_reason_th, routing_reason_en, reporter_id, reporter_token_hash, contact_name, contact_phone, contact_email, channel,
          created_at, updated_at, due_first_response_at, due_fix_at, search)
        values (${v.code}, ${v.category_id}, ${v.description}, ${v.lat}, ${v.lng}, point(${v.lng}, ${v.lat}), ${v.district_code}, ${v.address}, ${v.state}, ${v.agency_id},
          ${v.routing_reason_th}, ${v.routing_reason_en}, ${v.reporter_id}, ${v.reporter_token_hash}, ${v.contact_name}, ${v.contact_phone}, ${v.contact_email}, ${v.channel},
          ${v.created_at}, ${v.created_at}, ${v.due_first_response_at}, ${v.due_fix_at}, to_tsvector('simple', ${v.search_document}))
        on conflict (code) do nothing
        returning id, code
      ),
      e as (
        insert into report_events (report_id, kind, visibility, actor_id, agency_id, note, data, created_at)
        select r.id, x.kind, x.visibility, x.actor_id, x.agency_id, x.note, x.data, ${v.created_at}
        from r, (values ${sql.join(eventRows)}) as x(kind, visibility, actor_id, agency_id, note, data)
      ),
      a as (${audit(sql`select 1 from r`)})
      select id, code from r`.execute(db);
    return result.rows[0];
  },

  codeExists(db: Executor, code: string) {
    return db.selectFrom('reports').select('id').where('code', '=', code).executeTakeFirst();
  },

  findByCode(db: Executor, code: string) {
    return reportBase(db).where('r.code', '=', code).executeTakeFirst();
  },

  /** Locks the report row for a state change: two officers cannot race one report. */
  async lockByCode(db: Executor, code: string) {
    const locked = await db.selectFrom('reports').select('id').where('code', '=', code).forUpdate().executeTakeFirst();
    if (!locked) return undefined;
    return reportBase(db).where('r.id', '=', locked.id).executeTakeFirst();
  },

  findCodeById(db: Executor, id: string) {
    return db.selectFrom('reports').select('code').where('id', '=', id).executeTakeFirst();
  },

  updateReport(db: Executor, id: string, patch: Partial<{
    state: ReportState; close_reason: string | null; duplicate_of_id: string | null; agency_id: string; assignee_id: string | null;
    routing_reason_th: string; routing_reason_en: string; category_id: string; reopen_count: number; rating: number | null;
    rating_comment: string | null; first_response_at: Date | null; fixed_at: Date | null; closed_at: Date | null;
    due_first_response_at: Date; due_fix_at: Date; support_count: number;
  }>, searchDocument?: string) {
    return db
      .updateTable('reports')
      .set({ ...patch, updated_at: new Date(), ...(searchDocument ? { search: sql`to_tsvector('simple', ${searchDocument})` } : {}) })
      .where('id', '=', id)
      .execute();
  },

  async list(db: Executor, filters: ReportFilters, sort: ReportSort, limit: number, offset: number, path: SearchPath = 'auto') {
    if (filters.tsquery && sort === 'newest') return rowsByIds(db, await searchIds(db, filters, limit, offset, path));
    let q = applyFilters(reportBase(db), filters);
    switch (sort) {
      case 'oldest': q = q.orderBy('r.created_at', 'asc'); break;
      case 'support': q = q.orderBy('r.support_count', 'desc').orderBy('r.created_at', 'desc'); break;
      case 'due': q = q.orderBy('r.due_fix_at', 'asc'); break;
      default: q = q.orderBy('r.created_at', 'desc');
    }
    return q.orderBy('r.id', 'desc').limit(limit).offset(offset).execute();
  },

  /**
   * A public page and its capped total (list and count): from one read of the matches
   * when the search goes to the index at once, else both side by side.
   */
  async publicPage(db: Executor, filters: ReportFilters, limit: number, offset: number) {
    const combined = filters.tsquery && filters.agencyIds === undefined ? await indexPageWithCount(db, filters, limit, offset) : null;
    if (combined) return { rows: await rowsByIds(db, combined.ids), total: combined.total };
    const [rows, total] = await Promise.all([this.list(db, filters, 'newest', limit, offset), this.count(db, filters)]);
    return { rows, total };
  },

  /**
   * How many reports match. Public lists (no agency scope) stop counting at
   * PUBLIC_COUNT_LIMIT, as search engines do: counting every match of a common word
   * among millions of reports costs hundreds of milliseconds and says nothing a person
   * pages through. A total equal to the limit means "at least this many". Staff queues
   * (one agency's work) are counted exactly.
   */
  async count(db: Executor, filters: ReportFilters, path: SearchPath = 'auto') {
    const capped = filters.agencyIds === undefined;
    if (capped && filters.tsquery) return countSearch(db, filters, path);
    const matching = filtered(db, filters).select('r.id');
    const row = await db
      .selectFrom((capped ? matching.limit(PUBLIC_COUNT_LIMIT) : matching).as('m'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirst();
    return row?.n ?? 0;
  },

  /**
   * Open reports of a category near a point, nearest first (GiST k-NN on the open
   * reports' (category, location) index, migration 0016). Only what a card shows
   * (presentSummary): the "already reported?" check runs while a person types a report,
   * so it carries no staff, contact or timing columns and no assignee join.
   */
  nearbyOpen(db: Executor, lat: number, lng: number, categoryId: string, degrees: number) {
    // A named prepared statement: planning it cost more than running it.
    return runPrepared(db, reportsWithNames(db)
      .select([
        'r.code', 'r.description', 'r.lat', 'r.lng', 'r.address', 'r.state', 'r.close_reason', 'r.support_count', 'r.created_at', 'r.is_demo', 'r.district_code',
        'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en',
        'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
        'd.name_th as district_name_th', 'd.name_en as district_name_en',
        'th.thumb_key', 'th.thumb_external_url',
      ])
      .where('r.category_id', '=', categoryId)
      .where('r.state', 'in', ['received', 'in_progress'])
      .where(sql<boolean>`r.location <@ box(point(${lng - degrees}, ${lat - degrees}), point(${lng + degrees}, ${lat + degrees}))`)
      .orderBy(sql`r.location <-> point(${lng}, ${lat})`)
      .limit(20));
  },

  insertEvent(db: Executor, e: {
    report_id: string; kind: string; visibility: 'public' | 'internal'; actor_id: string | null; agency_id: string | null;
    note: string | null; data?: Record<string, unknown>; created_at?: Date;
  }) {
    return db
      .insertInto('report_events')
      .values({ ...e, data: JSON.stringify(e.data ?? {}), created_at: e.created_at ?? new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  listEvents(db: Executor, reportId: string, includeInternal: boolean) {
    let q = db
      .selectFrom('report_events as e')
      .leftJoin('agencies as a', 'a.id', 'e.agency_id')
      .select(['e.id', 'e.kind', 'e.visibility', 'e.note', 'e.data', 'e.created_at', 'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en'])
      .where('e.report_id', '=', reportId);
    if (!includeInternal) q = q.where('e.visibility', '=', 'public');
    return q.orderBy('e.id').execute();
  },

  /** Agencies that have owned the report: a forward back to one of them would be a loop. */
  async previousOwners(db: Executor, reportId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('report_events')
      .select(sql<string>`data->>'from_agency_id'`.as('agency_id'))
      .where('report_id', '=', reportId)
      .where('kind', '=', 'forwarded')
      .execute();
    return rows.map((r) => r.agency_id);
  },

  insertPhoto(db: Executor, p: {
    public_id: string; report_id: string; event_id: string | null; kind: 'before' | 'after';
    storage_key: string | null; thumb_key: string | null; external_url: string | null; width: number | null; height: number | null; bytes: number | null;
  }) {
    return db.insertInto('report_photos').values(p).execute();
  },

  listPhotos(db: Executor, reportId: string) {
    return db.selectFrom('report_photos').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
  },

  listCoowners(db: Executor, reportId: string) {
    return db
      .selectFrom('report_coowners as co')
      .innerJoin('agencies as a', 'a.id', 'co.agency_id')
      .select(['co.agency_id', 'co.status', 'a.code', 'a.name_th', 'a.name_en'])
      .where('co.report_id', '=', reportId)
      .orderBy('co.invited_at')
      .execute();
  },

  insertCoowner(db: Executor, reportId: string, agencyId: string) {
    return db.insertInto('report_coowners').values({ report_id: reportId, agency_id: agencyId }).onConflict((oc) => oc.columns(['report_id', 'agency_id']).doNothing()).executeTakeFirst();
  },

  updateCoownerStatus(db: Executor, reportId: string, agencyId: string, status: 'in_progress' | 'done' | 'declined') {
    return db.updateTable('report_coowners').set({ status, updated_at: new Date() }).where('report_id', '=', reportId).where('agency_id', '=', agencyId).execute();
  },

  isFollowing(db: Executor, reportId: string, userId: string) {
    return db.selectFrom('report_followers').select('report_id').where('report_id', '=', reportId).where('user_id', '=', userId).executeTakeFirst();
  },

  follow(db: Executor, reportId: string, userId: string) {
    return db.insertInto('report_followers').values({ report_id: reportId, user_id: userId }).onConflict((oc) => oc.columns(['report_id', 'user_id']).doNothing()).executeTakeFirst();
  },

  unfollow(db: Executor, reportId: string, userId: string) {
    return db.deleteFrom('report_followers').where('report_id', '=', reportId).where('user_id', '=', userId).executeTakeFirst();
  },

  /** Returns true when this is the person's first support for the report. */
  async addSupport(db: Executor, reportId: string, who: { userId: string | null; key: string | null }) {
    const result = await sql<{ id: string }>`
      insert into report_supports (report_id, user_id, supporter_key)
      values (${reportId}, ${who.userId}, ${who.userId ? null : who.key})
      on conflict do nothing returning id`.execute(db);
    return result.rows.length > 0;
  },

  incrementSupport(db: Executor, reportId: string) {
    return db.updateTable('reports').set((eb) => ({ support_count: eb('support_count', '+', 1) })).where('id', '=', reportId).execute();
  },

  findUserByPublicId(db: Executor, publicId: string) {
    return db.selectFrom('users').select(['id', 'public_id', 'display_name', 'role', 'agency_id']).where('public_id', '=', publicId).where('disabled_at', 'is', null).executeTakeFirst();
  },

  listMine(db: Executor, userId: string, limit: number) {
    return reportBase(db)
      .where((eb) => eb.or([
        eb('r.reporter_id', '=', userId),
        eb.exists(eb.selectFrom('report_followers as f').select('f.report_id').whereRef('f.report_id', '=', 'r.id').where('f.user_id', '=', userId)),
      ]))
      .orderBy('r.updated_at', 'desc')
      .limit(limit)
      .execute();
  },

  /** Training material for the suggester: the newest categorised descriptions. */
  trainingRows(db: Executor, limit: number) {
    return db
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .select(['r.description', 'c.code'])
      .where('r.is_demo', '=', false)
      .orderBy('r.id', 'desc')
      .limit(limit)
      .execute();
  },

  subscribe(db: Executor, reportId: string, s: { channel: string; address: string; locale: 'th' | 'en' }) {
    return db.insertInto('report_subscriptions').values({ report_id: reportId, ...s }).onConflict((oc) => oc.columns(['report_id', 'channel', 'address']).doNothing()).execute();
  },

  /** Everyone to tell: channel subscriptions, plus the app devices of people following the report. */
  subscriptions(db: Executor, reportId: string) {
    return db
      .selectFrom('report_subscriptions')
      .select(['channel', 'address', 'locale'])
      .where('report_id', '=', reportId)
      .unionAll(
        db
          .selectFrom('report_followers as f')
          .innerJoin('user_push_tokens as t', 't.user_id', 'f.user_id')
          .select([sql<string>`'app_push'`.as('channel'), 't.token as address', 't.locale'])
          .where('f.report_id', '=', reportId),
      )
      .execute();
  },

  externalRefExists(db: Executor, ref: string) {
    return db.selectFrom('reports').select('id').where('external_ref', '=', ref).executeTakeFirst();
  },

  // ── Bulk writes for reports that arrive with a history of their own ─────────────
  // (Traffy Fondue imports, demo data). One statement per batch keeps thousands of rows
  // fast; every timestamp and outcome is given rather than taken from "now".

  /** Which of these external references are already stored (imports skip them). */
  async existingExternalRefs(db: Executor, refs: string[]): Promise<Set<string>> {
    if (refs.length === 0) return new Set();
    const rows = await db.selectFrom('reports').select('external_ref').where('external_ref', 'in', refs).execute();
    return new Set(rows.map((r) => r.external_ref!));
  },

  /** Which of these tracking codes are taken, so a batch can draw fresh ones first. */
  async takenCodes(db: Executor, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await db.selectFrom('reports').select('code').where('code', 'in', codes).execute();
    return new Set(rows.map((r) => r.code));
  },

  insertHistoricalReports(db: Executor, rows: Array<{
    code: string; category_id: string; description: string; lat: number; lng: number; district_code: number | null;
    address: string | null; state: ReportState; close_reason: string | null; duplicate_of_id: string | null; agency_id: string;
    assignee_id: string | null; routing_reason_th: string; routing_reason_en: string; channel: string; is_demo: boolean;
    external_ref: string | null; external_source: string | null; reopen_count: number; rating: number | null; rating_comment: string | null;
    created_at: Date; updated_at: Date; first_response_at: Date | null; fixed_at: Date | null; closed_at: Date | null;
    due_first_response_at: Date; due_fix_at: Date; search_document: string;
  }>) {
    if (rows.length === 0) return Promise.resolve([] as Array<{ id: string; code: string }>);
    return db
      .insertInto('reports')
      .values(rows.map(({ search_document, ...r }) => ({
        ...r,
        location: sql`point(${r.lng}, ${r.lat})`,
        search: sql`to_tsvector('simple', ${search_document})`,
      })))
      .returning(['id', 'code'])
      .execute();
  },

  /** Timeline events of many reports; returns ids with report and kind so photos can point at them. */
  insertEvents(db: Executor, events: Array<{
    report_id: string; kind: string; visibility: 'public' | 'internal'; actor_id: string | null; agency_id: string | null;
    note: string | null; data: Record<string, unknown>; created_at: Date;
  }>) {
    if (events.length === 0) return Promise.resolve([] as Array<{ id: string; report_id: string; kind: string }>);
    return db
      .insertInto('report_events')
      .values(events.map((e) => ({ ...e, data: JSON.stringify(e.data) })))
      .returning(['id', 'report_id', 'kind'])
      .execute();
  },

  insertPhotos(db: Executor, photos: Array<{
    public_id: string; report_id: string; event_id: string | null; kind: 'before' | 'after'; external_url: string; created_at: Date;
  }>) {
    if (photos.length === 0) return Promise.resolve();
    return db
      .insertInto('report_photos')
      .values(photos.map((p) => ({ ...p, storage_key: null, thumb_key: null, width: null, height: null, bytes: null })))
      .execute()
      .then(() => undefined);
  },

  insertCoowners(db: Executor, rows: Array<{
    report_id: string; agency_id: string; status: 'invited' | 'in_progress' | 'done' | 'declined'; invited_at: Date; updated_at: Date;
  }>) {
    if (rows.length === 0) return Promise.resolve();
    return db
      .insertInto('report_coowners')
      .values(rows)
      .onConflict((oc) => oc.columns(['report_id', 'agency_id']).doNothing())
      .execute()
      .then(() => undefined);
  },

  // ── Demo accounts ────────────────────────────────────────────────────────────────
  // The demo seed creates staff accounts with one pre-hashed password. These touch the
  // users table only for rows the seed owns (is_demo), never a real person's account.

  /** Accounts holding any of these e-mails, disabled ones included (they still hold the address). */
  accountsByEmail(db: Executor, emails: string[]) {
    if (emails.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('users')
      .select(['id', 'public_id', 'email', 'is_demo', 'role', 'agency_id', 'display_name'])
      .where(sql<boolean>`lower(email) in (${sql.join(emails.map((e) => e.toLowerCase()))})`)
      .execute();
  },

  /** A re-run of the seed prints a new shared password; existing demo staff get it too. */
  setDemoPasswordHash(db: Executor, userIds: string[], passwordHash: string) {
    if (userIds.length === 0) return Promise.resolve();
    return db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', 'in', userIds)
      .where('is_demo', '=', true)
      .execute()
      .then(() => undefined);
  },
};
