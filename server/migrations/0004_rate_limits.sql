-- Rate-limit counters shared by every app server (login, intake, webhooks). Unlogged:
-- a counter lost in a crash costs nothing, and unlogged writes are cheaper.
create unlogged table rate_limits (
  key           text primary key,
  count         int not null,
  window_ends   timestamptz not null
);
create index rate_limits_window_idx on rate_limits (window_ends);
