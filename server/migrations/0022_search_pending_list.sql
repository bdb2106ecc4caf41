-- A short pending list for the search index (issue 6, W4 under intake).
--
-- GIN keeps new entries in a pending list until it holds gin_pending_list_limit (4 MB
-- by default) and then merges them into the index. Every search reads the whole pending
-- list, so with reports coming in all the time each search scanned up to ~480 pages of
-- it: measured at 1M reports, a search cost ~60 % more PostgreSQL time right after a
-- burst of filings than on a quiet index. A 256 kB list keeps that scan to ~32 pages;
-- filings merge it into the index ~16 times as often, each merge ~16 times smaller.
alter index reports_search_keys_idx set (gin_pending_list_limit = 256);
