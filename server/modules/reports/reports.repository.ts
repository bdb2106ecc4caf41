import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportState } from '../../platform/db/schema.ts';
import { countWalkBudget, estimate, monthWalkPays, pageWalkBudget, scopeOf, searchStats } from './reports.search-plan.ts';

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

export type ReportSort = 'newest' | 'oldest' | 'support' | 'due';

/**
 * The words of a search, for the full-text index of migration 0018: the words scoped by
 * the most selective filter that has a scope (their posting lists are the intersection
 * of words and filter), ORed over months for "from". A superset condition the index
 * answers; the exact `search @@ query` is checked on each row, so results are exactly
 * those of the plain query whatever the scope.
 */
function wordsMatch(f: ReportFilters): RawBuilder<boolean> {
  const scope = scopeOf(f);
  let scopes: RawBuilder<string[]>;
  if (scope.kind === 'district') scopes = sql`array[${scope.prefix}]::text[]`;
  else if (scope.kind === 'states') scopes = sql`array[${sql.join(scope.prefixes)}]::text[]`;
  else if (scope.kind === 'category') scopes = sql`array['c' || (select id from categories where code = ${f.category!}) || ':']::text[]`;
  else if (scope.kind === 'months') {
    // Every month from "from" to the newest report's (a superset whatever the clock says).
    scopes = sql`array(select 'm' || g || ':' from generate_series(report_search_month(${scope.from}::timestamptz),
      report_search_month(greatest(${scope.from}::timestamptz, (select max(created_at) from reports)))) g)`;
  } else scopes = sql`array['']::text[]`;
  return sql<boolean>`(report_search_keys(r.search, r.district_code, r.category_id, r.state, r.created_at) @@ report_search_scoped(${f.tsquery!}, ${scopes})
    and r.search @@ to_tsquery('simple', ${f.tsquery!}))`;
}

/**
 * `wordsIndexOnly`: the filters in a form no btree can serve, so the planner reads the
 * full-text index alone and checks the filters on the rows it fetches. Otherwise it may
 * AND the words' bitmap with a whole filter's (740,000 fixed reports) — slower than either.
 */
function applyFilters<Q extends ReturnType<typeof reportBase>>(query: Q, f: ReportFilters, wordsIndexOnly = false, words?: RawBuilder<boolean>): Q {
  let q = query;
  if (wordsIndexOnly) {
    if (f.district) q = q.where(sql<boolean>`r.district_code + 0 = ${f.district}`) as Q;
    if (f.category) q = q.where(sql<boolean>`r.category_id + 0 = (select id from categories where code = ${f.category})`) as Q;
    if (f.states && f.states.length > 0) q = q.where(sql<boolean>`r.state || '' in (${sql.join(f.states)})`) as Q;
    if (f.from) q = q.where(sql<boolean>`r.created_at + interval '0' >= ${f.from}`) as Q;
    if (f.to) q = q.where(sql<boolean>`r.created_at + interval '0' < ${f.to}`) as Q;
  } else {
    if (f.district) q = q.where('r.district_code', '=', f.district) as Q;
    // By id (resolved once), so the (category_id, created_at) index serves the filter.
    if (f.category) q = q.where('r.category_id', '=', (eb) => eb.selectFrom('categories').select('id').where('code', '=', f.category!)) as Q;
    if (f.states && f.states.length > 0) q = q.where('r.state', 'in', f.states) as Q;
    if (f.from) q = q.where('r.created_at', '>=', f.from) as Q;
    if (f.to) q = q.where('r.created_at', '<', f.to) as Q;
  }
  if (f.tsquery) q = q.where(words ?? wordsMatch(f)) as Q;
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

/** Reports that pass the filters: what every count and id list starts from. */
function filtered(db: Executor, filters: ReportFilters, wordsIndexOnly = false, words?: RawBuilder<boolean>) {
  const base = db.selectFrom('reports as r');
  return applyFilters(base as unknown as ReturnType<typeof reportBase>, filters, wordsIndexOnly && Boolean(filters.tsquery), words) as unknown as typeof base;
}

/** The newest reports that pass every filter but the words, newest first (an index walk). */
function candidates(db: Executor, filters: ReportFilters) {
  return filtered(db, { ...filters, tsquery: undefined }).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc');
}

/** Which search path to take; `auto` asks the statistics (tests force each path). */
export type SearchPath = 'auto' | 'walk' | 'index' | 'months';

/**
 * The words of the search within months lo..hi only, from the month-scoped words of
 * migration 0018 (every report holds its month's, whatever its state). Exact for those
 * months: the scoped condition is checked on each row as well.
 */
function monthWords(f: ReportFilters, lo: number, hi: number, exact = true): RawBuilder<boolean> {
  const prefixes: string[] = [];
  for (let m = lo; m <= hi; m++) prefixes.push(`m${m}:`);
  const scoped = sql<boolean>`report_search_keys(r.search, r.district_code, r.category_id, r.state, r.created_at) @@ report_search_scoped(${f.tsquery!}, array[${sql.join(prefixes)}]::text[])`;
  return exact ? sql<boolean>`(${scoped} and r.search @@ to_tsquery('simple', ${f.tsquery!}))` : scoped;
}

/** The filters narrowed to months lo..hi, in btree form: the planner may AND the scoped
 * words' bitmap with a filter's (state, time) index over one window, so fewer rows are
 * fetched and rechecked; whatever it picks reads one window at most. */
function inMonths(f: ReportFilters, lo: number, hi: number): ReportFilters {
  const start = (m: number) => new Date(Date.UTC(Math.floor(m / 12), m % 12, 1));
  const from = f.from && f.from > start(lo) ? f.from : start(lo);
  const to = f.to && f.to < start(hi + 1) ? f.to : start(hi + 1);
  return { ...f, from, to };
}

/**
 * Month windows, newest first, from the newest report's month (or "to") down to the
 * oldest report's (or "from"): one month, one, two, four... so a common word fills a
 * page from the newest month alone and a rarer one takes a few more reads, never one
 * per month. Months partition filing times, so the newest-first order of the results
 * is the windows' order, each sorted.
 */
async function* monthWindows(db: Executor, f: ReportFilters): AsyncGenerator<{ lo: number; hi: number }> {
  const range = await sql<{ top: number | null; bottom: number | null }>`
    select report_search_month(least((select max(created_at) from reports), ${f.to ?? null}::timestamptz)) as top,
      report_search_month(greatest((select min(created_at) from reports), ${f.from ?? null}::timestamptz)) as bottom`.execute(db);
  const { top, bottom } = range.rows[0] ?? {};
  if (top == null || bottom == null) return;
  let size = 1;
  for (let hi = top, i = 0; hi >= bottom; i++) {
    const lo = Math.max(bottom, hi - size + 1);
    yield { lo, hi };
    hi = lo - 1;
    if (i > 0) size *= 2;
  }
}

async function searchIdsByMonths(db: Executor, filters: ReportFilters, limit: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const { lo, hi } of monthWindows(db, filters)) {
    const need = limit + offset - ids.length;
    // The newest rows holding every word in this window (the scoped words only), then
    // the exact search checked on those few rows: a common word's thousands of matches
    // are not each read for it. If one of them fails it (a phrase, say), the window is
    // read again with the exact check on every row.
    const newest = await sql<{ id: string; exact: boolean }>`
      with m as materialized (${filtered(db, inMonths(filters, lo, hi), false, monthWords(filters, lo, hi, false)).select(['r.id', 'r.created_at'])}),
        top as (select id, created_at from m order by created_at desc, id desc limit ${need})
      select top.id, r.search @@ to_tsquery('simple', ${filters.tsquery!}) as exact
      from top join reports r on r.id = top.id order by top.created_at desc, top.id desc`.execute(db);
    let page = newest.rows;
    if (page.some((r) => !r.exact)) {
      page = (await sql<{ id: string; exact: boolean }>`
        with m as materialized (${filtered(db, inMonths(filters, lo, hi), false, monthWords(filters, lo, hi)).select(['r.id', 'r.created_at'])})
        select id, true as exact from m order by created_at desc, id desc limit ${need}`.execute(db)).rows;
    }
    ids.push(...page.map((r) => r.id));
    if (ids.length >= limit + offset) break;
  }
  return ids.slice(offset, offset + limit);
}

async function countByMonths(db: Executor, filters: ReportFilters): Promise<number> {
  let n = 0;
  for await (const { lo, hi } of monthWindows(db, filters)) {
    const counted = await sql<{ n: number }>`
      select count(*)::int as n from (${filtered(db, inMonths(filters, lo, hi), false, monthWords(filters, lo, hi)).select(sql`1`.as('one')).limit(PUBLIC_COUNT_LIMIT - n)}) m`.execute(db);
    n += counted.rows[0]!.n;
    if (n >= PUBLIC_COUNT_LIMIT) break;
  }
  return n;
}

/**
 * Ids of a page of search results, newest first (reports.search-plan.ts). The walk reads
 * the newest candidates lazily and stops at the page; if the words are rarer than the
 * statistics said and the budget runs out, the index finds every match instead — or,
 * for a common word under a filter without a scope of its own, the month windows do.
 */
async function searchIds(db: Executor, filters: ReportFilters, limit: number, offset: number, path: SearchPath): Promise<string[]> {
  if (path === 'months') return searchIdsByMonths(db, filters, limit, offset);
  const stats = path === 'auto' ? await searchStats(db) : undefined;
  const byMonths = stats !== undefined && monthWalkPays(stats, filters, limit + offset);
  // A state filter thins out the newest reports (few are fixed yet), so a walk over
  // them is a poor guess there; "from" alone keeps every newest report.
  const walkFirst = !byMonths || scopeOf(filters).kind === 'months';
  const budget = path === 'walk' ? 1_000_000 : path === 'index' || !walkFirst ? 0 : pageWalkBudget(estimate(stats!, filters), limit + offset);
  if (budget > 0) {
    const walked = await sql<{ id: string }>`
      select x.id from (${candidates(db, filters).select(['r.id', 'r.created_at', 'r.search']).limit(budget)}) x
      where x.search @@ to_tsquery('simple', ${filters.tsquery!})
      order by x.created_at desc, x.id desc limit ${limit} offset ${offset}`.execute(db);
    if (walked.rows.length === limit || path === 'walk') return walked.rows.map((r) => r.id);
  }
  if (byMonths) return searchIdsByMonths(db, filters, limit, offset);
  const all = await sql<{ id: string }>`
    with m as materialized (${filtered(db, filters, true).select(['r.id', 'r.created_at'])})
    select id from m order by created_at desc, id desc limit ${limit} offset ${offset}`.execute(db);
  return all.rows.map((r) => r.id);
}

/**
 * Public totals with words: exact below PUBLIC_COUNT_LIMIT, the limit otherwise. Common
 * words reach the limit walking the newest candidates; rare ones are counted in the index.
 */
async function countSearch(db: Executor, filters: ReportFilters, path: SearchPath): Promise<number> {
  if (path === 'months' || (path === 'auto' && monthWalkPays(await searchStats(db), filters, PUBLIC_COUNT_LIMIT))) {
    return countByMonths(db, filters);
  }
  const budget = path === 'walk' ? 1_000_000 : path === 'index' ? 0 : countWalkBudget(estimate(await searchStats(db), filters), PUBLIC_COUNT_LIMIT);
  if (budget > 0) {
    const walked = await sql<{ matches: number; seen: number }>`
      select
        (select count(*)::int from (
          select 1 from (${candidates(db, filters).select('r.search').limit(budget)}) x
          where x.search @@ to_tsquery('simple', ${filters.tsquery!}) limit ${PUBLIC_COUNT_LIMIT}) y) as matches,
        (select count(*)::int from (${filtered(db, { ...filters, tsquery: undefined }).select(sql`1`.as('one')).limit(budget)}) z) as seen`.execute(db);
    const { matches, seen } = walked.rows[0]!;
    if (matches >= PUBLIC_COUNT_LIMIT) return PUBLIC_COUNT_LIMIT;
    if (seen < budget) return matches;
  }
  const counted = await sql<{ n: number }>`
    select count(*)::int as n from (${filtered(db, filters, true).select(sql`1`.as('one')).limit(PUBLIC_COUNT_LIMIT)}) m`.execute(db);
  return counted.rows[0]!.n;
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
    if (filters.tsquery && sort === 'newest') {
      const ids = await searchIds(db, filters, limit, offset, path);
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
    return db
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .leftJoin('districts as d', 'd.code', 'r.district_code')
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
