-- Newest-first walks that stop at the page (issue 6, W4).
--
-- A search with one filter may read the filter's newest reports and check the words on
-- each (reports.search-query.ts): for a common word that fills a page after a few
-- hundred rows. The walk orders by (created_at desc, id desc), the order of every list.
-- The filter indexes held (filter, created_at desc) only, so the planner walked the
-- whole table's (created_at, id) index instead and skipped every report of another
-- state: 87,000 rows, 130 ms, to find the newest 240 fixed ones. With id as the last
-- key each filter's index gives that order itself. They replace the old ones (a
-- superset: every query those served, these serve), so a filing writes no more entries.
--
-- On a large table build them before deploying, without blocking writers, with the
-- same names (this migration then only drops the old ones):
--   create index concurrently if not exists reports_state_created_id_idx on reports (state, created_at desc, id desc);
--   (and the same for district_code and category_id)
create index if not exists reports_state_created_id_idx on reports (state, created_at desc, id desc);
create index if not exists reports_district_created_id_idx on reports (district_code, created_at desc, id desc);
create index if not exists reports_category_created_id_idx on reports (category_id, created_at desc, id desc);
drop index if exists reports_state_created_idx;
drop index if exists reports_district_idx;
drop index if exists reports_category_idx;
