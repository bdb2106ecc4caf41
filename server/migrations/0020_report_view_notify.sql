-- Cached public report pages (issue 6): every app instance keeps the anonymous view of
-- recently read reports in memory (server/modules/reports/reports.public-cache.ts) and
-- drops a report's entry when this NOTIFY names it. 0017 only announces new public
-- timeline entries; a public page also shows the support count, photos, co-owners and
-- the names of its category, agency and district, which change without one. So every
-- statement that changes any of those announces the reports it touched, at commit
-- (never on rollback), on the live-update channel, as {"k":"report-view","key":CODE}.
--
-- Statement triggers, so a bulk statement costs one notice, not one per row: past 50
-- reports in one statement (an import, a generated data set, a mass update) the notice
-- is "*" (drop everything), as it is when a loader set demopolis.live = 'off' and for
-- any change to the names of categories, agencies and districts. PostgreSQL folds equal
-- notices of one transaction into one, so a bulk load sends a single "*".
-- Inserting a report sends nothing: nobody can hold a page of a report that did not
-- exist (a 404 is not cached); neither do the 'created' and 'routed' entries written
-- with it, nor internal timeline entries, which the public page does not show.

create function report_view_notify_all() returns void language sql as $$
  select pg_notify('demopolis_live', '{"k":"report-view","key":"*","id":"0"}');
$$;

-- tg_argv[0]: the column of the transition table "changed" holding the report's id.
-- tg_argv[1]: a filter on "changed" (rows the public page does not show are left out).
create function report_view_notify() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  if coalesce(current_setting('demopolis.live', true), '') = 'off' then
    perform report_view_notify_all();
    return null;
  end if;
  execute format('select array_agg(x) from (select distinct %I as x from changed where %s limit 51) d', tg_argv[0], tg_argv[1]) into ids;
  if ids is null then
    return null;
  elsif cardinality(ids) > 50 then
    perform report_view_notify_all();
  else
    perform pg_notify('demopolis_live', json_build_object('k', 'report-view', 'key', r.code, 'id', '0')::text)
    from reports r where r.id = any(ids);
  end if;
  return null;
end;
$$;

create function report_view_notify_every() returns trigger language plpgsql as $$
begin
  perform report_view_notify_all();
  return null;
end;
$$;

-- The report row itself: state, support count, rating, category, agency, dates.
create trigger reports_view_update after update on reports referencing new table as changed
  for each statement execute function report_view_notify('id', 'true');
-- Reports are not deleted by the app; should one be, its code is gone with it: drop all.
create trigger reports_view_delete after delete on reports
  for each statement execute function report_view_notify_every();

-- Photos and co-owners, whatever changed about them.
create trigger report_photos_view_insert after insert on report_photos referencing new table as changed
  for each statement execute function report_view_notify('report_id', 'true');
create trigger report_photos_view_update after update on report_photos referencing new table as changed
  for each statement execute function report_view_notify('report_id', 'true');
create trigger report_photos_view_delete after delete on report_photos referencing old table as changed
  for each statement execute function report_view_notify('report_id', 'true');
create trigger report_coowners_view_insert after insert on report_coowners referencing new table as changed
  for each statement execute function report_view_notify('report_id', 'true');
create trigger report_coowners_view_update after update on report_coowners referencing new table as changed
  for each statement execute function report_view_notify('report_id', 'true');
create trigger report_coowners_view_delete after delete on report_coowners referencing old table as changed
  for each statement execute function report_view_notify('report_id', 'true');

-- Public timeline entries, including ones dated in the past (0017 leaves those out).
create trigger report_events_view_insert after insert on report_events referencing new table as changed
  for each statement execute function report_view_notify('report_id', $f$visibility = 'public' and kind not in ('created', 'routed')$f$);
create trigger report_events_view_update after update on report_events referencing old table as changed
  for each statement execute function report_view_notify('report_id', 'true');
create trigger report_events_view_delete after delete on report_events referencing old table as changed
  for each statement execute function report_view_notify('report_id', 'true');

-- What an Open311 client sent with a request shows in the Open311 views of it.
create trigger open311_requests_view_update after update on open311_requests referencing new table as changed
  for each statement execute function report_view_notify('report_id', 'true');

-- Names shown on every page: a rename drops every cached page.
create trigger categories_view_names after update or delete on categories
  for each statement execute function report_view_notify_every();
create trigger agencies_view_names after update or delete on agencies
  for each statement execute function report_view_notify_every();
create trigger districts_view_names after update or delete on districts
  for each statement execute function report_view_notify_every();
