-- Open311 GeoReport v2: registered clients with their API keys, and what each one filed.

-- A key is shown once when it is issued; only its sha256 is kept. Revoked keys stay
-- (revoked_at set) so the audit trail and the requests a client filed keep their name.
create table open311_clients (
  id            bigint generated always as identity primary key,
  public_id     text not null unique,
  name          text not null check (length(name) between 1 and 100),
  key_hash      text not null unique,
  -- The first characters of the key, so an administrator can tell keys apart.
  key_prefix    text not null,
  created_at    timestamptz not null default now(),
  created_by    bigint references users(id),
  revoked_at    timestamptz,
  revoked_by    bigint references users(id),
  last_used_at  timestamptz
);
-- One active client per name: two "City app" keys side by side would confuse everyone.
create unique index open311_clients_active_name_key on open311_clients (lower(name)) where revoked_at is null;

-- Each report filed through Open311: which client sent it, the fields the spec carries
-- that a report has no column for, and the token GET tokens/{token} resolves.
create table open311_requests (
  id            bigint generated always as identity primary key,
  report_id     bigint not null unique references reports(id),
  client_id     bigint not null references open311_clients(id),
  token         text not null unique,
  account_id    text,
  device_id     text,
  address_id    text,
  media_url     text,
  created_at    timestamptz not null default now()
);
create index open311_requests_client_idx on open311_requests (client_id);
