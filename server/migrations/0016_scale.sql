-- Bangkok scale (issue 6): an audit chain that no longer serialises every write, public
-- figures kept in rollups instead of a scan of the reports table per request, and the
-- indexes the heavy public reads need.

-- ── The audit chain, sealed after commit ───────────────────────────────────────────
-- Writers used to take one global lock to read the last hash and append after it, so
-- every mutation in the city queued behind every other until commit. Now a writer
-- inserts its entry unsealed (seq, prev_hash and hash null) in its own transaction, and
-- a single sealer (the server's background job, and `audit verify` before it walks)
-- chains committed entries in order: seq is the entry's place in the chain, and
-- hash = sha256(prev_hash || canonical row) exactly as before. The one update the
-- database allows on audit_log is that sealing, once, with nothing else changed.
alter table audit_log add column seq bigint;
alter table audit_log alter column prev_hash drop not null, alter column hash drop not null;
alter table audit_log disable trigger audit_log_no_update;
-- Entries chained before this migration keep their hashes; their place is their id.
update audit_log set seq = id;
alter table audit_log enable trigger audit_log_no_update;
alter table audit_log add constraint audit_log_sealed_whole
  check ((seq is null and prev_hash is null and hash is null) or (seq is not null and prev_hash is not null and hash is not null));
create unique index audit_log_seq_key on audit_log (seq);
create index audit_log_unsealed_idx on audit_log (id) where seq is null;

create or replace function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if old.seq is null and new.seq is not null
       and row(new.id, new.occurred_at, new.actor_user_id, new.actor_label, new.channel, new.action, new.entity_type, new.entity_id, new.before, new.after)
           is not distinct from
           row(old.id, old.occurred_at, old.actor_user_id, old.actor_label, old.channel, old.action, old.entity_type, old.entity_id, old.before, old.after) then
      return new;
    end if;
  end if;
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;

-- ── Public figures in rollups ──────────────────────────────────────────────────────
-- Every change to a report that moves a figure (filed, state, agency, category, rating,
-- first response, fix) appends a signed row here, in the same transaction, through the
-- statement triggers below: insert-only, so concurrent writers never wait on a shared
-- counter row. A fold (report_figures_fold) moves pending rows into the rollups; reads
-- add rollups and pending rows in one snapshot, so figures are exact at every moment.
create table report_figure_changes (
  id              bigint generated always as identity primary key,
  -- The Bangkok calendar day the report was filed: figures count reports by filing day.
  day             date not null,
  district_code   int,
  agency_id       bigint not null,
  category_id     bigint not null,
  channel         text not null,
  received        int not null,
  fixed           int not null,
  closed_unfixed  int not null,
  open            int not null,
  demo            int not null,
  rating_sum      int not null,
  rating_count    int not null,
  -- Histogram buckets (report_figure_bucket) of time to first response and to fix;
  -- every report counted in `received` on this row falls in these buckets.
  response_bucket smallint,
  fix_bucket      smallint
);

-- Rollups by day ('d') and by calendar month ('m'), one dimension at a time: the whole
-- city (dim 'all', key ''), or one district, agency, category or channel.
create table report_figures (
  dim             text not null,
  level           char(1) not null check (level in ('d', 'm')),
  key             text not null,
  period          date not null,
  received        int not null,
  fixed           int not null,
  closed_unfixed  int not null,
  open            int not null,
  demo            int not null,
  rating_sum      bigint not null,
  rating_count    int not null,
  -- Covering: figures are read from the index alone.
  primary key (dim, level, key, period) include (received, fixed, closed_unfixed, open, demo, rating_sum, rating_count)
);
create index report_figures_period_idx on report_figures (dim, level, period) include (key, received, fixed, closed_unfixed, open, demo, rating_sum, rating_count);

-- Log-linear histograms of durations ('r' first response, 'f' fix) for the medians.
create table report_figure_times (
  dim             text not null,
  level           char(1) not null check (level in ('d', 'm')),
  key             text not null,
  period          date not null,
  kind            char(1) not null check (kind in ('r', 'f')),
  bucket          smallint not null,
  n               int not null,
  primary key (dim, level, key, period, kind, bucket) include (n)
);
create index report_figure_times_period_idx on report_figure_times (dim, level, period) include (key, kind, bucket, n);

-- Bucket of a duration in seconds: 0 below one minute, then 8 buckets per doubling of
-- the minutes (each at most 1/8 = 12.5 % wide), up to 2^24 minutes. The server reads
-- the same bounds (transparency.histogram.ts) and interpolates inside a bucket.
create function report_figure_bucket(seconds double precision) returns smallint
language sql immutable parallel safe as $$
  select case
    when seconds is null then null
    when seconds < 60 then 0
    else 1 + 8 * greatest(0, least(24, floor(ln(seconds / 60) / ln(2::float8))::int))
      + greatest(0, least(7, floor(8 * ((seconds / 60) / power(2::float8, greatest(0, least(24, floor(ln(seconds / 60) / ln(2::float8))::int))) - 1))::int))
  end::smallint
$$;

-- What one report contributes, signed. A view over reports-shaped rows would need a
-- table type; the triggers inline it through this function on the transition tables.
create function report_figures_capture() returns trigger language plpgsql as $$
begin
  -- Bulk loaders switch capture off for their session and rebuild the rollups after.
  if current_setting('demopolis.figures_capture', true) = 'off' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    insert into report_figure_changes (day, district_code, agency_id, category_id, channel, received, fixed, closed_unfixed, open, demo, rating_sum, rating_count, response_bucket, fix_bucket)
    select day, district_code, agency_id, category_id, channel, sum(s), sum(s * fx), sum(s * cl), sum(s * op), sum(s * dm), sum(s * rs), sum(s * rc), rb, fb
    from (
      select 1 as s, (n.created_at at time zone 'Asia/Bangkok')::date as day, n.district_code, n.agency_id, n.category_id, n.channel,
        (n.state = 'fixed')::int as fx, (n.state = 'closed')::int as cl, (n.state in ('received', 'in_progress'))::int as op,
        n.is_demo::int as dm, coalesce(n.rating, 0) as rs, (n.rating is not null)::int as rc,
        report_figure_bucket(extract(epoch from n.first_response_at - n.created_at)) as rb,
        case when n.state = 'fixed' then report_figure_bucket(extract(epoch from n.fixed_at - n.created_at)) end as fb
      from new_rows n
    ) f
    group by day, district_code, agency_id, category_id, channel, rb, fb;
  elsif tg_op = 'DELETE' then
    insert into report_figure_changes (day, district_code, agency_id, category_id, channel, received, fixed, closed_unfixed, open, demo, rating_sum, rating_count, response_bucket, fix_bucket)
    select day, district_code, agency_id, category_id, channel, sum(s), sum(s * fx), sum(s * cl), sum(s * op), sum(s * dm), sum(s * rs), sum(s * rc), rb, fb
    from (
      select -1 as s, (o.created_at at time zone 'Asia/Bangkok')::date as day, o.district_code, o.agency_id, o.category_id, o.channel,
        (o.state = 'fixed')::int as fx, (o.state = 'closed')::int as cl, (o.state in ('received', 'in_progress'))::int as op,
        o.is_demo::int as dm, coalesce(o.rating, 0) as rs, (o.rating is not null)::int as rc,
        report_figure_bucket(extract(epoch from o.first_response_at - o.created_at)) as rb,
        case when o.state = 'fixed' then report_figure_bucket(extract(epoch from o.fixed_at - o.created_at)) end as fb
      from old_rows o
    ) f
    group by day, district_code, agency_id, category_id, channel, rb, fb;
  else
    -- Only rows whose figures moved: a note, an assignment or a support leaves no trace.
    insert into report_figure_changes (day, district_code, agency_id, category_id, channel, received, fixed, closed_unfixed, open, demo, rating_sum, rating_count, response_bucket, fix_bucket)
    select day, district_code, agency_id, category_id, channel, sum(s), sum(s * fx), sum(s * cl), sum(s * op), sum(s * dm), sum(s * rs), sum(s * rc), rb, fb
    from (
      select x.s, (x.created_at at time zone 'Asia/Bangkok')::date as day, x.district_code, x.agency_id, x.category_id, x.channel,
        (x.state = 'fixed')::int as fx, (x.state = 'closed')::int as cl, (x.state in ('received', 'in_progress'))::int as op,
        x.is_demo::int as dm, coalesce(x.rating, 0) as rs, (x.rating is not null)::int as rc,
        report_figure_bucket(extract(epoch from x.first_response_at - x.created_at)) as rb,
        case when x.state = 'fixed' then report_figure_bucket(extract(epoch from x.fixed_at - x.created_at)) end as fb
      from (
        select -1 as s, o.created_at, o.district_code, o.agency_id, o.category_id, o.channel, o.state, o.is_demo, o.rating, o.first_response_at, o.fixed_at
        from old_rows o join new_rows n on n.id = o.id
        where row(o.created_at, o.district_code, o.agency_id, o.category_id, o.channel, o.state, o.is_demo, o.rating, o.first_response_at, o.fixed_at)
              is distinct from row(n.created_at, n.district_code, n.agency_id, n.category_id, n.channel, n.state, n.is_demo, n.rating, n.first_response_at, n.fixed_at)
        union all
        select 1, n.created_at, n.district_code, n.agency_id, n.category_id, n.channel, n.state, n.is_demo, n.rating, n.first_response_at, n.fixed_at
        from old_rows o join new_rows n on n.id = o.id
        where row(o.created_at, o.district_code, o.agency_id, o.category_id, o.channel, o.state, o.is_demo, o.rating, o.first_response_at, o.fixed_at)
              is distinct from row(n.created_at, n.district_code, n.agency_id, n.category_id, n.channel, n.state, n.is_demo, n.rating, n.first_response_at, n.fixed_at)
      ) x
    ) f
    group by day, district_code, agency_id, category_id, channel, rb, fb
    having sum(s) <> 0 or sum(s * fx) <> 0 or sum(s * cl) <> 0 or sum(s * op) <> 0 or sum(s * dm) <> 0 or sum(s * rs) <> 0 or sum(s * rc) <> 0;
  end if;
  return null;
end $$;

create trigger reports_figures_insert after insert on reports
  referencing new table as new_rows for each statement execute function report_figures_capture();
create trigger reports_figures_update after update on reports
  referencing old table as old_rows new table as new_rows for each statement execute function report_figures_capture();
create trigger reports_figures_delete after delete on reports
  referencing old table as old_rows for each statement execute function report_figures_capture();

-- Moves up to max_rows pending changes into the day and month rollups, in one
-- statement (one snapshot: a reader sees them either pending or folded, never both).
-- One folder at a time; returns how many changes it moved, or -1 if another folder runs.
create function report_figures_fold(max_rows int default 50000) returns int language plpgsql
set work_mem = '64MB' as $$
declare
  moved int;
begin
  if not pg_try_advisory_xact_lock(727004) then
    return -1;
  end if;
  with moved as (
    delete from report_figure_changes
    where id in (select id from report_figure_changes order by id limit max_rows)
    returning *
  ), expanded as (
    select l.level, case when l.level = 'd' then m.day else date_trunc('month', m.day)::date end as period, k.dim, k.key,
      m.received, m.fixed, m.closed_unfixed, m.open, m.demo, m.rating_sum, m.rating_count, m.response_bucket, m.fix_bucket
    from moved m
    cross join (values ('d'), ('m')) as l(level)
    cross join lateral (values
      ('all', ''), ('district', coalesce(m.district_code::text, '')), ('agency', m.agency_id::text),
      ('category', m.category_id::text), ('channel', m.channel)) as k(dim, key)
  ), counts as (
    insert into report_figures as f (dim, level, key, period, received, fixed, closed_unfixed, open, demo, rating_sum, rating_count)
    select dim, level, key, period, sum(received), sum(fixed), sum(closed_unfixed), sum(open), sum(demo), sum(rating_sum), sum(rating_count)
    from expanded group by dim, level, key, period
    on conflict (dim, level, key, period) do update set
      received = f.received + excluded.received, fixed = f.fixed + excluded.fixed,
      closed_unfixed = f.closed_unfixed + excluded.closed_unfixed, open = f.open + excluded.open,
      demo = f.demo + excluded.demo, rating_sum = f.rating_sum + excluded.rating_sum, rating_count = f.rating_count + excluded.rating_count
  ), times as (
    insert into report_figure_times as t (dim, level, key, period, kind, bucket, n)
    select dim, level, key, period, kind, bucket, sum(n) from (
      select dim, level, key, period, 'r' as kind, response_bucket as bucket, received as n from expanded where response_bucket is not null
      union all
      select dim, level, key, period, 'f', fix_bucket, received from expanded where fix_bucket is not null
    ) h
    group by dim, level, key, period, kind, bucket
    on conflict (dim, level, key, period, kind, bucket) do update set n = t.n + excluded.n
  )
  select count(*) into moved from moved;
  return moved;
end $$;

-- Recomputes every rollup from the reports table: after a bulk load that switched
-- capture off, or to check the rollups against the source. Holds writers to reports
-- off for its duration (a share lock), so nothing is counted twice or missed.
create function report_figures_rebuild() returns bigint language plpgsql
set work_mem = '256MB' as $$
declare
  total bigint;
begin
  lock table reports in share mode;
  perform pg_advisory_xact_lock(727004);
  delete from report_figure_changes;
  delete from report_figures;
  delete from report_figure_times;
  drop table if exists pg_temp.report_facts;
  create temporary table report_facts on commit drop as
  select day, district_code, agency_id, category_id, channel, count(*)::int as received, sum(fx)::int as fixed, sum(cl)::int as closed_unfixed,
    sum(op)::int as open, sum(dm)::int as demo, sum(rs)::bigint as rating_sum, sum(rc)::int as rating_count, rb, fb
  from (
    select (r.created_at at time zone 'Asia/Bangkok')::date as day, r.district_code, r.agency_id, r.category_id, r.channel,
      (r.state = 'fixed')::int as fx, (r.state = 'closed')::int as cl, (r.state in ('received', 'in_progress'))::int as op,
      r.is_demo::int as dm, coalesce(r.rating, 0) as rs, (r.rating is not null)::int as rc,
      report_figure_bucket(extract(epoch from r.first_response_at - r.created_at)) as rb,
      case when r.state = 'fixed' then report_figure_bucket(extract(epoch from r.fixed_at - r.created_at)) end as fb
    from reports r
  ) f
  group by day, district_code, agency_id, category_id, channel, rb, fb;
  select coalesce(sum(received), 0) into total from report_facts;
  insert into report_figures (dim, level, key, period, received, fixed, closed_unfixed, open, demo, rating_sum, rating_count)
  select k.dim, l.level, k.key, case when l.level = 'd' then f.day else date_trunc('month', f.day)::date end,
    sum(received), sum(fixed), sum(closed_unfixed), sum(open), sum(demo), sum(rating_sum), sum(rating_count)
  from report_facts f
  cross join (values ('d'), ('m')) as l(level)
  cross join lateral (values
    ('all', ''), ('district', coalesce(f.district_code::text, '')), ('agency', f.agency_id::text),
    ('category', f.category_id::text), ('channel', f.channel)) as k(dim, key)
  group by 1, 2, 3, 4;
  insert into report_figure_times (dim, level, key, period, kind, bucket, n)
  select k.dim, l.level, k.key, case when l.level = 'd' then f.day else date_trunc('month', f.day)::date end, h.kind, h.bucket, sum(f.received)
  from report_facts f
  cross join lateral (values ('r'::char(1), f.rb), ('f'::char(1), f.fb)) as h(kind, bucket)
  cross join (values ('d'), ('m')) as l(level)
  cross join lateral (values
    ('all', ''), ('district', coalesce(f.district_code::text, '')), ('agency', f.agency_id::text),
    ('category', f.category_id::text), ('channel', f.channel)) as k(dim, key)
  where h.bucket is not null
  group by 1, 2, 3, 4, 5, 6;
  return total;
end $$;

select report_figures_rebuild();

-- ── Indexes for the public reads ───────────────────────────────────────────────────
-- "Already reported?": open reports of a category near a point. Only open reports are
-- asked for, a small share of the table, so the GiST index holds just those, keyed by
-- category first (btree_gist, a trusted contrib extension: the database owner may add it).
create extension if not exists btree_gist;
create index reports_open_nearby_idx on reports using gist (category_id, location) where state in ('received', 'in_progress');
-- Lists filtered by state, newest first (and the search probe, reports.repository.ts).
create index reports_state_created_idx on reports (state, created_at desc);
-- Newest-first lists (the public list, Open311) page by (created_at, id).
create index reports_created_id_idx on reports (created_at desc, id desc);
drop index reports_created_idx;
-- A report's closing note (Open311's status_notes): the latest public closing event.
create index report_events_closing_idx on report_events (report_id, id desc) where visibility = 'public' and kind in ('fixed', 'closed', 'withdrawn');
