-- Thai search with a filter in bounded time (issue 6, W4).
--
-- A search with a filter asks for reports that hold every word AND lie in one district
-- (or category, open state, month). The plain full-text index knows only words, so a
-- common word with a rare filter ("ถนน" among a small category's reports) gathers
-- hundreds of thousands of matches to keep a handful, and a btree walk over the filter
-- reads every report of it to find none. So the index also holds each word scoped by
-- the report's district, category, open state and month of filing ('d1040:ถนน',
-- 'c20:ถนน', 'sreceived:ถนน', 'm24322:ถนน'): the posting list of a scoped word is the
-- intersection, stored. The plain words stay in the same index (one GIN index, not two),
-- so every other search is served as before; the exact `search @@ query` is always
-- checked on the row, the scoped condition only narrows what is read
-- (reports.repository.ts, reports.search-plan.ts).
--
-- Fixed and closed are not scoped: they are most of the table, a scoped list would be
-- nearly the plain one. The month scope serves "from a date" (the query ORs the months
-- from that date on; the exact time is checked on the row).
--
-- Size and build: about 4× the plain index (~330 MB at 1M reports). On a large table
-- build it before deploying, without blocking writers, with the same name — this
-- migration then finds it and only drops the old index:
--   (create the three functions below first, then)
--   create index concurrently reports_search_keys_idx on reports using gin
--     (report_search_keys(search, district_code, category_id, state, created_at));

-- Month bucket of a filing time (months since year 0, UTC).
create or replace function report_search_month(at timestamptz) returns int
language sql immutable parallel safe as $$
  select (extract(year from at at time zone 'UTC') * 12 + extract(month from at at time zone 'UTC') - 1)::int
$$;

-- The words of a report and the same words scoped by district, category, open state and month.
-- Only built-in functions inside (the month is report_search_month inlined): PostgreSQL 17+
-- builds indexes with a search_path of pg_catalog only.
create or replace function report_search_keys(search tsvector, district_code int, category_id bigint, state text, created_at timestamptz)
returns tsvector language sql immutable parallel safe as $$
  select search || array_to_tsvector(array(
    select s.scope || l
    from unnest(tsvector_to_array(search)) as l,
      unnest(array['c' || category_id || ':', 'm' || (extract(year from created_at at time zone 'UTC') * 12 + extract(month from created_at at time zone 'UTC') - 1)::int || ':']
        || case when district_code is null then '{}'::text[] else array['d' || district_code || ':'] end
        || case when state in ('received', 'in_progress') then array['s' || state || ':'] else '{}'::text[] end) as s(scope)))
$$;

-- Every lexeme of a search (as documents are parsed: to_tsvector), ANDed within each
-- scope and ORed across scopes. A report matching the search has all of these lexemes,
-- so this is a superset condition for the index; the search itself is checked on the row.
create or replace function report_search_scoped(query text, scopes text[]) returns tsquery
language sql immutable parallel safe as $$
  select coalesce(string_agg('(' || words || ')', ' | '), '')::tsquery
  from (
    select (select string_agg('''' || replace(replace(s || l, '\', '\\'), '''', '''''') || '''', ' & ')
            from unnest(tsvector_to_array(to_tsvector('simple', query))) as l) as words
    from unnest(scopes) as s
  ) x
  where words is not null
$$;

create index if not exists reports_search_keys_idx on reports using gin (report_search_keys(search, district_code, category_id, state, created_at));
drop index if exists reports_search_idx;
-- More common scoped words in the statistics: the search plan reads their frequencies.
alter index reports_search_keys_idx alter column 1 set statistics 500;
analyze reports;
