/**
 * Filters and Thai search over reports: the conditions every list shares, and the paths a
 * search takes to its page and its capped count (reports.search-plan.ts decides which).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { countWalkBudget, estimate, indexCostAt, MAX_WALK, monthWalkPays, MONTHS_OVER_WALK, pageWalkBudget, scopeOf, searchMonth, searchStats, walkLength, type SearchEstimate, type SearchStats } from './reports.search-plan.ts';
import { PUBLIC_COUNT_LIMIT, reportBase, type ReportFilters } from './reports.query-base.ts';

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
 * 'time': only the time and state filters so (a month window, whose words are month-scoped
 * already: ANDing the window's 100,000 filing times cost 20 of a search's 29 ms).
 */
export function applyFilters<Q extends ReturnType<typeof reportBase>>(query: Q, f: ReportFilters, wordsIndexOnly: boolean | 'time' = false, words?: RawBuilder<boolean>): Q {
  let q = query;
  if (wordsIndexOnly === true) {
    if (f.district) q = q.where(sql<boolean>`r.district_code + 0 = ${f.district}`) as Q;
    if (f.category) q = q.where(sql<boolean>`r.category_id + 0 = (select id from categories where code = ${f.category})`) as Q;
    if (f.states && f.states.length > 0) q = q.where(sql<boolean>`r.state || '' in (${sql.join(f.states)})`) as Q;
  } else {
    if (f.district) q = q.where('r.district_code', '=', f.district) as Q;
    // By id (resolved once), so the (category_id, created_at) index serves the filter.
    if (f.category) q = q.where('r.category_id', '=', (eb) => eb.selectFrom('categories').select('id').where('code', '=', f.category!)) as Q;
    if (f.states && f.states.length > 0) {
      // In a month window the state is checked on the rows too: the windows serve fixed
      // and closed reports (open states have scopes of their own), three in four reports
      // at any size, and ANDing that btree's 7.4 million entries at 10M reports took 740 ms.
      q = (wordsIndexOnly === 'time' ? q.where(sql<boolean>`r.state || '' in (${sql.join(f.states)})`) : q.where('r.state', 'in', f.states)) as Q;
    }
  }
  if (wordsIndexOnly) {
    if (f.from) q = q.where(sql<boolean>`r.created_at + interval '0' >= ${f.from}`) as Q;
    if (f.to) q = q.where(sql<boolean>`r.created_at + interval '0' < ${f.to}`) as Q;
  } else {
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
export function filtered(db: Executor, filters: ReportFilters, wordsIndexOnly: boolean | 'time' = false, words?: RawBuilder<boolean>) {
  const base = db.selectFrom('reports as r');
  return applyFilters(base as unknown as ReturnType<typeof reportBase>, filters, filters.tsquery ? wordsIndexOnly : false, words) as unknown as typeof base;
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
  const scoped = sql<boolean>`report_search_keys(r.search, r.district_code, r.category_id, r.state, r.created_at) @@ report_search_scoped(${f.tsquery!}, ${prefixes}::text[])`;
  return exact ? sql<boolean>`(${scoped} and r.search @@ to_tsquery('simple', ${f.tsquery!}))` : scoped;
}

/** The filters narrowed to months lo..hi (the queries check the window's times on the
 * rows the month-scoped words fetch: see applyFilters' 'time'). */
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
async function* monthWindows(db: Executor, f: ReportFilters, oldestFirst = false, firstHi?: number): AsyncGenerator<{ lo: number; hi: number }> {
  let top: number | null | undefined;
  let bottom: number | null | undefined;
  if (f.from && !oldestFirst) {
    // "From a date", newest first: the range needs no query (a round trip per window
    // walk). Reports are filed up to now, so up to next month is a superset; a window
    // past the newest report costs one empty index lookup.
    top = f.to ? searchMonth(f.to) : searchMonth(new Date()) + 1;
    bottom = searchMonth(f.from);
  } else {
    const range = await sql<{ top: number | null; bottom: number | null }>`
      select report_search_month(least((select max(created_at) from reports), ${f.to ?? null}::timestamptz)) as top,
        report_search_month(greatest((select min(created_at) from reports), ${f.from ?? null}::timestamptz)) as bottom`.execute(db);
    ({ top, bottom } = range.rows[0] ?? {});
  }
  if (top == null || bottom == null) return;
  let size = 1;
  if (oldestFirst) {
    for (let lo = bottom, i = 0; lo <= top; i++) {
      // The first window reaches `firstHi`: a few old reports spread thin over many
      // months (an early pilot) are read at once, not window by doubling window until
      // the windows are as long as the dense years themselves.
      const hi = Math.min(top, i === 0 && firstHi !== undefined ? Math.max(lo, firstHi) : lo + size - 1);
      yield { lo, hi };
      lo = hi + 1;
      if (i > 0) size *= 2;
    }
    return;
  }
  for (let hi = top, i = 0; hi >= bottom; i++) {
    const lo = Math.max(bottom, hi - size + 1);
    yield { lo, hi };
    hi = lo - 1;
    if (i > 0) size *= 2;
  }
}

/** Only fixed or closed reports: most of them are old, so a count finds them soonest there. */
const settledOnly = (f: ReportFilters) => Boolean(f.states?.length) && f.states!.every((s) => s === 'fixed' || s === 'closed');

async function searchIdsByMonths(db: Executor, filters: ReportFilters, limit: number, offset: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const { lo, hi } of monthWindows(db, filters)) {
    const need = limit + offset - ids.length;
    // The newest rows holding every word in this window (the scoped words only), then
    // the exact search checked on those few rows: a common word's thousands of matches
    // are not each read for it. If one of them fails it (a phrase, say), the window is
    // read again with the exact check on every row.
    const newest = await sql<{ id: string; exact: boolean }>`
      with m as materialized (${filtered(db, inMonths(filters, lo, hi), 'time', monthWords(filters, lo, hi, false)).select(['r.id', 'r.created_at'])}),
        top as (select id, created_at from m order by created_at desc, id desc limit ${need})
      select top.id, r.search @@ to_tsquery('simple', ${filters.tsquery!}) as exact
      from top join reports r on r.id = top.id order by top.created_at desc, top.id desc`.execute(db);
    let page = newest.rows;
    if (page.some((r) => !r.exact)) {
      page = (await sql<{ id: string; exact: boolean }>`
        with m as materialized (${filtered(db, inMonths(filters, lo, hi), 'time', monthWords(filters, lo, hi)).select(['r.id', 'r.created_at'])})
        select id, true as exact from m order by created_at desc, id desc limit ${need}`.execute(db)).rows;
    }
    ids.push(...page.map((r) => r.id));
    if (ids.length >= limit + offset) break;
  }
  return ids.slice(offset, offset + limit);
}

async function countByMonths(db: Executor, filters: ReportFilters, stats?: SearchStats): Promise<number> {
  let n = 0;
  // A count has no order: for settled reports start where most of them are, with a
  // first window up to where the oldest 2 % of reports end (the statistics' histogram).
  const oldestFirst = settledOnly(filters);
  const bounds = stats?.createdBounds ?? [];
  const firstHi = oldestFirst && bounds.length > 2 ? searchMonth(new Date(bounds[Math.ceil(bounds.length * 0.02)]!)) : undefined;
  for await (const { lo, hi } of monthWindows(db, filters, oldestFirst, firstHi)) {
    const counted = await sql<{ n: number }>`
      select count(*)::int as n from (${filtered(db, inMonths(filters, lo, hi), 'time', monthWords(filters, lo, hi)).select(sql`1`.as('one')).limit(PUBLIC_COUNT_LIMIT - n)}) m`.execute(db);
    n += counted.rows[0]!.n;
    if (n >= PUBLIC_COUNT_LIMIT) break;
  }
  return n;
}

/** How a page starts: a walk of `budget` rows (0: none), and whether month windows may follow. */
async function firstPath(db: Executor, filters: ReportFilters, wanted: number, path: Exclude<SearchPath, 'months'>) {
  const stats = path === 'auto' ? await searchStats(db) : undefined;
  const byMonths = stats !== undefined && monthWalkPays(stats, filters, wanted);
  // Each filter's index is in list order (migration 0021), so the walk reads only the
  // filter's own newest reports and stops at the page: tried first when it is short.
  const guess = stats && estimate(stats, filters);
  const budget = path === 'walk' ? 1_000_000
    : path === 'index' || (byMonths && walkLength(guess!, wanted) > MONTHS_OVER_WALK) ? 0
    : pageWalkBudget(guess!, wanted);
  return { budget, byMonths, guess };
}

/**
 * The newest `wanted` matches by walking the filter's newest reports in chunks, each
 * continuing where the last stopped (keyset on the list order). The first chunk is the
 * plan's budget; after it the rate actually seen decides between walking on for what is
 * missing and handing over (null) to the index or the month windows — so a wrong guess
 * costs one chunk, and a right one a single statement. All candidates read: every match.
 * (Exported for its test.)
 */
export async function walkMatches(db: Executor, filters: ReportFilters, wanted: number, firstBudget: number, guess: SearchEstimate | undefined): Promise<string[] | null> {
  const ids: string[] = [];
  let seen = 0;
  let budget = firstBudget;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let walk = candidates(db, filters);
    if (after) walk = walk.where(sql<boolean>`(r.created_at, r.id) < (${after.at}::timestamptz, ${after.id}::bigint)`);
    // Lazy: the walk stops at the matches still wanted.
    const found = await sql<{ id: string }>`
      select x.id::text as id from (${walk.select(['r.id', 'r.created_at', 'r.search']).limit(budget)}) x
      where x.search @@ to_tsquery('simple', ${filters.tsquery!})
      order by x.created_at desc, x.id desc limit ${wanted - ids.length}`.execute(db);
    ids.push(...found.rows.map((r) => r.id));
    if (ids.length >= wanted) return ids;
    // Short of the page: the whole chunk was read. Where did it end (index entries only)?
    const edge = (await sql<{ at: string; id: string }>`
      select e.created_at::text as at, e.id::text as id from (${walk.select(['r.created_at', 'r.id']).offset(budget - 1).limit(1)}) e`.execute(db)).rows[0];
    if (!edge) return ids; // fewer candidates than the chunk: every match is found
    seen += budget;
    // An unlisted word the probe did not meet once is rare under the filter: the index
    // answers in a millisecond, where a rate guessed from nothing sized a walk of 12,000
    // rows (50 ms) at 10M reports.
    if (!guess || (guess.guessed && ids.length === 0)) return null;
    const rate = Math.max(ids.length, 0.5) / seen;
    const more = (wanted - ids.length) / rate;
    if (seen + more > MAX_WALK || more > indexCostAt(guess, rate)) return null;
    budget = Math.ceil(more * 1.5);
    after = edge;
  }
}

/**
 * A public page whose search goes to the full-text index at once (words rare under the
 * filters): its ids and its capped count from one read of the matches, where a page and
 * a count side by side read them twice. Null when the page starts otherwise.
 */
export async function indexPageWithCount(db: Executor, filters: ReportFilters, limit: number, offset: number): Promise<{ ids: string[]; total: number } | null> {
  const { budget, byMonths } = await firstPath(db, filters, limit + offset, 'auto');
  if (budget > 0 || byMonths) return null;
  // The same matches as searchIds' index path and countSearch's index count.
  const result = await sql<{ ids: string[]; total: number }>`
    with m as materialized (${filtered(db, filters, true).select(['r.id', 'r.created_at'])})
    select array(select id::text from m order by created_at desc, id desc limit ${limit} offset ${offset}) as ids,
      (select count(*)::int from (select 1 from m limit ${PUBLIC_COUNT_LIMIT}) c) as total`.execute(db);
  return result.rows[0]!;
}

/**
 * Ids of a page of search results, newest first (reports.search-plan.ts). The walk reads
 * the newest candidates lazily and stops at the page; if the words are rarer than the
 * statistics said and the budget runs out, the index finds every match instead — or,
 * for a common word under a filter without a scope of its own, the month windows do.
 */
export async function searchIds(db: Executor, filters: ReportFilters, limit: number, offset: number, path: SearchPath): Promise<string[]> {
  if (path === 'months') return searchIdsByMonths(db, filters, limit, offset);
  const { budget, byMonths, guess } = await firstPath(db, filters, limit + offset, path);
  if (budget > 0) {
    const walked = await walkMatches(db, filters, limit + offset, budget, guess);
    if (walked) return walked.slice(offset, offset + limit);
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
export async function countSearch(db: Executor, filters: ReportFilters, path: SearchPath): Promise<number> {
  const stats = path === 'auto' ? await searchStats(db) : undefined;
  if (path === 'months' || (stats && monthWalkPays(stats, filters, PUBLIC_COUNT_LIMIT))) {
    return countByMonths(db, filters, stats);
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
