-- City problem reports: the report, its owners, timeline, photos, followers.

create table reports (
  id                      bigint generated always as identity primary key,
  code                    text not null unique,
  category_id             bigint not null references categories(id),
  description             text not null,
  lat                     double precision not null,
  lng                     double precision not null,
  location                point not null,
  district_code           int references districts(code),
  address                 text,
  state                   text not null check (state in ('received', 'in_progress', 'fixed', 'closed')),
  close_reason            text check (close_reason in ('not_our_responsibility', 'duplicate', 'cannot_fix', 'withdrawn', 'invalid')),
  duplicate_of_id         bigint references reports(id),
  agency_id               bigint not null references agencies(id),
  assignee_id             bigint references users(id),
  routing_reason_th       text not null,
  routing_reason_en       text not null,
  reporter_id             bigint references users(id),
  -- sha256 of the secret an anonymous reporter keeps to rate, reopen or withdraw.
  reporter_token_hash     text,
  contact_name            text,
  contact_phone           text,
  contact_email           text,
  channel                 text not null default 'web',
  external_ref            text unique,
  external_source         text,
  is_demo                 boolean not null default false,
  support_count           int not null default 0,
  reopen_count            int not null default 0,
  rating                  smallint check (rating between 1 and 5),
  rating_comment          text,
  created_at              timestamptz not null default now(),
  updated_at              timestamptz not null default now(),
  first_response_at       timestamptz,
  fixed_at                timestamptz,
  closed_at               timestamptz,
  due_first_response_at   timestamptz not null,
  due_fix_at              timestamptz not null,
  search                  tsvector not null,
  check ((state = 'closed') = (close_reason is not null))
);
create index reports_location_idx on reports using gist (location);
create index reports_search_idx on reports using gin (search);
create index reports_agency_state_idx on reports (agency_id, state, created_at desc);
create index reports_district_idx on reports (district_code, created_at desc);
create index reports_category_idx on reports (category_id, created_at desc);
create index reports_created_idx on reports (created_at desc);
create index reports_reporter_idx on reports (reporter_id) where reporter_id is not null;

-- Agencies invited to share the work on a report, each with its own status.
create table report_coowners (
  report_id     bigint not null references reports(id),
  agency_id     bigint not null references agencies(id),
  status        text not null default 'invited' check (status in ('invited', 'in_progress', 'done', 'declined')),
  invited_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  primary key (report_id, agency_id)
);

create table report_events (
  id            bigint generated always as identity primary key,
  report_id     bigint not null references reports(id),
  kind          text not null,
  visibility    text not null check (visibility in ('public', 'internal')),
  actor_id      bigint references users(id),
  agency_id     bigint references agencies(id),
  note          text,
  data          jsonb not null default '{}',
  created_at    timestamptz not null default now()
);
create index report_events_report_idx on report_events (report_id, id);

create table report_photos (
  id            bigint generated always as identity primary key,
  public_id     text not null unique,
  report_id     bigint not null references reports(id),
  event_id      bigint references report_events(id),
  kind          text not null check (kind in ('before', 'after')),
  storage_key   text,
  thumb_key     text,
  external_url  text,
  width         int,
  height        int,
  bytes         int,
  created_at    timestamptz not null default now(),
  check (storage_key is not null or external_url is not null)
);
create index report_photos_report_idx on report_photos (report_id);

create table report_followers (
  report_id     bigint not null references reports(id),
  user_id       bigint not null references users(id),
  created_at    timestamptz not null default now(),
  primary key (report_id, user_id)
);

-- One support per person: a signed-in user, or an anonymous browser's random key.
create table report_supports (
  id            bigint generated always as identity primary key,
  report_id     bigint not null references reports(id),
  user_id       bigint references users(id),
  supporter_key text,
  created_at    timestamptz not null default now(),
  check (user_id is not null or supporter_key is not null)
);
create unique index report_supports_user_key on report_supports (report_id, user_id) where user_id is not null;
create unique index report_supports_key_key on report_supports (report_id, supporter_key) where supporter_key is not null;

-- The suggester's learned model, so every instance starts from the same knowledge.
create table suggester_model (
  id            int primary key check (id = 1),
  model         jsonb not null,
  trained_on    int not null,
  updated_at    timestamptz not null default now()
);
