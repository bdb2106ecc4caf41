import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';

/** Columns every presented report needs, with its category, agency and district names. */
function reportBase(db: Executor) {
  return db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('districts as d', 'd.code', 'r.district_code')
    .leftJoin('users as asg', 'asg.id', 'r.assignee_id')
    // The first "before" photo, for lists and cards: one lookup per report.
    .leftJoinLateral(
      (eb) => eb
        .selectFrom('report_photos as p')
        .select(['p.thumb_key as thumb_key', 'p.external_url as thumb_external_url'])
        .whereRef('p.report_id', '=', 'r.id')
        .where('p.kind', '=', 'before')
        .orderBy('p.id')
        .limit(1)
        .as('th'),
      (join) => join.onTrue(),
    )
    .select([
      'r.id', 'r.code', 'r.description', 'r.lat', 'r.lng', 'r.address', 'r.state', 'r.close_reason', 'r.duplicate_of_id',
      'r.agency_id', 'r.assignee_id', 'r.routing_reason_th', 'r.routing_reason_en', 'r.reporter_id', 'r.reporter_token_hash',
      'r.contact_name', 'r.contact_phone', 'r.contact_email', 'r.channel', 'r.is_demo', 'r.support_count', 'r.reopen_count',
      'r.rating', 'r.rating_comment', 'r.created_at', 'r.updated_at', 'r.first_response_at', 'r.fixed_at', 'r.closed_at',
      'r.due_first_response_at', 'r.due_fix_at', 'r.category_id', 'r.district_code',
      'c.code as category_code', 'c.name_th as category_name_th', 'c.name_en as category_name_en', 'c.after_photo_required',
      'a.code as agency_code', 'a.name_th as agency_name_th', 'a.name_en as agency_name_en',
      'd.name_th as district_name_th', 'd.name_en as district_name_en',
      'asg.public_id as assignee_public_id', 'asg.display_name as assignee_name',
      'th.thumb_key', 'th.thumb_external_url',
    ]);
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof reportBase>['executeTakeFirstOrThrow']>>;

export interface ReportFilters {
  district?: number;
  category?: string;
  states?: ReportState[];
  from?: Date;
  to?: Date;
  tsquery?: string | null;
  agencyIds?: string[];
  overdue?: boolean;
  assigneeId?: string | null;
  includeCoownedBy?: string;
}

export interface ReportInsert {
  code: string; category_id: string; description: string; lat: number; lng: number; district_code: number | null;
  address: string | null; state: ReportState; agency_id: string; routing_reason_th: string; routing_reason_en: string;
  reporter_id: string | null; reporter_token_hash: string | null; contact_name: string | null; contact_phone: string | null;
  contact_email: string | null; channel: string; created_at: Date; due_first_response_at: Date; due_fix_at: Date;
  search_document: string; is_demo?: boolean; external_ref?: string | null; external_source?: string | null;
  close_reason?: string | null; first_response_at?: Date | null; fixed_at?: Date | null; closed_at?: Date | null;
}

/** Public lists count matches up to this many (see count). */
export const PUBLIC_COUNT_LIMIT = 1000;
/** How many of the newest candidate reports a search looks at before asking the full-text index. */
const SEARCH_PROBE = 5000;

export type ReportSort = 'newest' | 'oldest' | 'support' | 'due';

function applyFilters<Q extends ReturnType<typeof reportBase>>(query: Q, f: ReportFilters): Q {
  let q = query;
  if (f.district) q = q.where('r.district_code', '=', f.district) as Q;
  // By id (resolved once), so the (category_id, created_at) index serves the filter.
  if (f.category) q = q.where('r.category_id', '=', (eb) => eb.selectFrom('categories').select('id').where('code', '=', f.category!)) as Q;
  if (f.states && f.states.length > 0) q = q.where('r.state', 'in', f.states) as Q;
  if (f.from) q = q.where('r.created_at', '>=', f.from) as Q;
  if (f.to) q = q.where('r.created_at', '<', f.to) as Q;
  if (f.tsquery) q = q.where(sql<boolean>`r.search @@ to_tsquery('simple', ${f.tsquery})`) as Q;
  if (f.overdue) {
    q = q.where(sql<boolean>`r.state in ('received','in_progress') and (r.due_fix_at < now() or (r.state = 'received' and r.due_first_response_at < now()))`) as Q;
  }
  if (f.assigneeId !== undefined) {
    q = (f.assigneeId === null ? q.where('r.assignee_id', 'is', null) : q.where('r.assignee_id', '=', f.assigneeId)) as Q;
  }
  if (f.agencyIds) {
    const ids = f.agencyIds;
    // An agency's queue holds what it owns and what it was invited to share.
    q = q.where((eb) =>
      eb.or([
        eb('r.agency_id', 'in', ids),
        eb.exists(
          eb.selectFrom('report_coowners as co').select('co.report_id').whereRef('co.report_id', '=', 'r.id').where('co.agency_id', 'in', ids).where('co.status', '<>', 'declined'),
        ),
      ]),
    ) as Q;
  }
  return q;
}

/** Reports joined with their category: what every filter can refer to. */
function filteredBase(db: Executor) {
  return db.selectFrom('reports as r').innerJoin('categories as c', 'c.id', 'r.category_id');
}

/** The newest reports that pass every filter but the words, newest first (an index walk). */
function candidates(db: Executor, filters: ReportFilters) {
  const filtered = applyFilters(filteredBase(db) as unknown as ReturnType<typeof reportBase>, { ...filters, tsquery: undefined }) as unknown as ReturnType<typeof filteredBase>;
  return filtered.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc');
}

/**
 * Ids of a page of search results, newest first, in bounded time whatever the words.
 * PostgreSQL's planner guesses how common a combination of words and filters is, and a
 * wrong guess either scans the table for a combination that never occurs or gathers
 * every match of a common word. So: look at the newest SEARCH_PROBE reports that pass
 * the other filters; if the page is among them, that is the answer (no older match can
 * be newer). Otherwise the words are rare here, and the full-text index (materialised,
 * so it is used) finds every match cheaply.
 */
async function searchIds(db: Executor, filters: ReportFilters, limit: number, offset: number): Promise<string[]> {
  const query = sql`to_tsquery('simple', ${filters.tsquery!})`;
  const probe = await sql<{ id: string; seen: number }>`
    select id, seen from (
      select x.id, x.created_at, x.search @@ ${query} as hit, count(*) over () as seen
      from (${candidates(db, filters).select(['r.id', 'r.created_at', 'r.search']).limit(SEARCH_PROBE)}) x
    ) y
    where hit order by created_at desc, id desc limit ${limit} offset ${offset}`.execute(db);
  if (probe.rows.length === limit) return probe.rows.map((r) => r.id);
  if (probe.rows.length > 0 && Number(probe.rows[0]!.seen) < SEARCH_PROBE) return probe.rows.map((r) => r.id);
  const all = await sql<{ id: string }>`
    with m as materialized (${applyFilters(filteredBase(db).select(['r.id', 'r.created_at']) as unknown as ReturnType<typeof reportBase>, filters)})
    select id from m order by created_at desc, id desc limit ${limit} offset ${offset}`.execute(db);
  return all.rows.map((r) => r.id);
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

  async list(db: Executor, filters: ReportFilters, sort: ReportSort, limit: number, offset: number) {
    if (filters.tsquery && sort === 'newest' && offset + limit <= SEARCH_PROBE / 5) {
      const ids = await searchIds(db, filters, limit, offset);
      if (ids.length === 0) return [];
      return reportBase(db).where('r.id', 'in', ids).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').execute();
    }
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
   * How many reports match. Public lists (no agency scope) stop counting at
   * PUBLIC_COUNT_LIMIT, as search engines do: counting every match of a common word
   * among millions of reports costs hundreds of milliseconds and says nothing a person
   * pages through. A total equal to the limit means "at least this many". Staff queues
   * (one agency's work) are counted exactly.
   */
  async count(db: Executor, filters: ReportFilters) {
    const capped = filters.agencyIds === undefined;
    if (capped && filters.tsquery) {
      // The newest candidates first: a common word reaches the limit among them at once.
      const probe = await sql<{ matches: number; candidates: number }>`
        select count(*) filter (where x.search @@ to_tsquery('simple', ${filters.tsquery}))::int as matches, count(*)::int as candidates
        from (${candidates(db, filters).select('r.search').limit(SEARCH_PROBE)}) x`.execute(db);
      const { matches, candidates: seen } = probe.rows[0]!;
      if (matches >= PUBLIC_COUNT_LIMIT) return PUBLIC_COUNT_LIMIT;
      if (seen < SEARCH_PROBE) return matches;
      // More candidates than the probe saw: if the words' share among the probed ones,
      // over the planner's estimate of all candidates, clears the limit twice
      // over, the limit is reached (a sample of thousands does not mislead by 2×).
      if (matches >= 30) {
        const plan = await sql<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>`
          explain (format json) ${candidates(db, filters).select('r.id')}`.execute(db);
        const estimate = plan.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
        if ((matches / SEARCH_PROBE) * estimate >= 2 * PUBLIC_COUNT_LIMIT) return PUBLIC_COUNT_LIMIT;
      }
      // A word rare among these reports: the full-text index finds every match cheaply.
      const all = await sql<{ n: number }>`
        with m as materialized (${applyFilters(filteredBase(db).select('r.id') as unknown as ReturnType<typeof reportBase>, filters)})
        select count(*)::int as n from m`.execute(db);
      return Math.min(all.rows[0]!.n, PUBLIC_COUNT_LIMIT);
    }
    const matching = applyFilters(filteredBase(db).select('r.id') as unknown as ReturnType<typeof reportBase>, filters);
    const row = await db
      .selectFrom((capped ? matching.limit(PUBLIC_COUNT_LIMIT) : matching).as('m'))
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirst();
    return row?.n ?? 0;
  },

  /** Open reports of a category near a point, nearest first (GiST k-NN on the point). */
  nearbyOpen(db: Executor, lat: number, lng: number, categoryId: string, degrees: number) {
    return reportBase(db)
      .where('r.category_id', '=', categoryId)
      .where('r.state', 'in', ['received', 'in_progress'])
      .where(sql<boolean>`r.location <@ box(point(${lng - degrees}, ${lat - degrees}), point(${lng + degrees}, ${lat + degrees}))`)
      .orderBy(sql`r.location <-> point(${lng}, ${lat})`)
      .limit(20)
      .execute();
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
