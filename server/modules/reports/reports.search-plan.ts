/**
 * How to answer a Thai search with filters quickly: walk the newest reports that pass the
 * filters (a btree in time order) and test each for the words, or ask the full-text index
 * (migration 0018) for every match and sort them. A walk costs a row read per report it
 * passes, so it wins when the words are common among the filtered reports; the index
 * costs a row read per match, so it wins when they are rare. Which is which comes from
 * PostgreSQL's own statistics — how often each (scoped) word occurs, how large each
 * district, category and state is — read once every few minutes. A wrong guess costs
 * time, never correctness: every path returns exactly what the plain query would, and a
 * walk that does not finish within its budget hands over to the index.
 */
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportFilters } from './reports.query-base.ts';

/** What the estimate needs of a search: every filter but the co-owner widening. */
export type PlanFilters = Omit<ReportFilters, 'includeCoownedBy'>;

export interface SearchStats {
  rows: number;
  /** Share of reports holding each (scoped) word: the full-text index's most common elements. */
  words: Map<string, number>;
  /** Words outside the list are rarer than this. */
  rareBelow: number;
  district: Map<number, number>;
  category: Map<string, number>;
  state: Map<string, number>;
  /** Filing-time histogram bounds (ms), equal shares of reports between neighbours. */
  createdBounds: number[];
  /** Category ids by code (the category scope is keyed by id). */
  categoryIds: Map<string, string>;
}

/** Before ANALYZE has run (a new database): small, so every path is cheap. */
export const NO_STATS: SearchStats = {
  rows: 0, words: new Map(), rareBelow: 0.001, district: new Map(), category: new Map(), state: new Map(), createdBounds: [], categoryIds: new Map(),
};

const OPEN_STATES = new Set<string>(['received', 'in_progress']);
/** Month scopes for "from" spanning at most this many months (beyond, the plain words). */
export const MAX_SCOPED_MONTHS = 36;

/** Months since year 0 (UTC), as report_search_month() in migration 0018. */
export function searchMonth(at: Date): number {
  return at.getUTCFullYear() * 12 + at.getUTCMonth();
}

/**
 * Which scoped words the index is asked for (migration 0018): the filter that keeps the
 * fewest reports and has a scope. Deterministic from the filters alone, so the staff
 * queue and the public list build the same condition. Month scopes are resolved in SQL
 * (up to the newest report), so only the kind is decided here.
 */
export type ScopeKind = { kind: 'district'; prefix: string } | { kind: 'states'; prefixes: string[] } | { kind: 'category' } | { kind: 'months'; from: Date } | { kind: 'none' };

export function scopeOf(f: PlanFilters, now = new Date()): ScopeKind {
  if (f.district) return { kind: 'district', prefix: `d${f.district}:` };
  if (f.states && f.states.length > 0 && f.states.every((s) => OPEN_STATES.has(s))) return { kind: 'states', prefixes: f.states.map((s) => `s${s}:`) };
  if (f.category) return { kind: 'category' };
  if (f.from && searchMonth(now) - searchMonth(f.from) < MAX_SCOPED_MONTHS) return { kind: 'months', from: f.from };
  return { kind: 'none' };
}

/** The words of a query built by toSearchQuery ('a' & 'b'), unquoted. */
export function queryWords(tsquery: string): string[] {
  return [...tsquery.matchAll(/'((?:[^'\\]|''|\\.)*)'/g)].map((m) => m[1]!.replaceAll("''", "'").replace(/\\(.)/g, '$1'));
}

function shareBetween(bounds: number[], from: number, to: number): number {
  if (bounds.length < 2) return 1;
  const position = (t: number) => {
    if (t <= bounds[0]!) return 0;
    if (t >= bounds[bounds.length - 1]!) return bounds.length - 1;
    let i = 1;
    while (bounds[i]! < t) i++;
    return i - 1 + (t - bounds[i - 1]!) / Math.max(1, bounds[i]! - bounds[i - 1]!);
  };
  return Math.max(0, (position(to) - position(from)) / (bounds.length - 1));
}

export interface SearchEstimate {
  /** Reports passing the filters (the walk's candidates). */
  candidates: number;
  /** Share of candidates holding every word. */
  rate: number;
  /** Matches of words and filters. */
  matches: number;
  /** Entries the index reads: the scoped words' posting lists. */
  postings: number;
  /**
   * A word (scoped) is rarer than every word the statistics list, so its share is a
   * guess: anything from none to just under the rarest listed — yet its posting list is
   * short for sure, so the index is cheap.
   */
  guessed: boolean;
}

export function estimate(stats: SearchStats, f: PlanFilters, now = new Date()): SearchEstimate {
  const categoryId = f.category ? stats.categoryIds.get(f.category) : undefined;
  const n = Math.max(1, stats.rows);
  const unknown = 0.05;
  let share = 1;
  const districtShare = f.district ? stats.district.get(f.district) ?? 1 / 50 : 1;
  const categoryShare = f.category ? (categoryId && stats.category.get(categoryId)) || unknown : 1;
  const stateShare = f.states && f.states.length > 0 ? Math.min(1, f.states.reduce((s, x) => s + (stats.state.get(x) ?? 0.02), 0)) : 1;
  const fromMs = f.from?.getTime() ?? -Infinity;
  const toMs = f.to?.getTime() ?? Infinity;
  const timeShare = f.from || f.to ? shareBetween(stats.createdBounds, fromMs, toMs) : 1;
  share = districtShare * categoryShare * stateShare * timeShare;
  if (f.agencyIds) share *= 0.05;
  if (f.overdue) share *= 0.5;
  if (f.assigneeId !== undefined) share *= 0.2;
  const candidates = Math.max(1, n * share);

  const scope = scopeOf(f, now);
  let prefixes: string[] = [''];
  let scopeShare = 1;
  if (scope.kind === 'district') { prefixes = [scope.prefix]; scopeShare = districtShare; }
  if (scope.kind === 'states') { prefixes = scope.prefixes; scopeShare = stateShare; }
  if (scope.kind === 'category' && categoryId) { prefixes = [`c${categoryId}:`]; scopeShare = categoryShare; }
  if (scope.kind === 'months') {
    prefixes = [];
    for (let m = searchMonth(scope.from); m <= searchMonth(now); m++) prefixes.push(`m${m}:`);
    scopeShare = timeShare;
  }
  const words = f.tsquery ? queryWords(f.tsquery) : [];
  // Words of one search mostly come together (ICU splits "สะพานลอย" into สะพาน + ลอย):
  // the rarest word's share, not the product, which would call such pairs rare.
  let rate = 1;
  let postings = 0;
  let guessed = false;
  for (const word of words) {
    let freq = 0;
    let anyListed = false;
    // A scoped word missing from the statistics is rarer than the last one listed; the
    // plain word's share spread evenly over the scope says by how much.
    const plain = stats.words.get(word) ?? stats.rareBelow / 2;
    for (const p of prefixes) {
      const listed = stats.words.get(p + word);
      if (listed !== undefined) anyListed = true;
      freq += listed ?? (p === '' ? plain : Math.min(stats.rareBelow / 4, plain * (scopeShare / prefixes.length)));
    }
    // Some months listed, one not: the sum is mostly known.
    if (!anyListed) guessed = true;
    postings += freq * n;
    rate = Math.min(rate, freq / Math.max(scopeShare, 1e-9));
  }
  return { candidates, rate, matches: candidates * rate, postings, guessed: guessed && stats.rows > 0 };
}

/** Rows a walk expects to read to find `wanted` matches. */
export function walkLength(e: SearchEstimate, wanted: number): number {
  return Math.min(e.candidates, wanted / Math.max(e.rate, 1e-9));
}

/**
 * Relative costs, in rows a walk reads (the unit), measured at 1M reports: a match the
 * index fetches costs about three (a random heap page, the recheck, the sort), a walked
 * row one (the next entry of an index in list order, migration 0021).
 */
const INDEX_MATCH = 3;
const BITMAP_ENTRY = 0.05;
const POSTING = 0.01;
/** A walk may read this many times its expected length before handing over. */
const WALK_SLACK = 3;
const MIN_WALK = 200;
export const MAX_WALK = 20_000;

/** The index path's cost in walked rows, were the words' share among the candidates `rate`. */
export function indexCostAt(e: SearchEstimate, rate: number): number {
  return e.candidates * rate * (INDEX_MATCH + BITMAP_ENTRY) + e.postings * POSTING;
}

/**
 * Budget of reports to walk for a page, or 0 to go to the index at once. A guessed word
 * gets a short probe only: if it is common after all the page fills at once, and if not
 * (often it occurs nowhere under the filter) the index answers in a millisecond, where a
 * walk sized by the guess read thousands of rows to find nothing.
 */
export function pageWalkBudget(e: SearchEstimate, wanted: number): number {
  if (e.guessed) return MIN_WALK;
  const walk = walkLength(e, wanted);
  const index = indexCostAt(e, e.rate);
  if (walk > index) return 0;
  return Math.round(Math.min(MAX_WALK, Math.max(MIN_WALK, walk * WALK_SLACK)));
}

/** Budget of reports to walk to count up to `limit` matches, or 0 to count in the index. */
export function countWalkBudget(e: SearchEstimate, limit: number): number {
  if (e.guessed) return 0;
  const walk = walkLength(e, limit);
  const index = Math.min(e.matches, limit) + e.matches * BITMAP_ENTRY + e.postings * POSTING;
  if (walk > index) return 0;
  return Math.round(Math.min(MAX_WALK, Math.max(MIN_WALK, walk * WALK_SLACK)));
}

/**
 * Where the month windows can answer, a walk expected to read more rows than this goes
 * to them at once: the words are rare among the filter's newest reports (measured: a
 * 2,600-row walk 18 ms, the windows 6 ms).
 */
export const MONTHS_OVER_WALK = 1500;

/** A month walk must expect this many times the wanted matches, or the index finds them all at once. */
const MONTH_WALK_SURPLUS = 4;

/**
 * Whether to search newest-first month by month (the month-scoped words hold every
 * report, whatever its state): for filters without a scope of their own that keep most
 * of the table (fixed or closed reports, a long date range), or "from" a date, where
 * the scoped index would gather every match of a common word to keep the newest few.
 * Not for a plain search (the plain words serve it) nor for words too rare to fill the
 * page from a few months.
 */
export function monthWalkPays(stats: SearchStats, f: PlanFilters, wanted: number, now = new Date()): boolean {
  const scope = scopeOf(f, now);
  if (scope.kind !== 'none' && scope.kind !== 'months') return false;
  if (!(f.states && f.states.length > 0) && !f.from && !f.to) return false;
  return estimate(stats, f, now).matches >= wanted * MONTH_WALK_SURPLUS;
}

// ── Statistics, read from pg_stats and kept a few minutes per database ──────────────

const STATS_TTL_MS = 5 * 60_000;
const cache = new WeakMap<object, { at: number; stats: Promise<SearchStats> }>();

async function loadStats(db: Executor): Promise<SearchStats> {
  const result = await sql<{
    rows: number | null; words: string[] | null; word_freqs: number[] | null;
    districts: string[] | null; district_freqs: number[] | null; categories: string[] | null; category_freqs: number[] | null;
    states: string[] | null; state_freqs: number[] | null; created: number[] | null; category_ids: Array<{ code: string; id: string }> | null;
  }>`
    with s as (select * from pg_stats where schemaname = current_schema())
    select
      (select reltuples::float8 from pg_class where oid = 'reports'::regclass) as rows,
      (select most_common_elems::text::text[] from s where tablename = 'reports_search_keys_idx') as words,
      (select most_common_elem_freqs from s where tablename = 'reports_search_keys_idx') as word_freqs,
      (select most_common_vals::text::text[] from s where tablename = 'reports' and attname = 'district_code') as districts,
      (select most_common_freqs from s where tablename = 'reports' and attname = 'district_code') as district_freqs,
      (select most_common_vals::text::text[] from s where tablename = 'reports' and attname = 'category_id') as categories,
      (select most_common_freqs from s where tablename = 'reports' and attname = 'category_id') as category_freqs,
      (select most_common_vals::text::text[] from s where tablename = 'reports' and attname = 'state') as states,
      (select most_common_freqs from s where tablename = 'reports' and attname = 'state') as state_freqs,
      (select array(select extract(epoch from t) * 1000 from unnest(histogram_bounds::text::timestamptz[]) t)::float8[]
        from s where tablename = 'reports' and attname = 'created_at') as created,
      (select json_agg(json_build_object('code', code, 'id', id::text)) from categories) as category_ids`.execute(db);
  const r = result.rows[0];
  if (!r || !r.rows || r.rows < 1) return NO_STATS;
  const pairs = <K>(keys: K[] | null, freqs: number[] | null) => new Map((keys ?? []).map((k, i) => [k, Number(freqs?.[i] ?? 0)]));
  const words = pairs(r.words, r.word_freqs);
  // most_common_elem_freqs ends with the lowest and highest frequency (and the share of nulls).
  const listed = (r.word_freqs ?? []).slice(0, (r.words ?? []).length).map(Number);
  return {
    rows: r.rows,
    words,
    rareBelow: listed.length > 0 ? Math.min(...listed) : NO_STATS.rareBelow,
    district: new Map([...pairs(r.districts, r.district_freqs)].map(([k, v]) => [Number(k), v])),
    category: pairs(r.categories, r.category_freqs),
    state: pairs(r.states, r.state_freqs),
    createdBounds: (r.created ?? []).map(Number),
    categoryIds: new Map((r.category_ids ?? []).map((c) => [c.code, c.id])),
  };
}

/** The statistics for planning, refreshed every few minutes; never fails a search. */
export function searchStats(db: Executor): Promise<SearchStats> {
  const key = db as unknown as object;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.stats;
  const stats = loadStats(db).catch(() => NO_STATS);
  cache.set(key, { at: Date.now(), stats });
  return stats;
}
