-- Platform: people, sessions, the audit chain, the outbox and cross-domain links.

create table users (
  id              bigint generated always as identity primary key,
  public_id       text not null unique,
  email           text,
  phone           text,
  display_name    text not null,
  password_hash   text not null,
  -- citizen | officer | agency_admin | admin (system administrator)
  role            text not null default 'citizen'
                  check (role in ('citizen', 'officer', 'agency_admin', 'admin')),
  agency_id       bigint,
  locale          text not null default 'th' check (locale in ('th', 'en')),
  is_demo         boolean not null default false,
  created_at      timestamptz not null default now(),
  disabled_at     timestamptz,
  check (email is not null or phone is not null),
  check (role not in ('officer', 'agency_admin') or agency_id is not null)
);
create unique index users_email_key on users (lower(email)) where email is not null;
create unique index users_phone_key on users (phone) where phone is not null;

create table sessions (
  -- sha256 of the cookie token: a stolen database dump cannot be replayed as cookies.
  id              text primary key,
  user_id         bigint not null references users(id),
  kind            text not null default 'cookie' check (kind in ('cookie', 'token')),
  csrf_token      text not null,
  created_at      timestamptz not null default now(),
  last_seen_at    timestamptz not null default now(),
  expires_at      timestamptz not null,
  revoked_at      timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table audit_log (
  id              bigint generated always as identity primary key,
  occurred_at     timestamptz not null,
  actor_user_id   bigint,
  actor_label     text not null,
  channel         text not null,
  action          text not null,
  entity_type     text not null,
  entity_id       text not null,
  before          jsonb,
  after           jsonb,
  prev_hash       text not null,
  hash            text not null unique
);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);

-- The audit chain is append-only: the database itself refuses edits and deletions.
create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();

create table outbox (
  id              bigint generated always as identity primary key,
  channel         text not null,
  recipient       text not null,
  payload         jsonb not null,
  status          text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'skipped')),
  attempts        int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error      text,
  created_at      timestamptz not null default now(),
  delivered_at    timestamptz
);
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';

-- Cross-domain links (report -> need -> proposal -> plan item -> result), one table.
create table resource_links (
  id              bigint generated always as identity primary key,
  from_type       text not null,
  from_id         bigint not null,
  to_type         text not null,
  to_id           bigint not null,
  relation        text not null,
  created_at      timestamptz not null default now(),
  unique (from_type, from_id, to_type, to_id, relation)
);
create index resource_links_to_idx on resource_links (to_type, to_id);
